package managednetwork_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const networkName = "foundry_account_managed_network.test"

// provisionDelay is how long the emulator takes to provision a managed network in these tests.
const provisionDelay = 500 * time.Millisecond

func newEnv(t *testing.T) *acctest.Env {
	return acctest.NewEnv(t, func(o *emulator.Options) {
		o.AsyncDuration = 100 * time.Millisecond
		o.Durations = map[string]time.Duration{emulator.OpManagedNetworkProvision: provisionDelay}
	})
}

func TestManagedNetworkResource_basic(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNetworkGone(env, name),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", name)+"/managedNetworks/default")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("name"), knownvalue.StringExact("default")),
					// The resource provisioned the network and waited for it.
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("network_id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("firewall_public_ip_address"), knownvalue.StringRegexp(regexp.MustCompile(`^20\.`))),
					// Filled in by the service.
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("firewall_sku"), knownvalue.StringExact("Standard")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("managed_network_kind"), knownvalue.StringExact("V1")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("provisioning_state"), knownvalue.StringExact("Succeeded")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("changeable_isolation_modes"), knownvalue.ListExact(nil)),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("provision_now"), knownvalue.Bool(true)),
				},
			},
			{
				ResourceName:            networkName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				Config:           env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Isolation modes that move towards more isolation, the firewall SKU and V1 → V2 change in place; provision_now =
// false leaves the network Inactive, and turning it back on provisions it in an update.
func TestManagedNetworkResource_update(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(networkName, plancheck.ResourceActionUpdate)}}
	cfg := func(mode, extra string) string {
		return env.ProviderBlock("") + configAccount(name) + configNetwork(mode, extra)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg("Disabled", "provision_now = false"),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(networkName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("status"), knownvalue.StringExact("Inactive")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("changeable_isolation_modes"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("AllowInternetOutbound"), knownvalue.StringExact("AllowOnlyApprovedOutbound")})),
				},
			},
			{
				Config:           cfg("AllowInternetOutbound", "provision_now = false"),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(networkName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("isolation_mode"), knownvalue.StringExact("AllowInternetOutbound")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("status"), knownvalue.StringExact("Inactive")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("firewall_public_ip_address"), knownvalue.StringExact("")),
				},
			},
			{
				// provision_now back on: an update that provisions.
				Config:           cfg("AllowInternetOutbound", ""),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(networkName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("status"), knownvalue.StringExact("Active")),
				},
			},
			{
				Config:           cfg("AllowOnlyApprovedOutbound", "firewall_sku = \"Basic\"\nmanaged_network_kind = \"V2\""),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(networkName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("isolation_mode"), knownvalue.StringExact("AllowOnlyApprovedOutbound")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("firewall_sku"), knownvalue.StringExact("Basic")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("managed_network_kind"), knownvalue.StringExact("V2")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("firewall_public_ip_address"), knownvalue.StringRegexp(regexp.MustCompile(`^20\.`))),
				},
			},
			{
				Config:           cfg("AllowOnlyApprovedOutbound", "firewall_sku = \"Standard\"\nmanaged_network_kind = \"V2\""),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(networkName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("firewall_sku"), knownvalue.StringExact("Standard")),
				},
			},
		},
	})
}

// The service cannot loosen the isolation mode nor go back to V1: the plan replaces the network.
func TestManagedNetworkResource_requiresReplace(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	replace := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(networkName, plancheck.ResourceActionDestroyBeforeCreate)}}
	cfg := func(mode, extra string) string {
		return env.ProviderBlock("") + configAccount(name) + configNetwork(mode, extra)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: cfg("AllowOnlyApprovedOutbound", "managed_network_kind = \"V2\"")},
			{
				Config:           cfg("AllowInternetOutbound", "managed_network_kind = \"V2\""),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("isolation_mode"), knownvalue.StringExact("AllowInternetOutbound")),
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("status"), knownvalue.StringExact("Active")),
				},
			},
			{
				Config:           cfg("AllowInternetOutbound", "managed_network_kind = \"V1\""),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("managed_network_kind"), knownvalue.StringExact("V1")),
				},
			},
			{
				Config:           cfg("Disabled", ""),
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(networkName, tfjsonpath.New("status"), knownvalue.StringExact("Inactive")),
				},
			},
		},
	})
}

func TestManagedNetworkResource_disappears(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", name)+"/managedNetworks/default", false)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(networkName, plancheck.ResourceActionCreate)}},
			},
		},
	})
}

func TestManagedNetworkResource_importInvalidID(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configAccount(name)},
			{
				Config:        env.ProviderBlock("") + configAccount(name) + configNetwork("Disabled", ""),
				ResourceName:  networkName,
				ImportState:   true,
				ImportStateId: env.AccountID("rg-foundry", name),
				ExpectError:   regexp.MustCompile(`Expected an ARM ID of the form\s+/subscriptions/\{subscription\}/resourceGroups/\{group\}/providers/Microsoft\.CognitiveServices/accounts/\{account\}/managedNetworks/default`),
			},
		},
	})
}

// An enabled network that exists already (made by another tool) is not taken over by a create: import it.
func TestManagedNetworkResource_existing(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + configAccount(name),
				Check: func(*terraform.State) error {
					status, body, err := env.ARMSend(http.MethodPut, env.AccountID("rg-foundry", name)+"/managedNetworks/default",
						json.RawMessage(`{"properties":{"managedNetwork":{"isolationMode":"AllowInternetOutbound"}}}`))
					if err == nil && status != http.StatusAccepted {
						err = fmt.Errorf("PUT of the network answered %d: %s", status, body)
					}
					return err
				},
			},
			{
				Config:      env.ProviderBlock("") + configAccount(name) + configNetwork("AllowOnlyApprovedOutbound", ""),
				ExpectError: regexp.MustCompile(`(?s)Unable to create managed network.*already exists.*terraform import`),
			},
		},
	})
}

func configAccount(name string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q
  identity              = { type = "SystemAssigned" }
}
`, name)
}

func configNetwork(mode, extra string) string {
	return fmt.Sprintf(`
resource "foundry_account_managed_network" "test" {
  account_id     = foundry_account.test.id
  isolation_mode = %[1]q
  %[2]s
}
`, mode, extra)
}

// checkNetworkGone is a CheckDestroy: the account's managed network no longer exists.
func checkNetworkGone(env *acctest.Env, account string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		status, _, err := env.ARMCall(http.MethodGet, env.AccountID("rg-foundry", account)+"/managedNetworks/default")
		if err != nil {
			return err
		}
		if status != http.StatusNotFound {
			return fmt.Errorf("the managed network of %s still exists (GET answered %d)", account, status)
		}
		return nil
	}
}
