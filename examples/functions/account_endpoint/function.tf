output "foundry_endpoint" {
  value = provider::foundry::account_endpoint("contoso-foundry", "public") # "https://contoso-foundry.services.ai.azure.com/"
}
