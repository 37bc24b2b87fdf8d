data "foundry_account_outbound_rules" "example" {
  managed_network_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/managedNetworks/default"
}

# The rules the service added itself, and yours.
output "required_rules" {
  value = [for r in data.foundry_account_outbound_rules.example.rules : r.name if r.microsoft_managed]
}

output "fqdn_destinations" {
  value = [for r in data.foundry_account_outbound_rules.example.rules : r.destination if r.type == "FQDN"]
}
