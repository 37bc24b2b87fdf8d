# Application Insights for tracing: category AppInsights, the component's ARM ID as target and resource ID, and its
# connection string as the (write-only) API key.
resource "foundry_account_connection" "app_insights" {
  account_id       = foundry_account.example.id
  name             = "appi-contoso"
  category         = "AppInsights"
  target           = azurerm_application_insights.example.id
  is_shared_to_all = true
  secret_version   = 1

  metadata = {
    ApiType    = "Azure"
    ResourceId = azurerm_application_insights.example.id
  }

  api_key {
    key_wo = azurerm_application_insights.example.connection_string
  }
}
