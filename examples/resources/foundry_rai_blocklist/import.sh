# A blocklist is imported by its ARM ID; every item it has goes into items.
terraform import foundry_rai_blocklist.example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/raiBlocklists/competitors
