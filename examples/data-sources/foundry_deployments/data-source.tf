data "foundry_deployments" "example" {
  account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
}

output "deployment_names" {
  value = [for d in data.foundry_deployments.example.deployments : d.name]
}
