# Every connection of a project (credentials are never returned).
data "foundry_connections" "project" {
  project_id = foundry_project.example.id
}

# Only the account's own Azure OpenAI connections.
data "foundry_connections" "openai" {
  account_id = foundry_account.example.id
  category   = "AzureOpenAI"
}

output "project_connection_names" {
  value = data.foundry_connections.project.connections[*].name
}
