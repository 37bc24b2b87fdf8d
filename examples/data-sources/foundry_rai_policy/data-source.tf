data "foundry_rai_policy" "default" {
  account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
  name       = "Microsoft.DefaultV2"
}

output "default_thresholds" {
  value = { for f in data.foundry_rai_policy.default.content_filters : "${f.name}/${f.source}" => f.severity_threshold }
}
