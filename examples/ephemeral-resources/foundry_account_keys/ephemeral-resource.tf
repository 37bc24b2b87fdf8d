# The account's keys, read at plan and apply and never stored: here they become the write-only API key of a
# connection in another account (Terraform 1.11 or later, OpenTofu 1.11 or later, for write-only attributes).
ephemeral "foundry_account_keys" "shared" {
  account_id = foundry_account.shared.id
}

resource "foundry_account_connection" "shared_models" {
  account_id     = foundry_account.example.id
  name           = "shared-models"
  category       = "AIServices"
  target         = foundry_account.shared.endpoint
  secret_version = 1 # change it after a key rotation to send the new key

  api_key {
    key_wo = ephemeral.foundry_account_keys.shared.primary_key
  }
}
