package connection_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const aadBlob = `category = "AzureBlob"
  target = "https://st1.blob.core.windows.net/"
  aad {}`

// A project connection may not take a name an account connection has (and the other way round): the plan says
// which connection holds it.
func TestConnectionResources_nameTakenInAccountCaughtAtPlan(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + account(acc) + project()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: base + accountConnection("shared1", aadBlob)},
			{
				Config:      base + accountConnection("shared1", aadBlob) + projectConnection("shared1", aadBlob),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Connection name already used in the account.*already has a connection\s+named "shared1":\s+/subscriptions/.*/accounts/` + acc + `/connections/shared1`),
			},
			{
				// An existing connection of the same scope is not silently taken over either.
				Config: base + accountConnection("shared1", aadBlob) + `
resource "foundry_account_connection" "again" {
  account_id = foundry_account.test.id
  name       = "SHARED1"
  ` + aadBlob + `
}`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Connection name already used in the account.*Import it`),
			},
		},
	})
}

// Issue 13: two connections with one name in one configuration, on two new projects of a new account. The second
// PUT used to get 409 Conflict and be retried as if the account were busy (11 PUTs over 3 minutes, then the
// timeout), and destroy then failed on the name check. The plan now refuses it before any write, and destroy has
// nothing to refuse.
func TestConnectionResources_duplicateNameInConfig(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	twoProjects := `
resource "foundry_project" "x" {
  account_id = foundry_account.test.id
  name       = "px"
}

resource "foundry_project" "y" {
  account_id = foundry_account.test.id
  name       = "py"
}

resource "foundry_project_connection" "x" {
  project_id = foundry_project.x.id
  name       = "shared-search"
  ` + aadBlob + `
}

resource "foundry_project_connection" "y" {
  project_id = foundry_project.y.id
  name       = "shared-search"
  ` + aadBlob + `
}
`
	start := time.Now()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy: func(*terraform.State) error {
			if n := env.CountRequests("PUT", 0, "/connections/"); n != 0 {
				return fmt.Errorf("%d connection PUTs; the plan must refuse the duplicate name before any write", n)
			}
			if d := time.Since(start); d > 2*time.Minute {
				return fmt.Errorf("the error took %s", d)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config:      env.ProviderBlock("") + account(acc) + twoProjects,
			ExpectError: regexp.MustCompile(`(?s)Connection name used twice in this configuration.*"shared-search" in account "` + acc + `"`),
		}},
	})
}

// Issue 13: a name taken when apply writes (here a 409 Conflict injected once, as Azure answers when another
// connection of the account holds the name) is final: one PUT and the service's message, not retries until the
// create timeout.
func TestConnectionResources_nameTakenAtApplyIsFinal(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + account(acc) + project()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: base},
			{
				PreConfig: func() {
					env.Server.AddFault(emulator.Fault{Method: "PUT", PathPattern: `/connections/dup1$`, Status: 409, Code: "Conflict",
						Message: "A connection named 'dup1' already exists in account '" + acc + "'.", Count: 1})
				},
				Config: base + projectConnection("dup1", aadBlob),
				ExpectError: regexp.MustCompile(`(?s)Unable to create project connection.*Conflict: A connection named 'dup1' already exists.*` +
					`Connection names are unique across the whole account`),
			},
			{
				Config: base,
				Check: func(*terraform.State) error {
					if n := env.CountRequests("PUT", 0, "/connections/dup1"); n != 1 {
						return fmt.Errorf("%d PUTs of the connection, want 1: a taken name is not retried", n)
					}
					return nil
				},
			},
		},
	})
}

// Issue 13: a category whose target is an endpoint takes a URL; anything else is refused at plan.
func TestConnectionResources_targetNotURL(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + account(acc) + project() + projectConnection("badtarget", `category = "CognitiveSearch"
  target   = "srch-foundry-agents.search.windows.net"
  aad {}`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Target is not a URL.*"https://srch-foundry-agents.search.windows.net"`),
		}},
	})
}
