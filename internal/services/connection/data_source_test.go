package connection_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// The data source lists each scope's own connections, filters by category, and never holds a secret.
func TestConnectionsDataSource_bothScopes(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resources := env.ProviderBlock("") + account(acc) + project() + accountConnection("acct1", `category = "AzureOpenAI"
  target   = "https://contoso.openai.azure.com/"
  metadata = { ApiType = "Azure" }
  api_key {
    key = "listed-secret-1"
  }`) + projectConnection("proj1", `category = "CosmosDb"
  target = "https://c.documents.azure.com:443/"
  aad {}`) + `
resource "foundry_project_connection" "second" {
  project_id = foundry_project.test.id
  name       = "proj2"
  category   = "Git"
  target     = "https://github.com/contoso"
  pat {
    pat = "listed-secret-2"
  }
}
`
	lists := `
data "foundry_connections" "account" {
  account_id = foundry_account_connection.test.account_id
}
data "foundry_connections" "project" {
  project_id = foundry_project_connection.test.project_id
  depends_on = [foundry_project_connection.second]
}
data "foundry_connections" "git" {
  project_id = foundry_project_connection.test.project_id
  category   = "Git"
  depends_on = [foundry_project_connection.second]
}
`
	byName := func(names ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(names))
		for i, n := range names {
			checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(n)})
		}
		return knownvalue.ListExact(checks)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: resources},
			{
				Config: resources + lists,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.foundry_connections.account", tfjsonpath.New("connections"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id":               knownvalue.StringExact(env.AccountID("rg-foundry", acc) + "/connections/acct1"),
							"name":             knownvalue.StringExact("acct1"),
							"category":         knownvalue.StringExact("AzureOpenAI"),
							"target":           knownvalue.StringExact("https://contoso.openai.azure.com/"),
							"auth_type":        knownvalue.StringExact("ApiKey"),
							"metadata":         knownvalue.MapExact(map[string]knownvalue.Check{"ApiType": knownvalue.StringExact("Azure")}),
							"is_shared_to_all": knownvalue.Bool(false),
							"group":            knownvalue.StringExact("AzureAI"),
							"expiry_time":      knownvalue.Null(),
						}),
					})),
					statecheck.ExpectKnownValue("data.foundry_connections.project", tfjsonpath.New("connections"), byName("proj1", "proj2")),
					statecheck.ExpectKnownValue("data.foundry_connections.git", tfjsonpath.New("connections"), byName("proj2")),
				},
				Check: func(s *terraformState) error {
					// Only the data sources: the resources hold the sensitive fallbacks by design.
					for _, addr := range []string{"data.foundry_connections.account", "data.foundry_connections.project", "data.foundry_connections.git"} {
						if err := noSecretIn(s, addr, "listed-secret-1", "listed-secret-2"); err != nil {
							return err
						}
					}
					return nil
				},
			},
		},
	})
}
