# Content filtering as code: a policy stricter than the default, a blocklist of terms it applies, and two model
# deployments that use it. The deployments reference the policy, and the policy the blocklist, so that Terraform
# creates them in that order and destroys them in the reverse one (Azure refuses to delete a policy deployments use,
# or a blocklist a policy uses).

resource "foundry_account" "main" {
  name                  = "contoso-safe"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-safe"
  identity              = { type = "SystemAssigned" }
}

locals {
  # The four harm categories, filtered from Low (the strictest) on prompts and completions; Microsoft.DefaultV2
  # filters them from Medium.
  harm_categories = ["Hate", "Sexual", "Violence", "Selfharm"]

  competitor_terms = ["Fabrikam", "Tailspin Toys", "Wingtip Toys", "Northwind Traders"]
}

resource "foundry_rai_blocklist" "competitors" {
  account_id  = foundry_account.main.id
  name        = "competitors"
  description = "Competitors our assistants do not discuss"

  items       = { for i, term in local.competitor_terms : "competitor-${i}" => term }
  regex_items = { unreleased = "project[ -]?(falcon|osprey)" }
}

resource "foundry_rai_policy" "strict" {
  account_id       = foundry_account.main.id
  name             = "strict"
  base_policy_name = "Microsoft.DefaultV2"
  mode             = "Asynchronous_filter"

  content_filters = concat(
    [for c in local.harm_categories : { name = c, source = "Prompt", severity_threshold = "Low" }],
    [for c in local.harm_categories : { name = c, source = "Completion", severity_threshold = "Low" }],
    [
      { name = "Jailbreak", source = "Prompt" },
      { name = "Indirect Attack", source = "Prompt" },
      { name = "Protected Material Text", source = "Completion" },
      { name = "Protected Material Code", source = "Completion" },
    ],
  )

  custom_blocklists = [
    { blocklist_name = foundry_rai_blocklist.competitors.name, source = "Prompt" },
    { blocklist_name = foundry_rai_blocklist.competitors.name, source = "Completion" },
  ]
}

resource "foundry_deployment" "chat" {
  account_id      = foundry_account.main.id
  name            = "chat"
  model           = { format = "OpenAI", name = "gpt-4o" }
  sku             = { name = "GlobalStandard", capacity = 10 }
  rai_policy_name = foundry_rai_policy.strict.name
}

resource "foundry_deployment" "mini" {
  account_id      = foundry_account.main.id
  name            = "mini"
  model           = { format = "OpenAI", name = "gpt-4o-mini" }
  sku             = { name = "GlobalStandard", capacity = 10 }
  rai_policy_name = foundry_rai_policy.strict.name
}

output "rai_policy_id" {
  value = foundry_rai_policy.strict.id
}
