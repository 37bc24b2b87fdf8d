package capabilityhost_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// Issue 13: a capability host naming connections that do not exist, and a second capability host for one project,
// both reached Azure with a write. Both are refused at plan now, with the project and its connections existing.
func TestProjectCapabilityHostResource_checkedAtPlan(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + account(acc) + project() + connections("")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: base},
			{
				Config: base + `
resource "foundry_project_capability_host" "test" {
  project_id                 = foundry_project.test.id
  name                       = "agents"
  vector_store_connections   = ["no-such-search"]
  storage_connections        = [foundry_project_connection.storage.name]
  thread_storage_connections = [foundry_project_connection.cosmos.name]
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Connection not found.*No\s+connection\s+named\s+"no-such-search"\s+exists\s+in\s+project\s+"p1"`),
			},
			{
				Config: base + projectHostConfig("agents") + `
resource "foundry_project_capability_host" "second" {
  project_id                 = foundry_project.test.id
  name                       = "agents2"
  vector_store_connections   = [foundry_project_connection.search.name]
  storage_connections        = [foundry_project_connection.storage.name]
  thread_storage_connections = [foundry_project_connection.cosmos.name]
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Second capability host for the project.*Azure\s+allows\s+one\s+capability\s+host\s+per\s+project`),
			},
		},
	})
}

// Issue 13: an account capability host's customer subnet used to be accepted whatever it was. On an account without
// network injection the host brings the agent subnet (the spec's AccountCapabilityHost example and the samples'
// createCapHost.sh do this), so the subnet must meet the Agent Service's rules; on an injected account it must be the
// account's subnet.
func TestAccountCapabilityHostResource_customerSubnetAtPlan(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	plain := emulator.SubnetID(emulator.DefaultSubscriptionID, "rg-foundry", "vnet-foundry", "snet-plain")
	other := emulator.SubnetID(emulator.DefaultSubscriptionID, "rg-foundry", "vnet-foundry", "snet-agents-2")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      env.ProviderBlock("") + account(acc) + accountHostConfig("host", `customer_subnet_id = "`+plain+`"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Agent subnet is not delegated to Microsoft.App/environments`),
			},
			{
				Config:      env.ProviderBlock("") + injectedAccount(acc) + accountHostConfig("host", `customer_subnet_id = "`+other+`"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Not the account's agent subnet.*snet-agents-2`),
			},
		},
	})
}
