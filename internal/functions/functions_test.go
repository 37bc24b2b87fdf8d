package functions_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

const accountID = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso"

// The functions run through the real CLI; their results are checked as outputs.
func TestFunctions(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + `
output "account" {
  value = provider::foundry::parse_account_id("` + accountID + `")
}
output "project" {
  value = provider::foundry::parse_project_id("` + accountID + `/projects/support")
}
output "deployment" {
  value = provider::foundry::parse_deployment_id("` + accountID + `/deployments/gpt-4o")
}
output "account_connection" {
  value = provider::foundry::parse_connection_id("` + accountID + `/connections/search1")
}
output "project_connection" {
  value = provider::foundry::parse_connection_id("` + accountID + `/projects/support/connections/cosmos1")
}
output "guid" {
  value = provider::foundry::project_guid("0123456789ABCDEF0123456789abcdef")
}
output "endpoint" {
  value = provider::foundry::account_endpoint("contoso", "public")
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("account", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"subscription_id":     knownvalue.StringExact("00000000-1111-2222-3333-444444444444"),
					"resource_group_name": knownvalue.StringExact("rg-foundry"),
					"account_name":        knownvalue.StringExact("contoso"),
				})),
				statecheck.ExpectKnownOutputValueAtPath("project", tfjsonPath("project_name"), knownvalue.StringExact("support")),
				statecheck.ExpectKnownOutputValueAtPath("project", tfjsonPath("account_id"), knownvalue.StringExact(accountID)),
				statecheck.ExpectKnownOutputValueAtPath("deployment", tfjsonPath("deployment_name"), knownvalue.StringExact("gpt-4o")),
				statecheck.ExpectKnownOutputValueAtPath("account_connection", tfjsonPath("project_name"), knownvalue.Null()),
				statecheck.ExpectKnownOutputValueAtPath("account_connection", tfjsonPath("scope_id"), knownvalue.StringExact(accountID)),
				statecheck.ExpectKnownOutputValueAtPath("project_connection", tfjsonPath("project_name"), knownvalue.StringExact("support")),
				statecheck.ExpectKnownOutputValueAtPath("project_connection", tfjsonPath("connection_name"), knownvalue.StringExact("cosmos1")),
				statecheck.ExpectKnownOutputValue("guid", knownvalue.StringExact("01234567-89ab-cdef-0123-456789abcdef")),
				statecheck.ExpectKnownOutputValue("endpoint", knownvalue.StringExact("https://contoso.services.ai.azure.com/")),
			},
		}},
	})
}

// Bad input fails the plan with a message that names the argument and the expected shape.
func TestFunctions_badInput(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	cases := map[string]struct{ expr, want string }{
		"account id of another type": {`provider::foundry::parse_account_id("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x")`, `accounts/`},
		"project id without project": {`provider::foundry::parse_project_id("` + accountID + `")`, `projects`},
		"deployment id of a project": {`provider::foundry::parse_deployment_id("` + accountID + `/projects/p")`, `deployments`},
		"connection id of nothing":   {`provider::foundry::parse_connection_id("not-an-id")`, `connections`},
		"short internal id":          {`provider::foundry::project_guid("0123")`, `expected 32\s+hexadecimal\s+digits`},
		"bad subdomain":              {`provider::foundry::account_endpoint("Not_Valid", "public")`, `is not a custom\s+subdomain`},
		"unknown cloud":              {`provider::foundry::account_endpoint("contoso", "mars")`, `unknown\s+environment\s+"mars"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config:      env.ProviderBlock("") + "output \"x\" {\n  value = " + tc.expr + "\n}\n",
					ExpectError: regexp.MustCompile(`(?s)Invalid function argument.*` + tc.want),
				}},
			})
		})
	}
}
