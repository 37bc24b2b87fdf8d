package managednetwork_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// The network as the resource has it, and every rule of it: the service's marked microsoft_managed, yours not.
func TestManagedNetworkDataSources_basic(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "") + threeRules("foundry_account_managed_network.test.id")
	reads := `
data "foundry_account_managed_network" "test" {
  account_id = foundry_account.test.id
  depends_on = [foundry_account_managed_network.test]
}

data "foundry_account_outbound_rules" "test" {
  managed_network_id = foundry_account_managed_network.test.id
  depends_on         = [foundry_account_outbound_rule.fqdn, foundry_account_outbound_rule.tag, foundry_account_outbound_rule.pe]
}
`
	user := func(name, typ string, fields map[string]knownvalue.Check) knownvalue.Check {
		m := map[string]knownvalue.Check{"name": knownvalue.StringExact(name), "type": knownvalue.StringExact(typ),
			"category": knownvalue.StringExact("UserDefined"), "microsoft_managed": knownvalue.Bool(false), "status": knownvalue.StringExact("Active")}
		for k, v := range fields {
			m[k] = v
		}
		return knownvalue.ObjectPartial(m)
	}
	required := func(name, typ string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(name), "type": knownvalue.StringExact(typ),
			"category": knownvalue.StringExact("Required"), "microsoft_managed": knownvalue.Bool(true)})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config: cfg + reads,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.foundry_account_managed_network.test", tfjsonpath.New("id"), networkName, tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs("data.foundry_account_managed_network.test", tfjsonpath.New("network_id"), networkName, tfjsonpath.New("network_id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.foundry_account_managed_network.test", tfjsonpath.New("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue("data.foundry_account_managed_network.test", tfjsonpath.New("firewall_sku"), knownvalue.StringExact("Standard")),
					statecheck.ExpectKnownValue("data.foundry_account_outbound_rules.test", tfjsonpath.New("rules"), knownvalue.ListExact([]knownvalue.Check{
						user("pypi", "FQDN", map[string]knownvalue.Check{"destination": knownvalue.StringExact("pypi.org"), "service_tag": knownvalue.Null()}),
						required("required-azure-monitor", "ServiceTag"),
						required("required-entra-id", "ServiceTag"),
						required("required-foundry-account", "PrivateEndpoint"),
						user("storage", "PrivateEndpoint", map[string]knownvalue.Check{"service_resource_id": knownvalue.StringExact(seededStorage),
							"subresource_target": knownvalue.StringExact("blob")}),
						user("storage-tag", "ServiceTag", map[string]knownvalue.Check{"service_tag": knownvalue.StringExact("Storage"),
							"protocol": knownvalue.StringExact("TCP"), "port_ranges": knownvalue.StringExact("443"), "action": knownvalue.StringExact("Allow")}),
					})),
				},
			},
		},
	})
}

func TestManagedNetworkDataSource_none(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configAccount(name)},
			{
				Config: env.ProviderBlock("") + configAccount(name) + `
data "foundry_account_managed_network" "test" {
  account_id = foundry_account.test.id
}
`,
				ExpectError: regexp.MustCompile(`(?s)No managed network.*foundry_account_managed_network`),
			},
		},
	})
}
