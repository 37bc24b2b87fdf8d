package capabilityhost_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	testresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/capabilityhost"
)

const (
	movedAccount = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
	movedProject = movedAccount + "/projects/support"
)

func TestMoveState_recorded(t *testing.T) {
	account := map[string]string{
		"id": `"` + movedAccount + `/capabilityHosts/agents"`, "account_id": `"` + movedAccount + `"`, "name": `"agents"`, "kind": `"Agents"`,
		"customer_subnet_id": "<null>", "vector_store_connections": "<null>", "storage_connections": "<null>",
		"thread_storage_connections": "<null>", "ai_services_connections": "<null>", "timeouts": "<null>",
	}
	project := map[string]string{
		"id": `"` + movedProject + `/capabilityHosts/project-agents"`, "project_id": `"` + movedProject + `"`, "name": `"project-agents"`,
		"vector_store_connections": `["srch-foundry-agents"]`, "storage_connections": `["stfoundryagents"]`,
		"thread_storage_connections": `["cosmos-foundry-agents"]`, "ai_services_connections": "<null>", "timeouts": "<null>",
	}
	cases := []struct {
		file string
		r    resource.Resource
		want map[string]string
	}{
		{"account_azapi_v2.tfstate", capabilityhost.NewAccountResource(), account},
		{"account_azurerm_v4.tfstate", capabilityhost.NewAccountResource(), account},
		{"project_azapi_v1.tfstate", capabilityhost.NewProjectResource(), project},
		{"project_azapi_v2.tfstate", capabilityhost.NewProjectResource(), project},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			resp := acctest.MoveState(t, c.r, acctest.LoadRecorded(t, filepath.Join("testdata", "move", c.file)))
			if resp.Diagnostics.HasError() {
				t.Fatalf("diagnostics: %v", resp.Diagnostics)
			}
			for p, w := range c.want {
				if got := acctest.StateAt(t, resp.TargetState, p); got != w {
					t.Errorf("%s = %s, want %s", p, got, w)
				}
			}
		})
	}
}

// An earlier azurerm_cognitive_account_capability_host had subnet_id: it becomes customer_subnet_id.
func TestMoveState_azurermSubnet(t *testing.T) {
	subnet := "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.Network/virtualNetworks/vnet/subnets/agents"
	resp := acctest.MoveState(t, capabilityhost.NewAccountResource(), acctest.Recorded{
		Provider: "registry.terraform.io/hashicorp/azurerm", Type: "azurerm_cognitive_account_capability_host",
		Attributes: json.RawMessage(`{"id":"` + movedAccount + `/capabilityHosts/agents","name":"agents","cognitive_account_id":"` + movedAccount +
			`","subnet_id":"` + subnet + `","ai_services_connections":[],"storage_connections":[],"thread_storage_connections":[],"vector_store_connections":[]}`),
	})
	if resp.Diagnostics.HasError() {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
	if got := acctest.StateAt(t, resp.TargetState, "customer_subnet_id"); got != `"`+subnet+`"` {
		t.Errorf("customer_subnet_id = %s", got)
	}
}

// Hosts of the other scope, other ARM types and other providers are not moves into these resources.
func TestMoveState_otherSources(t *testing.T) {
	const azapi = "registry.terraform.io/azure/azapi"
	cases := map[string]struct {
		r   resource.Resource
		src acctest.Recorded
	}{
		"account host into project": {capabilityhost.NewProjectResource(), acctest.LoadRecorded(t, filepath.Join("testdata", "move", "account_azapi_v2.tfstate"))},
		"project host into account": {capabilityhost.NewAccountResource(), acctest.LoadRecorded(t, filepath.Join("testdata", "move", "project_azapi_v2.tfstate"))},
		"azapi connection": {capabilityhost.NewAccountResource(), acctest.Recorded{Provider: azapi, Type: "azapi_resource",
			Attributes: json.RawMessage(`{"id":"` + movedAccount + `/connections/c","type":"Microsoft.CognitiveServices/accounts/connections@2025-06-01","body":{}}`)}},
		"azurerm into project": {capabilityhost.NewProjectResource(), acctest.LoadRecorded(t, filepath.Join("testdata", "move", "account_azurerm_v4.tfstate"))},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resp := acctest.MoveState(t, c.r, c.src)
			if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
				t.Errorf("want no move and no error, got %v %s", resp.Diagnostics, resp.TargetState.Raw)
			}
		})
	}
}

// TestCapabilityHostResource_movedFromAzapi and …_movedFromAzurerm create the capability hosts with this provider,
// hand them over to the source provider's recorded state (as if they had always been managed by it), and move them
// back with `moved` blocks: the move must plan no change, and the plan after it must be empty. azurerm has no project
// capability host, so from azurerm only the account host moves.
func TestCapabilityHostResource_movedFromAzapi(t *testing.T) {
	testMoved(t, "azapi", map[string]string{"account": "account_azapi_v2.tfstate", "project": "project_azapi_v2.tfstate"},
		map[string]string{"account": "azapi_resource", "project": "azapi_resource"})
}

func TestCapabilityHostResource_movedFromAzurerm(t *testing.T) {
	testMoved(t, "azurerm", map[string]string{"account": "account_azurerm_v4.tfstate"},
		map[string]string{"account": "azurerm_cognitive_account_capability_host"})
}

func testMoved(t *testing.T, source string, files, types map[string]string) {
	t.Parallel()
	env := newEnv(t)
	var paths []string
	for _, scope := range []string{"account", "project"} {
		if f, ok := files[scope]; ok {
			paths = append(paths, filepath.Join("testdata", "move", f))
		}
	}
	src := acctest.NewStandin(t, paths...)
	factories := env.Factories()
	factories[source] = src.Factory()

	parents := env.ProviderBlock("") + movedParents()
	hosts := map[string]string{"account": movedAccountHost, "project": movedProjectHost}
	names := map[string]string{"account": "agents", "project": "project-agents"}
	foundry := parents + movedAccountHost + movedProjectHost
	handOver, moved := parents, ""
	var noop []plancheck.PlanCheck
	for _, scope := range []string{"account", "project"} {
		typ, ok := types[scope]
		if !ok {
			handOver += hosts[scope] // stays with this provider
			continue
		}
		handOver += "removed {\n  from = foundry_" + scope + "_capability_host.main\n  lifecycle {\n    destroy = false\n  }\n}\n"
		handOver += "resource \"" + typ + "\" \"" + scope + "\" {\n  name = \"" + names[scope] + "\"\n}\n"
		moved += "moved {\n  from = " + typ + "." + scope + "\n  to   = foundry_" + scope + "_capability_host.main\n}\n"
		noop = append(noop, plancheck.ExpectResourceAction("foundry_"+scope+"_capability_host.main", plancheck.ResourceActionNoop))
	}
	testresource.UnitTest(t, testresource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []testresource.TestStep{
			{Config: foundry},
			{Config: handOver},
			{
				Config:           foundry + moved,
				ConfigPlanChecks: testresource.ConfigPlanChecks{PreApply: noop},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_account_capability_host.main", tfjsonpath.New("id"), knownvalue.StringExact(movedAccount+"/capabilityHosts/agents")),
					statecheck.ExpectKnownValue("foundry_account_capability_host.main", tfjsonpath.New("provisioning_state"), knownvalue.StringExact("Succeeded")),
					statecheck.ExpectKnownValue("foundry_project_capability_host.main", tfjsonpath.New("provisioning_state"), knownvalue.StringExact("Succeeded")),
				},
			},
			{Config: foundry, PlanOnly: true},
		},
	})
}

// movedParents are the account, the project and the project's connections, which stay with this provider throughout.
func movedParents() string {
	return `
resource "foundry_account" "main" {
  name                       = "contoso-foundry"
  resource_group_name        = "rg-foundry"
  location                   = "eastus"
  custom_subdomain_name      = "contoso-foundry"
  project_management_enabled = true
  identity                   = { type = "SystemAssigned" }
}

resource "foundry_project" "test" {
  account_id = foundry_account.main.id
  name       = "support"
  identity   = { type = "SystemAssigned" }
}
` + connections("")
}

const (
	movedAccountHost = `
resource "foundry_account_capability_host" "main" {
  account_id = foundry_account.main.id
  name       = "agents"
}
`
	movedProjectHost = `
resource "foundry_project_capability_host" "main" {
  project_id                 = foundry_project.test.id
  name                       = "project-agents"
  vector_store_connections   = [foundry_project_connection.search.name]
  storage_connections        = [foundry_project_connection.storage.name]
  thread_storage_connections = [foundry_project_connection.cosmos.name]
}
`
)
