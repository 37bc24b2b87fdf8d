# Credentials come from the same ARM_* environment variables the azurerm provider reads
# (ARM_SUBSCRIPTION_ID, ARM_TENANT_ID, ARM_CLIENT_ID, ARM_CLIENT_SECRET, ARM_USE_OIDC, ...).
provider "foundry" {
  features {
    account {
      # Free the name and subdomain at once when an account is destroyed.
      purge_soft_delete_on_destroy = true
    }
  }
}
