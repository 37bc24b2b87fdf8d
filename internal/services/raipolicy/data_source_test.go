package raipolicy_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// The policies of an account are the built-in ones and its own; one policy reads either kind; a region lists the
// content filters policies can name.
func TestRAIPolicyDataSources(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	config := env.ProviderBlock("") + configAccount(name) + configPolicy("strict", `content_filters = [{ name = "Hate", source = "Prompt", severity_threshold = "Low" }]`) + `
data "foundry_rai_policies" "all" {
  account_id = foundry_account.test.id
  depends_on = [foundry_rai_policy.test]
}

data "foundry_rai_policy" "builtin" {
  account_id = foundry_account.test.id
  name       = "Microsoft.DefaultV2"
}

data "foundry_rai_policy" "strict" {
  account_id = foundry_account.test.id
  name       = foundry_rai_policy.test.name
}

data "foundry_rai_content_filters" "eastus" {
  location = foundry_account.test.location
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.foundry_rai_policies.all", tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("Microsoft.Default"), knownvalue.StringExact("Microsoft.DefaultV2"), knownvalue.StringExact("strict"),
				})),
				statecheck.ExpectKnownValue("data.foundry_rai_policies.all", tfjsonpath.New("policies").AtSliceIndex(0).AtMapKey("type"), knownvalue.StringExact("SystemManaged")),
				statecheck.ExpectKnownValue("data.foundry_rai_policies.all", tfjsonpath.New("policies").AtSliceIndex(2).AtMapKey("base_policy_name"), knownvalue.StringExact("Microsoft.DefaultV2")),
				statecheck.ExpectKnownValue("data.foundry_rai_policy.builtin", tfjsonpath.New("type"), knownvalue.StringExact("SystemManaged")),
				statecheck.ExpectKnownValue("data.foundry_rai_policy.builtin", tfjsonpath.New("content_filters"), knownvalue.ListSizeExact(11)),
				statecheck.ExpectKnownValue("data.foundry_rai_policy.strict", tfjsonpath.New("content_filters").AtSliceIndex(0).AtMapKey("severity_threshold"), knownvalue.StringExact("Low")),
				statecheck.ExpectKnownValue("data.foundry_rai_content_filters.eastus", tfjsonpath.New("content_filters"), knownvalue.ListSizeExact(9)),
				statecheck.ExpectKnownValue("data.foundry_rai_content_filters.eastus", tfjsonpath.New("content_filters").AtSliceIndex(8), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"name": knownvalue.StringExact("Indirect Attack"), "resource_name": knownvalue.StringExact("IndirectAttack"),
					"multi_level": knownvalue.Bool(false), "source": knownvalue.StringExact("Prompt"),
				})),
			},
		}},
	})
}
