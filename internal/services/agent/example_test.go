package agent_test

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

// examples/agent applies in one go against an emulator whose role assignments take 30 seconds to reach the data
// plane, with an identity that starts without any Foundry role: no sleep, no second apply.
func TestAgentExample(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	env.Server.SetRBACPropagationDelay(30 * time.Second)
	start := time.Now()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			// providers.tf holds the environment-driven provider block; the test supplies the emulator's.
			Config: env.ExampleConfig(t, "agent", ""),
			// A refresh right after the apply finds nothing changed: the refresh-only plan is empty (issue 18).
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{acctest.ExpectNoDrift()}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("foundry_agent.triage", tfjsonpath.New("version"), knownvalue.StringExact("1")),
				statecheck.ExpectKnownValue("foundry_role_assignment.terraform", tfjsonpath.New("wait_for_propagation"), knownvalue.Bool(true)),
			},
		}},
	})
	t.Logf("examples/agent applied and destroyed in %s with a 30s propagation delay", time.Since(start).Round(time.Second))
}
