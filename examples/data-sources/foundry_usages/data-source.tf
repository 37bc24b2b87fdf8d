data "foundry_usages" "gpt4o" {
  location = "eastus"
  name     = "OpenAI.GlobalStandard.gpt-4o"
}

output "gpt4o_free_capacity" {
  value = [for u in data.foundry_usages.gpt4o.usages : u.limit - u.current_value]
}
