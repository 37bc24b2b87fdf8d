package connection_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Each scope's data source reads one connection by name, as the resource reads it, and holds no secret. The account
// connection is the App Insights connection of the docs (examples/resources/foundry_account_connection/app_insights.tf).
func TestConnectionDataSource_bothScopes(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	appInsights := "/subscriptions/" + env.SubscriptionID + "/resourceGroups/rg-foundry/providers/Microsoft.Insights/components/appi-contoso"
	resources := env.ProviderBlock("") + account(acc) + project() + accountConnection("appi-contoso", `category = "AppInsights"
  target           = "`+appInsights+`"
  is_shared_to_all = true
  metadata         = { ApiType = "Azure", ResourceId = "`+appInsights+`" }
  api_key {
    key = "InstrumentationKey=single-secret-1;IngestionEndpoint=https://eastus-8.in.applicationinsights.azure.com/"
  }`) + projectConnection("proj1", `category = "CosmosDb"
  target           = "https://c.documents.azure.com:443/"
  shared_user_list = ["00000000-0000-0000-0000-0000000000aa"]
  pe_requirement   = "NotRequired"
  aad {}`)
	reads := `
data "foundry_account_connection" "test" {
  account_id = foundry_account_connection.test.account_id
  name       = foundry_account_connection.test.name
}

data "foundry_project_connection" "test" {
  project_id = foundry_project_connection.test.project_id
  name       = foundry_project_connection.test.name
}
`
	sameAs := func(res, ds, attr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(res, tfjsonpath.New(attr), ds, tfjsonpath.New(attr), compare.ValuesSame())
	}
	var checks []statecheck.StateCheck
	for _, attr := range []string{"id", "category", "target", "auth_type", "metadata", "is_shared_to_all", "shared_user_list", "expiry_time",
		"use_workspace_managed_identity", "pe_requirement", "group"} {
		checks = append(checks, sameAs(accountConn, "data.foundry_account_connection.test", attr),
			sameAs(projectConn, "data.foundry_project_connection.test", attr))
	}
	checks = append(checks,
		statecheck.ExpectKnownValue("data.foundry_account_connection.test", tfjsonpath.New("auth_type"), knownvalue.StringExact("ApiKey")),
		statecheck.ExpectKnownValue("data.foundry_account_connection.test", tfjsonpath.New("group"), knownvalue.StringExact("Azure")),
		statecheck.ExpectKnownValue("data.foundry_account_connection.test", tfjsonpath.New("is_shared_to_all"), knownvalue.Bool(true)),
		statecheck.ExpectKnownValue("data.foundry_project_connection.test", tfjsonpath.New("id"),
			knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/projects/p1/connections/proj1")),
		statecheck.ExpectKnownValue("data.foundry_project_connection.test", tfjsonpath.New("auth_type"), knownvalue.StringExact("AAD")),
		statecheck.ExpectKnownValue("data.foundry_project_connection.test", tfjsonpath.New("shared_user_list"),
			knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("00000000-0000-0000-0000-0000000000aa")})),
		statecheck.ExpectKnownValue("data.foundry_project_connection.test", tfjsonpath.New("pe_requirement"), knownvalue.StringExact("NotRequired")),
	)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            resources + reads,
				ConfigStateChecks: checks,
				Check: func(s *terraformState) error {
					// Only the data sources: the resource holds the sensitive fallback by design.
					for _, addr := range []string{"data.foundry_account_connection.test", "data.foundry_project_connection.test"} {
						if err := noSecretIn(s, addr, "single-secret-1"); err != nil {
							return err
						}
					}
					return nil
				},
			},
		},
	})
}

// A name that does not exist is an error naming the connection's ARM ID; a connection of the other scope is not
// found either.
func TestConnectionDataSource_notFound(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + account(acc) + project() + projectConnection("proj1", `category = "CosmosDb"
  target = "https://c.documents.azure.com:443/"
  aad {}`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: base},
			{
				Config: base + `
data "foundry_account_connection" "test" {
  account_id = foundry_account.test.id
  name       = foundry_project_connection.test.name
}
`,
				ExpectError: regexp.MustCompile(`(?s)Unable to read account connection.*` + acc + `/connections/proj1.*NotFound`),
			},
		},
	})
}
