data "foundry_client_config" "current" {}

# Let the identity Terraform runs as manage agents in the project, and wait until the data plane honours it.
resource "foundry_role_assignment" "terraform" {
  scope                = foundry_project.example.id
  principal_id         = data.foundry_client_config.current.object_id
  role_definition_name = "Foundry User"
  wait_for_propagation = true
}

# The project's managed identity needs Foundry User on the account for tool calls.
resource "foundry_role_assignment" "project_identity" {
  scope              = foundry_account.example.id
  principal_id       = foundry_project.example.identity.principal_id
  principal_type     = "ServicePrincipal" # works before the new identity has replicated
  role_definition_id = "53ca6127-db72-4b80-b1b0-d745d6d5456d"
}
