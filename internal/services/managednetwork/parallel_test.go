package managednetwork_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// Twenty rules of the three kinds on one managed network, in one apply with Terraform's default parallelism of 10,
// while the emulator refuses every write that overlaps another on the account (RequestConflict) and keeps the
// account busy after each write: every rule lands, none fails, and the next plan is empty; the destroy is parallel too.
func TestOutboundRuleResource_parallel(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t, func(o *emulator.Options) { o.AsyncDuration = 200 * time.Millisecond })
	name := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "")
	var b strings.Builder
	var checks []statecheck.StateCheck
	for i := range 20 {
		var body string
		switch i % 3 {
		case 0:
			body = fmt.Sprintf(`fqdn = { destination = "host-%02d.example.com" }`, i)
		case 1:
			body = fmt.Sprintf("service_tag = {\n service_tag = \"Storage\"\n protocol = \"TCP\"\n port_ranges = \"%d\"\n}", 8000+i)
		default:
			body = fmt.Sprintf("private_endpoint = {\n service_resource_id = %q\n subresource_target = \"blob\"\n}", seededStorage+fmt.Sprintf("%02d", i))
		}
		b.WriteString(configRule(fmt.Sprintf("r%02d", i), fmt.Sprintf("rule-%02d", i), body))
		checks = append(checks, statecheck.ExpectKnownValue(fmt.Sprintf("foundry_account_outbound_rule.r%02d", i), tfjsonpath.New("status"), knownvalue.StringExact("Active")))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNetworkGone(env, name),
		Steps: []resource.TestStep{
			{Config: base},
			{
				PreConfig: func() {
					env.Server.SetWriteHold(300 * time.Millisecond)
					env.Server.ResetRequests()
				},
				Config:            base + b.String(),
				ConfigStateChecks: checks,
				Check: func(*terraform.State) error {
					env.Server.SetWriteHold(0)
					puts := env.CountRequests(http.MethodPut, http.StatusAccepted, "/outboundRules/")
					if puts != 20 {
						return fmt.Errorf("%d rule PUTs were accepted, want 20 (one per rule)", puts)
					}
					// The plans of twenty rules read the managed network once per provider instance.
					n := 0
					for _, r := range env.Server.Requests() {
						if r.Method == http.MethodGet && strings.HasSuffix(strings.ToLower(r.Path), "/managednetworks/default") {
							n++
						}
					}
					if n > 12 {
						return fmt.Errorf("the managed network was read %d times for twenty rules; the plan memo is not shared", n)
					}
					t.Logf("409s absorbed: %d", env.CountRequests("", http.StatusConflict, ""))
					return nil
				},
			},
			{Config: base + b.String(), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
