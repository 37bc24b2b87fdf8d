# The system-assigned identity only exists once the account does: create the account, give its identity access to
# the key, then set the key. (With a user-assigned identity, use the account's customer_managed_key block instead.)
resource "foundry_account" "example" {
  name                  = "contoso-foundry"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-foundry"

  identity = {
    type = "SystemAssigned"
  }
}

# Key Vault Crypto User on the key, for the account's identity (azurerm provider).
resource "azurerm_role_assignment" "account_key" {
  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.KeyVault/vaults/kv-foundry-cmk/keys/foundry-cmk"
  role_definition_name = "Key Vault Crypto User"
  principal_id         = foundry_account.example.identity.principal_id
}

resource "foundry_account_customer_managed_key" "example" {
  account_id = foundry_account.example.id
  # Versionless: the account follows the key's current version (key_version shows it).
  key_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.KeyVault/vaults/kv-foundry-cmk/keys/foundry-cmk"

  depends_on = [azurerm_role_assignment.account_key]
}
