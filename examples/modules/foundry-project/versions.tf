terraform {
  # 1.6 is the first release with `terraform test`, which the module's own tests use.
  required_version = ">= 1.6"

  required_providers {
    foundry = {
      source = "foundrytf/foundry"
    }
  }
}
