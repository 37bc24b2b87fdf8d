data "foundry_account_managed_network" "example" {
  account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
}

output "isolation_mode" {
  value = data.foundry_account_managed_network.example.isolation_mode
}
