package standardsetup_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
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
	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const setupName = "foundry_agent_standard_setup.test"

var (
	rg          = "/subscriptions/" + emulator.DefaultSubscriptionID + "/resourceGroups/rg-foundry/providers/"
	storageID   = rg + "Microsoft.Storage/storageAccounts/stfoundryagents"
	cosmosID    = rg + "Microsoft.DocumentDB/databaseAccounts/cosmos-foundry-agents"
	searchID    = rg + "Microsoft.Search/searchServices/srch-foundry-agents"
	guidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

// With a 20 s emulated propagation delay the capability host fails until the roles are effective; the resource
// retries it instead of sleeping, converges, re-plans empty, imports, and destroys the host before what it uses.
func TestAgentStandardSetupResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	env.Server.SetRBACPropagationDelay(20 * time.Second)
	acc := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + base(acc) + setup("")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             func(*terraform.State) error { return checkDestroyOrder(env) },
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(setupName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/projects/p1/agentStandardSetup")),
					statecheck.ExpectKnownValue(setupName, tfjsonpath.New("storage_connection_name"), knownvalue.StringExact("stfoundryagents")),
					statecheck.ExpectKnownValue(setupName, tfjsonpath.New("cosmos_db_connection_name"), knownvalue.StringExact("cosmos-foundry-agents")),
					statecheck.ExpectKnownValue(setupName, tfjsonpath.New("search_connection_name"), knownvalue.StringExact("srch-foundry-agents")),
					statecheck.ExpectKnownValue(setupName, tfjsonpath.New("capability_host_id"), knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/projects/p1/capabilityHosts/agents")),
					statecheck.ExpectKnownValue(setupName, tfjsonpath.New("project_guid"), knownvalue.StringRegexp(guidPattern)),
					statecheck.ExpectKnownValue(setupName, tfjsonpath.New("role_assignment_ids"), knownvalue.MapSizeExact(6)),
					statecheck.CompareValuePairs(setupName, tfjsonpath.New("project_guid"), "foundry_project.test", tfjsonpath.New("project_guid"), compareSame{}),
				},
				Check: func(*terraform.State) error {
					if n := env.CountRequests("PUT", 0, "/capabilityHosts/"); n < 2 {
						return fmt.Errorf("want the capability host PUT retried while the roles propagate, got %d PUTs", n)
					}
					return checkCounts(env, acc, 1)
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				ResourceName: setupName, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
				ImportStateId: env.AccountID("rg-foundry", acc) + "/projects/p1/agentStandardSetup",
			},
		},
	})
}

// A fault injected once at each step fails the create; the next apply replaces the tainted setup and converges with
// exactly one of each connection and role assignment.
func TestAgentStandardSetupResource_faultAtEachStep(t *testing.T) {
	t.Parallel()
	steps := map[string]emulator.Fault{
		"connection":           {Method: "PUT", PathPattern: `/connections/cosmos-foundry-agents$`},
		"role assignment":      {Method: "PUT", PathPattern: `/microsoft.search/searchservices/[^/]+/providers/microsoft.authorization/roleassignments/`},
		"capability host":      {Method: "PUT", PathPattern: `/projects/p1/capabilityhosts/agents$`, AsyncFail: true},
		"sql role assignment":  {Method: "PUT", PathPattern: `/sqlroleassignments/`},
		"blob owner condition": {Method: "PUT"}, // the path needs the project identity: set in PreConfig
	}
	for name, f := range steps {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := acctest.NewEnv(t)
			acc := acctest.RandomName("tfacc")
			cfg := env.ProviderBlock("") + base(acc) + setup("")
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{
					{Config: env.ProviderBlock("") + base(acc)},
					{
						PreConfig: func() {
							f.Count = 1
							if f.PathPattern == "" {
								f.PathPattern = strings.ToLower(blobOwnerPath(t, env, acc)) + "$"
							}
							f.Status, f.Code, f.Message = http.StatusBadRequest, "InjectedFault", "injected by the test"
							env.Server.AddFault(f)
						},
						Config:      cfg,
						ExpectError: regexp.MustCompile(`InjectedFault`),
					},
					{
						Config: cfg,
						Check:  func(*terraform.State) error { return checkCounts(env, acc, 1) },
					},
					{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
				},
			})
		})
	}
}

// additional_principal_ids changes in place; the added principal gets the two data-plane roles, then loses them.
func TestAgentStandardSetupResource_updateAdditionalPrincipals(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	user := emulator.DefaultSeed().Clients[0].ObjectID
	sameID := statecheck.CompareValue(compareSameValue())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + base(acc) + setup(""), ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(setupName, tfjsonpath.New("capability_host_id"))}},
			{
				Config: env.ProviderBlock("") + base(acc) + setup(fmt.Sprintf("additional_principal_ids = [%q]", user)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(setupName, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(setupName, tfjsonpath.New("capability_host_id")),
					statecheck.ExpectKnownValue(setupName, tfjsonpath.New("role_assignment_ids"), knownvalue.MapSizeExact(8)),
					statecheck.ExpectKnownValue(setupName, tfjsonpath.New("role_assignment_ids").AtMapKey("storage_blob_data_owner/"+strings.ToLower(user)), knownvalue.NotNull()),
				},
			},
			{
				ResourceName: setupName, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
				ImportStateId: env.AccountID("rg-foundry", acc) + "/projects/p1/agentStandardSetup",
			},
			{
				Config:            env.ProviderBlock("") + base(acc) + setup(""),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(setupName, tfjsonpath.New("role_assignment_ids"), knownvalue.MapSizeExact(6))},
			},
		},
	})
}

// Changing a dependency replaces the setup; deleting the capability host out of band re-creates it.
func TestAgentStandardSetupResource_replaceAndDisappears(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + base(acc) + setup("")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", acc)+"/projects/p1/capabilityHosts/agents", true)
				},
				ExpectNonEmptyPlan: true,
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(setupName, plancheck.ResourceActionCreate)}}},
			{
				Config: env.ProviderBlock("") + base(acc) + setup(`capability_host_name = "agents2"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(setupName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(*terraform.State) error { return checkCounts(env, acc, 1) },
			},
		},
	})
}

func TestAgentStandardSetupResource_badInputs(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	const prj = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p1"
	long := rg + "Microsoft.DocumentDB/databaseAccounts/cosmos-with-a-name-longer-than-33-characters"
	cases := map[string]struct{ attrs, want string }{
		"bad connection name":    {fmt.Sprintf("storage_account_id = %q\ncosmos_db_account_id = %q\nsearch_service_id = %q\nstorage_connection_name = \"a.b\"", storageID, cosmosID, searchID), `(?s)Invalid storage_connection_name.*"a.b"`},
		"storage ID of a search": {fmt.Sprintf("storage_account_id = %q\ncosmos_db_account_id = %q\nsearch_service_id = %q", searchID, cosmosID, searchID), `is not the ARM ID of a\s+Microsoft.Storage/storageAccounts`},
		"default name too long":  {fmt.Sprintf("storage_account_id = %q\ncosmos_db_account_id = %q\nsearch_service_id = %q", storageID, long, searchID), `(?s)Default connection name not allowed.*cosmos_db_connection_name`},
		"principal not a GUID":   {fmt.Sprintf("storage_account_id = %q\ncosmos_db_account_id = %q\nsearch_service_id = %q\nadditional_principal_ids = [\"me\"]", storageID, cosmosID, searchID), `(?s)"me".*GUID`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config:   env.ProviderBlock("") + fmt.Sprintf("resource \"foundry_agent_standard_setup\" \"test\" {\nproject_id = %q\n%s\n}\n", prj, tc.attrs),
					PlanOnly: true, ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

func TestAgentStandardSetupResource_importInvalidID(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	const prj = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p1"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + fmt.Sprintf("resource \"foundry_agent_standard_setup\" \"test\" {\nproject_id = %q\nstorage_account_id = %q\ncosmos_db_account_id = %q\nsearch_service_id = %q\n}\n",
				prj, storageID, cosmosID, searchID),
			ResourceName: setupName, ImportState: true, ImportStateId: prj,
			ExpectError: regexp.MustCompile(`(?s)Invalid import ID.*projects/\{project\}/agentStandardSetup`),
		}},
	})
}

// checkDestroyOrder: the capability host's DELETE comes before every connection and control-plane role DELETE.
func checkDestroyOrder(env *acctest.Env) error {
	host, first := -1, -1
	for i, r := range env.Server.Requests() {
		p := strings.ToLower(r.Path)
		switch {
		case r.Method == "DELETE" && strings.Contains(p, "/projects/p1/capabilityhosts/") && host < 0:
			host = i
		case r.Method == "DELETE" && (strings.Contains(p, "/connections/") || strings.Contains(p, "/roleassignments/") || strings.Contains(p, "/sqlroleassignments/")) && first < 0:
			first = i
		}
	}
	if host < 0 || first < 0 || host > first {
		return fmt.Errorf("want the capability host DELETE (request %d) before the first connection or role assignment DELETE (request %d)", host, first)
	}
	return nil
}

// checkCounts lists through ARM, as another tool would: three connections in the project, and per dependency the
// project identity's role assignments exactly once each.
func checkCounts(env *acctest.Env, acc string, want int) error {
	prj := env.AccountID("rg-foundry", acc) + "/projects/p1"
	var conns struct{ Value []any }
	if err := armList(env, prj+"/connections", "2026-09-01", &conns); err != nil {
		return err
	}
	if len(conns.Value) != 3*want {
		return fmt.Errorf("%d connections in the project, want %d", len(conns.Value), 3*want)
	}
	for scope, n := range map[string]int{storageID: 2, cosmosID: 1, searchID: 2} {
		var ras struct {
			Value []struct {
				Properties struct{ PrincipalID, RoleDefinitionID string }
			}
		}
		if err := armList(env, scope+"/providers/Microsoft.Authorization/roleAssignments", "2022-04-01", &ras); err != nil {
			return err
		}
		seen := map[string]int{}
		for _, a := range ras.Value {
			seen[strings.ToLower(a.Properties.PrincipalID+a.Properties.RoleDefinitionID)]++
		}
		total := 0
		for k, c := range seen {
			if c > 1 {
				return fmt.Errorf("duplicate role assignment %s at %s", k, scope)
			}
			total += c
		}
		if total != n*want {
			return fmt.Errorf("%d role assignments at %s, want %d", total, scope, n*want)
		}
	}
	var sql struct{ Value []any }
	if err := armList(env, cosmosID+"/sqlRoleAssignments", "2026-07-15", &sql); err != nil {
		return err
	}
	if len(sql.Value) != want {
		return fmt.Errorf("%d SQL role assignments, want %d", len(sql.Value), want)
	}
	return nil
}

// blobOwnerPath is the path of the project identity's Storage Blob Data Owner assignment (its deterministic name).
func blobOwnerPath(t *testing.T, env *acctest.Env, acc string) string {
	var p struct{ Identity struct{ PrincipalID string } }
	if err := armList(env, env.AccountID("rg-foundry", acc)+"/projects/p1", "2026-09-01", &p); err != nil {
		t.Fatal(err)
	}
	return client.NewRoleAssignmentID(storageID, client.RoleAssignmentName(storageID, "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", p.Identity.PrincipalID)).String()
}

func armList(env *acctest.Env, path, apiVersion string, out any) error {
	token, err := env.Server.Token(acctest.ARMAudience)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodGet, env.Server.URL()+path+"?api-version="+apiVersion, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := env.Server.HTTPClient().Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: HTTP %d: %s", path, resp.StatusCode, b)
	}
	return json.Unmarshal(b, out)
}

func base(acc string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                       = %[1]q
  resource_group_name        = "rg-foundry"
  location                   = "eastus"
  custom_subdomain_name      = %[1]q
  project_management_enabled = true
  identity                   = { type = "SystemAssigned" }
}

resource "foundry_project" "test" {
  account_id = foundry_account.test.id
  name       = "p1"
  identity   = { type = "SystemAssigned" }
}
`, acc)
}

func setup(extra string) string {
	return fmt.Sprintf(`
resource "foundry_agent_standard_setup" "test" {
  project_id           = foundry_project.test.id
  storage_account_id   = %[1]q
  cosmos_db_account_id = %[2]q
  search_service_id    = %[3]q
  %[4]s
}
`, storageID, cosmosID, searchID, extra)
}
