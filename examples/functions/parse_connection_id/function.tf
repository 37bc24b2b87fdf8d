locals {
  connection = provider::foundry::parse_connection_id(var.connection_id)
}

output "connection_is_project_scoped" {
  value = local.connection.project_name != null
}
