# Write-only (Terraform or OpenTofu 1.11 or later): the token never reaches plan or state.
resource "foundry_project_connection" "github" {
  project_id     = foundry_project.example.id
  name           = "contoso-github"
  category       = "Git"
  target         = "https://github.com/contoso"
  secret_version = 1 # change it to send a new pat_wo

  pat {
    pat_wo = var.github_token
  }
}

# Older CLIs: the sensitive form works everywhere but is stored in state.
resource "foundry_project_connection" "github_legacy" {
  project_id = foundry_project.example.id
  name       = "contoso-github-legacy"
  category   = "Git"
  target     = "https://github.com/contoso"

  pat {
    pat = var.github_token
  }
}

variable "github_token" {
  type      = string
  sensitive = true
}
