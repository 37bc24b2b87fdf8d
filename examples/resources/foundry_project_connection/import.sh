# A project connection is imported by its ARM ID; add the credentials block (and secret) to the configuration.
terraform import foundry_project_connection.cosmos /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/projects/support-agents/connections/contoso-cosmos
