# Azure Key Vault: the account keeps the secrets of its other connections (those not using Microsoft Entra ID) in your
# key vault. The connection uses the account's managed identity, which needs a role on the vault. Azure accepts it only
# while the account and its projects have no other connection, so every other connection depends on it (and is
# therefore also deleted before it).
resource "azurerm_role_assignment" "key_vault_secrets" {
  scope                = azurerm_key_vault.example.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = foundry_account.example.identity.principal_id
}

resource "foundry_account_connection" "key_vault" {
  account_id       = foundry_account.example.id
  name             = "contoso-keyvault"
  category         = "AzureKeyVault"
  target           = azurerm_key_vault.example.id
  is_shared_to_all = true

  metadata = {
    ApiType    = "Azure"
    ResourceId = azurerm_key_vault.example.id
    location   = azurerm_key_vault.example.location
  }

  account_managed_identity {}

  depends_on = [azurerm_role_assignment.key_vault_secrets]
}

# Any other connection of the account or its projects: its key is now kept in the vault.
variable "search_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "foundry_account_connection" "search" {
  account_id = foundry_account.example.id
  name       = "contoso-search"
  category   = "CognitiveSearch"
  target     = "https://contoso.search.windows.net"

  api_key {
    key_wo = var.search_api_key
  }
  secret_version = 1

  depends_on = [foundry_account_connection.key_vault]
}
