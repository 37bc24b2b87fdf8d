package account_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// Issue 14: a create never takes over an object this configuration did not create. A second resource naming an
// existing account (as a second configuration with an empty state would) is refused with the import block and
// command, and the account is left as it was (one PUT: the first create's).
func TestAccountResource_existingNotTakenOver(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	second := fmt.Sprintf(`
resource "foundry_account" "second" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q
  identity              = { type = "SystemAssigned" }
  tags                  = { owner = "second" }
}
`, name)
	importBlock := regexp.MustCompile(`(?s)Unable to create account.*` + words("already exists, and this configuration did not create it") +
		`.*import \{\s+to = foundry_account\.<name>\s+id = "` + regexp.QuoteMeta(env.AccountID("rg-foundry", name)) + `"\s+\}.*` +
		words("terraform import foundry_account.<name>"))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configBasic(name)},
			{
				Config:      env.ProviderBlock("") + configBasic(name) + second,
				ExpectError: importBlock,
				Check: func(*terraform.State) error {
					if n := env.CountRequests(http.MethodPut, 0, "/accounts/"+name); n != 1 {
						return fmt.Errorf("%d PUTs of the account: the second resource wrote it", n)
					}
					return nil
				},
			},
		},
	})
	if n := env.CountRequests(http.MethodPut, 0, "/accounts/"+name); n != 1 {
		t.Fatalf("%d PUTs of the account: the second resource wrote it", n)
	}
}

// Issue 14: after a destroy whose purge failed, the account is soft-deleted and was kept in state; the next destroy
// finishes the purge (before the fix it dropped the account from state and left it soft-deleted, holding its name).
func TestAccountResource_destroyResumesFailedPurge(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock(purgeFeature) + configBasic(name)},
			{
				PreConfig: func() {
					env.Server.AddFault(emulator.Fault{Method: http.MethodDelete, PathPattern: `/deletedaccounts/` + name + `$`, AsyncFail: true,
						Code: "PurgeFailed", Message: "The purge failed (injected).", Count: 1})
				},
				Config:      env.ProviderBlock(purgeFeature) + noAccounts,
				ExpectError: regexp.MustCompile(`(?s)Unable to purge.*PurgeFailed`),
			},
			{
				Config: env.ProviderBlock(purgeFeature) + noAccounts,
				Check: func(*terraform.State) error {
					return acctest.CheckNoDeletedAccount(env, "eastus", "rg-foundry", name)
				},
			},
		},
	})
}

// Issue 14: after a destroy whose purge failed, a normal plan replaces the soft-deleted account: the apply finishes the
// purge and creates the account again under its name.
func TestAccountResource_applyReplacesAfterFailedPurge(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock(purgeFeature) + configBasic(name)},
			{
				PreConfig: func() {
					env.Server.AddFault(emulator.Fault{Method: http.MethodDelete, PathPattern: `/deletedaccounts/` + name + `$`, AsyncFail: true, Count: 1})
				},
				Config:      env.ProviderBlock(purgeFeature) + configBasic(name),
				Destroy:     true,
				ExpectError: regexp.MustCompile(`Unable to purge`),
			},
			{
				Config: env.ProviderBlock(purgeFeature) + configBasic(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionReplace),
				}},
			},
			{Config: env.ProviderBlock(purgeFeature) + configBasic(name), PlanOnly: true},
		},
	})
}

// Issue 14: retries are bounded by the operation's deadline, not by a number of attempts. A storm of throttled
// answers longer than the old limit (51 attempts) on the account's reads (plan's refresh) and its PUT (apply), and on
// Microsoft Entra ID's token endpoint (the old limit: 4 attempts), is waited out. The storms have the shape of a 60 s
// storm with Retry-After: 1 (more attempts than the old limits, each honouring the service's wait) with a
// retry-after-ms of 20 ms, so that the test takes seconds.
func TestAccountResource_throttlingStormSurvived(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	storm := func(method, pattern string, n int) emulator.Fault {
		return emulator.Fault{Method: method, PathPattern: pattern, Status: http.StatusTooManyRequests, Code: "TooManyRequests",
			Message: "Throttled by the emulator.", RetryAfterMS: 20, Count: n}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.Server.AddFault(storm(http.MethodPost, `/oauth2/v2.0/token$`, 12))
					env.Server.AddFault(storm(http.MethodPut, `/accounts/`+name+`$`, 60))
				},
				Config: env.ProviderBlock("") + configBasic(name),
			},
			{
				PreConfig: func() { env.Server.AddFault(storm(http.MethodGet, `/accounts/`+name+`$`, 60)) },
				Config:    env.ProviderBlock("") + configBasic(name),
				PlanOnly:  true,
				Check: func(*terraform.State) error {
					if n := env.CountRequests(http.MethodGet, http.StatusTooManyRequests, "/accounts/"+name); n != 60 {
						return fmt.Errorf("%d throttled reads, want 60", n)
					}
					return nil
				},
			},
		},
	})
	for _, c := range []struct {
		method, fragment string
		want             int
	}{{http.MethodPost, "/oauth2/v2.0/token", 12}, {http.MethodPut, "/accounts/" + name, 60}, {http.MethodGet, "/accounts/" + name, 60}} {
		if n := env.CountRequests(c.method, http.StatusTooManyRequests, c.fragment); n != c.want {
			t.Errorf("%s %s: %d throttled answers waited out, want %d", c.method, c.fragment, n, c.want)
		}
	}
}

// words matches a phrase that Terraform may have wrapped over several lines.
func words(phrase string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(phrase)), `\s+`)
}

// Issue 14: a destroy that purged the account and then stopped waiting for its agent subnet's release (here, the
// provider's waits.subnet_link_release bound of 2 s; the emulator releases the link 15 s after the purge) keeps the
// account in state; the next destroy waits again until the link is released, instead of dropping the account at once
// and leaving the subnet held.
func TestAccountResource_destroyResumesSubnetWait(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	env.Server.SetLinkReleaseDelay(15 * time.Second)
	name := acctest.RandomName("tfacc")
	settings := func(wait string) string {
		return "features {\n account {\n purge_soft_delete_on_destroy = true\n }\n }\n waits {\n subnet_link_release = \"" + wait + "\"\n }"
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock(settings("2s")) + configInjected(name, agentSubnet)},
			{Config: env.ProviderBlock(settings("2s")) + noAccounts, ExpectError: regexp.MustCompile(`deleted and purged`)},
			{
				Config: env.ProviderBlock(settings("2m")) + noAccounts,
				Check:  func(*terraform.State) error { return checkSubnetLinks(env, agentSubnet, 0) },
			},
		},
	})
}
