package managednetwork_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// examples/managed-network applies in one go against the emulator, with provisioning that takes a while, and plans
// empty afterwards.
func TestManagedNetworkExample(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	cfg := env.ExampleConfig(t, "managed-network", "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				// A refresh right after the apply finds nothing changed: the refresh-only plan is empty (issue 18).
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{acctest.ExpectNoDrift()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_account_managed_network.main", tfjsonpath.New("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue("foundry_account_outbound_rule.pypi", tfjsonpath.New("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue("foundry_account_outbound_rule.storage", tfjsonpath.New("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue("foundry_account_outbound_rule.entra_id", tfjsonpath.New("status"), knownvalue.StringExact("Active")),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
