package connection_test

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/connection"
)

const (
	movedAccount = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"
	movedProject = movedAccount + "/projects/support"
	// movedSecret is the API key in the recorded states; it must never reach a moved state.
	movedSecret = "c2VjcmV0LWFvYWkta2V5"
)

var (
	aoaiMetadata   = `{"ApiType":"Azure","ResourceId":"/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-openai","location":"eastus"}`
	cosmosMetadata = `{"ApiType":"Azure","ResourceId":"/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-foundry-agents","location":"eastus"}`
)

func TestMoveState_recorded(t *testing.T) {
	aoai := map[string]string{
		"id": `"` + movedAccount + `/connections/aoai-main"`, "account_id": `"` + movedAccount + `"`, "name": `"aoai-main"`,
		"category": `"AzureOpenAI"`, "target": `"https://contoso-openai.openai.azure.com/"`, "auth_type": `"ApiKey"`,
		"metadata": aoaiMetadata, "api_key.key": "<null>", "api_key.key_wo": "<null>", "aad": "<null>", "secret_version": "<null>",
		"timeouts": "<null>",
	}
	cosmos := map[string]string{
		"id": `"` + movedProject + `/connections/cosmos-agents"`, "project_id": `"` + movedProject + `"`, "name": `"cosmos-agents"`,
		"category": `"CosmosDb"`, "target": `"https://cosmos-foundry-agents.documents.azure.com:443/"`, "auth_type": `"AAD"`,
		"metadata": cosmosMetadata, "aad": "{}", "api_key": "<null>", "is_shared_to_all": "false", "timeouts": "<null>",
	}
	withShared := func(m map[string]string) map[string]string {
		out := map[string]string{"is_shared_to_all": "true"}
		for k, v := range m {
			if k != "is_shared_to_all" {
				out[k] = v
			}
		}
		return out
	}
	cases := []struct {
		file    string
		project bool
		want    map[string]string
	}{
		{"account_azapi_v1.tfstate", false, withShared(aoai)},
		{"account_azapi_v2.tfstate", false, withShared(aoai)},
		{"account_azurerm_v4.tfstate", false, aoai}, // azurerm has no is_shared_to_all: false until the refresh
		{"project_azapi_v2.tfstate", true, cosmos},
		{"project_azurerm_v4.tfstate", true, cosmos},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			r := connection.NewAccountResource()
			if c.project {
				r = connection.NewProjectResource()
			}
			resp := acctest.MoveState(t, r, acctest.LoadRecorded(t, filepath.Join("testdata", "move", c.file)))
			if resp.Diagnostics.HasError() {
				t.Fatalf("diagnostics: %v", resp.Diagnostics)
			}
			for p, w := range c.want {
				if got := acctest.StateAt(t, resp.TargetState, p); got != w {
					t.Errorf("%s = %s, want %s", p, got, w)
				}
			}
			if strings.Contains(resp.TargetState.Raw.String(), movedSecret) {
				t.Error("the source's API key reached the moved state")
			}
		})
	}
}

// The per-auth-type azurerm resources carry their non-secret credential values; an auth type the resource has no
// block for is refused, naming the blocks there are.
func TestMoveState_azurermAuthTypes(t *testing.T) {
	const azurerm = "registry.terraform.io/hashicorp/azurerm"
	id := movedAccount + "/connections/c1"
	common := `"id":"` + id + `","name":"c1","cognitive_account_id":"` + movedAccount + `","category":"GenericRest","target":"https://api.contoso.example","metadata":{}`
	cases := map[string]struct {
		typ, attrs string
		want       map[string]string
		wantErr    string
	}{
		"oauth2 type": {"azurerm_cognitive_account_connection_oauth2", common + `,"oauth2":[{"authentication_url":"https://login.example/token",` +
			`"client_id":"11111111-1111-1111-1111-111111111111","client_secret":"oauth-secret","tenant_id":"22222222-2222-2222-2222-222222222222","username":"u","password":"p","refresh_token":"","developer_token":""}]`,
			map[string]string{"auth_type": `"OAuth2"`, "oauth2.auth_url": `"https://login.example/token"`, "oauth2.client_id": `"11111111-1111-1111-1111-111111111111"`,
				"oauth2.tenant_id": `"22222222-2222-2222-2222-222222222222"`, "oauth2.username": `"u"`, "oauth2.client_secret": "<null>",
				"oauth2.password": "<null>", "metadata": "<null>"}, ""},
		"generic managed identity": {"azurerm_cognitive_account_connection", common + `,"auth_type":"ManagedIdentity","managed_identity":[{"client_id":"33333333-3333-3333-3333-333333333333",` +
			`"resource_id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai"}],"api_key":"","custom_keys":null,"oauth2":[]`,
			map[string]string{"auth_type": `"ManagedIdentity"`, "managed_identity.client_id": `"33333333-3333-3333-3333-333333333333"`,
				"managed_identity.resource_id": `"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai"`}, ""},
		"custom keys type": {"azurerm_cognitive_account_connection_custom_keys", common + `,"custom_keys":{"x-api-key":"custom-secret"}`,
			map[string]string{"auth_type": `"CustomKeys"`, "custom_keys.keys": "<null>", "custom_keys.keys_wo": "<null>"}, ""},
		"account key type": {"azurerm_cognitive_account_connection_account_key", common + `,"account_key":"account-secret"`,
			map[string]string{"auth_type": `"AccountKey"`, "account_key.key": "<null>"}, ""},
		"entra id type": {"azurerm_cognitive_account_connection_entra_id", common, map[string]string{"auth_type": `"AAD"`, "aad": "{}"}, ""},
		"account managed identity": {"azurerm_cognitive_account_connection_account_managed_identity", common,
			map[string]string{"auth_type": `"AccountManagedIdentity"`, "account_managed_identity": "{}", "aad": "<null>"}, ""},
		// Every auth type of the 2026-09-01 spec has a block; one the spec does not know (a later API's) has none.
		"auth type without a block": {"azurerm_cognitive_account_connection", common + `,"auth_type":"FutureAuth","api_key":"","custom_keys":null,"oauth2":[]`, nil,
			`auth type "FutureAuth" has no credentials block in foundry_account_connection.*aad.*Keep the connection in azurerm_cognitive_account_connection`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resp := acctest.MoveState(t, connection.NewAccountResource(), acctest.Recorded{Provider: azurerm, Type: c.typ, Attributes: json.RawMessage("{" + c.attrs + "}")})
			if c.wantErr != "" {
				if !resp.Diagnostics.HasError() || !regexp.MustCompile(`(?s)`+c.wantErr).MatchString(resp.Diagnostics.Errors()[0].Detail()) {
					t.Fatalf("want an error matching %q, got %v", c.wantErr, resp.Diagnostics)
				}
				return
			}
			if resp.Diagnostics.HasError() {
				t.Fatalf("diagnostics: %v", resp.Diagnostics)
			}
			for p, w := range c.want {
				if got := acctest.StateAt(t, resp.TargetState, p); got != w {
					t.Errorf("%s = %s, want %s", p, got, w)
				}
			}
			for _, secret := range []string{"oauth-secret", "custom-secret", "account-secret"} {
				if strings.Contains(resp.TargetState.Raw.String(), secret) {
					t.Errorf("a secret of the source (%s) reached the moved state", secret)
				}
			}
		})
	}
}

// Sources of another scope, type or provider are not moves into this resource: no state and no error.
func TestMoveState_otherSources(t *testing.T) {
	const azapi, azurerm = "registry.terraform.io/azure/azapi", "registry.terraform.io/hashicorp/azurerm"
	projectConn := `{"id":"` + movedProject + `/connections/c1","name":"c1","parent_id":"` + movedProject +
		`","type":"Microsoft.CognitiveServices/accounts/projects/connections@2025-06-01","body":{}}`
	cases := map[string]acctest.Recorded{
		"azapi project connection":   {Provider: azapi, Type: "azapi_resource", Attributes: json.RawMessage(projectConn)},
		"azapi capability host":      {Provider: azapi, Type: "azapi_resource", Attributes: json.RawMessage(`{"id":"` + movedAccount + `/capabilityHosts/h","type":"Microsoft.CognitiveServices/accounts/capabilityHosts@2025-06-01","body":{}}`)},
		"azurerm project connection": {Provider: azurerm, Type: "azurerm_cognitive_account_project_connection_api_key", Attributes: json.RawMessage(`{"id":"` + movedProject + `/connections/c1"}`)},
		"azurerm unknown suffix":     {Provider: azurerm, Type: "azurerm_cognitive_account_connection_foo", Attributes: json.RawMessage(`{"id":"` + movedAccount + `/connections/c1"}`)},
		"other provider":             {Provider: "registry.terraform.io/hashicorp/random", Type: "azurerm_cognitive_account_connection", Attributes: json.RawMessage(`{"id":"x"}`)},
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			resp := acctest.MoveState(t, connection.NewAccountResource(), src)
			if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
				t.Errorf("want no move and no error, got %v %s", resp.Diagnostics, resp.TargetState.Raw)
			}
		})
	}
	// And the other way round: an account connection is not a project connection.
	resp := acctest.MoveState(t, connection.NewProjectResource(), acctest.LoadRecorded(t, filepath.Join("testdata", "move", "account_azapi_v2.tfstate")))
	if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
		t.Errorf("an account connection moved into foundry_project_connection: %v %s", resp.Diagnostics, resp.TargetState.Raw)
	}
}

// TestConnectionResource_movedFromAzapi and …_movedFromAzurerm create an account connection and a project
// connection with this provider, hand them over to the source provider's recorded state (as if they had always been
// managed by it), and move them back with `moved` blocks. The Microsoft Entra ID connection moves without a change;
// the API key connection, whose key the move leaves behind, is updated in place to send the configured key again, and
// the plan after that is empty.
func TestConnectionResource_movedFromAzapi(t *testing.T) {
	testMoved(t, "azapi", "account_azapi_v2.tfstate", "project_azapi_v2.tfstate", "azapi_resource", "azapi_resource")
}

func TestConnectionResource_movedFromAzurerm(t *testing.T) {
	testMoved(t, "azurerm", "account_azurerm_v4.tfstate", "project_azurerm_v4.tfstate",
		"azurerm_cognitive_account_connection", "azurerm_cognitive_account_project_connection_entra_id")
}

func testMoved(t *testing.T, source, accountFile, projectFile, accountType, projectType string) {
	t.Parallel()
	env := acctest.NewEnv(t)
	src := acctest.NewStandin(t, filepath.Join("testdata", "move", accountFile), filepath.Join("testdata", "move", projectFile))
	factories := env.Factories()
	factories[source] = src.Factory()
	foundry := env.ProviderBlock("") + movedConfig()
	handOver := env.ProviderBlock("") + movedParents() + `
removed {
  from = foundry_account_connection.main
  lifecycle {
    destroy = false
  }
}

removed {
  from = foundry_project_connection.main
  lifecycle {
    destroy = false
  }
}

resource "` + accountType + `" "account" {
  name = "aoai-main"
}

resource "` + projectType + `" "project" {
  name = "cosmos-agents"
}
`
	moved := `
moved {
  from = ` + accountType + `.account
  to   = foundry_account_connection.main
}

moved {
  from = ` + projectType + `.project
  to   = foundry_project_connection.main
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: foundry},
			{Config: handOver},
			{
				Config: foundry + moved,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("foundry_project_connection.main", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("foundry_account_connection.main", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_account_connection.main", tfjsonpath.New("id"), knownvalue.StringExact(movedAccount+"/connections/aoai-main")),
					statecheck.ExpectKnownValue("foundry_project_connection.main", tfjsonpath.New("group"), knownvalue.StringExact("NoSQL")),
				},
				Check: credentialsAre(env, "foundry_account_connection.main", map[string]any{"key": "configured-aoai-key"}),
			},
			{Config: foundry, PlanOnly: true},
		},
	})
}

// movedParents are the account and project, which stay with this provider throughout.
func movedParents() string {
	return `
resource "foundry_account" "main" {
  name                  = "contoso-foundry"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-foundry"
  identity              = { type = "SystemAssigned" }
}

resource "foundry_project" "main" {
  account_id = foundry_account.main.id
  name       = "support"
  identity   = { type = "SystemAssigned" }
}
`
}

func movedConfig() string {
	return movedParents() + `
resource "foundry_account_connection" "main" {
  account_id       = foundry_account.main.id
  name             = "aoai-main"
  category         = "AzureOpenAI"
  target           = "https://contoso-openai.openai.azure.com/"
  is_shared_to_all = true
  metadata = {
    ApiType    = "Azure"
    ResourceId = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-openai"
    location   = "eastus"
  }
  api_key {
    key = "configured-aoai-key"
  }
}

resource "foundry_project_connection" "main" {
  project_id = foundry_project.main.id
  name       = "cosmos-agents"
  category   = "CosmosDb"
  target     = "https://cosmos-foundry-agents.documents.azure.com:443/"
  metadata = {
    ApiType    = "Azure"
    ResourceId = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-foundry-agents"
    location   = "eastus"
  }
  aad {}
}
`
}
