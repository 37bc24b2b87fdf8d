data "foundry_rai_policies" "example" {
  account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
}

# The names a deployment's rai_policy_name can take: the built-in policies and the account's own.
output "rai_policy_names" {
  value = data.foundry_rai_policies.example.names
}
