# The agent service names blob containers "<project GUID>...-azureml-agent"; storage conditions need the GUID form.
output "project_guid" {
  value = provider::foundry::project_guid(foundry_project.example.internal_id)
}
