resource "foundry_account_managed_network" "example" {
  account_id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
  isolation_mode = "AllowOnlyApprovedOutbound"
}

# A domain, through the network's Azure Firewall.
resource "foundry_account_outbound_rule" "pypi" {
  managed_network_id = foundry_account_managed_network.example.id
  name               = "pypi"
  fqdn = {
    destination = "pypi.org"
  }
}

# A private endpoint from the managed network to a storage account's blob service.
resource "foundry_account_outbound_rule" "storage" {
  managed_network_id = foundry_account_managed_network.example.id
  name               = "agent-storage"
  private_endpoint = {
    service_resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.Storage/storageAccounts/stcontosoagents"
    subresource_target  = "blob"
  }
}

# An Azure service tag.
resource "foundry_account_outbound_rule" "frontdoor" {
  managed_network_id = foundry_account_managed_network.example.id
  name               = "front-door"
  service_tag = {
    service_tag = "AzureFrontDoor.Frontend"
    protocol    = "TCP"
    port_ranges = "443"
  }
}
