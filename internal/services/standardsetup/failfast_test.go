package standardsetup_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Issue 13: a standard setup on a project without a managed identity reached Azure before failing. It is refused at
// plan now, for an existing project and for one the same plan creates.
func TestAgentStandardSetupResource_projectWithoutIdentityAtPlan(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	noIdentity := strings.Replace(base(acc), `  name       = "p1"
  identity   = { type = "SystemAssigned" }`, `  name       = "p1"`, 1)
	want := regexp.MustCompile(`(?s)Project has no system-assigned identity.*identity\s+=\s+\{\s+type\s+=\s+"SystemAssigned"\s+\}`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + noIdentity + setup(""), PlanOnly: true, ExpectError: want},
			{Config: env.ProviderBlock("") + noIdentity},
			{Config: env.ProviderBlock("") + noIdentity + setup(""), PlanOnly: true, ExpectError: want},
		},
	})
}
