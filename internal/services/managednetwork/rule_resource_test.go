package managednetwork_test

import (
	"encoding/json"
	"fmt"
	"net/http"
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

const (
	ruleName      = "foundry_account_outbound_rule.test"
	seededStorage = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.Storage/storageAccounts/stfoundryagents"
	seededSearch  = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.Search/searchServices/srch-foundry-agents"
)

func TestOutboundRuleResource_basic(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: base + configRule("test", "pypi", `fqdn = { destination = "pypi.org" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", name)+"/managedNetworks/default/outboundRules/pypi")),
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("category"), knownvalue.StringExact("UserDefined")),
					// The network was provisioned before the rule was written.
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("fqdn").AtMapKey("destination"), knownvalue.StringExact("pypi.org")),
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("service_tag"), knownvalue.Null()),
				},
			},
			{ResourceName: ruleName, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		},
	})
}

// One rule of each kind (and the service tag's address form), each imported back.
func TestOutboundRuleResource_kinds(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "provision_now = false") +
		configRule("pe", "storage", fmt.Sprintf(`private_endpoint = {
    service_resource_id = %q
    subresource_target  = "blob"
    fqdns               = ["stfoundryagents.blob.core.windows.net"]
  }`, seededStorage)) +
		configRule("tag", "monitor", `service_tag = {
    service_tag = "AzureMonitor"
    protocol    = "TCP"
    port_ranges = "443"
  }`) +
		configRule("prefixes", "on-prem", `service_tag = {
    address_prefixes = ["203.0.113.0/24", "2001:db8::/32"]
    protocol         = "ICMP"
    action           = "Deny"
  }`) +
		configRule("wildcard", "blobs", `fqdn = { destination = "*.blob.core.windows.net" }`)
	steps := []resource.TestStep{{
		Config: cfg,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("foundry_account_outbound_rule.pe", tfjsonpath.New("private_endpoint").AtMapKey("subresource_target"), knownvalue.StringExact("blob")),
			// Not provisioned: the rules are Inactive.
			statecheck.ExpectKnownValue("foundry_account_outbound_rule.pe", tfjsonpath.New("status"), knownvalue.StringExact("Inactive")),
			statecheck.ExpectKnownValue("foundry_account_outbound_rule.tag", tfjsonpath.New("service_tag").AtMapKey("action"), knownvalue.StringExact("Allow")),
			statecheck.ExpectKnownValue("foundry_account_outbound_rule.prefixes", tfjsonpath.New("service_tag").AtMapKey("port_ranges"), knownvalue.StringExact("*")),
			statecheck.ExpectKnownValue("foundry_account_outbound_rule.prefixes", tfjsonpath.New("service_tag").AtMapKey("service_tag"), knownvalue.Null()),
		},
	}}
	for _, r := range []string{"pe", "tag", "prefixes", "wildcard"} {
		steps = append(steps, resource.TestStep{ResourceName: "foundry_account_outbound_rule." + r, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"timeouts"}})
	}
	steps = append(steps, resource.TestStep{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}})
	resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: env.Factories(), Steps: steps})
}

func TestOutboundRuleResource_update(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ruleName, plancheck.ResourceActionUpdate)}}
	tag := func(ports, action string) string {
		return fmt.Sprintf(`service_tag = {
    service_tag = "Storage.EastUS"
    protocol    = "TCP"
    port_ranges = %q
    action      = %q
  }`, ports, action)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: base + configRule("test", "storage-tag", tag("443", "Allow")), ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(ruleName, tfjsonpath.New("id"))}},
			{
				Config:           base + configRule("test", "storage-tag", tag("80,443,8000-8080", "Deny")),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(ruleName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("service_tag").AtMapKey("port_ranges"), knownvalue.StringExact("80,443,8000-8080")),
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("service_tag").AtMapKey("action"), knownvalue.StringExact("Deny")),
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("status"), knownvalue.StringExact("Active")),
				},
			},
		},
	})
}

func TestOutboundRuleResource_requiresReplace(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "")
	replace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ruleName, plancheck.ResourceActionDestroyBeforeCreate)}}
	pe := func(target, sub string) string {
		return fmt.Sprintf("private_endpoint = {\n    service_resource_id = %q\n    subresource_target = %q\n  }", target, sub)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: base + configRule("test", "pypi", `fqdn = { destination = "pypi.org" }`)},
			{
				// FQDN destinations change in place.
				Config:           base + configRule("test", "pypi", `fqdn = { destination = "files.pythonhosted.org" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ruleName, plancheck.ResourceActionUpdate)}},
			},
			{Config: base + configRule("test", "python", `fqdn = { destination = "files.pythonhosted.org" }`), ConfigPlanChecks: replace},
			{
				// Another kind of rule under the same name.
				Config:           base + configRule("test", "python", pe(seededStorage, "blob")),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("fqdn"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("private_endpoint").AtMapKey("service_resource_id"), knownvalue.StringExact(seededStorage)),
				},
			},
			{Config: base + configRule("test", "python", pe(seededStorage, "file")), ConfigPlanChecks: replace},
			{Config: base + configRule("test", "python", pe(seededSearch, "searchService")), ConfigPlanChecks: replace},
		},
	})
}

func TestOutboundRuleResource_disappears(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "") +
		configRule("test", "pypi", `fqdn = { destination = "pypi.org" }`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", name)+"/managedNetworks/default/outboundRules/pypi", false)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ruleName, plancheck.ResourceActionCreate)}},
			},
			{
				// The network goes out of band, its rules with it: both come back.
				Config: cfg,
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", name)+"/managedNetworks/default", false)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(networkName, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(ruleName, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestOutboundRuleResource_importInvalidID(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "")
	cfg := base + configRule("test", "required-entra-id", `service_tag = {
    service_tag = "AzureActiveDirectory"
    protocol    = "TCP"
    port_ranges = "443"
  }`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: base},
			{
				Config: cfg, ResourceName: ruleName, ImportState: true,
				ImportStateId: env.AccountID("rg-foundry", name) + "/managedNetworks/default",
				ExpectError:   regexp.MustCompile(`(?s)Expected an ARM ID of the form.*/managedNetworks/default/outboundRules/\{rule\}`),
			},
			{
				// The service's own rules are not for taking.
				Config: cfg, ResourceName: ruleName, ImportState: true,
				ImportStateId: env.AccountID("rg-foundry", name) + "/managedNetworks/default/outboundRules/required-entra-id",
				ExpectError:   regexp.MustCompile(`(?s)Cannot import a rule of the service.*category\s+Required`),
			},
		},
	})
}

// A rule written outside this resource (inline on the network here, as another tool would) is refused at plan and
// at apply, then taken over by import; the service's rule names are refused at plan.
func TestOutboundRuleResource_noFight(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "")
	network := env.AccountID("rg-foundry", name) + "/managedNetworks/default"
	cfg := base + configRule("test", "pypi", `fqdn = { destination = "pypi.org" }`)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: base,
				Check: func(*terraform.State) error {
					status, body, err := env.ARMSend(http.MethodPatch, network,
						json.RawMessage(`{"properties":{"managedNetwork":{"outboundRules":{"pypi":{"type":"FQDN","category":"UserDefined","destination":"pypi.org"}}}}}`))
					if err == nil && status != http.StatusAccepted {
						err = fmt.Errorf("inline PATCH answered %d: %s", status, body)
					}
					return err
				},
			},
			{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Outbound rule already exists.*written\s+outside\s+this\s+resource.*terraform\s+import`)},
			{
				Config: base + configRule("test", "required-foundry-account", fmt.Sprintf(`private_endpoint = {
    service_resource_id = %q
    subresource_target  = "account"
  }`, env.AccountID("rg-foundry", name))),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Outbound rule already exists.*added\s+itself\s+\(category\s+Required\)`),
			},
			{Config: cfg, ResourceName: ruleName, ImportState: true, ImportStateId: network + "/outboundRules/pypi", ImportStatePersist: true},
			{
				// The network's own updates never touch the rule (a rule lost here would make the next plan non-empty).
				Config: env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", `firewall_sku = "Basic"`) +
					configRule("test", "pypi", `fqdn = { destination = "pypi.org" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(networkName, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(ruleName, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

func configRule(resourceName, name, body string) string {
	return fmt.Sprintf(`
resource "foundry_account_outbound_rule" %[1]q {
  managed_network_id = foundry_account_managed_network.test.id
  name               = %[2]q
  %[3]s
}
`, resourceName, name, body)
}

// A replaced managed network takes its rules with it; the same apply writes them again on the new network.
func TestOutboundRuleResource_networkReplaced(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	rules := configRule("test", "pypi", `fqdn = { destination = "pypi.org" }`) +
		configRule("pe", "storage", fmt.Sprintf("private_endpoint = {\n service_resource_id = %q\n subresource_target = \"blob\"\n}", seededStorage))
	cfg := func(kind string) string {
		return env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "managed_network_kind = \""+kind+"\"") + rules
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: cfg("V2")},
			{
				Config: cfg("V1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(networkName, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction(ruleName, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("foundry_account_outbound_rule.pe", plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					for _, rule := range []string{"pypi", "storage"} {
						status, body, err := env.ARMCall(http.MethodGet, env.AccountID("rg-foundry", name)+"/managedNetworks/default/outboundRules/"+rule)
						if err != nil {
							return err
						}
						if status != http.StatusOK {
							return fmt.Errorf("rule %s after the network's replacement: %d %s", rule, status, body)
						}
					}
					return nil
				},
			},
			{Config: cfg("V1"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
