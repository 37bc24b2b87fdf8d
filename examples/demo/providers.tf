# The demo that `make demo` runs against the local Foundry emulator. The provider reads the emulator's
# address and credentials from the ARM_* variables that `foundry-emulator -env-out` writes.
terraform {
  required_providers {
    foundry = {
      source = "foundrytf/foundry"
    }
  }
}

provider "foundry" {
  features {
    account {
      purge_soft_delete_on_destroy = true
    }
  }
}
