# One Foundry resource shared by two teams: a project each, one model deployment both use, an account connection
# every project sees, and a connection of each project's own. Connection names are unique across the whole account
# (the account's and all its projects' share one namespace), so project connections carry the project's name.

resource "foundry_account" "main" {
  name                  = "contoso-teams"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-teams"
  identity              = { type = "SystemAssigned" }
}

resource "foundry_project" "support" {
  account_id   = foundry_account.main.id
  name         = "support"
  display_name = "Customer support agents"
  identity     = { type = "SystemAssigned" }
}

# The account's first project becomes its default, which Azure deletes only after all the others (the provider
# waits for them on destroy). Creating the second project after the first fixes which one is the default.
resource "foundry_project" "research" {
  account_id   = foundry_account.main.id
  name         = "research"
  display_name = "Research assistants"
  identity     = { type = "SystemAssigned" }

  depends_on = [foundry_project.support]
}

# Deployments belong to the account: every project reaches this one by its name.
resource "foundry_deployment" "chat" {
  account_id = foundry_account.main.id
  name       = "gpt-4o"
  model      = { format = "OpenAI", name = "gpt-4o" }
  sku        = { name = "GlobalStandard", capacity = 20 }
}

# The shared search index: an account connection with is_shared_to_all, so the projects list it next to their own.
# Keyless: the account's identity signs in (grant it Search Index Data Reader on the service).
resource "foundry_account_connection" "search" {
  account_id       = foundry_account.main.id
  name             = "shared-search"
  category         = "CognitiveSearch"
  target           = "https://srch-foundry-agents.search.windows.net"
  is_shared_to_all = true
  metadata         = { ApiType = "Azure" }

  aad {}
}

# Each team's own documents, keyless with the project's identity. "docs" alone could be used only once per account.
resource "foundry_project_connection" "support_docs" {
  project_id = foundry_project.support.id
  name       = "support-docs"
  category   = "AzureBlob"
  target     = "https://stfoundryagents.blob.core.windows.net/support"
  metadata   = { ApiType = "Azure" }

  aad {}
}

resource "foundry_project_connection" "research_docs" {
  project_id = foundry_project.research.id
  name       = "research-docs"
  category   = "AzureBlob"
  target     = "https://stfoundryagents.blob.core.windows.net/research"
  metadata   = { ApiType = "Azure" }

  aad {}
}

# One agent per team on the shared deployment. Foundry User on the account covers both projects. The assignment waits
# until the data plane honours it, probing the account's first project, so it is created after the projects.
data "foundry_client_config" "current" {}

resource "foundry_role_assignment" "terraform" {
  scope                = foundry_account.main.id
  principal_id         = data.foundry_client_config.current.object_id
  role_definition_name = "Foundry User"
  wait_for_propagation = true

  depends_on = [foundry_project.support, foundry_project.research]
}

resource "foundry_agent" "support" {
  project_id = foundry_project.support.id
  name       = "support-assistant"

  definition {
    model        = foundry_deployment.chat.name
    instructions = "Answer customer questions from the support documents and the shared search index."
  }

  depends_on = [foundry_role_assignment.terraform]
}

resource "foundry_agent" "research" {
  project_id = foundry_project.research.id
  name       = "research-assistant"

  definition {
    model        = foundry_deployment.chat.name
    instructions = "Summarise papers from the research documents and the shared search index."
  }

  depends_on = [foundry_role_assignment.terraform]
}

output "project_endpoints" {
  value = {
    support  = foundry_project.support.project_endpoint
    research = foundry_project.research.project_endpoint
  }
}

output "shared_connection_id" {
  value = foundry_account_connection.search.id
}
