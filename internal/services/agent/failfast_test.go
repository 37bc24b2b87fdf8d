package agent_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Issue 13: an agent whose model is not a deployment of the project's account reached the data plane with a write.
// It is refused at plan now, whether the account exists (second step) or is created by the same plan (first step).
func TestAgentResource_modelNotADeploymentAtPlan(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	bad := `
resource "foundry_agent" "bad" {
  project_id = foundry_project.test.id
  name       = "triage"
  definition {
    model        = "no-such-deployment"
    instructions = "Answer."
  }
}
`
	want := regexp.MustCompile(`(?s)Model is not a deployment of the account \(definition\.model\).*no deployment named "no-such-deployment".*Deployments: chat`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + base(acc) + bad, PlanOnly: true, ExpectError: want},
			{Config: env.ProviderBlock("") + base(acc)},
			{Config: env.ProviderBlock("") + base(acc) + bad, PlanOnly: true, ExpectError: want},
		},
	})
}
