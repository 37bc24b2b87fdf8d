resource "foundry_project" "example" {
  account_id   = foundry_account.example.id
  name         = "support-agents"
  display_name = "Support agents"
  description  = "Agents that answer customer support questions."

  identity = {
    type = "SystemAssigned"
  }

  tags = {
    team = "support"
  }
}

output "project_endpoint" {
  value = foundry_project.example.project_endpoint
}
