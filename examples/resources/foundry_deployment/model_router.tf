# A model router that spreads requests over three models, favouring the cheapest that meets each request, paused until
# it is needed (pausing keeps the deployment; requests get HTTP 423 meanwhile).
resource "foundry_deployment" "router" {
  account_id = foundry_account.example.id
  name       = "router"

  model = {
    format  = "OpenAI"
    name    = "model-router"
    version = "2025-11-18"
  }

  sku = {
    name     = "GlobalStandard"
    capacity = 10
  }

  routing = {
    mode = "cost"
    models = [
      { format = "OpenAI", name = "gpt-4.1-mini" },
      { format = "OpenAI", name = "gpt-4.1" },
      { format = "OpenAI", name = "o3-mini" },
    ]
  }

  deployment_state = "Paused"
}
