package raipolicy_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// examples/content-filtering applies in one go (blocklist, then policy, then both deployments), a second plan is
// empty, and the destroy removes the deployments before the policy and the policy before the blocklist.
func TestContentFilteringExample(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	cfg := env.ExampleConfig(t, "content-filtering", "")
	account := env.AccountID("rg-foundry", "contoso-safe")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy: func(*terraform.State) error {
			if n, ok := env.Server.CountRAIBlocklistItems(account + "/raiBlocklists/competitors"); ok {
				return fmt.Errorf("the blocklist still exists, with %d items", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				// A refresh right after the apply finds nothing changed: the refresh-only plan is empty (issue 18).
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{acctest.ExpectNoDrift()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_deployment.chat", tfjsonpath.New("rai_policy_name"), knownvalue.StringExact("strict")),
					statecheck.ExpectKnownValue("foundry_deployment.mini", tfjsonpath.New("rai_policy_name"), knownvalue.StringExact("strict")),
					statecheck.ExpectKnownValue("foundry_rai_policy.strict", tfjsonpath.New("content_filters"), knownvalue.ListSizeExact(12)),
					statecheck.ExpectKnownValue("foundry_rai_policy.strict", tfjsonpath.New("id"), knownvalue.StringExact(account+"/raiPolicies/strict")),
					statecheck.ExpectKnownValue("foundry_rai_blocklist.competitors", tfjsonpath.New("items"), knownvalue.MapSizeExact(4)),
				},
				Check: func(*terraform.State) error {
					if n, _ := env.Server.CountRAIBlocklistItems(account + "/raiBlocklists/competitors"); n != 5 {
						return fmt.Errorf("the blocklist has %d items, want 5", n)
					}
					return nil
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
