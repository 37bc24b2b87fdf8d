package deployment_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

func TestDeploymentDataSource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + configAccount(name, "eastus") +
		configModel("test", "chat", "OpenAI", "gpt-4o", "", "GlobalStandard", 3, "") +
		configModel("phi", "phi", "Microsoft", "Phi-4", "", "GlobalStandard", 0, "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config: cfg + `
data "foundry_deployment" "test" {
  account_id = foundry_account.test.id
  name       = foundry_deployment.test.name
}

data "foundry_deployments" "all" {
  account_id = foundry_account.test.id
  depends_on = [foundry_deployment.test, foundry_deployment.phi]
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.foundry_deployment.test", tfjsonpath.New("id"), resourceName, tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.foundry_deployment.test", tfjsonpath.New("model").AtMapKey("version"), knownvalue.StringExact("2024-11-20")),
					statecheck.ExpectKnownValue("data.foundry_deployment.test", tfjsonpath.New("sku").AtMapKey("capacity"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue("data.foundry_deployment.test", tfjsonpath.New("rai_policy_name"), knownvalue.StringExact("Microsoft.DefaultV2")),
					statecheck.ExpectKnownValue("data.foundry_deployments.all", tfjsonpath.New("deployments"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name":             knownvalue.StringExact("chat"),
							"current_capacity": knownvalue.Int64Exact(3),
							"model":            knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("gpt-4o")}),
							"sku":              knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("GlobalStandard"), "capacity": knownvalue.Int64Exact(3)}),
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name":               knownvalue.StringExact("phi"),
							"provisioning_state": knownvalue.StringExact("Succeeded"),
							"model": knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"format": knownvalue.StringExact("Microsoft"), "name": knownvalue.StringExact("Phi-4"), "version": knownvalue.StringExact("7"),
							}),
						}),
					})),
				},
			},
		},
	})
}
