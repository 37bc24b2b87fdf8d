# An Azure OpenAI connection shared by the account's projects. The API key is write-only (Terraform or OpenTofu
# 1.11 or later): it is sent to Azure but never stored in plan or state. Bump secret_version to send a new key.
variable "openai_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "foundry_account_connection" "example" {
  account_id     = foundry_account.example.id
  name           = "contoso-openai"
  category       = "AzureOpenAI"
  target         = "https://contoso-openai.openai.azure.com/"
  secret_version = 1

  metadata = {
    ApiType = "Azure"
  }

  api_key {
    key_wo = var.openai_api_key
  }
}
