output "id" {
  description = "ARM ID of the project."
  value       = foundry_project.this.id
}

output "name" {
  description = "Name of the project."
  value       = foundry_project.this.name
}

output "project_guid" {
  description = "The project's internal ID as a GUID, the form Cosmos DB scopes and storage ABAC conditions of the agent service use."
  value       = foundry_project.this.project_guid
}

output "project_endpoint" {
  description = "The project's data-plane endpoint, where agents live."
  value       = foundry_project.this.project_endpoint
}

output "endpoints" {
  description = "Every endpoint of the project, by service name."
  value       = foundry_project.this.endpoints
}

output "principal_id" {
  description = "Object ID of the project's system-assigned identity, for role assignments on connection targets."
  value       = foundry_project.this.identity.principal_id
}

output "connection_names" {
  description = "Names of the project's connections, by key (known at plan)."
  value       = local.connection_names
}

output "connection_ids" {
  description = "ARM IDs of the project's connections, by key."
  value       = { for key, c in foundry_project_connection.this : key => c.id }
}
