package deployment_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

const resourceName = "foundry_deployment.test"

func TestDeploymentResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "", "GlobalStandard", 0, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", name)+"/deployments/chat")),
					// The service fills the default version, capacity, content filter and upgrade policy; none of them is drift.
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("model").AtMapKey("version"), knownvalue.StringExact("2024-11-20")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("sku").AtMapKey("capacity"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("rai_policy_name"), knownvalue.StringExact("Microsoft.DefaultV2")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("version_upgrade_option"), knownvalue.StringExact("OnceNewDefaultVersionAvailable")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("current_capacity"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("provisioning_state"), knownvalue.StringExact("Succeeded")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("capabilities").AtMapKey("chatCompletion"), knownvalue.StringExact("true")),
				},
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

func TestDeploymentResource_update(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)}}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "2024-08-06", "GlobalStandard", 5, ""),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resourceName, tfjsonpath.New("id"))},
			},
			{
				Config:           env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "2024-08-06", "GlobalStandard", 20, ""),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("sku").AtMapKey("capacity"), knownvalue.Int64Exact(20)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("current_capacity"), knownvalue.Int64Exact(20)),
				},
			},
			{
				Config:           env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "2024-11-20", "GlobalStandard", 20, ""),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("model").AtMapKey("version"), knownvalue.StringExact("2024-11-20")),
				},
			},
			{
				// Version and capacity together: Azure refuses both in one request, so the provider sends two.
				Config: env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "2024-08-06", "GlobalStandard", 15,
					"rai_policy_name = \"Microsoft.Default\"\nversion_upgrade_option = \"NoAutoUpgrade\"\ntags = { env = \"test\" }"),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("model").AtMapKey("version"), knownvalue.StringExact("2024-08-06")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("sku").AtMapKey("capacity"), knownvalue.Int64Exact(15)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("rai_policy_name"), knownvalue.StringExact("Microsoft.Default")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("version_upgrade_option"), knownvalue.StringExact("NoAutoUpgrade")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("test")})),
				},
			},
		},
	})
}

func TestDeploymentResource_requiresReplace(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	replace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate)}}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "", "GlobalStandard", 0, "")},
			{
				// A new model gets its own default version, not the old model's.
				Config:           env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o-mini", "", "GlobalStandard", 0, ""),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("model").AtMapKey("version"), knownvalue.StringExact("2024-07-18")),
				},
			},
			{
				Config:           env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o-mini", "", "DataZoneStandard", 0, ""),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("sku").AtMapKey("name"), knownvalue.StringExact("DataZoneStandard")),
				},
			},
		},
	})
}

func TestDeploymentResource_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "", "GlobalStandard", 0, "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", name)+"/deployments/chat", false)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestDeploymentResource_importInvalidID(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:        env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "", "GlobalStandard", 0, ""),
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: env.AccountID("rg-foundry", name),
				ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*accounts/\{account\}/deployments/\{deployment\}`),
			},
		},
	})
}

// configAccount is a Foundry resource that can hold deployments and projects.
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

// configDeployment is foundry_deployment.test named "chat" with an OpenAI model; "" and 0 leave version and capacity
// to the service, extra adds top-level arguments.
func configDeployment(model, version, sku string, capacity int, extra string) string {
	return configModel("test", "chat", "OpenAI", model, version, sku, capacity, extra)
}

func configModel(label, name, format, model, version, sku string, capacity int, extra string) string {
	v, c := "", ""
	if version != "" {
		v = fmt.Sprintf("version = %q", version)
	}
	if capacity != 0 {
		c = fmt.Sprintf("capacity = %d", capacity)
	}
	return fmt.Sprintf(`
resource "foundry_deployment" %[1]q {
  account_id = foundry_account.test.id
  name       = %[2]q
  model = {
    format = %[3]q
    name   = %[4]q
    %[5]s
  }
  sku = {
    name = %[6]q
    %[7]s
  }
  %[8]s
}
`, label, name, format, model, v, sku, c, extra)
}

// Issue 17: a deployment's identity is the pieces of its ARM ID; an import block's identity imports it. Needs a CLI
// with resource identity (OpenTofu 1.12.6 in make testtofu).
func TestDeploymentResource_importByIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   acctest.IdentityCLI,
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "", "GlobalStandard", 0, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(resourceName, map[string]knownvalue.Check{
						"subscription_id":     knownvalue.StringExact(env.SubscriptionID),
						"resource_group_name": knownvalue.StringExact("rg-foundry"),
						"account_name":        knownvalue.StringExact(name),
						"name":                knownvalue.StringExact("chat"),
					}),
				},
			},
			{
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}
