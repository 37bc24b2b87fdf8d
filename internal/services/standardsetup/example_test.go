package standardsetup_test

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// examples/standard-setup applies in one go with the seeded dependencies and a 10 s role propagation delay.
func TestStandardSetupExample(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	env.Server.SetRBACPropagationDelay(10 * time.Second)
	cfg := env.ExampleConfig(t, "standard-setup", "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				// providers.tf holds the environment-driven provider block; the test supplies the emulator's.
				Config: cfg,
				// A refresh right after the apply finds nothing changed: the refresh-only plan is empty (issue 18).
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{acctest.ExpectNoDrift()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_agent_standard_setup.support", tfjsonpath.New("role_assignment_ids"), knownvalue.MapSizeExact(6)),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
