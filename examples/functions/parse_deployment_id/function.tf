output "deployment_name" {
  value = provider::foundry::parse_deployment_id(var.deployment_id).deployment_name
}
