resource "foundry_agent_standard_setup" "example" {
  project_id           = foundry_project.example.id
  storage_account_id   = azurerm_storage_account.agents.id
  cosmos_db_account_id = azurerm_cosmosdb_account.agents.id
  search_service_id    = azurerm_search_service.agents.id

  # Users who build agents get the same data-plane roles as the project identity.
  additional_principal_ids = ["11111111-2222-3333-4444-555555555555"]
}
