# A deployment is imported by its ARM ID.
terraform import foundry_deployment.example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/deployments/gpt-4o
