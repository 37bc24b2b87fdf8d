# The Foundry resource the module's tests put their projects in. The module never creates accounts; its callers do.

terraform {
  required_providers {
    foundry = {
      source = "foundrytf/foundry"
    }
  }
}

variable "account_name" {
  type    = string
  default = "tftest-foundry-project"
}

variable "resource_group_name" {
  type    = string
  default = "rg-foundry"
}

variable "location" {
  type    = string
  default = "eastus"
}

resource "foundry_account" "test" {
  name                       = var.account_name
  resource_group_name        = var.resource_group_name
  location                   = var.location
  custom_subdomain_name      = var.account_name
  project_management_enabled = true
  identity                   = { type = "SystemAssigned" }
}

output "account_id" {
  value = foundry_account.test.id
}
