# A RAI policy is imported by its ARM ID.
terraform import foundry_rai_policy.example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/raiPolicies/strict
