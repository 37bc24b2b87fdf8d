resource "foundry_account" "example" {
  name                  = "contoso-foundry"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-foundry"
  identity              = { type = "SystemAssigned" }
}

locals {
  # Thousands of terms are fine: items are written 100 per request.
  blocked_terms = ["Fabrikam", "Tailspin Toys", "Wingtip"]
}

resource "foundry_rai_blocklist" "competitors" {
  account_id  = foundry_account.example.id
  name        = "competitors"
  description = "Competitor names we do not discuss"

  # Item name => term, matched literally.
  items = { for i, term in local.blocked_terms : "term-${i}" => term }

  # Item name => regular expression.
  regex_items = {
    codename = "project[ -]?x"
  }
}
