# Which connections a project's agents keep their threads, files and vectors in.
data "foundry_project_capability_host" "agents" {
  project_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry/projects/support"
  name       = "agents"
}

output "thread_storage" {
  value = data.foundry_project_capability_host.agents.thread_storage_connections
}
