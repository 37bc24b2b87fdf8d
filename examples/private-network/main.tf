# A Foundry account whose agents run in your own virtual network (network injection, "agent" scenario).
# The subnet must already exist, be delegated to Microsoft.App/environments, lie in the account's region in an
# RFC 1918 range outside the ranges the Agent Service reserves (172.30.0.0/16, 172.31.0.0/16, ...), and serve
# no other account; the provider checks all of this at plan time.
#
# The defaults are the local Foundry emulator's seeded resources, so `terraform apply` works against it as is.

variable "name" {
  description = "Name and custom subdomain of the Foundry account."
  type        = string
  default     = "contoso-agents"
}

variable "resource_group_name" {
  description = "Resource group of the account."
  type        = string
  default     = "rg-foundry"
}

variable "location" {
  description = "Region of the account; the agent subnet's virtual network must be in the same region."
  type        = string
  default     = "eastus"
}

variable "agent_subnet_id" {
  description = "ARM ID of the agent subnet, delegated to Microsoft.App/environments (a /24 is recommended)."
  type        = string
  default     = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.Network/virtualNetworks/vnet-foundry/subnets/snet-agents"
}

resource "foundry_account" "main" {
  name                  = var.name
  resource_group_name   = var.resource_group_name
  location              = var.location
  custom_subdomain_name = var.name

  identity = {
    type = "SystemAssigned"
  }

  # Agents reach the account through the virtual network only.
  public_network_access = "Disabled"
  local_auth_enabled    = false

  network_acls = {
    default_action = "Deny"
    bypass         = "AzureServices"
  }

  # Any change here replaces the account. On destroy, with
  # features { account { purge_soft_delete_on_destroy = true } }, the provider waits until the service releases
  # the subnet, so it can be deleted or reused right after.
  network_injection = {
    scenario  = "agent"
    subnet_id = var.agent_subnet_id
  }
}

output "account_id" {
  value = foundry_account.main.id
}

# The capability host the service creates for the injected account; capability-host resources adopt it by name.
output "agent_capability_host_name" {
  value = foundry_account.main.agent_capability_host_name
}
