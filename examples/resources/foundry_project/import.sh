# A project is imported by its ARM ID.
terraform import foundry_project.example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/projects/support-agents
