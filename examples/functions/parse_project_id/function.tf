output "project_account_id" {
  # The account that holds a project, from the project's ID alone.
  value = provider::foundry::parse_project_id(var.project_id).account_id
}
