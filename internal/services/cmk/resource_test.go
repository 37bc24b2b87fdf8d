package cmk_test

import (
	"fmt"
	"io"
	"net/http"
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
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const (
	accountName = "foundry_account.test"
	cmkName     = "foundry_account_customer_managed_key.test"
	v1          = "0000000000000000000000000000000a"
	v2          = "0000000000000000000000000000000b"
)

var (
	seededVault = emulator.KeyVaultID(emulator.DefaultSubscriptionID, "rg-foundry", "kv-foundry-cmk")
	uaiID       = emulator.UserAssignedIdentityID(emulator.DefaultSubscriptionID, "rg-foundry", "id-foundry")
)

// testVault adds a vault with a key whose versions are known, and returns its ARM ID.
func testVault(t *testing.T, env *acctest.Env, name string) string {
	t.Helper()
	id, err := env.Server.AddKeyVault(emulator.SeedKeyVault{ResourceGroup: "rg-foundry", Name: name, Location: "eastus",
		SoftDelete: true, PurgeProtection: true, Keys: []emulator.SeedKey{{Name: "cmk", VersionIDs: []string{v1, v2}}}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// grant gives the account's system-assigned identity access to the vault, as an administrator would.
func grant(env *acctest.Env, vault string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[accountName]
		if !ok {
			return fmt.Errorf("%s not in state", accountName)
		}
		return env.Server.GrantKeyAccess(vault, rs.Primary.Attributes["identity.principal_id"], "get", "wrapKey", "unwrapKey")
	}
}

// System-assigned identity: account, grant, then the key; the second plan is empty, import finds it, and destroy
// leaves the account encrypted.
func TestCustomerManagedKeyResource_systemAssigned(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	vault := testVault(t, env, acctest.RandomName("kv"))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configAccount(name), Check: grant(env, vault)},
			{
				Config: env.ProviderBlock("") + configAccount(name) + configCMK(vault+"/keys/cmk"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cmkName, tfjsonpath.New("key_version"), knownvalue.StringExact(v2)),
					statecheck.ExpectKnownValue(cmkName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", name))),
				},
			},
			{
				Config:           env.ProviderBlock("") + configAccount(name) + configCMK(vault+"/keys/cmk"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ResourceName: cmkName, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				// Destroying the key resource only forgets it: the service keeps the account encrypted.
				Config: env.ProviderBlock("") + configAccount(name),
				Check: func(*terraform.State) error {
					return checkEncrypted(env, env.AccountID("rg-foundry", name), "\"keyName\":\"cmk\"")
				},
			},
		},
	})
}

// Versionless key: a rotation shows as a new key_version on refresh, with no plan diff.
func TestCustomerManagedKeyResource_rotation(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	vault := testVault(t, env, acctest.RandomName("kv"))
	var rotated string
	config := env.ProviderBlock("") + configAccount(name) + configCMK(vault+"/keys/cmk")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configAccount(name), Check: grant(env, vault)},
			{
				Config: config,
				Check: func(*terraform.State) (err error) {
					rotated, err = env.Server.RotateKey(vault, "cmk")
					return err
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cmkName, tfjsonpath.New("key_version"), stringFunc(func() string { return rotated })),
				},
			},
		},
	})
}

// A pinned version: changing it updates the account in place.
func TestCustomerManagedKeyResource_pinnedVersionUpdate(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	vault := testVault(t, env, acctest.RandomName("kv"))
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configAccount(name), Check: grant(env, vault)},
			{
				Config: env.ProviderBlock("") + configAccount(name) + configCMK(vault+"/keys/cmk/versions/"+v1),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(accountName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(cmkName, tfjsonpath.New("key_version"), knownvalue.StringExact(v1)),
				},
			},
			{
				Config: env.ProviderBlock("") + configAccount(name) + configCMK(vault+"/keys/cmk/versions/"+v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(cmkName, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(cmkName, tfjsonpath.New("key_version"), knownvalue.StringExact(v2)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(accountName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(cmkName, tfjsonpath.New("key_version"), knownvalue.StringExact(v2)),
				},
			},
		},
	})
}

// Everything the service would refuse is found at plan, on the attribute, with what to do.
func TestCustomerManagedKeyResource_planChecks(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	vaultOf := func(group, vault string) string {
		return emulator.KeyVaultID(emulator.DefaultSubscriptionID, group, vault)
	}
	plan := func(cmk, want string) resource.TestStep {
		return resource.TestStep{Config: env.ProviderBlock("") + configAccount(name) + cmk, PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configAccount(name)},
			// Validator: not a key's ARM ID.
			plan(configCMK("https://kv-foundry-cmk.vault.azure.net/keys/foundry-cmk"), `(?s)Invalid key_id.*managedHSMs`),
			plan(configCMK(seededVault+"/secrets/foundry-cmk"), `(?s)Invalid key_id.*instead of "keys"`),
			plan(configCMK(seededVault+"/keys/key-ec"), `(?s)Unsupported key type or size.*EC P-256.*RSA 2048`),
			plan(configCMK(seededVault+"/keys/key-rsa-4096"), `(?s)Unsupported key type or size.*RSA 4096`),
			plan(configCMK(seededVault+"/keys/missing"), `(?s)Key not found`),
			plan(configCMK(vaultOf("rg-foundry", "kv-no-purge")+"/keys/foundry-cmk"), `(?s)lacks soft delete or purge protection.*purge protection\s+off`),
			plan(configCMK(vaultOf("rg-other", "kv-westus")+"/keys/foundry-cmk"), `(?s)Key vault is in another region.*westus`),
			// Nobody granted the account's system-assigned identity access yet.
			plan(configCMK(seededVault+"/keys/foundry-cmk"), `(?s)Identity cannot use the key.*get,\s+wrapKey,\s+unwrapKey.*az keyvault\s+set-policy`),
			// A user-assigned identity that is not attached to the account.
			plan(configCMKWithClient(seededVault+"/keys/foundry-cmk", emulator.UserAssignedClientID(uaiID)), `(?s)User-assigned identity not attached.*identity_ids`),
		},
	})
}

// The account's inline block and this resource must not both manage one account.
func TestCustomerManagedKeyResource_conflictsWithInlineBlock(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configInlineAccount(name)},
			{
				Config:      env.ProviderBlock("") + configInlineAccount(name) + configCMKWithClient(seededVault+"/keys/foundry-cmk", emulator.UserAssignedClientID(uaiID)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Account already has a customer-managed key.*customer_managed_key block`),
			},
		},
	})
}

func TestCustomerManagedKeyResource_importInvalidID(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:        env.ProviderBlock("") + configCMK(seededVault+"/keys/foundry-cmk"),
			ResourceName:  cmkName,
			ImportState:   true,
			ImportStateId: seededVault,
			ExpectError:   regexp.MustCompile(`Invalid import ID`),
		}},
	})
}

// stringFunc checks a string against a value known only when the check runs.
type stringFunc func() string

func (f stringFunc) CheckValue(v any) error {
	if s, ok := v.(string); !ok || s != f() {
		return fmt.Errorf("value is %v, want %q", v, f())
	}
	return nil
}

func (f stringFunc) String() string { return f() }

// checkEncrypted reads the account through ARM, as another tool would, and looks for want in its encryption.
func checkEncrypted(env *acctest.Env, accountID, want string) error {
	token, err := env.Server.Token(acctest.ARMAudience)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodGet, env.Server.URL()+accountID+"?api-version=2026-09-01", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := env.Server.HTTPClient().Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	body := strings.ReplaceAll(string(b), " ", "")
	if !strings.Contains(body, `"keySource":"Microsoft.KeyVault"`) || !strings.Contains(body, want) {
		return fmt.Errorf("account %s is not encrypted with the key (%s): %s", accountID, want, body)
	}
	return nil
}

func configAccount(name string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q

  identity = {
    type = "SystemAssigned"
  }
}
`, name)
}

func configInlineAccount(name string) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q

  identity = {
    type         = "UserAssigned"
    identity_ids = [%[2]q]
  }

  customer_managed_key = {
    key_id             = "%[3]s/keys/foundry-cmk"
    identity_client_id = %[4]q
  }
}
`, name, uaiID, seededVault, emulator.UserAssignedClientID(uaiID))
}

func configCMK(keyID string) string {
	return fmt.Sprintf(`
resource "foundry_account_customer_managed_key" "test" {
  account_id = foundry_account.test.id
  key_id     = %[1]q
}
`, keyID)
}

func configCMKWithClient(keyID, clientID string) string {
	return fmt.Sprintf(`
resource "foundry_account_customer_managed_key" "test" {
  account_id         = foundry_account.test.id
  key_id             = %[1]q
  identity_client_id = %[2]q
}
`, keyID, clientID)
}
