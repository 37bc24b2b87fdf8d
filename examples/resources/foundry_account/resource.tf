resource "foundry_account" "example" {
  name                  = "contoso-foundry"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-foundry"

  identity = {
    type = "SystemAssigned"
  }

  public_network_access = "Enabled"
  local_auth_enabled    = false

  network_acls = {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }

  tags = {
    team = "platform"
  }
}
