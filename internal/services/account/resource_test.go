package account_test

import (
	"fmt"
	"regexp"
	"strings"
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

const resourceName = "foundry_account.test"

var uuid = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestAccountResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + configBasic(name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", name))),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("sku_name"), knownvalue.StringExact("S0")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("location"), knownvalue.StringExact("East US")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("project_management_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("identity").AtMapKey("principal_id"), knownvalue.StringRegexp(uuid)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("endpoints").AtMapKey("AI Foundry API"), knownvalue.StringRegexp(regexp.MustCompile(name))),
				},
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "location"},
			},
		},
	})
}

func TestAccountResource_update(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            env.ProviderBlock("") + configBasic(name),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resourceName, tfjsonpath.New("id"))},
			},
			{
				Config: env.ProviderBlock("") + configComplete(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("public_network_access"), knownvalue.StringExact("Disabled")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("local_auth_enabled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("network_acls").AtMapKey("ip_rules"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("203.0.113.0/24"), knownvalue.StringExact("198.51.100.7"),
					})),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"env": knownvalue.StringExact("test"),
					})),
				},
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "location"},
			},
			{
				// Removing the optional blocks again must remove them in Azure, not leave a perpetual diff.
				Config:            env.ProviderBlock("") + configBasic(name),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resourceName, tfjsonpath.New("id")), statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("network_acls"), knownvalue.Null())},
			},
		},
	})
}

func TestAccountResource_requiresReplace(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	purge := "features {\n account {\n purge_soft_delete_on_destroy = true\n }\n }"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock(purge) + configWithSubdomain(name, name)},
			{
				Config: env.ProviderBlock(purge) + configWithSubdomain(name, name+"x"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("custom_subdomain_name"), knownvalue.StringExact(name+"x")),
				},
			},
		},
	})
}

// Without purge, a replacement deletes the account into soft delete, and Azure then refuses the new one with the
// same name; the provider says so at plan time instead of failing halfway through apply.
func TestAccountResource_requiresReplaceWithoutPurge(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configWithSubdomain(name, name)},
			{
				Config:      env.ProviderBlock("") + configWithSubdomain(name, name+"x"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`purge_soft_delete_on_destroy`),
			},
		},
	})
}

func TestAccountResource_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + configBasic(name),
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", name), true)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: env.ProviderBlock("") + configBasic(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func configBasic(name string) string {
	return configWithSubdomain(name, name)
}

func configWithSubdomain(name, subdomain string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "East US"
  custom_subdomain_name = %[2]q

  identity = {
    type = "SystemAssigned"
  }
}
`, name, subdomain)
}

func configComplete(name string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "East US"
  custom_subdomain_name = %[1]q
  public_network_access = "Disabled"
  local_auth_enabled    = false

  outbound_network_access_restricted = true
  allowed_fqdns                      = ["api.contoso.com"]

  identity = {
    type = "SystemAssigned"
  }

  network_acls = {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24", "198.51.100.7"]
  }

  tags = {
    env = "test"
  }
}
`, name)
}

// ARM refuses more than 50 tags and tag names over 512 characters (the emulator too); the plan says so first.
func TestAccountResource_tagLimits(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	withTags := func(tags string) string {
		return env.ProviderBlock("") + strings.Replace(configBasic(name), "  identity = {", "  tags = "+tags+"\n\n  identity = {", 1)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: withTags(`{ for i in range(51) : "t${i}" => "v" }`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Too many tags.*at most 50`)},
			{Config: withTags(`{ (join("", [for i in range(513) : "k"])) = "v" }`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Tag name too long.*512`)},
		},
	})
}
