locals {
  account = provider::foundry::parse_account_id(var.account_id)
}

output "account_resource_group" {
  value = local.account.resource_group_name # e.g. "rg-foundry"
}
