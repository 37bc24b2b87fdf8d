# A managed network is imported by its ARM ID (its name is always "default").
terraform import foundry_account_managed_network.example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/managedNetworks/default
