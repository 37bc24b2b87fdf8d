data "foundry_project" "example" {
  account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
  name       = "support-agents"
}

output "project_guid" {
  value = data.foundry_project.example.project_guid
}
