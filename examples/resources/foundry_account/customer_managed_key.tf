resource "foundry_account" "encrypted" {
  name                  = "contoso-encrypted"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-encrypted"

  identity = {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.foundry.id]
  }

  # The identity must already have get, wrapKey and unwrapKey on the key.
  customer_managed_key = {
    key_id             = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.KeyVault/vaults/kv-foundry-cmk/keys/foundry-cmk"
    identity_client_id = azurerm_user_assigned_identity.foundry.client_id
  }
}
