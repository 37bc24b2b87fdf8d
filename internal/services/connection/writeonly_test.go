package connection_test

import (
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
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// A write-only secret reaches Azure but never the plan or state; a new value is sent when secret_version changes,
// and not before (Terraform cannot see it).
func TestProjectConnectionResource_writeOnlySecret(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	base := env.ProviderBlock("") + account(acc) + project()
	body := func(secret, version string) string {
		return `category = "GenericRest"
  target = "https://api.contoso.example"
  secret_version = ` + version + `
  service_principal {
    client_id        = "11111111-1111-1111-1111-111111111111"
    tenant_id        = "22222222-2222-2222-2222-222222222222"
    client_secret_wo = "` + secret + `"
  }`
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	sp := tfjsonpath.New("service_principal")
	nullSecrets := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(projectConn, sp.AtMapKey("client_secret_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(projectConn, sp.AtMapKey("client_secret"), knownvalue.Null()),
		statecheck.ExpectKnownValue(projectConn, sp.AtMapKey("client_id"), knownvalue.StringExact("11111111-1111-1111-1111-111111111111")),
	}
	withSameID := func() []statecheck.StateCheck {
		return append(append([]statecheck.StateCheck{}, nullSecrets...), sameID.AddStateValue(projectConn, tfjsonpath.New("id")))
	}
	creds := func(secret string) map[string]any {
		return map[string]any{"clientId": "11111111-1111-1111-1111-111111111111", "tenantId": "22222222-2222-2222-2222-222222222222", "clientSecret": secret}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   writeOnlyCLI,
		Steps: []resource.TestStep{
			{
				Config:            base + projectConnection("sp1", body("wo-secret-one", "1")),
				ConfigStateChecks: withSameID(),
				Check: resource.ComposeAggregateTestCheckFunc(
					credentialsAre(env, projectConn, creds("wo-secret-one")),
					noSecretInState("wo-secret-one"),
				),
			},
			{
				// A new value alone is invisible to Terraform: nothing to do, and Azure keeps the old secret.
				Config:            base + projectConnection("sp1", body("wo-secret-two", "1")),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: nullSecrets,
				Check:             credentialsAre(env, projectConn, creds("wo-secret-one")),
			},
			{
				// Bumping secret_version sends it.
				Config: base + projectConnection("sp1", body("wo-secret-two", "2")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(projectConn, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: withSameID(),
				Check: resource.ComposeAggregateTestCheckFunc(
					credentialsAre(env, projectConn, creds("wo-secret-two")),
					noSecretInState("wo-secret-one", "wo-secret-two"),
				),
			},
			{
				ResourceName: projectConn, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts", "secret_version", "service_principal.client_id", "service_principal.tenant_id"},
			},
		},
	})
}

// custom_keys takes a write-only map.
func TestAccountConnectionResource_writeOnlyCustomKeys(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	acc := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   writeOnlyCLI,
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + account(acc) + accountConnection("tool1", `category = "CustomKeys"
  target = "https://tool.contoso.example"
  custom_keys {
    keys_wo = { "x-api-key" = "wo-custom-secret" }
  }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountConn, tfjsonpath.New("custom_keys").AtMapKey("keys_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(accountConn, tfjsonpath.New("auth_type"), knownvalue.StringExact("CustomKeys")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				credentialsAre(env, accountConn, map[string]any{"keys": map[string]any{"x-api-key": "wo-custom-secret"}}),
				noSecretInState("wo-custom-secret"),
			),
		}},
	})
}

// On Terraform before 1.11 a write-only attribute is refused at validation, pointing at the fallback; the sensitive
// fallback works on every version (TestAccountConnectionResource_basic).
func TestProjectConnectionResource_writeOnlyRefusedOnOldCLI(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   olderThanWriteOnly,
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + `resource "foundry_project_connection" "test" {
  project_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p"
  name       = "pat1"
  category   = "Git"
  target     = "https://github.com/contoso"
  pat {
    pat_wo = "wo-old-cli"
  }
}`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)WriteOnly Attribute Not Allowed.*only supported in Terraform 1.11`),
		}},
	})
}

// With TRACE logging and bodies on, a sensitive connection secret never reaches the provider log.
func TestAccountConnectionResource_traceLogHasNoSecrets(t *testing.T) {
	traceLogHasNoSecret(t, nil, func(secretVar string) string {
		return accountConnection("acct1", `category = "ApiKey"
  target = "https://api.contoso.example"
  api_key {
    key = `+secretVar+`
  }`)
	}, "/connections/acct1")
}

// With TRACE logging and bodies on, a write-only connection secret never reaches the provider log.
func TestProjectConnectionResource_traceLogHasNoWriteOnlySecret(t *testing.T) {
	traceLogHasNoSecret(t, writeOnlyCLI, func(secretVar string) string {
		return projectConnection("proj1", `category = "ApiKey"
  target = "https://api.contoso.example"
  api_key {
    key_wo = `+secretVar+`
  }`)
	}, "/connections/proj1")
}

// traceLogHasNoSecret applies a connection whose secret comes from a variable and checks the provider's trace log.
// Not parallel: it sets process environment for the in-process provider's log sink. The secrets come from the
// environment, because the test harness logs the configuration text.
func traceLogHasNoSecret(t *testing.T, checks []tfversion.TerraformVersionCheck, connection func(secretVar string) string, urlPart string) {
	env := acctest.NewEnv(t)
	providerBlock, readLog := env.TraceLog(t)
	const secret = "trace-connection-secret-0123"
	t.Setenv("TF_VAR_connection_secret", secret)
	acc := acctest.RandomName("tfacc")
	cfg := providerBlock + `
variable "connection_secret" {
  type      = string
  sensitive = true
}
` + account(acc) + project() + connection("var.connection_secret")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		TerraformVersionChecks:   checks,
		Steps: []resource.TestStep{{Config: cfg, Check: func(st *terraform.State) error {
			if checks == nil {
				return nil // the sensitive fallback is in state by design
			}
			return noSecretInState(secret)(st)
		}}},
	})
	log := readLog()
	if !strings.Contains(log, "HTTP request") || !strings.Contains(log, urlPart) || !strings.Contains(log, `credentials\":\"REDACTED`) {
		t.Fatalf("the trace log has no connection bodies; the test would prove nothing (%d bytes)", len(log))
	}
	for _, s := range []string{secret, env.ClientSecret} {
		if strings.Contains(log, s) {
			t.Errorf("a secret (%.8s…) appears in the provider's trace log", s)
		}
	}
}
