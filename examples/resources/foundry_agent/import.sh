# An agent is imported by its project's ARM ID followed by /agents/<name>.
terraform import foundry_agent.example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/projects/support-agents/agents/support-triage
