data "foundry_account" "example" {
  name                = "contoso-foundry"
  resource_group_name = "rg-foundry"
}

output "foundry_endpoint" {
  value = data.foundry_account.example.endpoints["AI Foundry API"]
}
