data "foundry_deployment" "example" {
  account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
  name       = "gpt-4o"
}

output "deployed_version" {
  value = data.foundry_deployment.example.model.version
}
