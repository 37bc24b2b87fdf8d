package managednetwork_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

func threeRules(network string) string {
	return configRuleOn("fqdn", network, "pypi", `fqdn = { destination = "pypi.org" }`) +
		configRuleOn("tag", network, "storage-tag", "service_tag = {\n service_tag = \"Storage\"\n protocol = \"TCP\"\n port_ranges = \"443\"\n}") +
		configRuleOn("pe", network, "storage", fmt.Sprintf("private_endpoint = {\n service_resource_id = %q\n subresource_target = \"blob\"\n}", seededStorage))
}

// Removing the managed network and its rules destroys them in reverse (rules, then the network); the account stays
// usable: it takes a project and a new managed network afterwards.
func TestManagedNetworkResource_destroyReverse(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	account := env.ProviderBlock("") + configAccount(name) + `
resource "foundry_project" "p1" {
  account_id = foundry_account.test.id
  name       = "p1"
}
`
	full := account + configNetwork("AllowOnlyApprovedOutbound", "") + threeRules("foundry_account_managed_network.test.id")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNetworkGone(env, name),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "") + threeRules("foundry_account_managed_network.test.id")},
			{
				Config: env.ProviderBlock("") + configAccount(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(networkName, plancheck.ResourceActionDestroy),
					plancheck.ExpectResourceAction("foundry_account_outbound_rule.pe", plancheck.ResourceActionDestroy),
				}},
				Check: checkNetworkGone(env, name),
			},
			{
				// The account works as before: a project, and a managed network again with its rules.
				Config: full,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_project.p1", tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", name)+"/projects/p1")),
					statecheck.ExpectKnownValue("foundry_account_outbound_rule.pe", tfjsonpath.New("status"), knownvalue.StringExact("Active")),
				},
			},
		},
	})
}

// A destroy in the worst order Terraform can be made to take: the account first, then its managed network, then the
// rules (the dependencies are reversed with depends_on and literal IDs). Every delete of something already gone is a
// success, so the destroy is clean.
func TestManagedNetworkResource_destroyBadOrder(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	accountID := env.AccountID("rg-foundry", name)
	networkID := accountID + "/managedNetworks/default"
	first := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "")
	reversed := env.ProviderBlock("") + fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q
  identity              = { type = "SystemAssigned" }
  depends_on            = [foundry_account_managed_network.test]
}

resource "foundry_account_managed_network" "test" {
  account_id     = %[2]q
  isolation_mode = "AllowOnlyApprovedOutbound"
  depends_on     = [foundry_account_outbound_rule.fqdn, foundry_account_outbound_rule.tag, foundry_account_outbound_rule.pe]
}
`, name, accountID) + threeRules(fmt.Sprintf("%q", networkID))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy: func(s *terraform.State) error {
			for _, path := range []string{accountID, networkID, networkID + "/outboundRules/pypi"} {
				status, body, err := env.ARMCall(http.MethodGet, path)
				if err != nil {
					return err
				}
				if status != http.StatusNotFound {
					return fmt.Errorf("%s is still there after the destroy: %d %s", path, status, body)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: first},
			{
				// Same objects; only the dependencies change, so the destroy after this step runs account → network → rules.
				Config: reversed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("foundry_account.test", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(networkName, plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("foundry_account_outbound_rule.pe", plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func configRuleOn(resourceName, networkRef, name, body string) string {
	return fmt.Sprintf(`
resource "foundry_account_outbound_rule" %[1]q {
  managed_network_id = %[2]s
  name               = %[3]q
  %[4]s
}
`, resourceName, networkRef, name, body)
}
