# A network-injected account already has the capability host the service created; naming it adopts it.
resource "foundry_account_capability_host" "example" {
  account_id         = foundry_account.example.id
  name               = foundry_account.example.agent_capability_host_name
  customer_subnet_id = foundry_account.example.network_injection.subnet_id
}
