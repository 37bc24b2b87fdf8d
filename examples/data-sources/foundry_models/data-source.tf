# Which versions and deployment types of gpt-4.1 can this region deploy?
data "foundry_models" "gpt41" {
  location = "eastus"
  format   = "OpenAI"
  name     = "gpt-4.1"
}

output "gpt41_skus" {
  value = {
    for m in data.foundry_models.gpt41.models : m.version => [for s in m.skus : s.name]
  }
}

# The catalog of an existing account.
data "foundry_models" "account" {
  account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
}
