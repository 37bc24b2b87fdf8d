package agent_test

import (
	"context"
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
	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

func TestAgentResource_basic(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	ds := `
data "foundry_agent" "test" {
  project_id = foundry_agent.test.project_id
  name       = foundry_agent.test.name
}

data "foundry_agents" "test" {
  project_id = foundry_agent.test.project_id
}

data "foundry_project_endpoints" "test" {
  project_id = foundry_project.test.id
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + base(acc) + agent("helper", `instructions = "Be brief."`,
					"description = \"Answers questions\"\nmetadata = { team = \"support\" }") + ds,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", acc)+"/projects/proj/agents/helper")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("version"), knownvalue.StringExact("1")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("latest_version_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("definition").AtMapKey("temperature"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.foundry_agent.test", tfjsonpath.New("model"), knownvalue.StringExact("chat")),
					statecheck.ExpectKnownValue("data.foundry_agent.test", tfjsonpath.New("version"), knownvalue.StringExact("1")),
					statecheck.ExpectKnownValue("data.foundry_agents.test", tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("helper")})),
					statecheck.ExpectKnownValue("data.foundry_project_endpoints.test", tfjsonpath.New("endpoint"), knownvalue.StringRegexp(regexp.MustCompile(`/api/projects/proj$`))),
					statecheck.ExpectKnownValue("data.foundry_project_endpoints.test", tfjsonpath.New("scope"), knownvalue.StringExact("https://ai.azure.com/.default")),
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

// A new definition creates a new version; an unchanged one creates none, and version stays known in the plan.
func TestAgentResource_update(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            env.ProviderBlock("") + base(acc) + agent("helper", `instructions = "v1"`, ""),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resourceName, tfjsonpath.New("id"))},
			},
			{
				Config: env.ProviderBlock("") + base(acc) + agent("helper", "instructions = \"v2\"\ntemperature = 0.2", `metadata = { stage = "two" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("version")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("version"), knownvalue.StringExact("2")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("definition").AtMapKey("temperature"), knownvalue.Float64Exact(0.2)),
				},
			},
			{
				// Same content: no plan at all.
				Config:           env.ProviderBlock("") + base(acc) + agent("helper", "instructions = \"v2\"\ntemperature = 0.2", `metadata = { stage = "two" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Only keep_versions changes: an in-place update whose plan already knows the version, and no new version.
				Config: env.ProviderBlock("") + base(acc) + agent("helper", "instructions = \"v2\"\ntemperature = 0.2", "metadata = { stage = \"two\" }\nkeep_versions = 1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("version"), knownvalue.StringExact("2")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("version"), knownvalue.StringExact("2")),
				},
				Check: func(*terraform.State) error { return wantVersions(t, env, acc, "helper", 1) },
			},
		},
	})
}

func wantVersions(t *testing.T, env *acctest.Env, acc, name string, n int) error {
	vs, err := projectClient(t, env, acc).ListAgentVersions(context.Background(), name)
	if err != nil {
		return err
	}
	if len(vs) != n {
		return fmt.Errorf("agent %s has %d versions, want %d (keep_versions prunes the older ones)", name, len(vs), n)
	}
	return nil
}

func TestAgentResource_requiresReplace(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + base(acc) + agent("helper", "", "")},
			{
				Config: env.ProviderBlock("") + base(acc) + agent("helper-two", "", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("version"), knownvalue.StringExact("1")),
				},
				Check: func(*terraform.State) error {
					if _, err := projectClient(t, env, acc).GetAgent(context.Background(), "helper"); !client.IsNotFound(err) {
						return fmt.Errorf("the old agent is still there: %w", err)
					}
					return nil
				},
			},
		},
	})
}

func TestAgentResource_disappears(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + base(acc) + agent("helper", "", ""),
				Check: func(*terraform.State) error {
					return projectClient(t, env, acc).DeleteAgent(context.Background(), "helper")
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: env.ProviderBlock("") + base(acc) + agent("helper", "", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

// Create refuses to add a version to an agent it does not manage.
func TestAgentResource_existsAlready(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + base(acc),
				Check: func(*terraform.State) error {
					_, err := projectClient(t, env, acc).CreateAgentVersion(context.Background(), "helper",
						client.AgentVersionRequest{Definition: client.AgentDefinition{Kind: "prompt", Model: "chat"}})
					return err
				},
			},
			{
				Config:      env.ProviderBlock("") + base(acc) + agent("helper", "", ""),
				ExpectError: regexp.MustCompile(`(?s)Unable to create agent.*already exists, and this configuration did not\s+create it.*terraform import foundry_agent`),
			},
		},
	})
}

// Types without a block (preview tools, unknown types) cannot be written: Terraform refuses them at plan.
func TestAgentResource_unsupportedTool(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + `
resource "foundry_agent" "test" {
  project_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p"
  name       = "helper"
  definition {
    model = "chat"
    tools {
      sharepoint_grounding_preview {
        project_connection_id = "c"
      }
    }
  }
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Blocks of type "sharepoint_grounding_preview" are not expected here`),
		}},
	})
}

// A token for the wrong audience is not retried and gets an error naming the setting, the data action and the role.
func TestAgentResource_wrongAudience(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	provider := fmt.Sprintf(`
provider "foundry" {
  subscription_id = %[1]q
  tenant_id       = %[2]q
  client_id       = %[3]q
  client_secret   = %[4]q
  use_cli         = false

  endpoints {
    resource_manager_endpoint = %[5]q
    resource_manager_audience = %[6]q
    authority_host            = %[7]q
    project_audience          = "https://cognitiveservices.azure.com"
  }
}
`, env.SubscriptionID, env.TenantID, env.ClientID, env.ClientSecret, env.Server.URL(), acctest.ARMAudience, env.Server.URL()+"/")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      provider + base(acc) + agent("helper", "", ""),
			ExpectError: regexp.MustCompile(`(?s)HTTP 401: Unauthorized.*endpoints.project_audience.*agents/(read|write).*53ca6127-db72-4b80-b1b0-d745d6d5456d`),
		}},
	})
}

// Issue 17: an agent, a data-plane object, has the identity of its project's ARM ID and its name; an import block's
// identity imports it. Needs a CLI with resource identity (OpenTofu 1.12.6 in make testtofu).
func TestAgentResource_importByIdentity(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   acctest.IdentityCLI,
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + base(acc) + agent("helper", `instructions = "Be brief."`, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(resourceName, map[string]knownvalue.Check{
						"subscription_id":     knownvalue.StringExact(env.SubscriptionID),
						"resource_group_name": knownvalue.StringExact("rg-foundry"),
						"account_name":        knownvalue.StringExact(acc),
						"project_name":        knownvalue.StringExact("proj"),
						"name":                knownvalue.StringExact("helper"),
					}),
				},
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateKind:         resource.ImportBlockWithResourceIdentity,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}
