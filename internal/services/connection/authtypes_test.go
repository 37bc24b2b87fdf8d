package connection_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Every auth type without credentials in the 2026-09-01 API has an empty credentials block: a connection goes through
// all seven in place (from a type with a secret, whose stored credentials go away), is imported, and an auth type
// changed out of band is drift that the next apply puts back.
func TestProjectConnectionResource_authTypesWithoutCredentials(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	id := env.AccountID("rg-foundry", acc) + "/projects/p1/connections/mcp-tools"
	sameID := statecheck.CompareValue(compare.ValuesSame())
	config := func(block string) string {
		return env.ProviderBlock("") + account(acc) + project() + projectConnection("mcp-tools", `category = "RemoteTool"
  target   = "https://mcp.contoso.example/mcp"
  metadata = { audience = "api://mcp.contoso.example" }
  `+block)
	}
	step := func(block, authType string) resource.TestStep {
		return resource.TestStep{
			Config: config(block + " {}"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue(projectConn, tfjsonpath.New("auth_type"), knownvalue.StringExact(authType)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(projectConn, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("auth_type"), knownvalue.StringExact(authType)),
				statecheck.ExpectKnownValue(projectConn, tfjsonpath.New(block), knownvalue.ObjectExact(map[string]knownvalue.Check{})),
			},
			Check: credentialsAre(env, projectConn, nil),
		}
	}
	steps := []resource.TestStep{{
		Config: config(`api_key {
    key = "an-api-key"
  }`),
		ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(projectConn, tfjsonpath.New("id"))},
		Check:             credentialsAre(env, projectConn, map[string]any{"key": "an-api-key"}),
	}}
	for _, c := range []struct{ block, authType string }{
		{"user_entra_token", "UserEntraToken"}, {"agentic_identity_token", "AgenticIdentityToken"}, {"agentic_user", "AgenticUser"},
		{"agent_user_impersonation", "AgentUserImpersonation"}, {"delegated_sas", "DelegatedSAS"},
		{"account_managed_identity", "AccountManagedIdentity"}, {"project_managed_identity", "ProjectManagedIdentity"},
	} {
		steps = append(steps, step(c.block, c.authType))
	}
	steps = append(steps,
		resource.TestStep{ResourceName: projectConn, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		resource.TestStep{
			// Someone switches the connection to the agent's identity in the portal.
			PreConfig: func() {
				if err := env.OutOfBand(http.MethodPut, id, map[string]any{"properties": map[string]any{
					"authType": "AgenticIdentityToken", "category": "RemoteTool", "target": "https://mcp.contoso.example/mcp",
					"metadata": map[string]any{"audience": "api://mcp.contoso.example"}}}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config("project_managed_identity {}"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(projectConn, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(projectConn, tfjsonpath.New("auth_type"), knownvalue.StringExact("ProjectManagedIdentity")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(projectConn, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(projectConn, tfjsonpath.New("agentic_identity_token"), knownvalue.Null()),
			},
		},
	)
	resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: env.Factories(), Steps: steps})
}

// A Key Vault connection (as in the docs, examples/resources/foundry_account_connection/key_vault.tf): the account's
// managed identity, created before the account's other connections, which depend on it; the plan after is empty.
// Azure refuses it once other connections exist, and the error says so.
func TestAccountConnectionResource_keyVault(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	vault := "/subscriptions/" + env.SubscriptionID + "/resourceGroups/rg-foundry/providers/Microsoft.KeyVault/vaults/kv-foundry-cmk"
	keyVault := `
resource "foundry_account_connection" "key_vault" {
  account_id       = foundry_account.test.id
  name             = "contoso-keyvault"
  category         = "AzureKeyVault"
  target           = "` + vault + `"
  is_shared_to_all = true

  metadata = {
    ApiType    = "Azure"
    ResourceId = "` + vault + `"
    location   = "eastus"
  }

  account_managed_identity {}
}
`
	search := func(dependsOn string) string {
		return projectConnection("search", `category = "CognitiveSearch"
  target   = "https://contoso.search.windows.net"
  api_key {
    key = "a-search-key"
  }
  `+dependsOn)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + account(acc) + project() + keyVault + search("depends_on = [foundry_account_connection.key_vault]"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_account_connection.key_vault", tfjsonpath.New("auth_type"), knownvalue.StringExact("AccountManagedIdentity")),
					statecheck.ExpectKnownValue("foundry_account_connection.key_vault", tfjsonpath.New("group"), knownvalue.StringExact("Azure")),
				},
			},
			{
				Config:           env.ProviderBlock("") + account(acc) + project() + keyVault + search("depends_on = [foundry_account_connection.key_vault]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
	other := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + account(other) + project() + search("")},
			{
				Config:      env.ProviderBlock("") + account(other) + project() + search("") + keyVault,
				ExpectError: regexp.MustCompile(`(?s)Unable to create account connection.*AzureKeyVault.*no other\s+connections.*found 'search'`),
			},
		},
	})
}
