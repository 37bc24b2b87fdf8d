package connection_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

const (
	accountConn = "foundry_account_connection.test"
	projectConn = "foundry_project_connection.test"
)

// writeOnlyCLI skips a test on CLIs without write-only attributes (Terraform and OpenTofu before 1.11).
var writeOnlyCLI = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(version.Must(version.NewVersion("1.11.0")))}

// olderThanWriteOnly runs a test only on CLIs without write-only attributes.
var olderThanWriteOnly = []tfversion.TerraformVersionCheck{tfversion.SkipAbove(version.Must(version.NewVersion("1.10.99")))}

func TestAccountConnectionResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + account(acc) + accountConnection("openai1", `category = "AzureOpenAI"
  target   = "https://contoso.openai.azure.com/"
  metadata = { ApiType = "Azure" }
  api_key {
    key = "fallback-secret-1"
  }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountConn, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/connections/openai1")),
					statecheck.ExpectKnownValue(accountConn, tfjsonpath.New("auth_type"), knownvalue.StringExact("ApiKey")),
					statecheck.ExpectKnownValue(accountConn, tfjsonpath.New("group"), knownvalue.StringExact("AzureAI")),
					statecheck.ExpectKnownValue(accountConn, tfjsonpath.New("is_shared_to_all"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(accountConn, tfjsonpath.New("api_key").AtMapKey("key"), knownvalue.StringExact("fallback-secret-1")),
					statecheck.ExpectKnownValue(accountConn, tfjsonpath.New("api_key").AtMapKey("key_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(accountConn, tfjsonpath.New("aad"), knownvalue.Null()),
				},
				Check: credentialsAre(env, accountConn, map[string]any{"key": "fallback-secret-1"}),
			},
			{
				ResourceName:            accountConn,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "api_key.key"},
			},
			{
				Config: env.ProviderBlock("") + account(acc) + accountConnection("openai1", `category = "AzureOpenAI"
  target   = "https://contoso.openai.azure.com/"
  metadata = { ApiType = "Azure" }
  api_key {
    key = "fallback-secret-1"
  }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestProjectConnectionResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + account(acc) + project() + projectConnection("cosmos1", `category = "CosmosDb"
  target   = "https://cosmos1.documents.azure.com:443/"
  metadata = { ApiType = "Azure", location = "eastus" }
  expiry_time      = "2027-01-31T00:00:00+00:00"
  shared_user_list = ["00000000-0000-0000-0000-00000000000a"]
  pe_requirement   = "NotRequired"
  aad {}`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("id"),
						knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/projects/p1/connections/cosmos1")),
					statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("auth_type"), knownvalue.StringExact("AAD")),
					statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("group"), knownvalue.StringExact("NoSQL")),
					statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("expiry_time"), knownvalue.StringExact("2027-01-31T00:00:00+00:00")),
					statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("aad"), knownvalue.MapExact(map[string]knownvalue.Check{})),
				},
			},
			{
				ResourceName: projectConn, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts", "expiry_time"},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// Metadata, target and the sensitive fallback secret change in place; the new secret reaches Azure.
func TestProjectConnectionResource_update(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	base := env.ProviderBlock("") + account(acc) + project()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            base + projectConnection("search1", searchBody("https://one.search.windows.net", `ApiVersion = "2024-05-01-preview"`, "secret-one")),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(projectConn, tfjsonpath.New("id"))},
				Check:             credentialsAre(env, projectConn, map[string]any{"key": "secret-one"}),
			},
			{
				Config: base + projectConnection("search1", searchBody("https://two.search.windows.net", `ApiVersion = "2025-05-01-preview", location = "eastus"`, "secret-two")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(projectConn, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(projectConn, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("target"), knownvalue.StringExact("https://two.search.windows.net")),
					statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("metadata"), knownvalue.MapExact(map[string]knownvalue.Check{
						"ApiVersion": knownvalue.StringExact("2025-05-01-preview"), "location": knownvalue.StringExact("eastus"),
					})),
				},
				Check: credentialsAre(env, projectConn, map[string]any{"key": "secret-two"}),
			},
			{
				// Switching to Entra ID auth in place drops the key.
				Config: base + projectConnection("search1", `category = "CognitiveSearch"
  target = "https://two.search.windows.net"
  aad {}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(projectConn, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(projectConn, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("auth_type"), knownvalue.StringExact("AAD")),
					statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("api_key"), knownvalue.Null()),
					statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("metadata"), knownvalue.Null()),
				},
				Check: credentialsAre(env, projectConn, nil),
			},
		},
	})
}

func TestProjectConnectionResource_requiresReplace(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + account(acc) + project()
	body := `category = "AzureBlob"
  target = "https://st1.blob.core.windows.net/"
  aad {}`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: base + projectConnection("blob1", body)},
			{
				Config: base + projectConnection("blob2", body),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(projectConn, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("name"), knownvalue.StringExact("blob2"))},
			},
		},
	})
}

func TestProjectConnectionResource_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + account(acc) + project() + projectConnection("blob1", `category = "AzureStorageAccount"
  target = "https://st1.blob.core.windows.net/"
  aad {}`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", acc)+"/projects/p1/connections/blob1", false)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(projectConn, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccountConnectionResource_importInvalidID(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + `resource "foundry_account_connection" "test" {
  account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"
  name       = "c1"
  category   = "ApiKey"
  target     = "https://x"
  none {}
}`,
			ResourceName:  accountConn,
			ImportState:   true,
			ImportStateId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p/connections/c1",
			ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*accounts/\{account\}/connections/\{connection\}`),
		}},
	})
}

func searchBody(target, metadata, key string) string {
	return fmt.Sprintf(`category = "CognitiveSearch"
  target   = %q
  metadata = { %s }
  api_key {
    key = %q
  }`, target, metadata, key)
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

func project() string {
	return `
resource "foundry_project" "test" {
  account_id = foundry_account.test.id
  name       = "p1"
  identity   = { type = "SystemAssigned" }
}
`
}

func accountConnection(name, body string) string {
	return fmt.Sprintf(`
resource "foundry_account_connection" "test" {
  account_id = foundry_account.test.id
  name       = %q
  %s
}
`, name, body)
}

func projectConnection(name, body string) string {
	return fmt.Sprintf(`
resource "foundry_project_connection" "test" {
  project_id = foundry_project.test.id
  name       = %q
  %s
}
`, name, body)
}
