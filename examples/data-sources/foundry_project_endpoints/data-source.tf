data "foundry_project_endpoints" "example" {
  project_id = foundry_project.example.id
}

# For an SDK or script: the endpoint, and the scope to request a token for.
output "foundry_endpoint" {
  value = data.foundry_project_endpoints.example.endpoint
}

output "foundry_token_scope" {
  value = data.foundry_project_endpoints.example.scope
}
