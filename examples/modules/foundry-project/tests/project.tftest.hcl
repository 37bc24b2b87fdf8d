# Plans and applies the module in a Foundry resource created by ./tests/setup. Against the local emulator:
#
#   foundry-emulator -env-out emulator.env &   # then: source emulator.env
#   terraform init && terraform test
#
# Everything is destroyed at the end; the purge frees the account's name and subdomain at once, so the tests can
# run again against the same emulator (or subscription).

provider "foundry" {
  features {
    account {
      purge_soft_delete_on_destroy = true
    }
  }
}

variables {
  name         = "support"
  display_name = "Support agents"
  tags         = { team = "support" }
  connections = {
    search = {
      category = "CognitiveSearch"
      target   = "https://srch-foundry-agents.search.windows.net"
      metadata = { ApiType = "Azure" }
    }
    docs = {
      category = "AzureBlob"
      target   = "https://stfoundryagents.blob.core.windows.net/docs"
    }
  }
}

run "setup" {
  module {
    source = "./tests/setup"
  }
}

# What the module decides on its own is known at plan: names, identity, tags and the auth type.
run "plan" {
  command = plan

  variables {
    account_id = run.setup.account_id
  }

  assert {
    condition     = foundry_project.this.identity.type == "SystemAssigned"
    error_message = "the project must always have a system-assigned identity"
  }

  assert {
    condition     = foundry_project.this.tags == tomap({ team = "support", managed-by = "terraform" })
    error_message = "the module must add managed-by = terraform to the caller's tags"
  }

  assert {
    condition     = output.connection_names == { search = "support-search", docs = "support-docs" }
    error_message = "connection names must be <project>-<key>"
  }

  assert {
    condition     = alltrue([for c in values(foundry_project_connection.this) : c.auth_type == "AAD"])
    error_message = "every connection must be keyless (AAD)"
  }
}

# The real thing: the emulator answers with the IDs, the GUID and the endpoints a real project has.
run "apply" {
  variables {
    account_id = run.setup.account_id
  }

  assert {
    condition     = output.id == "${run.setup.account_id}/projects/support"
    error_message = "unexpected project ID: ${output.id}"
  }

  assert {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", output.project_guid))
    error_message = "project_guid is not a GUID: ${output.project_guid}"
  }

  assert {
    condition     = endswith(output.project_endpoint, "/api/projects/support") && output.endpoints["AI Foundry API"] == output.project_endpoint
    error_message = "project_endpoint must be the project's AI Foundry API endpoint"
  }

  assert {
    condition     = output.principal_id != null && output.principal_id != ""
    error_message = "the system-assigned identity has no principal ID"
  }

  assert {
    condition     = output.connection_ids["search"] == "${output.id}/connections/support-search"
    error_message = "unexpected connection ID: ${output.connection_ids["search"]}"
  }

  assert {
    condition     = foundry_project_connection.this["search"].auth_type == "AAD" && foundry_project_connection.this["search"].group == "AzureAI"
    error_message = "the search connection should be an AAD connection in group AzureAI"
  }
}

# Changing the display name and tags and dropping a connection updates the project in place: same GUID, same identity.
run "update" {
  variables {
    account_id   = run.setup.account_id
    display_name = "Customer support agents"
    tags         = { team = "customer-support" }
    connections = {
      search = {
        category = "CognitiveSearch"
        target   = "https://srch-foundry-agents.search.windows.net"
        metadata = { ApiType = "Azure" }
      }
    }
  }

  assert {
    condition     = output.project_guid == run.apply.project_guid && output.principal_id == run.apply.principal_id
    error_message = "the update replaced the project"
  }

  assert {
    condition     = foundry_project.this.display_name == "Customer support agents" && foundry_project.this.tags["team"] == "customer-support"
    error_message = "display_name and tags were not updated"
  }

  assert {
    condition     = keys(output.connection_ids) == ["search"]
    error_message = "the docs connection should be gone"
  }
}
