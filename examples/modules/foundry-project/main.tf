# A Foundry project as the platform team hands it out: always with a system-assigned identity (agents and keyless
# connections act as it), a managed-by tag, and connections whose names cannot collide with those of other projects
# in the same account.

locals {
  connection_names = { for key, _ in var.connections : key => "${var.name}-${key}" }
}

resource "foundry_project" "this" {
  account_id   = var.account_id
  name         = var.name
  display_name = var.display_name
  description  = var.description
  tags         = merge(var.tags, { managed-by = "terraform" })

  identity = {
    type = "SystemAssigned"
  }
}

resource "foundry_project_connection" "this" {
  for_each = var.connections

  project_id = foundry_project.this.id
  name       = local.connection_names[each.key]
  category   = each.value.category
  target     = each.value.target
  metadata   = each.value.metadata

  # Keyless: the project's system-assigned identity signs in to the target.
  aad {}
}
