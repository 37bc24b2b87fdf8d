package roleassignment_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	resourceName = "foundry_role_assignment.test"
	foundryUser  = "53ca6127-db72-4b80-b1b0-d745d6d5456d"
)

func apiClient(t *testing.T, env *acctest.Env) *client.Client {
	t.Helper()
	cl := cloud.Configuration{
		ActiveDirectoryAuthorityHost: env.Server.URL() + "/",
		Services:                     map[cloud.ServiceName]cloud.ServiceConfiguration{cloud.ResourceManager: {Endpoint: env.Server.URL(), Audience: acctest.ARMAudience}},
	}
	cred, err := azidentity.NewClientSecretCredential(env.TenantID, env.ClientID, env.ClientSecret, &azidentity.ClientSecretCredentialOptions{
		ClientOptions: azcore.ClientOptions{Cloud: cl, Transport: env.Server.HTTPClient()}, DisableInstanceDiscovery: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(client.Options{Credential: cred, Cloud: cl, Transport: env.Server.HTTPClient()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func base(account string) string {
	return fmt.Sprintf(`
data "foundry_client_config" "current" {}

resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q
  identity              = { type = "SystemAssigned" }
}

resource "foundry_project" "test" {
  account_id = foundry_account.test.id
  name       = "proj"
  identity   = { type = "SystemAssigned" }
}
`, account)
}

func assignment(scope, role, extra string) string {
	return fmt.Sprintf(`
resource "foundry_role_assignment" "test" {
  scope        = %[1]s
  principal_id = data.foundry_client_config.current.object_id
  %[2]s
  %[3]s
}
`, scope, role, extra)
}

func TestRoleAssignmentResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	guid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	roleID := "/subscriptions/" + env.SubscriptionID + "/providers/Microsoft.Authorization/roleDefinitions/" + foundryUser
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + base(acc) + assignment("foundry_project.test.id", `role_definition_id = "`+roleID+`"`,
					`principal_type = "ServicePrincipal"`+"\n"+`description = "Terraform manages agents"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringRegexp(guid)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`/projects/proj/providers/Microsoft.Authorization/roleAssignments/`))),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("role_definition_id"), knownvalue.StringExact(roleID)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("principal_type"), knownvalue.StringExact("ServicePrincipal")),
					statecheck.ExpectKnownValue("data.foundry_client_config.current", tfjsonpath.New("tenant_id"), knownvalue.StringExact(env.TenantID)),
					statecheck.ExpectKnownValue("data.foundry_client_config.current", tfjsonpath.New("client_id"), knownvalue.StringExact(env.ClientID)),
					statecheck.ExpectKnownValue("data.foundry_client_config.current", tfjsonpath.New("subscription_id"), knownvalue.StringExact(env.SubscriptionID)),
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

// A former role name maps to the same role definition with a warning; a name outside the table is looked up.
func TestRoleAssignmentResource_roleNames(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	wantID := "/subscriptions/" + env.SubscriptionID + "/providers/Microsoft.Authorization/roleDefinitions/" + foundryUser
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + base(acc) + assignment("foundry_account.test.id", `role_definition_name = "Azure AI User"`, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("role_definition_id"), knownvalue.StringExact(wantID)),
				},
			},
			{
				// The same role under its current name is the same assignment: only the spelling in the configuration changes.
				Config: env.ProviderBlock("") + base(acc) + assignment("foundry_account.test.id", `role_definition_name = "Foundry User"`, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("role_definition_id"), knownvalue.StringExact(wantID)),
				},
			},
			{
				Config:      env.ProviderBlock("") + base(acc) + assignment("foundry_account.test.id", `role_definition_name = "No Such Role"`, ""),
				ExpectError: regexp.MustCompile(`(?s)Unknown role name.*0 role definitions named "No Such Role"`),
			},
		},
	})
}

// Issue 14: an identical assignment made outside Terraform under another name is neither taken over nor duplicated:
// the create is refused with the import block naming it (it used to be adopted, and deleted by destroy).
func TestRoleAssignmentResource_existingRefused(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	const other = "0b5e3a5c-1d2e-4f60-9a7b-8c9d0e1f2a3b"
	var projectID, objectID string
	countAtProject := func() (int, error) {
		all, err := apiClient(t, env).ListRoleAssignments(context.Background(), projectID, client.PrincipalFilter(objectID))
		n := 0
		for _, a := range all {
			if id, err := client.ParseRoleAssignmentID(*a.ID); err == nil && id.Scope == projectID {
				n++
			}
		}
		return n, err
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + base(acc),
				Check: func(s *terraform.State) error {
					projectID = s.RootModule().Resources["foundry_project.test"].Primary.ID
					objectID = s.RootModule().Resources["data.foundry_client_config.current"].Primary.Attributes["object_id"]
					_, err := apiClient(t, env).CreateRoleAssignment(context.Background(), client.NewRoleAssignmentID(projectID, other),
						client.RoleAssignment{Properties: &client.RoleAssignmentProperties{
							RoleDefinitionID: ptr(client.RoleDefinitionID(env.SubscriptionID, foundryUser)), PrincipalID: ptr(objectID),
						}})
					return err
				},
			},
			{
				Config: env.ProviderBlock("") + base(acc) + assignment("foundry_project.test.id", `role_definition_name = "Foundry User"`, ""),
				ExpectError: regexp.MustCompile(`(?s)Unable to create role assignment.*roleAssignments/` + other + `.*same principal the same role.*` +
					`import \{.*foundry_role_assignment\.<name>`),
			},
			{
				Config: env.ProviderBlock("") + base(acc),
				Check: func(*terraform.State) error {
					if n, err := countAtProject(); err != nil || n != 1 {
						return fmt.Errorf("%d assignments at the project scope (%w), want the existing one only", n, err)
					}
					return nil
				},
			},
		},
	})
}

// wait_for_propagation holds the apply until the data plane accepts the caller, so an agent in the same apply
// succeeds without any sleep; the emulator delays RBAC effects by 20 seconds.
func TestRoleAssignmentResource_waitForPropagation(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	env.Server.SetRBACPropagationDelay(20 * time.Second)
	acc := acctest.RandomName("tfacc")
	agent := `
resource "foundry_deployment" "chat" {
  account_id = foundry_account.test.id
  name       = "chat"
  model      = { format = "OpenAI", name = "gpt-4o" }
  sku        = { name = "GlobalStandard", capacity = 10 }
}

resource "foundry_agent" "test" {
  project_id = foundry_role_assignment.test.scope
  name       = "helper"
  definition {
    model = foundry_deployment.chat.name
  }
  timeouts {
    create = "5s"
  }
}
`
	start := time.Now()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + base(acc) +
				assignment("foundry_project.test.id", `role_definition_name = "Foundry User"`, "wait_for_propagation = true") + agent,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("foundry_agent.test", tfjsonpath.New("version"), knownvalue.StringExact("1")),
			},
		}},
	})
	if d := time.Since(start); d < 20*time.Second {
		t.Errorf("the apply took %s, less than the propagation delay", d)
	}
}

func ptr[T any](v T) *T { return &v }

// Issue 17: a role assignment's identity is its scope and name; an import block's identity imports it. Needs a CLI
// with resource identity (OpenTofu 1.12.6 in make testtofu).
func TestRoleAssignmentResource_importByIdentity(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	roleID := "/subscriptions/" + env.SubscriptionID + "/providers/Microsoft.Authorization/roleDefinitions/" + foundryUser
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   acctest.IdentityCLI,
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + base(acc) + assignment("foundry_project.test.id", `role_definition_id = "`+roleID+`"`, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(resourceName, map[string]knownvalue.Check{
						"scope": knownvalue.StringExact(env.AccountID("rg-foundry", acc) + "/projects/proj"),
						"name":  knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$`)),
					}),
					statecheck.ExpectIdentityValueMatchesState(resourceName, tfjsonpath.New("scope")),
					statecheck.ExpectIdentityValueMatchesState(resourceName, tfjsonpath.New("name")),
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
