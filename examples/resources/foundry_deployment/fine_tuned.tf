# A fine-tuned model trained in another Foundry resource (here in another region), deployed in this one: the model is
# named as its training job named it, and model.source_account says where it comes from. The plan cannot check such a
# model against this account's catalog and quota; Azure checks it at apply.
data "foundry_account" "training" {
  name                = "contoso-training"
  resource_group_name = "rg-training"
}

resource "foundry_deployment" "support_bot" {
  account_id = foundry_account.example.id
  name       = "support-bot"

  model = {
    format         = "OpenAI"
    name           = "gpt-4.1-mini-2025-04-14.ft-0123456789abcdef0123456789abcdef"
    version        = "1"
    source_account = data.foundry_account.training.id
  }

  sku = {
    name     = "GlobalStandard"
    capacity = 1
  }
}
