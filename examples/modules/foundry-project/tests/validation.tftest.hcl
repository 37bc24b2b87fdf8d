# The module's input rules. Every run is plan-only and fails at variable validation, and the provider is mocked
# (Terraform 1.7 or later), so this file needs no credentials, no emulator and no network.

mock_provider "foundry" {}

variables {
  account_id = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso"
  name       = "support"
}

run "bad_account_id" {
  command = plan

  variables {
    account_id = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.Storage/storageAccounts/contoso"
  }

  expect_failures = [var.account_id]
}

run "bad_name" {
  command = plan

  variables {
    name = "Support_Agents"
  }

  expect_failures = [var.name]
}

run "connection_key_too_long" {
  command = plan

  variables {
    connections = {
      "very-long-key" = { category = "CognitiveSearch", target = "https://contoso.search.windows.net" }
    }
  }

  expect_failures = [var.connections]
}

run "connection_target_not_https" {
  command = plan

  variables {
    connections = {
      search = { category = "CognitiveSearch", target = "contoso.search.windows.net" }
    }
  }

  expect_failures = [var.connections]
}
