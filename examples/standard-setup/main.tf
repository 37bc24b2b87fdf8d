# The standard agent setup: a Foundry resource whose project keeps agent threads in your Cosmos DB, files in your
# Storage account and vectors in your AI Search service, in one apply and without sleeps. The defaults are the
# dependencies the Foundry emulator seeds; point the variables at your own resources.

variable "storage_account_id" {
  type    = string
  default = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.Storage/storageAccounts/stfoundryagents"
}

variable "cosmos_db_account_id" {
  type    = string
  default = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-foundry-agents"
}

variable "search_service_id" {
  type    = string
  default = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.Search/searchServices/srch-foundry-agents"
}

resource "foundry_account" "main" {
  name                       = "contoso-agents-std"
  resource_group_name        = "rg-foundry"
  location                   = "eastus"
  custom_subdomain_name      = "contoso-agents-std"
  project_management_enabled = true
  identity                   = { type = "SystemAssigned" }
}

resource "foundry_project" "support" {
  account_id = foundry_account.main.id
  name       = "support"
  identity   = { type = "SystemAssigned" }
}

resource "foundry_deployment" "chat" {
  account_id = foundry_account.main.id
  name       = "gpt-4o"
  model      = { format = "OpenAI", name = "gpt-4o" }
  sku        = { name = "GlobalStandard", capacity = 10 }
}

# Connections, the project identity's roles, the capability host (retried while the roles propagate) and the
# data-plane roles, in that order; destroyed in reverse.
resource "foundry_agent_standard_setup" "support" {
  project_id           = foundry_project.support.id
  storage_account_id   = var.storage_account_id
  cosmos_db_account_id = var.cosmos_db_account_id
  search_service_id    = var.search_service_id
}

output "capability_host_id" {
  value = foundry_agent_standard_setup.support.capability_host_id
}
