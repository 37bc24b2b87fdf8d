resource "foundry_account" "agents" {
  name                  = "contoso-agents"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-agents"
  public_network_access = "Disabled"

  identity = {
    type = "SystemAssigned"
  }

  network_injection = {
    scenario  = "agent"
    subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.Network/virtualNetworks/vnet-foundry/subnets/snet-agents"
  }
}
