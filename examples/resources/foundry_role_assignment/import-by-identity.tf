# Terraform 1.12 and later, and OpenTofu 1.12 and later: import by the resource identity, the pieces of the ID.
import {
  to = foundry_role_assignment.terraform
  identity = {
    scope = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/projects/support-agents"
    name  = "6f1c2b8e-3d4a-5b6c-8d7e-9f0a1b2c3d4e"
  }
}
