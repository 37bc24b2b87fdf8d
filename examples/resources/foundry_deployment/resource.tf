resource "foundry_account" "example" {
  name                  = "contoso-foundry"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-foundry"
  identity              = { type = "SystemAssigned" }
}

# An OpenAI model; the service picks the default version and fills the content filter.
resource "foundry_deployment" "chat" {
  account_id = foundry_account.example.id
  name       = "gpt-4o"

  model = {
    format = "OpenAI"
    name   = "gpt-4o"
  }

  sku = {
    name     = "GlobalStandard"
    capacity = 50 # thousands of tokens per minute
  }

  version_upgrade_option = "OnceCurrentVersionExpired"
}

# A model from another provider, pinned to a version.
resource "foundry_deployment" "phi" {
  account_id = foundry_account.example.id
  name       = "phi-4"

  model = {
    format  = "Microsoft"
    name    = "Phi-4"
    version = "7"
  }

  sku = {
    name = "GlobalStandard"
  }
}
