package deployment_test

import (
	"fmt"
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

// A model router's routing, with capacity settings, a parent deployment and a context cache container: set, updated
// in place, imported, changed out of band and put back; routing on another model is refused at plan.
func TestDeploymentResource_routerSettings(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	id := env.AccountID("rg-foundry", name) + "/deployments/router"
	sameID := statecheck.CompareValue(compare.ValuesSame())
	router := func(extra string) string {
		return env.ProviderBlock("") + configAccount(name, "eastus") + configModel("test", "router", "OpenAI", "model-router", "2025-11-18", "GlobalStandard", 10, extra)
	}
	check := func(attr string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(resourceName, tfjsonpath.New(attr), v)
	}
	changed := router(`
  routing = {
    models = [
      { format = "OpenAI", name = "gpt-4.1-mini" },
      { format = "OpenAI", name = "gpt-4.1" },
    ]
  }
  capacity_settings      = { priority = 2 }
  parent_deployment_name = "other-parent"`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "", "GlobalStandard", 0, `routing = { mode = "cost" }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Routing needs a model router.*model-router`),
			},
			{
				Config: router(`
  routing = {
    mode   = "cost"
    models = [{ format = "OpenAI", name = "gpt-4.1-mini", version = "2025-04-14" }]
  }
  capacity_settings          = { designated_capacity = 5, priority = 1 }
  parent_deployment_name     = "router-parent"
  context_cache_container_id = "cache-1"`),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					check("routing", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"mode": knownvalue.StringExact("cost"),
						"models": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"format": knownvalue.StringExact("OpenAI"), "name": knownvalue.StringExact("gpt-4.1-mini"), "version": knownvalue.StringExact("2025-04-14")})}),
					})),
					check("capacity_settings", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"designated_capacity": knownvalue.Int64Exact(5), "priority": knownvalue.Int64Exact(1)})),
					check("parent_deployment_name", knownvalue.StringExact("router-parent")),
					check("context_cache_container_id", knownvalue.StringExact("cache-1")),
					check("deployment_state", knownvalue.StringExact("Running")),
					env.InAzure(id, `"routing":{"mode":"cost","models":[{"format":"OpenAI","name":"gpt-4.1-mini","version":"2025-04-14"}]}`),
				},
			},
			{
				// The mode left out is the service's default, balanced; the models and settings change in place.
				Config:           changed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					check("routing", knownvalue.ObjectPartial(map[string]knownvalue.Check{"mode": knownvalue.StringExact("balanced")})),
					check("routing", knownvalue.ObjectPartial(map[string]knownvalue.Check{"models": knownvalue.ListSizeExact(2)})),
					check("capacity_settings", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"designated_capacity": knownvalue.Null(), "priority": knownvalue.Int64Exact(2)})),
					check("parent_deployment_name", knownvalue.StringExact("other-parent")),
					check("context_cache_container_id", knownvalue.Null()),
					env.InAzure(id, `"capacitySettings":{"priority":2}`),
				},
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// Someone redeploys the router with the quality mode and no other settings: the plan puts them back.
				PreConfig: func() {
					if err := env.OutOfBand(http.MethodPut, id, map[string]any{"sku": map[string]any{"name": "GlobalStandard", "capacity": 10},
						"properties": map[string]any{"model": map[string]any{"format": "OpenAI", "name": "model-router", "version": "2025-11-18"},
							"routing": map[string]any{"mode": "quality"}}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: changed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("routing").AtMapKey("mode"), knownvalue.StringExact("balanced")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					env.InAzure(id, `"routing":{"mode":"balanced","models":[{"format":"OpenAI","name":"gpt-4.1-mini"},{"format":"OpenAI","name":"gpt-4.1"}]}`),
					env.InAzure(id, `"parentDeploymentName":"other-parent"`),
				},
			},
		},
	})
}

// deployment_state pauses and resumes a deployment through the pause and resume actions: paused at create, resumed in
// place, a pause made out of band is drift, and leaving the attribute out keeps the state. A deployment type that
// cannot be paused is refused at plan.
func TestDeploymentResource_pauseResume(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	id := env.AccountID("rg-foundry", name) + "/deployments/chat"
	sameID := statecheck.CompareValue(compare.ValuesSame())
	deployment := func(extra string) string {
		return env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "2024-11-20", "GlobalStandard", 10, extra)
	}
	state := func(want string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
			statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("deployment_state"), knownvalue.StringExact(want)),
			env.InAzure(id, `"deploymentState":"`+want+`"`),
		}
	}
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)}}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + configAccount(name, "eastus") +
					configDeployment("gpt-4o", "2024-11-20", "GlobalProvisionedManaged", 15, `deployment_state = "Paused"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Deployment type cannot be paused.*GlobalProvisionedManaged`),
			},
			{Config: deployment(`deployment_state = "Paused"`), ConfigStateChecks: state("Paused")},
			{Config: deployment(`deployment_state = "Running"`), ConfigPlanChecks: update, ConfigStateChecks: state("Running")},
			{
				PreConfig: func() {
					if err := env.OutOfBand(http.MethodPost, id+"/pause", nil); err != nil {
						t.Fatal(err)
					}
				},
				Config: deployment(`deployment_state = "Running"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("deployment_state"), knownvalue.StringExact("Running")),
				}},
				ConfigStateChecks: state("Running"),
			},
			{
				// Without the attribute the provider leaves the state to whoever pauses and resumes the deployment.
				PreConfig: func() {
					if err := env.OutOfBand(http.MethodPost, id+"/pause", nil); err != nil {
						t.Fatal(err)
					}
				},
				Config:            deployment(""),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: state("Paused"),
			},
		},
	})
}

// A fine-tuned model from the account that trained it, in another region (model.source_account): the plan leaves
// the model to Azure (this account's catalog does not list it), the deployment records where the model comes from,
// and a redeployment that drops the source is drift that replaces the deployment, since the source is part of the model.
func TestDeploymentResource_sourceAccount(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	trainer := acctest.RandomName("tfacc")
	id := env.AccountID("rg-foundry", name) + "/deployments/support-ft"
	const ftModel = "gpt-4.1-mini-2025-04-14.ft-0123456789abcdef0123456789abcdef"
	config := env.ProviderBlock("") + configAccount(name, "eastus") + fmt.Sprintf(`
resource "foundry_account" "trainer" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "westus"
  custom_subdomain_name = %[1]q
  identity              = { type = "SystemAssigned" }
}

resource "foundry_deployment" "test" {
  account_id = foundry_account.test.id
  name       = "support-ft"

  model = {
    format         = "OpenAI"
    name           = %[2]q
    version        = "1"
    source_account = foundry_account.trainer.id
  }

  sku = {
    name     = "GlobalStandard"
    capacity = 1
  }
}
`, trainer, ftModel)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("model").AtMapKey("source_account"), knownvalue.StringExact(env.AccountID("rg-foundry", trainer))),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("model").AtMapKey("name"), knownvalue.StringExact(ftModel)),
					env.InAzure(id, `"sourceAccount":"`+env.AccountID("rg-foundry", trainer)+`"`),
				},
			},
			{ResourceName: resourceName, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				PreConfig: func() {
					if err := env.OutOfBand(http.MethodPut, id, map[string]any{"sku": map[string]any{"name": "GlobalStandard", "capacity": 1},
						"properties": map[string]any{"model": map[string]any{"format": "OpenAI", "name": ftModel, "version": "1"}}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{env.InAzure(id, `"sourceAccount":"`+env.AccountID("rg-foundry", trainer)+`"`)},
			},
		},
	})
}
