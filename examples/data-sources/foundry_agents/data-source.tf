data "foundry_agents" "all" {
  project_id = foundry_project.example.id
}

output "agent_names" {
  value = data.foundry_agents.all.names
}
