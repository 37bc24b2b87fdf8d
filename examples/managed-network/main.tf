# A Foundry resource whose agents run in a Microsoft-managed virtual network that reaches only approved
# destinations: the rules the service adds itself, plus one rule of each kind below. The provider creates the
# network, provisions it (its Azure Firewall included) and waits until it is Active, then adds the rules one at a
# time (the service takes one write per account at a time). The defaults are the local Foundry emulator's seeded
# resources, so `terraform apply` works against it as is.

variable "name" {
  description = "Name and custom subdomain of the Foundry account."
  type        = string
  default     = "contoso-isolated"
}

variable "storage_account_id" {
  description = "Storage account the agents reach through a private endpoint."
  type        = string
  default     = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.Storage/storageAccounts/stfoundryagents"
}

resource "foundry_account" "main" {
  name                       = var.name
  resource_group_name        = "rg-foundry"
  location                   = "eastus"
  custom_subdomain_name      = var.name
  project_management_enabled = true
  identity                   = { type = "SystemAssigned" }
}

resource "foundry_account_managed_network" "main" {
  account_id           = foundry_account.main.id
  isolation_mode       = "AllowOnlyApprovedOutbound"
  firewall_sku         = "Standard"
  managed_network_kind = "V2"
}

# Package downloads for code the agents run.
resource "foundry_account_outbound_rule" "pypi" {
  managed_network_id = foundry_account_managed_network.main.id
  name               = "pypi"
  fqdn               = { destination = "pypi.org" }
}

resource "foundry_account_outbound_rule" "pythonhosted" {
  managed_network_id = foundry_account_managed_network.main.id
  name               = "pythonhosted"
  fqdn               = { destination = "*.pythonhosted.org" }
}

# Files in your storage account, over a private endpoint from the managed network.
resource "foundry_account_outbound_rule" "storage" {
  managed_network_id = foundry_account_managed_network.main.id
  name               = "agent-storage"
  private_endpoint = {
    service_resource_id = var.storage_account_id
    subresource_target  = "blob"
  }
}

# Microsoft Entra ID sign-ins of the tools the agents call.
resource "foundry_account_outbound_rule" "entra_id" {
  managed_network_id = foundry_account_managed_network.main.id
  name               = "entra-id"
  service_tag = {
    service_tag = "AzureActiveDirectory"
    protocol    = "TCP"
    port_ranges = "80,443"
  }
}

resource "foundry_project" "agents" {
  account_id = foundry_account.main.id
  name       = "agents"
  identity   = { type = "SystemAssigned" }

  # Agents of the project start once the network and its rules are in place.
  depends_on = [
    foundry_account_outbound_rule.pypi,
    foundry_account_outbound_rule.pythonhosted,
    foundry_account_outbound_rule.storage,
    foundry_account_outbound_rule.entra_id,
  ]
}

data "foundry_account_outbound_rules" "all" {
  managed_network_id = foundry_account_managed_network.main.id
  depends_on         = [foundry_project.agents]
}

output "firewall_public_ip_address" {
  value = foundry_account_managed_network.main.firewall_public_ip_address
}

# The rules the service added itself (category Required), next to yours.
output "microsoft_managed_rules" {
  value = [for r in data.foundry_account_outbound_rules.all.rules : r.name if r.microsoft_managed]
}
