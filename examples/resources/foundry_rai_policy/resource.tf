resource "foundry_account" "example" {
  name                  = "contoso-foundry"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-foundry"
  identity              = { type = "SystemAssigned" }
}

resource "foundry_rai_blocklist" "competitors" {
  account_id  = foundry_account.example.id
  name        = "competitors"
  items       = { fabrikam = "Fabrikam" }
  regex_items = { tailspin = "tail ?spin" }
}

# Stricter than the default: the four harm categories filtered from Low on both sides, prompt shields on, and the
# blocklist applied to prompts and completions.
resource "foundry_rai_policy" "strict" {
  account_id       = foundry_account.example.id
  name             = "strict"
  base_policy_name = "Microsoft.DefaultV2"
  mode             = "Asynchronous_filter"

  content_filters = concat(
    [for category in ["Hate", "Sexual", "Violence", "Selfharm"] : { name = category, source = "Prompt", severity_threshold = "Low" }],
    [for category in ["Hate", "Sexual", "Violence", "Selfharm"] : { name = category, source = "Completion", severity_threshold = "Low" }],
    [
      { name = "Jailbreak", source = "Prompt" },
      { name = "Indirect Attack", source = "Prompt" },
      { name = "Protected Material Text", source = "Completion" },
    ],
  )

  custom_blocklists = [
    { blocklist_name = foundry_rai_blocklist.competitors.name, source = "Prompt" },
    { blocklist_name = foundry_rai_blocklist.competitors.name, source = "Completion" },
  ]
}

# The reference makes Terraform create the policy before the deployment and delete it after.
resource "foundry_deployment" "chat" {
  account_id      = foundry_account.example.id
  name            = "gpt-4o"
  model           = { format = "OpenAI", name = "gpt-4o" }
  sku             = { name = "GlobalStandard", capacity = 50 }
  rai_policy_name = foundry_rai_policy.strict.name
}
