# The demo's Foundry resource, a project and a catalog-checked model deployment (providers.tf configures the
# provider).
variable "name" {
  description = "Name and custom subdomain of the Foundry resource."
  type        = string
  default     = "demo-foundry"
}

resource "foundry_account" "demo" {
  name                  = var.name
  resource_group_name   = "rg-foundry"
  location              = "East US"
  custom_subdomain_name = var.name

  identity = {
    type = "SystemAssigned"
  }

  local_auth_enabled = false

  network_acls = {
    default_action = "Allow"
    ip_rules       = ["203.0.113.0/24"]
  }

  tags = {
    purpose = "demo"
  }
}

resource "foundry_project" "demo" {
  account_id   = foundry_account.demo.id
  name         = "demo-project"
  display_name = "Demo project"
  identity     = { type = "SystemAssigned" }
}

# Checked against the account's model catalog and the region's quota at plan time.
resource "foundry_deployment" "chat" {
  account_id = foundry_account.demo.id
  name       = "gpt-4o"

  model = {
    format = "OpenAI"
    name   = "gpt-4o"
  }

  sku = {
    name     = "GlobalStandard"
    capacity = 10
  }
}

data "foundry_account" "demo" {
  name                = foundry_account.demo.name
  resource_group_name = foundry_account.demo.resource_group_name
}

output "account_id" {
  value = foundry_account.demo.id
}

output "foundry_api_endpoint" {
  value = data.foundry_account.demo.endpoints["AI Foundry API"]
}

output "project_endpoint" {
  value = foundry_project.demo.project_endpoint
}

output "deployment_model_version" {
  value = foundry_deployment.chat.model.version
}

output "principal_id" {
  value = foundry_account.demo.identity.principal_id
}
