# Terraform 1.12 and later, and OpenTofu 1.12 and later: import by the resource identity, the pieces of the ID.
# subscription_id may be left out: the provider's subscription is used.
import {
  to = foundry_project.example
  identity = {
    resource_group_name = "rg-foundry"
    account_name        = "contoso-foundry"
    name                = "support-agents"
  }
}
