# The host the service created for a network-injected account, which no resource needs to manage.
data "foundry_account_capability_host" "agents" {
  account_id = foundry_account.example.id
  name       = foundry_account.example.agent_capability_host_name
}

output "agent_subnet" {
  value = data.foundry_account_capability_host.agents.customer_subnet_id
}
