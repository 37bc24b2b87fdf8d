package connection_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Every bad input is refused at plan time, on the attribute, with what to do. None needs Azure, nor write-only
// support (a *_wo attribute only appears next to its fallback, which is refused either way).
func TestConnectionResources_badInputs(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	cases := map[string]struct{ resource, body, want string }{
		"bad name": {"foundry_account_connection", `name = "a.b"
  category = "ApiKey"
  target = "https://x"
  none {}`, `(?s)Invalid name.*"a.b" is not allowed`},
		"short name": {"foundry_project_connection", `name = "ab"
  category = "ApiKey"
  target = "https://x"
  none {}`, `(?s)"ab" is 2 characters long; it must be 3 to 33`},
		"unknown category": {"foundry_account_connection", `name = "c1"
  category = "CosmosDB"
  target = "https://x"
  aad {}`, `(?s)category value must be one of`},
		"no credentials block": {"foundry_account_connection", `name = "c1"
  category = "ApiKey"
  target = "https://x"`, `(?s)Missing credentials block.*aad \{\}`},
		"two credentials blocks": {"foundry_project_connection", `name = "c1"
  category = "ApiKey"
  target = "https://x"
  aad {}
  api_key {
    key = "k"
  }`, `(?s)Conflicting credentials blocks.*found .aad., .api_key.`},
		"missing secret": {"foundry_project_connection", `name = "c1"
  category = "ApiKey"
  target = "https://x"
  api_key {}`, `(?s)Missing secret.*set key_wo.*or key`},
		"both forms of a secret": {"foundry_account_connection", `name = "c1"
  category = "Git"
  target = "https://x"
  pat {
    pat    = "one"
    pat_wo = "two"
  }`, `(?s)Secret set twice.*pat.pat_wo and pat.pat`},
		"missing client_id": {"foundry_account_connection", `name = "c1"
  category = "GenericRest"
  target = "https://x"
  service_principal {
    tenant_id     = "t"
    client_secret = "s"
  }`, `(?s)Missing client_id`},
		"bad expiry": {"foundry_project_connection", `name = "c1"
  category = "ApiKey"
  target = "https://x"
  expiry_time = "2027-01-31"
  none {}`, `(?s)Invalid expiry_time.*"2027-01-31" is not an RFC 3339 timestamp`},
		"bad pe_requirement": {"foundry_project_connection", `name = "c1"
  category = "ApiKey"
  target = "https://x"
  pe_requirement = "Sometimes"
  none {}`, `(?s)pe_requirement value must be one of`},
		"project ID as account_id": {"foundry_account_connection", `name = "c1"
  category = "ApiKey"
  target = "https://x"
  none {}`, `(?s)is not the ARM ID of a\s+Microsoft.CognitiveServices/accounts`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			parent := `project_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p"`
			if tc.resource == "foundry_account_connection" {
				parent = `account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"`
				if name == "project ID as account_id" {
					parent = `account_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p"`
				}
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config:      env.ProviderBlock("") + fmt.Sprintf("resource %q \"test\" {\n  %s\n  %s\n}\n", tc.resource, parent, tc.body),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
