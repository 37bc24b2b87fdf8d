data "foundry_client_config" "current" {}

output "terraform_object_id" {
  value = data.foundry_client_config.current.object_id
}
