package account_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/account"
)

// move runs foundry_account's state movers on a recorded source instance, as Terraform sends it.
func move(t *testing.T, src acctest.Recorded) *fwresource.MoveStateResponse {
	t.Helper()
	return acctest.MoveState(t, account.NewResource(), src)
}

const movedID = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"

func TestMoveState_recorded(t *testing.T) {
	cases := map[string]map[string]string{
		"azurerm_v4.tfstate": {
			"id": `"` + movedID + `"`, "name": `"contoso-foundry"`, "resource_group_name": `"rg-foundry"`, "location": `"eastus"`,
			"sku_name": `"S0"`, "custom_subdomain_name": `"contoso-foundry"`, "public_network_access": `"Disabled"`,
			"local_auth_enabled": "false", "project_management_enabled": "true", "outbound_network_access_restricted": "false",
			"allowed_fqdns": "<null>", "identity.type": `"SystemAssigned"`, "identity.identity_ids": "<null>",
			"identity.principal_id": `"5b0c8a1e-3d2f-4b6a-9c7e-1f2a3b4c5d6e"`, "tags": `{"env":"dev","owner":"ai-platform"}`,
			"network_acls.default_action": `"Deny"`, "network_acls.bypass": `"AzureServices"`, "network_acls.ip_rules": `["203.0.113.10"]`,
			"network_injection": "<null>", "customer_managed_key": "<null>", "user_owned_storage": "<null>",
		},
		// azapi v2: body is a dynamic value, stored as {"value": …, "type": …}.
		"azapi_v2.tfstate": {
			"id": `"` + movedID + `"`, "custom_subdomain_name": `"contoso-foundry"`, "public_network_access": `"Disabled"`,
			"local_auth_enabled": "false", "tags": `{"env":"dev"}`, "network_acls.default_action": `"Deny"`, "identity.type": `"SystemAssigned"`,
			"sku_name": `"S0"`,
		},
		// azapi v1: body is a JSON string, and tags = {} when unset, which must become null (no drift without tags).
		"azapi_v1.tfstate": {
			"id": `"` + movedID + `"`, "public_network_access": `"Enabled"`, "local_auth_enabled": "true", "tags": "<null>", "network_acls": "<null>",
		},
	}
	for file, want := range cases {
		t.Run(file, func(t *testing.T) {
			resp := move(t, acctest.LoadRecorded(t, filepath.Join("testdata", "move", file)))
			if resp.Diagnostics.HasError() {
				t.Fatalf("diagnostics: %v", resp.Diagnostics)
			}
			for p, w := range want {
				if got := acctest.StateAt(t, resp.TargetState, p); got != w {
					t.Errorf("%s = %s, want %s", p, got, w)
				}
			}
			// Secrets of the source (azurerm's access keys) have no attribute here and must not survive the move.
			if strings.Contains(resp.TargetState.Raw.String(), "c2VjcmV0") {
				t.Error("an access key of the source reached the moved state")
			}
		})
	}
}

func TestMoveState_otherSources(t *testing.T) {
	cases := map[string]struct {
		src     acctest.Recorded
		wantErr bool
	}{
		"azapi of another type": {acctest.Recorded{Provider: "registry.terraform.io/azure/azapi", Type: "azapi_resource",
			Attributes: json.RawMessage(`{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st","type":"Microsoft.Storage/storageAccounts@2023-05-01","body":{}}`)}, false},
		"unrelated resource": {acctest.Recorded{Provider: "registry.terraform.io/hashicorp/random", Type: "random_pet", Attributes: json.RawMessage(`{"id":"x"}`)}, false},
		"azurerm OpenAI kind": {acctest.Recorded{Provider: "registry.terraform.io/hashicorp/azurerm", Type: "azurerm_cognitive_account",
			Attributes: json.RawMessage(`{"id":"` + movedID + `","kind":"OpenAI","location":"eastus","sku_name":"S0"}`)}, true},
		"azurerm bad id": {acctest.Recorded{Provider: "registry.terraform.io/hashicorp/azurerm", Type: "azurerm_cognitive_account",
			Attributes: json.RawMessage(`{"id":"/subscriptions/s/resourceGroups/rg","kind":"AIServices"}`)}, true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resp := move(t, c.src)
			if resp.Diagnostics.HasError() != c.wantErr {
				t.Fatalf("error = %v, want %v: %v", resp.Diagnostics.HasError(), c.wantErr, resp.Diagnostics)
			}
			if !resp.TargetState.Raw.IsNull() {
				t.Errorf("target state set for a source that is not a Foundry account: %s", resp.TargetState.Raw)
			}
		})
	}
}

// TestAccountResource_movedFromAzapi and …_movedFromAzurerm create an account, a project and a deployment with this
// provider, hand them over to the source provider's recorded state (as if they had always been managed by it),
// and then move them back with `moved` blocks: the move must plan no change, and the plan after it must be empty.
func TestAccountResource_movedFromAzapi(t *testing.T) {
	testMoved(t, "azapi", "azapi_resource", "azapi_v2.tfstate", `{ env = "dev" }`, "")
}

func TestAccountResource_movedFromAzurerm(t *testing.T) {
	testMoved(t, "azurerm", "", "azurerm_v4.tfstate", `{ env = "dev", owner = "ai-platform" }`, `["203.0.113.10"]`)
}

func testMoved(t *testing.T, source, azapiType, file, tags, ipRules string) {
	t.Parallel()
	env := acctest.NewEnv(t)
	files := []string{filepath.Join("testdata", "move", file), filepath.Join("..", "project", "testdata", "move", file),
		filepath.Join("..", "deployment", "testdata", "move", file)}
	src := acctest.NewStandin(t, files...)
	factories := env.Factories()
	factories[source] = src.Factory()

	types := map[string]string{"account": "azurerm_cognitive_account", "project": "azurerm_cognitive_account_project", "deployment": "azurerm_cognitive_deployment"}
	if azapiType != "" {
		types = map[string]string{"account": azapiType, "project": azapiType, "deployment": azapiType}
	}
	foundry := env.ProviderBlock("") + movedConfig(tags, ipRules)
	var handOver, moved strings.Builder
	for _, r := range []struct{ kind, name string }{{"account", "contoso-foundry"}, {"project", "support"}, {"deployment", "gpt-4o"}} {
		handOver.WriteString("removed {\n  from = foundry_" + r.kind + ".main\n  lifecycle {\n    destroy = false\n  }\n}\n")
		handOver.WriteString("resource \"" + types[r.kind] + "\" \"" + r.kind + "\" {\n  name = \"" + r.name + "\"\n}\n")
		moved.WriteString("moved {\n  from = " + types[r.kind] + "." + r.kind + "\n  to   = foundry_" + r.kind + ".main\n}\n")
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: foundry},
			{Config: env.ProviderBlock("") + handOver.String()},
			{
				Config: foundry + moved.String(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("foundry_account.main", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("foundry_project.main", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("foundry_deployment.main", plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_account.main", tfjsonpath.New("id"), knownvalue.StringExact(movedID)),
					statecheck.ExpectKnownValue("foundry_project.main", tfjsonpath.New("project_guid"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("foundry_deployment.main", tfjsonpath.New("current_capacity"), knownvalue.Int64Exact(50)),
				},
			},
			{Config: foundry, PlanOnly: true},
		},
	})
}

func movedConfig(tags, ipRules string) string {
	if ipRules != "" {
		ipRules = ", ip_rules = " + ipRules
	}
	return `
resource "foundry_account" "main" {
  name                  = "contoso-foundry"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-foundry"
  identity              = { type = "SystemAssigned" }
  public_network_access = "Disabled"
  local_auth_enabled    = false
  network_acls          = { default_action = "Deny", bypass = "AzureServices"` + ipRules + ` }
  tags                  = ` + tags + `
}

resource "foundry_project" "main" {
  account_id   = foundry_account.main.id
  name         = "support"
  display_name = "Support"
  description  = "Customer support agents"
  identity     = { type = "SystemAssigned" }
  tags         = { env = "dev", team = "support" }
}

resource "foundry_deployment" "main" {
  account_id             = foundry_account.main.id
  name                   = "gpt-4o"
  model                  = { format = "OpenAI", name = "gpt-4o", version = "2024-11-20" }
  sku                    = { name = "GlobalStandard", capacity = 50 }
  rai_policy_name        = "Microsoft.DefaultV2"
  version_upgrade_option = "OnceNewDefaultVersionAvailable"
  depends_on             = [foundry_project.main]
}
`
}
