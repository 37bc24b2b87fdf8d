package roleassignment_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Issue 13: a principal_id that matches no principal used to be retried (400 PrincipalNotFound) until the 30-minute
// create timeout, silently. The wait now has its own bound (waits.principal_replication, 5 minutes by default; 5 s
// here) and ends with an error naming what never happened and what to check.
func TestRoleAssignmentResource_principalNotFoundIsBounded(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	waits := `
  waits {
    principal_replication = "5s"
  }`
	ghost := `
resource "foundry_role_assignment" "test" {
  scope                = foundry_project.test.id
  principal_id         = "99999999-8888-7777-6666-555555555555"
  role_definition_name = "Foundry User"
}
`
	var start time.Time
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock(waits) + base(acc)},
			{
				PreConfig: func() { start = time.Now() },
				Config:    env.ProviderBlock(waits) + base(acc) + ghost,
				ExpectError: regexp.MustCompile(`(?s)Unable to create role assignment.*waited\s+\d+s\s+for\s+principal\s+99999999-8888-7777-6666-555555555555\s+` +
					`to\s+become\s+known\s+to\s+Microsoft\s+Entra\s+ID.*set\s+by\s+waits\.principal_replication\s+passed.*PrincipalNotFound.*principal_type`),
			},
			{
				Config: env.ProviderBlock(waits) + base(acc),
				Check: func(*terraform.State) error {
					if d := time.Since(start); d > 90*time.Second {
						return fmt.Errorf("the error came after %s; the bound is 5 s", d)
					}
					return nil
				},
			},
		},
	})
}

// Issue 13: a role name with a typo is refused at plan, with the near name, before anything is written.
func TestRoleAssignmentResource_roleNameTypoAtPlan(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + base(acc)},
			{
				Config:      env.ProviderBlock("") + base(acc) + assignment("foundry_project.test.id", `role_definition_name = "Foundry Usr"`, ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unknown role name.*Did\s+you\s+mean\s+"Foundry\s+User"\?`),
			},
		},
	})
}
