package account_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const purgeFeature = "features {\n account {\n purge_soft_delete_on_destroy = true\n }\n }"

// seededSubnet is the ARM ID of a subnet of the emulator's default seed.
func seededSubnet(group, vnet, name string) string {
	return emulator.SubnetID(emulator.DefaultSubscriptionID, group, vnet, name)
}

var agentSubnet = seededSubnet("rg-foundry", "vnet-foundry", "snet-agents")

func TestAccountResource_networkInjection(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock(purgeFeature) + configInjected(name, agentSubnet),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("network_injection"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"scenario":                      knownvalue.StringExact("agent"),
						"subnet_id":                     knownvalue.StringExact(agentSubnet),
						"use_microsoft_managed_network": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("agent_capability_host_name"), knownvalue.StringExact(name+"@aml_aiagentservice")),
				},
			},
			{
				Config:           env.ProviderBlock(purgeFeature) + configInjected(name, agentSubnet),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
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

// Each subnet rule fails at plan, on network_injection.subnet_id, naming the subnet and what to do.
func TestAccountResource_networkInjectionPlanChecks(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	taken := seededSubnet("rg-foundry", "vnet-foundry", "snet-agents-2")
	plan := func(subnet, want string) resource.TestStep {
		return resource.TestStep{
			Config:      env.ProviderBlock(purgeFeature) + configInjectedNamed("holder", "user"+name, taken) + configInjectedNamed("second", name, subnet),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(want),
		}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			// An account that holds snet-agents-2.
			{Config: env.ProviderBlock(purgeFeature) + configInjectedNamed("holder", "user"+name, taken)},
			plan(seededSubnet("rg-foundry", "vnet-foundry", "snet-missing"), `(?s)Agent subnet not found.*snet-missing.*does not exist`),
			plan(seededSubnet("rg-foundry", "vnet-foundry", "snet-plain"), `(?s)not delegated to Microsoft.App/environments.*snet-plain`),
			plan(seededSubnet("rg-foundry", "vnet-foundry", "snet-reserved"), `(?s)overlaps a reserved range.*snet-reserved.*172\.30\.0\.0/16`),
			plan(seededSubnet("rg-foundry", "vnet-foundry", "snet-public"), `(?s)not in a private range.*snet-public.*20\.0\.0\.0/24`),
			plan(seededSubnet("rg-other", "vnet-westus", "snet-agents"), `(?s)Agent subnet is in another region.*vnet-westus.*westus`),
			plan(taken, `(?s)Agent subnet is already in use.*snet-agents-2.*legionservicelink`),
		},
	})
}

func TestAccountResource_networkInjectionValidation(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      env.ProviderBlock("") + strings.Replace(configInjected("val1", agentSubnet), "scenario", "use_microsoft_managed_network = true\n    scenario", 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Two networks for network injection`),
			},
			{
				Config:      env.ProviderBlock("") + strings.Replace(configInjected("val1", agentSubnet), "subnet_id", "# subnet_id", 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Missing agent subnet`),
			},
			{
				Config:      env.ProviderBlock("") + configInjected("val1", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`is not the ARM ID of a Microsoft.Network/virtualNetworks/subnets`),
			},
		},
	})
}

// With purge on, destroy waits (polling the subnet, no fixed sleep) until the service releases the subnet's link;
// the emulator releases it 30 s after the purge, on its clock, which runs with real time.
func TestAccountResource_networkInjectionDestroyWaitsForLink(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	env.Server.SetLinkReleaseDelay(30 * time.Second)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock(purgeFeature) + configInjected(name, agentSubnet)},
			{
				Config: env.ProviderBlock(purgeFeature) + noAccounts,
				Check: func(*terraform.State) error {
					purged, last, polls := destroyTimeline(env, name, agentSubnet)
					if purged.IsZero() {
						return fmt.Errorf("no purge of %s in the request log", name)
					}
					if waited := last.Sub(purged); waited < 30*time.Second || polls < 2 {
						return fmt.Errorf("destroy ended %s after the purge with %d subnet polls; it must wait for the 30 s link release", waited, polls)
					}
					// The rest of the test (and its final destroy) need not wait again.
					env.Server.SetLinkReleaseDelay(0)
					return checkSubnetLinks(env, agentSubnet, 0)
				},
			},
			// The subnet is free again at once: a new account can use it.
			{Config: env.ProviderBlock(purgeFeature) + configInjected(name+"b", agentSubnet)},
		},
	})
}

// Without purge the soft-deleted account keeps the link until it is purged: destroy does not wait for it.
func TestAccountResource_networkInjectionDestroyWithoutPurge(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	env.Server.SetLinkReleaseDelay(30 * time.Second)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configInjected(name, agentSubnet)},
			{
				Config: env.ProviderBlock("") + noAccounts,
				Check: func(*terraform.State) error {
					if deleted, n := subnetReadsAfterDelete(env, name, agentSubnet); deleted.IsZero() || n > 0 {
						return fmt.Errorf("destroy without purge read the subnet %d times after deleting the account (at %s)", n, deleted)
					}
					return checkSubnetLinks(env, agentSubnet, 1)
				},
			},
		},
	})
}

func TestAccountResource_networkInjectionRequiresReplace(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	other := seededSubnet("rg-foundry", "vnet-foundry", "snet-agents-2")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock(purgeFeature) + configInjected(name, agentSubnet)},
			{
				Config: env.ProviderBlock(purgeFeature) + configInjected(name, other),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("network_injection").AtMapKey("subnet_id"), knownvalue.StringExact(other)),
				},
			},
			{
				// Without purge the replacement would collide with the soft-deleted account of the same name.
				Config:      env.ProviderBlock("") + configInjected(name, agentSubnet),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Replacement would collide.*purge_soft_delete_on_destroy`),
			},
		},
	})
}

// destroyTimeline returns, from the request log, when account name was purged, the time of the last subnet read
// after it, and how many subnet reads followed the purge.
func destroyTimeline(env *acctest.Env, name, subnetID string) (purged, last time.Time, polls int) {
	for _, r := range env.Server.Requests() {
		switch {
		case r.Method == "DELETE" && strings.Contains(r.Path, "/deletedAccounts/"+name):
			purged = r.Time
		case !purged.IsZero() && r.Method == "GET" && strings.EqualFold(r.Path, subnetID):
			last, polls = r.Time, polls+1
		}
	}
	return purged, last, polls
}

// subnetReadsAfterDelete returns when account name was deleted and how many subnet reads followed.
func subnetReadsAfterDelete(env *acctest.Env, name, subnetID string) (deleted time.Time, n int) {
	for _, r := range env.Server.Requests() {
		switch {
		case r.Method == "DELETE" && strings.HasSuffix(r.Path, "/accounts/"+name):
			deleted = r.Time
		case !deleted.IsZero() && r.Method == "GET" && strings.EqualFold(r.Path, subnetID):
			n++
		}
	}
	return deleted, n
}

// checkSubnetLinks reads the subnet through ARM, as another tool would, and compares its link count.
func checkSubnetLinks(env *acctest.Env, subnetID string, want int) error {
	status, body, err := armGet(env, subnetID, "2025-09-01")
	if err != nil || status != 200 {
		return fmt.Errorf("reading subnet %s: HTTP %d: %w", subnetID, status, err)
	}
	if got := strings.Count(body, `"legionservicelink"`); got != want {
		return fmt.Errorf("subnet %s has %d service association links, want %d: %s", subnetID, got, want, body)
	}
	return nil
}

// armGet calls the emulator's ARM API directly, as another tool would.
func armGet(env *acctest.Env, path, apiVersion string) (int, string, error) {
	token, err := env.Server.Token(acctest.ARMAudience)
	if err != nil {
		return 0, "", err
	}
	req, err := http.NewRequest(http.MethodGet, env.Server.URL()+path+"?api-version="+apiVersion, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := env.Server.HTTPClient().Do(req)
	if err != nil {
		return 0, "", err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func configInjected(name, subnet string) string {
	return configInjectedNamed("test", name, subnet)
}

func configInjectedNamed(label, name, subnet string) string {
	return fmt.Sprintf(`
resource "foundry_account" %[1]q {
  name                  = %[2]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[2]q

  identity = {
    type = "SystemAssigned"
  }

  network_injection = {
    scenario  = "agent"
    subnet_id = %[3]q
  }
}
`, label, name, subnet)
}
