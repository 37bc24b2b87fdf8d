package deployment_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// Twenty deployments and three projects on one account, in one apply with Terraform's default parallelism of 10,
// while the emulator refuses every write that overlaps another on the account (RequestConflict) and keeps the
// account busy for a while after each write. Everything must land in one apply, and the next plan must be empty.
func TestDeploymentResource_parallel(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t, func(o *emulator.Options) { o.AsyncDuration = 200 * time.Millisecond })
	name := acctest.RandomName("tfacc")
	account := env.ProviderBlock("") + configAccount(name, "eastus")
	var b strings.Builder
	for i := range 20 {
		b.WriteString(configModel(fmt.Sprintf("d%02d", i), fmt.Sprintf("chat-%02d", i), "OpenAI", "gpt-4o-mini", "", "GlobalStandard", 2, ""))
	}
	// A chain, so that the default project (the first) is also destroyed last.
	b.WriteString(`
resource "foundry_project" "p0" {
  account_id = foundry_account.test.id
  name       = "p0"
}
resource "foundry_project" "p1" {
  account_id = foundry_project.p0.account_id
  name       = "p1"
}
resource "foundry_project" "p2" {
  account_id = foundry_project.p1.account_id
  name       = "p2"
}
`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: account},
			{
				PreConfig: func() {
					env.Server.SetWriteHold(300 * time.Millisecond)
					env.Server.ResetRequests()
				},
				Config: account + b.String(),
				Check: func(*terraform.State) error {
					env.Server.SetWriteHold(0) // the point is the apply; let the destroy run at full speed
					// The plan-time catalog check reads each account's catalog once per provider instance, not once per deployment.
					if n := env.CountRequests(http.MethodGet, http.StatusOK, "/models"); n > 8 {
						return fmt.Errorf("the model catalog was read %d times for 20 deployments; the plan cache is not shared", n)
					}
					if n := env.CountRequests(http.MethodGet, http.StatusOK, "/usages"); n > 8 {
						return fmt.Errorf("usages were read %d times for 20 deployments; the plan cache is not shared", n)
					}
					t.Logf("409s absorbed: %d; catalog reads: %d", env.CountRequests("", http.StatusConflict, ""),
						env.CountRequests(http.MethodGet, http.StatusOK, "/models"))
					return nil
				},
			},
		},
	})
}
