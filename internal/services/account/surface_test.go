package account_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// The account settings of the 2026-09-01 API that issue 17 added are set at create, updated in place, imported, and a
// change made outside Terraform (a PATCH of the account) shows in the plan and is put back. The default project may
// name a project the same configuration creates after the account.
func TestAccountResource_surface2026(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	id := env.AccountID("rg-foundry", name)
	ws := "/subscriptions/" + env.SubscriptionID + "/resourceGroups/rg-foundry/providers/Microsoft.MachineLearningServices/workspaces/ws1"
	adx := "/subscriptions/" + env.SubscriptionID + "/resourceGroups/rg-foundry/providers/Microsoft.Kusto/clusters/adx1/databases/rai"
	sameID := statecheck.CompareValue(compare.ValuesSame())
	check := func(attr string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(resourceName, tfjsonpath.New(attr), v)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock(purgeFeature) + configSurface(name, surfaceSet(ws, adx)),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					check("dynamic_throttling_enabled", knownvalue.Bool(true)),
					check("stored_completions_enabled", knownvalue.Bool(false)),
					check("a365_logging_enabled", knownvalue.Bool(false)),
					check("default_project", knownvalue.StringExact("p2")),
					check("aml_workspace", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"resource_id": knownvalue.StringExact(ws), "identity_client_id": knownvalue.Null()})),
					check("rai_monitor_config", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"adx_storage_resource_id": knownvalue.StringExact(adx), "identity_client_id": knownvalue.StringExact("49677ba7-dac0-5ed1-8e73-f317f5a7c213")})),
					check("locations", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"routing_method": knownvalue.StringExact("Weighted"),
						"regions": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("eastus"), "value": knownvalue.Float64Exact(0.75),
								"custom_subdomain_name": knownvalue.Null()}),
							knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("westus"), "value": knownvalue.Float64Exact(0.25),
								"custom_subdomain_name": knownvalue.StringExact(name + "-west")}),
						}),
					})),
					statecheck.ExpectKnownValue("foundry_project.p2", tfjsonpath.New("is_default"), knownvalue.Bool(true)),
					env.InAzure(id, `"dynamicThrottlingEnabled":true`, `"storedCompletionsDisabled":true`, `"a365LoggingEnabled":false`, `"defaultProject":"p2"`),
				},
			},
			{
				// Everything changes in place; the account now lists both projects.
				Config: env.ProviderBlock(purgeFeature) + configSurface(name, surfaceChanged(ws)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					check("dynamic_throttling_enabled", knownvalue.Bool(false)),
					check("stored_completions_enabled", knownvalue.Bool(true)),
					check("a365_logging_enabled", knownvalue.Bool(true)),
					check("default_project", knownvalue.StringExact("p1")),
					check("aml_workspace", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"resource_id": knownvalue.StringExact(ws), "identity_client_id": knownvalue.StringExact("49677ba7-dac0-5ed1-8e73-f317f5a7c213")})),
					check("rai_monitor_config", knownvalue.Null()),
					check("locations", knownvalue.ObjectPartial(map[string]knownvalue.Check{"routing_method": knownvalue.StringExact("Priority")})),
					check("associated_projects", knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("p1"), knownvalue.StringExact("p2")})),
					env.InAzure(id, `"dynamicThrottlingEnabled":false`, `"storedCompletionsDisabled":false`, `"a365LoggingEnabled":true`, `"defaultProject":"p1"`),
				},
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "location"},
			},
			{
				// Someone changes the settings in the portal: the plan shows it and the apply puts the configuration back.
				PreConfig: func() {
					if err := env.OutOfBand(http.MethodPatch, id, map[string]any{"properties": map[string]any{
						"dynamicThrottlingEnabled": true, "storedCompletionsDisabled": true, "a365LoggingEnabled": false, "defaultProject": "p2",
						"amlWorkspace":     map[string]any{"resourceId": ws},
						"raiMonitorConfig": map[string]any{"adxStorageResourceId": adx},
						"locations":        map[string]any{"routingMethod": "Performance", "regions": []any{map[string]any{"name": "eastus"}}},
					}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.ProviderBlock(purgeFeature) + configSurface(name, surfaceChanged(ws)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("dynamic_throttling_enabled"), knownvalue.Bool(false)),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("default_project"), knownvalue.StringExact("p1")),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("rai_monitor_config"), knownvalue.Null()),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("locations").AtMapKey("routing_method"), knownvalue.StringExact("Priority")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					env.InAzure(id, `"dynamicThrottlingEnabled":false`, `"storedCompletionsDisabled":false`, `"a365LoggingEnabled":true`, `"defaultProject":"p1"`,
						`"routingMethod":"Priority"`),
					check("rai_monitor_config", knownvalue.Null()),
				},
			},
			{
				// Leaving the settings out: the booleans go back to the service's defaults, the blocks go away, and the
				// default project stays what it is.
				Config: env.ProviderBlock(purgeFeature) + configSurface(name, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					check("dynamic_throttling_enabled", knownvalue.Bool(false)),
					check("stored_completions_enabled", knownvalue.Bool(true)),
					check("a365_logging_enabled", knownvalue.Bool(true)),
					check("aml_workspace", knownvalue.Null()),
					check("locations", knownvalue.Null()),
					check("default_project", knownvalue.StringExact("p1")),
				},
			},
		},
	})
}

func surfaceSet(ws, adx string) string {
	return fmt.Sprintf(`
  dynamic_throttling_enabled = true
  stored_completions_enabled = false
  a365_logging_enabled       = false
  default_project            = "p2"

  aml_workspace = {
    resource_id = %[1]q
  }

  rai_monitor_config = {
    adx_storage_resource_id = %[2]q
    identity_client_id      = "49677ba7-dac0-5ed1-8e73-f317f5a7c213"
  }

  locations = {
    routing_method = "Weighted"
    regions = [
      { name = "eastus", value = 0.75 },
      { name = "westus", value = 0.25, custom_subdomain_name = "${local.name}-west" },
    ]
  }
`, ws, adx)
}

func surfaceChanged(ws string) string {
	return fmt.Sprintf(`
  dynamic_throttling_enabled = false
  stored_completions_enabled = true
  a365_logging_enabled       = true
  default_project            = "p1"

  aml_workspace = {
    resource_id        = %[1]q
    identity_client_id = "49677ba7-dac0-5ed1-8e73-f317f5a7c213"
  }

  locations = {
    routing_method = "Priority"
    regions = [
      { name = "eastus", value = 1 },
      { name = "westus", value = 2 },
    ]
  }
`, ws)
}

// configSurface is an account with the settings in body and two projects, p1 and p2.
func configSurface(name, body string) string {
	return fmt.Sprintf(`
locals {
  name = %[1]q
}

resource "foundry_account" "test" {
  name                  = local.name
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = local.name
  identity              = { type = "SystemAssigned" }
%[2]s
}

resource "foundry_project" "p1" {
  account_id = foundry_account.test.id
  name       = "p1"
  location   = "eastus"
  identity   = { type = "SystemAssigned" }
}

resource "foundry_project" "p2" {
  account_id = foundry_account.test.id
  name       = "p2"
  location   = "eastus"
  identity   = { type = "SystemAssigned" }
}
`, name, body)
}
