package capabilityhost_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const (
	accountHost  = "foundry_account_capability_host.test"
	projectHost  = "foundry_project_capability_host.test"
	purgeFeature = "features {\n account {\n purge_soft_delete_on_destroy = true\n }\n }"
)

var agentSubnet = emulator.SubnetID(emulator.DefaultSubscriptionID, "rg-foundry", "vnet-foundry", "snet-agents")

// A network-injected account already has the host the service created; a configuration naming it adopts it.
func TestAccountCapabilityHostResource_adoptImplicit(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock(purgeFeature) + injectedAccount(acc) + `
resource "foundry_account_capability_host" "test" {
  account_id         = foundry_account.test.id
  name               = foundry_account.test.agent_capability_host_name
  customer_subnet_id = foundry_account.test.network_injection.subnet_id
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountHost, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/capabilityHosts/"+acc+"@aml_aiagentservice")),
					statecheck.ExpectKnownValue(accountHost, tfjsonpath.New("kind"), knownvalue.StringExact("Agents")),
					statecheck.ExpectKnownValue(accountHost, tfjsonpath.New("provisioning_state"), knownvalue.StringExact("Succeeded")),
				},
				Check: func(*terraform.State) error {
					if n := env.CountRequests("PUT", 0, "/capabilityHosts/"); n != 0 {
						return fmt.Errorf("adopting the implicit host sent %d PUTs", n)
					}
					return nil
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{ResourceName: accountHost, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		},
	})
}

// Another name in an account that has a host is refused at plan time, naming the existing host.
func TestAccountCapabilityHostResource_secondHostInAccount(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock(purgeFeature) + injectedAccount(acc)},
			{
				Config:      env.ProviderBlock(purgeFeature) + injectedAccount(acc) + accountHostConfig("agents", ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)The account already has a capability host.*` + acc + `@aml_aiagentservice.*Import`),
			},
		},
	})
}

func TestAccountCapabilityHostResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + account(acc) + accountHostConfig("agents", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountHost, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/capabilityHosts/agents")),
					statecheck.ExpectKnownValue(accountHost, tfjsonpath.New("kind"), knownvalue.StringExact("Agents")),
					statecheck.ExpectKnownValue(accountHost, tfjsonpath.New("customer_subnet_id"), knownvalue.Null()),
				},
			},
			{ResourceName: accountHost, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		},
	})
}

// Nothing is updatable: a new name replaces the host (delete first: one host per account).
func TestAccountCapabilityHostResource_requiresReplace(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + account(acc) + accountHostConfig("agents", "")},
			{
				Config: env.ProviderBlock("") + account(acc) + accountHostConfig("agents2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(accountHost, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(accountHost, tfjsonpath.New("name"), knownvalue.StringExact("agents2"))},
			},
		},
	})
}

func TestAccountCapabilityHostResource_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + account(acc) + accountHostConfig("agents", "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", acc)+"/capabilityHosts/agents", true)
				},
				ExpectNonEmptyPlan: true,
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountHost, plancheck.ResourceActionCreate)}}},
		},
	})
}

// The account host's destroy waits until the project hosts are gone, whatever the configuration's dependencies say.
func TestAccountCapabilityHostResource_destroyOrder(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy: func(*terraform.State) error {
			// The project host's delete operation reports success before its DELETE returns (no read confirms it,
			// issue 18); the account host's delete lists the projects (and their hosts) after that, then sends its own DELETE.
			var projectDelete, lastList, accountDelete = -1, -1, -1
			for i, r := range env.Server.Requests() {
				switch {
				case r.Method == "DELETE" && r.Status < 300 && regexp.MustCompile(`/projects/p1/capabilityHosts/agents$`).MatchString(r.Path) && projectDelete < 0:
					projectDelete = i
				case r.Method == "GET" && regexp.MustCompile(`/projects(/p1/capabilityHosts)?$`).MatchString(r.Path) && accountDelete < 0:
					lastList = i
				case r.Method == "DELETE" && regexp.MustCompile(`/accounts/[^/]+/capabilityHosts/agents$`).MatchString(r.Path) && accountDelete < 0:
					accountDelete = i
				}
			}
			if projectDelete < 0 || accountDelete < 0 || lastList < projectDelete || accountDelete < lastList {
				return fmt.Errorf("want the project host deleted (request %d), then the projects' hosts listed (request %d), before the account host's DELETE (request %d)",
					projectDelete, lastList, accountDelete)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + account(acc) + accountHostConfig("agents", "") + project() + connections("") + projectHostConfig("agents"),
		}},
	})
}

func TestProjectCapabilityHostResource_basic(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + account(acc) + project() + connections("") + projectHostConfig("agents")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectHost, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/projects/p1/capabilityHosts/agents")),
					statecheck.ExpectKnownValue(projectHost, tfjsonpath.New("vector_store_connections"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("srch-foundry-agents")})),
					statecheck.ExpectKnownValue(projectHost, tfjsonpath.New("provisioning_state"), knownvalue.StringExact("Succeeded")),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{ResourceName: projectHost, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		},
	})
}

// Changing a connection replaces the host, and a second name in the project is refused at plan time.
func TestProjectCapabilityHostResource_requiresReplaceAndSecondHost(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + account(acc) + project() + connections("") + connections("2")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: base + projectHostConfig("agents")},
			{
				Config: base + `
resource "foundry_project_capability_host" "test" {
  project_id                 = foundry_project.test.id
  name                       = "agents"
  vector_store_connections   = [foundry_project_connection.search2.name]
  storage_connections        = [foundry_project_connection.storage.name]
  thread_storage_connections = [foundry_project_connection.cosmos.name]
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(projectHost, plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
			{
				Config: base + projectHostConfig("agents") + `
resource "foundry_project_capability_host" "second" {
  project_id                 = foundry_project.test.id
  name                       = "other"
  vector_store_connections   = [foundry_project_connection.search.name]
  storage_connections        = [foundry_project_connection.storage.name]
  thread_storage_connections = [foundry_project_connection.cosmos.name]
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)The project already has a capability host.*projects/p1/capabilityHosts/agents`),
			},
		},
	})
}

func TestProjectCapabilityHostResource_disappears(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + account(acc) + project() + connections("") + projectHostConfig("agents")
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
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectHost, plancheck.ResourceActionCreate)}}},
		},
	})
}

func TestCapabilityHostResources_badInputs(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	const acc = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"
	cases := map[string]struct{ config, want string }{
		"bad name": {
			config: `resource "foundry_account_capability_host" "test" {
  account_id = "` + acc + `"
  name       = "-agents"
}`,
			want: `(?s)Invalid name.*"-agents" is not a capability host name`,
		},
		"implicit-looking name at project scope": {
			config: `resource "foundry_project_capability_host" "test" {
  project_id = "` + acc + `/projects/p1"
  name       = "a@aml_aiagentservice"
}`,
			want: `(?s)Invalid name.*a@aml_aiagentservice`,
		},
		"other kind": {
			config: `resource "foundry_account_capability_host" "test" {
  account_id = "` + acc + `"
  name       = "agents"
  kind       = "Tools"
}`,
			want: `(?s)kind.*value must be one of`,
		},
		"malformed subnet": {
			config: `resource "foundry_account_capability_host" "test" {
  account_id         = "` + acc + `"
  name               = "agents"
  customer_subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"
}`,
			want: `is not the ARM ID of a\s+Microsoft.Network/virtualNetworks/subnets`,
		},
		"empty connection list": {
			config: `resource "foundry_project_capability_host" "test" {
  project_id          = "` + acc + `/projects/p1"
  name                = "agents"
  storage_connections = []
}`,
			want: `(?s)storage_connections.*at least 1`,
		},
		"project ID given as account_id": {
			config: `resource "foundry_account_capability_host" "test" {
  account_id = "` + acc + `/projects/p1"
  name       = "agents"
}`,
			want: `is not the ARM ID of a\s+Microsoft.CognitiveServices/accounts`,
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

func TestCapabilityHostResources_importInvalidID(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	const acc = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:        env.ProviderBlock("") + `resource "foundry_account_capability_host" "test" {` + "\n account_id = \"" + acc + "\"\n name = \"agents\"\n}",
				ResourceName:  accountHost,
				ImportState:   true,
				ImportStateId: acc + "/projects/p1/capabilityHosts/agents",
				ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*accounts/\{account\}/capabilityHosts/\{name\}`),
			},
			{
				Config:        env.ProviderBlock("") + `resource "foundry_project_capability_host" "test" {` + "\n project_id = \"" + acc + "/projects/p1\"\n name = \"agents\"\n}",
				ResourceName:  projectHost,
				ImportState:   true,
				ImportStateId: acc + "/capabilityHosts/agents",
				ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*projects/\{project\}/capabilityHosts/\{name\}`),
			},
		},
	})
}

// newEnv is an emulator without the project capability host's RBAC check: these tests are about the host itself,
// and foundry_agent_standard_setup's tests cover the roles.
func newEnv(t *testing.T) *acctest.Env {
	env := acctest.NewEnv(t)
	env.Server.SetEnforceCapabilityHostRBAC(false)
	return env
}

func account(name string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                       = %[1]q
  resource_group_name        = "rg-foundry"
  location                   = "eastus"
  custom_subdomain_name      = %[1]q
  project_management_enabled = true
  identity                   = { type = "SystemAssigned" }
}
`, name)
}

func injectedAccount(name string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                       = %[1]q
  resource_group_name        = "rg-foundry"
  location                   = "eastus"
  custom_subdomain_name      = %[1]q
  project_management_enabled = true
  identity                   = { type = "SystemAssigned" }
  network_injection = {
    scenario  = "agent"
    subnet_id = %[2]q
  }
}
`, name, agentSubnet)
}

func accountHostConfig(name, extra string) string {
	return fmt.Sprintf(`
resource "foundry_account_capability_host" "test" {
  account_id = foundry_account.test.id
  name       = %[1]q
  %[2]s
}
`, name, extra)
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

// connections are the three AAD connections of the standard setup to the seeded storage, Cosmos DB and search
// service; suffix makes a second set.
func connections(suffix string) string {
	rg := "/subscriptions/" + emulator.DefaultSubscriptionID + "/resourceGroups/rg-foundry/providers/"
	return fmt.Sprintf(`
resource "foundry_project_connection" "storage%[1]s" {
  project_id = foundry_project.test.id
  name       = "stfoundryagents%[1]s"
  category   = "AzureStorageAccount"
  target     = "https://stfoundryagents.blob.core.windows.net/"
  metadata   = { ApiType = "Azure", ResourceId = %[2]q, location = "eastus" }
  aad {}
}

resource "foundry_project_connection" "cosmos%[1]s" {
  project_id = foundry_project.test.id
  name       = "cosmos-foundry-agents%[1]s"
  category   = "CosmosDb"
  target     = "https://cosmos-foundry-agents.documents.azure.com:443/"
  metadata   = { ApiType = "Azure", ResourceId = %[3]q, location = "eastus" }
  aad {}
}

resource "foundry_project_connection" "search%[1]s" {
  project_id = foundry_project.test.id
  name       = "srch-foundry-agents%[1]s"
  category   = "CognitiveSearch"
  target     = "https://srch-foundry-agents.search.windows.net"
  metadata   = { ApiType = "Azure", ResourceId = %[4]q, location = "eastus" }
  aad {}
}
`, suffix, rg+"Microsoft.Storage/storageAccounts/stfoundryagents", rg+"Microsoft.DocumentDB/databaseAccounts/cosmos-foundry-agents",
		rg+"Microsoft.Search/searchServices/srch-foundry-agents")
}

func projectHostConfig(name string) string {
	return fmt.Sprintf(`
resource "foundry_project_capability_host" "test" {
  project_id                 = foundry_project.test.id
  name                       = %[1]q
  vector_store_connections   = [foundry_project_connection.search.name]
  storage_connections        = [foundry_project_connection.storage.name]
  thread_storage_connections = [foundry_project_connection.cosmos.name]
}
`, name)
}
