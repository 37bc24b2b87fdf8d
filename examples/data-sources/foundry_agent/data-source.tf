data "foundry_agent" "triage" {
  project_id = foundry_project.example.id
  name       = "support-triage"
}

output "triage_version" {
  value = data.foundry_agent.triage.version
}
