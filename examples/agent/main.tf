# A Foundry resource with a project, a model deployment and a prompt agent, created in one apply by an identity that
# starts without any Foundry role: the role assignment waits until the data plane honours it, so the agent needs no sleep.

data "foundry_client_config" "current" {}

resource "foundry_account" "main" {
  name                  = "contoso-agents"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-agents"
  identity              = { type = "SystemAssigned" }
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

# Foundry User for the identity Terraform runs as, so that it may manage agents in the project.
resource "foundry_role_assignment" "terraform" {
  scope                = foundry_project.support.id
  principal_id         = data.foundry_client_config.current.object_id
  role_definition_name = "Foundry User"
  wait_for_propagation = true
}

resource "foundry_agent" "triage" {
  # Referencing the assignment's scope orders the agent after the role is effective.
  project_id  = foundry_role_assignment.terraform.scope
  name        = "triage"
  description = "Sorts incoming support requests"
  metadata    = { team = "support" }

  definition {
    model        = foundry_deployment.chat.name
    instructions = "Classify the request as billing, technical or other, and answer in one sentence."
    temperature  = 0.2

    tools {
      function {
        name        = "open_ticket"
        description = "Opens a ticket in the support system"
        parameters = jsonencode({
          type       = "object"
          properties = { category = { type = "string", enum = ["billing", "technical", "other"] } }
          required   = ["category"]
        })
      }
    }
  }
}

output "project_endpoint" {
  value = foundry_project.support.project_endpoint
}

output "agent_version" {
  value = foundry_agent.triage.version
}
