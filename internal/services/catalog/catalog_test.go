package catalog_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

func TestModelsDataSource_location(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	gpt4o := "data.foundry_models.gpt4o"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + `
data "foundry_models" "gpt4o" {
  location = "East US"
  format   = "openai"
  name     = "gpt-4o"
}

data "foundry_models" "microsoft" {
  location = "eastus"
  format   = "Microsoft"
}

# gpt-4.1 is not offered in westus.
data "foundry_models" "gap" {
  location = "westus"
  name     = "gpt-4.1"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// Listed once per version even though the region lists it for two account kinds.
				statecheck.ExpectKnownValue(gpt4o, tfjsonpath.New("models"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue(gpt4o, tfjsonpath.New("models").AtSliceIndex(2), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"format":             knownvalue.StringExact("OpenAI"),
					"name":               knownvalue.StringExact("gpt-4o"),
					"version":            knownvalue.StringExact("2024-11-20"),
					"is_default_version": knownvalue.Bool(true),
					"lifecycle_status":   knownvalue.StringExact("GenerallyAvailable"),
					"capabilities":       knownvalue.MapPartial(map[string]knownvalue.Check{"chatCompletion": knownvalue.StringExact("true")}),
					"skus": knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name":             knownvalue.StringExact("GlobalStandard"),
						"usage_name":       knownvalue.StringExact("OpenAI.GlobalStandard.gpt-4o"),
						"deprecation_date": knownvalue.Null(),
						"capacity": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"minimum": knownvalue.Int64Exact(1), "maximum": knownvalue.Int64Exact(10000), "step": knownvalue.Int64Exact(1), "default": knownvalue.Int64Exact(10),
						}),
					})}),
				})),
				statecheck.ExpectKnownValue("data.foundry_models.microsoft", tfjsonpath.New("models"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("Phi-4"), "version": knownvalue.StringExact("7")}),
				})),
				statecheck.ExpectKnownValue("data.foundry_models.gap", tfjsonpath.New("models"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

func TestModelsDataSource_account(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			// In westeurope gpt-4o-mini has no Standard SKU.
			Config: env.ProviderBlock("") + configAccount(name, "westeurope") + `
data "foundry_models" "test" {
  account_id = foundry_account.test.id
  name       = "gpt-4o-mini"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.foundry_models.test", tfjsonpath.New("models"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"version": knownvalue.StringExact("2024-07-18"),
						"skus": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("GlobalStandard")}),
							knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("DataZoneStandard")}),
						}),
					}),
				})),
			},
		}},
	})
}

func TestModelsDataSource_exactlyOneScope(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      env.ProviderBlock("") + `data "foundry_models" "test" {}`,
				ExpectError: regexp.MustCompile(`(?s)Exactly one of these attributes must be configured: \[account_id,location\]`),
			},
			{
				Config:      env.ProviderBlock("") + fmt.Sprintf("data \"foundry_usages\" \"test\" {\n  account_id = %q\n  location   = \"eastus\"\n}\n", env.AccountID("rg-foundry", "a")),
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*Exactly one of these attributes`),
			},
		},
	})
}

// Usage follows the deployments: a deployment's capacity shows up in the region's and the account's usages.
func TestUsagesDataSource_reflectsDeployments(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + configAccount(name, "eastus") + `
resource "foundry_deployment" "test" {
  account_id = foundry_account.test.id
  name       = "mini"
  model      = { format = "OpenAI", name = "gpt-4o-mini" }
  sku        = { name = "GlobalStandard", capacity = 7 }
}
`
	usage := map[string]knownvalue.Check{
		"name":           knownvalue.StringExact("OpenAI.GlobalStandard.gpt-4o-mini"),
		"localized_name": knownvalue.StringExact("Tokens Per Minute (thousands) - gpt-4o-mini - GlobalStandard"),
		"current_value":  knownvalue.Float64Exact(7),
		"limit":          knownvalue.Float64Exact(450),
		"unit":           knownvalue.StringExact("Count"),
		"status":         knownvalue.StringExact("Included"),
		"scope_type":     knownvalue.StringExact("Regional"),
		"scope_id":       knownvalue.StringExact("eastus"),
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config: cfg + `
data "foundry_usages" "region" {
  location = "eastus"
  name     = "OpenAI.GlobalStandard.gpt-4o-mini"
}

data "foundry_usages" "account" {
  account_id = foundry_account.test.id
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.foundry_usages.region", tfjsonpath.New("usages"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(usage)})),
					statecheck.ExpectKnownValue("data.foundry_usages.account", tfjsonpath.New("usages"), knownvalue.SetPartial([]knownvalue.Check{knownvalue.ObjectExact(usage)})),
				},
			},
		},
	})
}

func configAccount(name, location string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = %[2]q
  custom_subdomain_name = %[1]q
  identity              = { type = "SystemAssigned" }
}
`, name, location)
}
