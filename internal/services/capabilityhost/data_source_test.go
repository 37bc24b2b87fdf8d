package capabilityhost_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Each scope's data source reads the host by name as the resource reads it.
func TestCapabilityHostDataSource_bothScopes(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	resources := env.ProviderBlock("") + account(acc) + accountHostConfig("agents", "") + project() + connections("") + projectHostConfig("project-agents")
	reads := `
data "foundry_account_capability_host" "test" {
  account_id = foundry_account_capability_host.test.account_id
  name       = foundry_account_capability_host.test.name
}

data "foundry_project_capability_host" "test" {
  project_id = foundry_project_capability_host.test.project_id
  name       = foundry_project_capability_host.test.name
}
`
	const accountData, projectData = "data.foundry_account_capability_host.test", "data.foundry_project_capability_host.test"
	var checks []statecheck.StateCheck
	for _, attr := range []string{"id", "name", "vector_store_connections", "storage_connections", "thread_storage_connections",
		"ai_services_connections", "provisioning_state"} {
		checks = append(checks,
			statecheck.CompareValuePairs(accountHost, tfjsonpath.New(attr), accountData, tfjsonpath.New(attr), compare.ValuesSame()),
			statecheck.CompareValuePairs(projectHost, tfjsonpath.New(attr), projectData, tfjsonpath.New(attr), compare.ValuesSame()))
	}
	checks = append(checks,
		statecheck.CompareValuePairs(accountHost, tfjsonpath.New("customer_subnet_id"), accountData, tfjsonpath.New("customer_subnet_id"), compare.ValuesSame()),
		statecheck.ExpectKnownValue(accountData, tfjsonpath.New("kind"), knownvalue.StringExact("Agents")),
		statecheck.ExpectKnownValue(accountData, tfjsonpath.New("customer_subnet_id"), knownvalue.Null()),
		statecheck.ExpectKnownValue(accountData, tfjsonpath.New("provisioning_state"), knownvalue.StringExact("Succeeded")),
		statecheck.ExpectKnownValue(projectData, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/projects/p1/capabilityHosts/project-agents")),
		statecheck.ExpectKnownValue(projectData, tfjsonpath.New("thread_storage_connections"),
			knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("cosmos-foundry-agents")})),
	)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps:                    []resource.TestStep{{Config: resources + reads, ConfigStateChecks: checks}},
	})
}

// A network-injected account's host, which the service created and no resource manages, reads by its implicit name.
func TestAccountCapabilityHostDataSource_implicit(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock(purgeFeature) + injectedAccount(acc) + `
data "foundry_account_capability_host" "test" {
  account_id = foundry_account.test.id
  name       = foundry_account.test.agent_capability_host_name
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.foundry_account_capability_host.test", tfjsonpath.New("name"), knownvalue.StringExact(acc+"@aml_aiagentservice")),
				statecheck.ExpectKnownValue("data.foundry_account_capability_host.test", tfjsonpath.New("customer_subnet_id"), knownvalue.StringExact(agentSubnet)),
			},
		}},
	})
}

// A host that does not exist is an error naming its ARM ID.
func TestProjectCapabilityHostDataSource_notFound(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + account(acc) + project()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: base},
			{
				Config: base + `
data "foundry_project_capability_host" "test" {
  project_id = foundry_project.test.id
  name       = "missing"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Unable to read project capability host.*` + acc + `/projects/p1/capabilityHosts/missing`),
			},
		},
	})
}
