# An outbound rule is imported by its ARM ID; the rules the service adds itself cannot be imported.
terraform import foundry_account_outbound_rule.example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/managedNetworks/default/outboundRules/pypi
