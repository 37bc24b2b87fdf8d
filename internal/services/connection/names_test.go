package connection_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

const aadBlob = `category = "AzureBlob"
  target = "https://st1.blob.core.windows.net/"
  aad {}`

const shortCreate = `
  timeouts {
    create = "12s"
  }`

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

// When the account is created in the same apply nothing can be checked at plan time; the service's 409 is explained.
// The client retries 409 "Conflict" as "busy" until the timeout (see the report on policy_conflict.go), so the create
// timeout is short here.
func TestConnectionResources_nameConflictAtApply(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + account(acc) + project() + accountConnection("dup1", aadBlob+shortCreate) +
				projectConnection("dup1", aadBlob+shortCreate),
			ExpectError: regexp.MustCompile(`(?s)Unable to create (account|project) connection.*Conflict: A connection named 'dup1' already exists.*` +
				`Connection names are unique across the whole account`),
		}},
	})
}
