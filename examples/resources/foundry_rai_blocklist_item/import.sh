# A blocklist item is imported by its ARM ID.
terraform import foundry_rai_blocklist_item.example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/raiBlocklists/competitors/raiBlocklistItems/codename-falcon
