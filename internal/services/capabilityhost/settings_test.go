package capabilityhost_test

import (
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// The account host's description, tags and public hosting environment (issue 17): set at create and shown by the data
// source, imported, a change replaces the host (Azure cannot update one), and a host re-created out of band with other
// settings is drift that the next apply replaces.
func TestAccountCapabilityHostResource_settings(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	id := env.AccountID("rg-foundry", acc) + "/capabilityHosts/agents"
	sameID := statecheck.CompareValue(compare.ValuesSame())
	settings := func(description, team string) string {
		return `description = "` + description + `"
  tags        = { team = "` + team + `" }

  public_hosting_environment_enabled = true`
	}
	read := `
data "foundry_account_capability_host" "test" {
  account_id = foundry_account_capability_host.test.account_id
  name       = foundry_account_capability_host.test.name
}
`
	check := func(address, attr string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(address, tfjsonpath.New(attr), v)
	}
	replace := func(attr string, v knownvalue.Check) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(accountHost, plancheck.ResourceActionDestroyBeforeCreate),
			plancheck.ExpectKnownValue(accountHost, tfjsonpath.New(attr), v),
		}}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + account(acc) + accountHostConfig("agents", settings("Agents of the support team", "support")) + read,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(accountHost, tfjsonpath.New("id")),
					check(accountHost, "description", knownvalue.StringExact("Agents of the support team")),
					check(accountHost, "tags", knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("support")})),
					check(accountHost, "public_hosting_environment_enabled", knownvalue.Bool(true)),
					check("data.foundry_account_capability_host.test", "description", knownvalue.StringExact("Agents of the support team")),
					check("data.foundry_account_capability_host.test", "tags", knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("support")})),
					check("data.foundry_account_capability_host.test", "public_hosting_environment_enabled", knownvalue.Bool(true)),
				},
			},
			{ResourceName: accountHost, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				Config:           env.ProviderBlock("") + account(acc) + accountHostConfig("agents", settings("Agents of the sales team", "support")),
				ConfigPlanChecks: replace("description", knownvalue.StringExact("Agents of the sales team")),
				ConfigStateChecks: []statecheck.StateCheck{
					check(accountHost, "description", knownvalue.StringExact("Agents of the sales team")),
				},
			},
			{
				// Someone re-creates the host with other tags and the public hosting environment off.
				PreConfig: func() {
					if err := env.Server.DeleteOutOfBand(id, true); err != nil {
						t.Fatal(err)
					}
					if err := env.OutOfBand(http.MethodPut, id, map[string]any{"properties": map[string]any{
						"capabilityHostKind": "Agents", "description": "Agents of the sales team", "tags": map[string]any{"team": "sales"}}}); err != nil {
						t.Fatal(err)
					}
				},
				Config:           env.ProviderBlock("") + account(acc) + accountHostConfig("agents", settings("Agents of the sales team", "support")),
				ConfigPlanChecks: replace("tags", knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("support")})),
				ConfigStateChecks: []statecheck.StateCheck{
					check(accountHost, "tags", knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("support")})),
					check(accountHost, "public_hosting_environment_enabled", knownvalue.Bool(true)),
				},
			},
			{
				// Without them: a host with none, public hosting off (the default, which is not sent).
				Config:           env.ProviderBlock("") + account(acc) + accountHostConfig("agents", ""),
				ConfigPlanChecks: replace("public_hosting_environment_enabled", knownvalue.Bool(false)),
				ConfigStateChecks: []statecheck.StateCheck{
					check(accountHost, "description", knownvalue.Null()),
					check(accountHost, "tags", knownvalue.Null()),
					check(accountHost, "public_hosting_environment_enabled", knownvalue.Bool(false)),
				},
			},
		},
	})
}
