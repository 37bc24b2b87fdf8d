package account_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

var (
	cmkVault    = emulator.KeyVaultID(emulator.DefaultSubscriptionID, "rg-foundry", "kv-foundry-cmk")
	cmkIdentity = emulator.UserAssignedIdentityID(emulator.DefaultSubscriptionID, "rg-foundry", "id-foundry")
)

// A user-assigned identity that already has access: one PUT creates the account encrypted; the block cannot be
// removed again (the service never goes back to Microsoft-managed keys) and the plan says how to re-create instead.
func TestAccountResource_customerManagedKeyUserAssigned(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	keyID := cmkVault + "/keys/foundry-cmk"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + configInlineCMK(name, keyID, true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("customer_managed_key").AtMapKey("key_id"), knownvalue.StringExact(keyID)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("customer_managed_key").AtMapKey("key_version"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{32}$`))),
				},
			},
			{
				Config:           env.ProviderBlock("") + configInlineCMK(name, keyID, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config:      env.ProviderBlock("") + configInlineCMK(name, keyID, false),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Customer-managed key cannot be removed.*Microsoft-managed keys.*terraform apply\s+-replace=`),
			},
		},
	})
}

// The system-assigned identity does not exist before the account, so the inline block cannot use it at create.
func TestAccountResource_customerManagedKeySystemAssignedAtCreate(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = "tfaccsys"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "tfaccsys"
  identity              = { type = "SystemAssigned" }
  customer_managed_key  = { key_id = "%s/keys/foundry-cmk" }
}
`, cmkVault),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)System-assigned identity cannot reach the key at create.*foundry_account_customer_managed_key`),
		}},
	})
}

// The example folders run as they are against the emulator (their variable defaults are the seeded resources).
func TestAccountResource_exampleCMK(t *testing.T) {
	t.Parallel()
	testExample(t, "cmk", statecheck.ExpectKnownValue("foundry_account.main", tfjsonpath.New("customer_managed_key").AtMapKey("key_version"), knownvalue.NotNull()))
}

func TestAccountResource_examplePrivateNetwork(t *testing.T) {
	t.Parallel()
	testExample(t, "private-network",
		statecheck.ExpectKnownValue("foundry_account.main", tfjsonpath.New("agent_capability_host_name"), knownvalue.StringExact("contoso-agents@aml_aiagentservice")))
}

// examples/demo (what make demo runs) without its providers.tf: the test supplies the emulator's provider block.
func TestAccountResource_exampleDemo(t *testing.T) {
	t.Parallel()
	testExample(t, "demo",
		statecheck.ExpectKnownValue("foundry_deployment.chat", tfjsonpath.New("model").AtMapKey("version"), knownvalue.NotNull()),
		statecheck.ExpectKnownValue("foundry_project.demo", tfjsonpath.New("is_default"), knownvalue.Bool(true)))
}

func testExample(t *testing.T, folder string, checks ...statecheck.StateCheck) {
	env := acctest.NewEnv(t)
	config := env.ExampleConfig(t, folder, purgeFeature)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			// A refresh right after the apply finds nothing changed: the refresh-only plan is empty (issue 18).
			{Config: config, ConfigStateChecks: checks,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{acctest.ExpectNoDrift()}}},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

func configInlineCMK(name, keyID string, withKey bool) string {
	block := ""
	if withKey {
		block = fmt.Sprintf(`
  customer_managed_key = {
    key_id             = %[1]q
    identity_client_id = %[2]q
  }`, keyID, emulator.UserAssignedClientID(cmkIdentity))
	}
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q

  identity = {
    type         = "SystemAssigned, UserAssigned"
    identity_ids = [%[2]q]
  }
%[3]s
}
`, name, cmkIdentity, block)
}
