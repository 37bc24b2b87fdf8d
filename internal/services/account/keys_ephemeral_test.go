package account_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// The keys reach a write-only attribute (here the API key of a connection to the account itself) and nowhere else:
// the emulator stored the account's real keys as the connections' credentials, the state holds neither, and a
// second plan, which opens the ephemeral resource again, is empty.
func TestAccountKeysEphemeralResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + keysConfig(name, true)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   acctest.EphemeralCLI,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					keys, err := accountKeys(env, env.AccountID("rg-foundry", name))
					if err != nil {
						return err
					}
					for conn, key := range map[string]string{"primary": keys.Key1, "secondary": keys.Key2} {
						rs, ok := s.RootModule().Resources["foundry_account_connection."+conn]
						if !ok {
							return fmt.Errorf("foundry_account_connection.%s is not in state", conn)
						}
						got, err := env.Server.ConnectionCredentials(rs.Primary.ID)
						if err != nil {
							return err
						}
						if got["key"] != key {
							return fmt.Errorf("connection %s holds %.6s…, want the account's %s key %.6s…", conn, fmt.Sprint(got["key"]), conn, key)
						}
					}
					return noKeyInState(s, keys.Key1, keys.Key2)
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// An account without local authentication has no usable keys: opening the ephemeral resource fails at plan, on
// account_id, saying that local_auth_enabled is false.
func TestAccountKeysEphemeralResource_localAuthDisabled(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   acctest.EphemeralCLI,
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + accountWithLocalAuth(name, false)},
			{
				Config:      env.ProviderBlock("") + keysConfig(name, false),
				ExpectError: regexp.MustCompile(`(?s)Local authentication is disabled on the account.*` + name + `.*local_auth_enabled = false.*BadRequest`),
			},
		},
	})
}

// With TRACE logging and HTTP bodies on, the listKeys response is logged with both keys masked, and the keys appear
// nowhere in the provider's log. Not parallel: it sets process environment for the in-process provider's log sink.
func TestAccountKeysEphemeralResource_traceLogHasNoKeys(t *testing.T) {
	env := acctest.NewEnv(t)
	providerBlock, readLog := env.TraceLog(t)
	name := acctest.RandomName("tfacc")
	var keys apiKeys
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   acctest.EphemeralCLI,
		Steps: []resource.TestStep{{
			Config: providerBlock + keysConfig(name, true),
			Check: func(*terraform.State) (err error) {
				keys, err = accountKeys(env, env.AccountID("rg-foundry", name))
				return err
			},
		}},
	})
	log := readLog()
	if !strings.Contains(log, name+"/listKeys") || !strings.Contains(log, `key1\":\"REDACTED`) {
		t.Fatalf("the trace log has no masked listKeys response; the test would prove nothing (%d bytes)", len(log))
	}
	for i, key := range []string{keys.Key1, keys.Key2, env.ClientSecret} {
		if strings.Contains(log, key) {
			t.Errorf("secret #%d (%.4s…) appears in the provider's trace log", i+1, key)
		}
	}
}

type apiKeys struct {
	Key1 string `json:"key1"`
	Key2 string `json:"key2"`
}

// accountKeys asks the emulator for the account's keys directly, as another tool would.
func accountKeys(env *acctest.Env, accountID string) (apiKeys, error) {
	var k apiKeys
	status, body, err := env.ARMCall(http.MethodPost, accountID+"/listKeys")
	if err != nil {
		return k, err
	}
	if status != http.StatusOK {
		return k, fmt.Errorf("listKeys of %s: HTTP %d: %s", accountID, status, body)
	}
	if err := json.Unmarshal([]byte(body), &k); err != nil {
		return k, fmt.Errorf("decoding listKeys of %s: %w", accountID, err)
	}
	if k.Key1 == "" || k.Key2 == "" {
		return k, fmt.Errorf("listKeys of %s returned %d bytes without two keys", accountID, len(body))
	}
	return k, nil
}

// noKeyInState fails when any attribute in state holds one of the keys.
func noKeyInState(s *terraform.State, keys ...string) error {
	for addr, rs := range s.RootModule().Resources {
		for k, v := range rs.Primary.Attributes {
			for _, key := range keys {
				if strings.Contains(v, key) {
					return fmt.Errorf("%s.%s holds an account key", addr, k)
				}
			}
		}
	}
	return nil
}

func accountWithLocalAuth(name string, localAuth bool) string {
	return fmt.Sprintf(`
resource "foundry_account" "test" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q
  local_auth_enabled    = %[2]t
  identity              = { type = "SystemAssigned" }
}
`, name, localAuth)
}

// keysConfig is an account, its keys, and two connections to the account itself whose write-only API keys are the
// account's keys.
func keysConfig(name string, localAuth bool) string {
	return accountWithLocalAuth(name, localAuth) + `
ephemeral "foundry_account_keys" "test" {
  account_id = foundry_account.test.id
}
` + selfConnection("primary") + selfConnection("secondary")
}

// selfConnection is a connection to the account itself whose write-only API key is the account's primary or secondary
// key.
func selfConnection(which string) string {
	return fmt.Sprintf(`
resource "foundry_account_connection" %[1]q {
  account_id     = foundry_account.test.id
  name           = "self-%[1]s"
  category       = "AIServices"
  target         = foundry_account.test.endpoint
  secret_version = 1

  api_key {
    key_wo = ephemeral.foundry_account_keys.test.%[1]s_key
  }
}
`, which)
}
