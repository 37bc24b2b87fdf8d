# The Cosmos DB connection of a project's standard agent setup, read by name: no credentials.
data "foundry_project_connection" "cosmos" {
  project_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/projects/support"
  name       = "contoso-cosmos"
}

output "cosmos_auth_type" {
  value = data.foundry_project_connection.cosmos.auth_type # "AAD"
}
