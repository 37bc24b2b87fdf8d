# A Foundry account encrypted with a customer-managed key from the moment it is created: the account uses a
# user-assigned identity that already has get, wrapKey and unwrapKey on the key (Key Vault Crypto User, or an access
# policy), so the one PUT that creates the account also encrypts it.
#
# The vault must have soft delete and purge protection, be in the account's region and tenant, and the key must be
# RSA or RSA-HSM 2048; the provider checks this at plan time. A versionless key ID follows key rotation.
#
# The defaults are the local Foundry emulator's seeded resources, so `terraform apply` works against it as is.

variable "name" {
  description = "Name and custom subdomain of the Foundry account."
  type        = string
  default     = "contoso-encrypted"
}

variable "resource_group_name" {
  description = "Resource group of the account."
  type        = string
  default     = "rg-foundry"
}

variable "location" {
  description = "Region of the account (and of the key vault)."
  type        = string
  default     = "eastus"
}

variable "identity_id" {
  description = "ARM ID of the user-assigned identity that reaches the key."
  type        = string
  default     = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-foundry"
}

variable "identity_client_id" {
  description = "Client ID of that identity (azurerm_user_assigned_identity.<name>.client_id)."
  type        = string
  default     = "49677ba7-dac0-5ed1-8e73-f317f5a7c213"
}

variable "key_id" {
  description = "ARM ID of the Key Vault key, without /versions/... to follow rotation."
  type        = string
  default     = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.KeyVault/vaults/kv-foundry-cmk/keys/foundry-cmk"
}

resource "foundry_account" "main" {
  name                  = var.name
  resource_group_name   = var.resource_group_name
  location              = var.location
  custom_subdomain_name = var.name

  identity = {
    type         = "SystemAssigned, UserAssigned"
    identity_ids = [var.identity_id]
  }

  # Removing this block later is refused: Azure cannot switch an account back to Microsoft-managed keys.
  customer_managed_key = {
    key_id             = var.key_id
    identity_client_id = var.identity_client_id
  }
}

output "key_version" {
  description = "The key version the account uses now; it follows rotation on refresh."
  value       = foundry_account.main.customer_managed_key.key_version
}
