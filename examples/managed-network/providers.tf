terraform {
  required_providers {
    foundry = { source = "foundrytf/foundry" }
  }
}

# Credentials and endpoints come from ARM_* environment variables, as for azurerm.
provider "foundry" {}
