# An account connection made elsewhere (the portal, another configuration), read by name: no credentials.
data "foundry_account_connection" "openai" {
  account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
  name       = "contoso-openai"
}

output "openai_target" {
  value = data.foundry_account_connection.openai.target
}
