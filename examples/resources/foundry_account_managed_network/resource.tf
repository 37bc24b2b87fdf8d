resource "foundry_account" "example" {
  name                  = "contoso-foundry"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-foundry"
  identity              = { type = "SystemAssigned" }
}

# Only approved destinations: the service's required rules and the foundry_account_outbound_rule resources.
# The resource provisions the network (a firewall included) and waits until it is Active.
resource "foundry_account_managed_network" "example" {
  account_id           = foundry_account.example.id
  isolation_mode       = "AllowOnlyApprovedOutbound"
  firewall_sku         = "Standard"
  managed_network_kind = "V2"
}

output "firewall_public_ip_address" {
  value = foundry_account_managed_network.example.firewall_public_ip_address
}
