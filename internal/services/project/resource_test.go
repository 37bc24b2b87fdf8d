package project_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const resourceName = "foundry_project.test"

var guid = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestProjectResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + account(acc) + project("p1", `display_name = "First project"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/projects/p1")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("location"), knownvalue.StringExact("eastus")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("project_guid"), knownvalue.StringRegexp(guid)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("is_default"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("identity").AtMapKey("principal_id"), knownvalue.StringRegexp(guid)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("project_endpoint"), knownvalue.StringRegexp(regexp.MustCompile(`/api/projects/p1$`))),
					statecheck.ExpectKnownValue("data.foundry_project.test", tfjsonpath.New("project_guid"), knownvalue.StringRegexp(guid)),
				},
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

func TestProjectResource_update(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            env.ProviderBlock("") + account(acc) + project("p1", `display_name = "First"`),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resourceName, tfjsonpath.New("id"))},
			},
			{
				Config: env.ProviderBlock("") + account(acc) + project("p1", "display_name = \"Renamed\"\ndescription = \"Agents for the support team\"\ntags = { team = \"support\" }"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("display_name"), knownvalue.StringExact("Renamed")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("support")})),
				},
			},
		},
	})
}

// Azure cannot clear a display name, so removing it is refused at plan time instead of silently doing nothing.
func TestProjectResource_displayNameRemoval(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + account(acc) + project("p1", `display_name = "Keep me"`)},
			{
				Config:      env.ProviderBlock("") + account(acc) + project("p1", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Project display_name cannot be removed.*Keep display_name = "Keep me"`),
			},
		},
	})
}

func TestProjectResource_requiresReplace(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + account(acc) + project("p1", "")},
			{
				Config: env.ProviderBlock("") + account(acc) + project("p2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("p2")),
				},
			},
		},
	})
}

func TestProjectResource_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + account(acc) + projectOnly("p1", ""),
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", acc)+"/projects/p1", true)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: env.ProviderBlock("") + account(acc) + projectOnly("p1", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

// A project in another region than its account is refused at plan time once the account exists.
func TestProjectResource_locationMismatch(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + account(acc)},
			{
				Config:      env.ProviderBlock("") + account(acc) + project("p1", `location = "westus"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Project region differs from the account's.*is in\s+"eastus"`),
			},
		},
	})
}

func TestProjectResource_badInputs(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	cases := map[string]struct{ config, want string }{
		"bad name": {
			config: `resource "foundry_project" "test" {
  account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"
  name       = "-p"
}`,
			want: `(?s)Invalid name.*"-p" is not allowed`,
		},
		"malformed account_id": {
			config: `resource "foundry_project" "test" {
  account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a"
  name       = "p1"
}`,
			want: `(?s)is not the ARM ID of a\s+Microsoft.CognitiveServices/accounts`,
		},
		"user-assigned identity without IDs": {
			config: `resource "foundry_project" "test" {
  account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"
  name       = "p1"
  identity   = { type = "UserAssigned" }
}`,
			want: `Missing user-assigned identities`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps:                    []resource.TestStep{{Config: env.ProviderBlock("") + tc.config, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}},
			})
		})
	}
}

func TestProjectResource_importInvalidID(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:        env.ProviderBlock("") + project("p1", ""),
			ResourceName:  resourceName,
			ImportState:   true,
			ImportStateId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a",
			ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*accounts/\{account\}/projects/\{project\}`),
		}},
	})
}

func account(name string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q
  identity              = { type = "SystemAssigned" }
}
`, name)
}

// project is a project in account "test"; the data source reads it back.
func project(name, extra string) string {
	return projectOnly(name, extra) + `
data "foundry_project" "test" {
  account_id = foundry_project.test.account_id
  name       = foundry_project.test.name
}
`
}

func projectOnly(name, extra string) string {
	return fmt.Sprintf(`
resource "foundry_project" "test" {
  account_id = foundry_account.test.id
  name       = %[1]q
  identity   = { type = "SystemAssigned" }
  %[2]s
}
`, name, extra)
}

// The account's default project (the first one) is refused deletion while it has siblings. When the whole
// configuration is destroyed, Terraform deletes the projects in parallel and in any order: the default project's
// delete must wait for its sibling and go last, not fail. Here the sibling's delete is held back behind a slow role
// assignment that depends on it, so the default project is always refused first.
func TestProjectResource_defaultProjectDeletedLast(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	env.Server.AddFault(emulator.Fault{Method: "DELETE", PathPattern: `/providers/microsoft.authorization/roleassignments/`, LatencyMS: 4000})
	first := strings.Replace(projectOnly("first", ""), `"test"`, `"first"`, 1)
	second := strings.Replace(projectOnly("second", ""), `"test"`, `"second"`, 1) + `
data "foundry_client_config" "current" {}

resource "foundry_role_assignment" "second" {
  scope                = foundry_project.second.id
  principal_id         = data.foundry_client_config.current.object_id
  role_definition_name = "Foundry User"
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + account(acc) + first},
			{
				Config: env.ProviderBlock("") + account(acc) + first + second,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_project.first", tfjsonpath.New("is_default"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("foundry_project.second", tfjsonpath.New("is_default"), knownvalue.Bool(false)),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := env.CountRequests("DELETE", 409, "/projects/first"); n == 0 {
				return fmt.Errorf("the default project was never refused: the test did not exercise the wait")
			}
			if n := env.CountRequests("DELETE", 0, "/projects/first"); n < 2 {
				return fmt.Errorf("the default project's delete was not retried (%d DELETE requests)", n)
			}
			return nil
		},
	})
}

// Issue 17: the project's resource identity is saved with its state, and an import block's identity imports it, also
// without subscription_id (the provider's). Needs a CLI with resource identity (OpenTofu 1.12.6 in make testtofu).
func TestProjectResource_importByIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	identity := map[string]knownvalue.Check{
		"subscription_id":     knownvalue.StringExact(env.SubscriptionID),
		"resource_group_name": knownvalue.StringExact("rg-foundry"),
		"account_name":        knownvalue.StringExact(acc),
		"name":                knownvalue.StringExact("p1"),
	}
	config := env.ProviderBlock("") + account(acc) + projectOnly("p1", "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   acctest.IdentityCLI,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(resourceName, identity)},
			},
			{
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				// Forget the project, keeping it in Azure...
				Config: env.ProviderBlock("") + account(acc) + `
removed {
  from = foundry_project.test
  lifecycle { destroy = false }
}
`,
			},
			{
				// ...and take it back with an identity that leaves the subscription to the provider.
				Config: config + fmt.Sprintf(`
import {
  to = foundry_project.test
  identity = {
    resource_group_name = "rg-foundry"
    account_name        = %[1]q
    name                = "p1"
  }
}
`, acc),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(resourceName, identity),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/projects/p1")),
				},
			},
		},
	})
}

// Issue 17: a create that fails after the project's ID was saved (its long-running operation failed) leaves a tainted
// project with its identity, not only its ID; the next apply replaces it. Needs a CLI with resource identity.
func TestProjectResource_failedCreateKeepsIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	identity := map[string]knownvalue.Check{
		"subscription_id":     knownvalue.StringExact(env.SubscriptionID),
		"resource_group_name": knownvalue.StringExact("rg-foundry"),
		"account_name":        knownvalue.StringExact(acc),
		"name":                knownvalue.StringExact("p1"),
	}
	config := env.ProviderBlock("") + account(acc) + projectOnly("p1", "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   acctest.IdentityCLI,
		// Plans without a refresh, so that the identity checked is the one the failed create saved, not one a read
		// added since.
		AdditionalCLIOptions: &resource.AdditionalCLIOptions{Plan: resource.PlanOptions{NoRefresh: true}},
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + account(acc)},
			{
				PreConfig: func() {
					env.Server.AddFault(emulator.Fault{Method: "PUT", PathPattern: `/projects/p1$`, AsyncFail: true, Count: 1,
						Code: "InjectedFault", Message: "injected by the test"})
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`Unable to create project`),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					acctest.ExpectPriorIdentity(resourceName, true, identity),
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionReplace),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(resourceName, identity)},
			},
		},
	})
}
