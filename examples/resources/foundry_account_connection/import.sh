# An account connection is imported by its ARM ID; add the credentials block (and secret) to the configuration.
terraform import foundry_account_connection.example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/connections/contoso-openai
