# The project identity needs its roles on the three services first; foundry_agent_standard_setup does all of it.
resource "foundry_project_capability_host" "example" {
  project_id                 = foundry_project.example.id
  name                       = "agents"
  vector_store_connections   = [foundry_project_connection.search.name]
  storage_connections        = [foundry_project_connection.storage.name]
  thread_storage_connections = [foundry_project_connection.cosmos.name]
}
