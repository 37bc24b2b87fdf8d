package raipolicy_test

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

const resourceName = "foundry_rai_policy.test"

func TestRAIPolicyResource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             policyGone(env, name, "strict"),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderBlock("") + configAccount(name) + configPolicy("strict", `
  content_filters = [
    { name = "Hate", source = "Prompt", severity_threshold = "Low" },
    { name = "Hate", source = "Completion", severity_threshold = "Low", blocking = false },
    { name = "Jailbreak", source = "Prompt" },
    { name = "Protected Material Code", source = "Completion", action = "ANNOTATING" },
  ]
  tags = { team = "safety" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", name)+"/raiPolicies/strict")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("type"), knownvalue.StringExact("UserManaged")),
					// The service's mode when none is given is not drift.
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("mode"), knownvalue.StringExact("Default")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("content_filters").AtSliceIndex(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("Hate"), "source": knownvalue.StringExact("Completion"), "enabled": knownvalue.Bool(true),
						"blocking": knownvalue.Bool(false), "severity_threshold": knownvalue.StringExact("Low"), "action": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("content_filters").AtSliceIndex(3).AtMapKey("action"), knownvalue.StringExact("ANNOTATING")),
				},
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

func TestRAIPolicyResource_update(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)}}
	base := env.ProviderBlock("") + configAccount(name) + configBlocklist("words")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            base + configPolicy("p", `content_filters = [{ name = "Violence", source = "Prompt", severity_threshold = "High" }]`),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resourceName, tfjsonpath.New("id"))},
			},
			{
				// Everything but the name and account changes in place: base policy, mode, filters, blocklists, egress.
				Config: base + strings.Replace(configPolicy("p", `
  mode = "Asynchronous_filter"
  content_filters = [
    { name = "Violence", source = "Prompt", severity_threshold = "Medium" },
    { name = "Indirect Attack", source = "Prompt" },
  ]
  custom_blocklists = [{ blocklist_name = foundry_rai_blocklist.words.name, source = "Prompt" }]
  safety_providers  = [{ safety_provider_name = "contoso-guard", source = "Completion", blocking = false }]
  egress_policy = {
    rules = [
      { name = "openai", match = { host = "*.openai.com" }, action = { action_type = "Transform",
        headers = [{ operation = "Set", name = "Authorization", value = "Bearer s3cret-token" }] } },
      { name = "bing", match = { host = "api.bing.microsoft.com", path = "/v7.0/*" }, action = { action_type = "Allow" } },
    ]
  }`), "Microsoft.DefaultV2", "Microsoft.Default", 1),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(resourceName, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("base_policy_name"), knownvalue.StringExact("Microsoft.Default")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("mode"), knownvalue.StringExact("Asynchronous_filter")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("content_filters"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("custom_blocklists").AtSliceIndex(0).AtMapKey("blocking"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("egress_policy").AtMapKey("default_action"), knownvalue.StringExact("Deny")),
					// The header value is never returned; state keeps the configured one.
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("egress_policy").AtMapKey("rules").AtSliceIndex(0).AtMapKey("action").
						AtMapKey("headers").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("Bearer s3cret-token")),
				},
				Check: func(s *terraform.State) error {
					doc, ok := env.Server.RAIPolicyDocument(s.RootModule().Resources[resourceName].Primary.ID)
					if !ok || !strings.Contains(fmt.Sprint(doc), "Bearer s3cret-token") {
						return fmt.Errorf("the emulator did not receive the header value: %v", doc)
					}
					return nil
				},
			},
			{
				// Removing what was added goes back to the first policy, in place.
				Config:            base + configPolicy("p", `content_filters = [{ name = "Violence", source = "Prompt", severity_threshold = "High" }]`),
				ConfigPlanChecks:  update,
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(resourceName, tfjsonpath.New("id")), statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("egress_policy"), knownvalue.Null())},
			},
		},
	})
}

func TestRAIPolicyResource_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	cfg := env.ProviderBlock("") + configAccount(name) + configPolicy("gone", "")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					return env.Server.DeleteOutOfBand(env.AccountID("rg-foundry", name)+"/raiPolicies/gone", false)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)}},
			},
		},
	})
}

func TestRAIPolicyResource_requiresReplace(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             policyGone(env, name, "first"),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configAccount(name) + configPolicy("first", "")},
			{
				Config: env.ProviderBlock("") + configAccount(name) + configPolicy("second", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
		},
	})
}

// What the plan refuses without asking Azure.
func TestRAIPolicyResource_validation(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	for _, tc := range []struct{ body, err string }{
		{`content_filters = [{ name = "Jailbreak", source = "Completion" }]`, `Source not supported by this filter(?s:.*)Jailbreak applies to the\s+source Prompt only`},
		{`content_filters = [{ name = "Jailbreak", source = "Prompt", severity_threshold = "Low" }]`, `Severity threshold not supported by this filter`},
		{`content_filters = [{ name = "Hate", source = "Prompt" }]`, `Missing severity threshold`},
		{`content_filters = [{ name = "hate", source = "Prompt", severity_threshold = "Low" }]`, `Content filter name spelled differently`},
		{`content_filters = [{ name = "Hate", source = "Prompt", severity_threshold = "Low" }, { name = "Hate", source = "Prompt", severity_threshold = "High" }]`,
			`Duplicate content filter`},
		{`content_filters = [{ name = "Hate", source = "Input", severity_threshold = "Low" }]`, `value must be one of`},
		{`content_filters = [{ name = "Hate", source = "Prompt", severity_threshold = "Severe" }]`, `value must be one of`},
		{`content_filters = [{ name = "Hate", source = "Prompt", severity_threshold = "Low", action = "Blocking" }]`, `value must be one of`},
		{`mode = "Strict"`, `value must be one of`},
		{`custom_blocklists = [{ blocklist_name = "a", source = "Prompt" }, { blocklist_name = "A", source = "Prompt" }]`, `Duplicate blocklist`},
		{`egress_policy = { rules = [{ name = "r", action = { action_type = "Deny", headers = [{ operation = "Remove", name = "X" }] } }] }`,
			`Deny takes neither headers nor rewrite`},
		{`egress_policy = { rules = [{ name = "r", action = { action_type = "Transform", headers = [{ operation = "Set", name = "X" }] } }] }`,
			`Set needs exactly one of value and value_ref`},
		{`egress_policy = { rules = [{ name = "r", action = { action_type = "Rewrite", rewrite = {} } }] }`, `at least one of scheme, host and path`},
		{`egress_policy = { rules = [{ name = "r", action = { action_type = "Allow" } }, { name = "R", action = { action_type = "Deny" } }] }`,
			`Duplicate egress rule`},
	} {
		t.Run(tc.err, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config: env.ProviderBlock("") + configAccount(name) + configPolicy("p", tc.body), PlanOnly: true,
					ExpectError: regexp.MustCompile(tc.err),
				}},
			})
		})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:   env.ProviderBlock("") + configAccount(name) + strings.Replace(configPolicy("Microsoft.DefaultV2", ""), `name             = "Microsoft.DefaultV2"`, `name = "microsoft.defaultv2"`, 1),
			PlanOnly: true, ExpectError: regexp.MustCompile(`Built-in policy name`),
		}},
	})
}

// What the plan refuses once the account exists: a base policy, blocklist or content filter the account (or its
// region) does not have. Names the same plan creates are fine.
func TestRAIPolicyResource_planChecks(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	account := env.ProviderBlock("") + configAccount(name)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: account},
			{
				Config:      account + strings.Replace(configPolicy("p", ""), `"Microsoft.DefaultV2"`, `"Contoso.Base"`, 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)RAI policy not found.*no RAI policy named "Contoso.Base".*Valid\s+names: Microsoft.Default,\s+Microsoft.DefaultV2`),
			},
			{
				Config:      account + configPolicy("p", `custom_blocklists = [{ blocklist_name = "missing", source = "Prompt" }]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)RAI blocklist not found.*reference it\s+\(foundry_rai_blocklist.<label>.name\)`),
			},
			{
				Config:      account + configPolicy("p", `content_filters = [{ name = "Spam", source = "Prompt" }]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unknown content filter.*"Spam" is not a content filter of eastus`),
			},
			{
				// A blocklist and a base policy created by the same plan are known to it.
				Config: account + configBlocklist("words") + configPolicy("base", "") + strings.Replace(configPolicy("p", `
  custom_blocklists = [{ blocklist_name = foundry_rai_blocklist.words.name, source = "Completion" }]`), `"Microsoft.DefaultV2"`, `foundry_rai_policy.base.name`, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("base_policy_name"), knownvalue.StringExact("base")),
				},
			},
			{
				// A second resource for a policy that exists would take it over: import it instead.
				Config: account + configBlocklist("words") + configPolicy("base", "") + strings.Replace(configPolicy("p", `
  custom_blocklists = [{ blocklist_name = foundry_rai_blocklist.words.name, source = "Completion" }]`), `"Microsoft.DefaultV2"`, `foundry_rai_policy.base.name`, 1) +
					strings.Replace(configPolicy("P", ""), `"test"`, `"dup"`, 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)RAI policy already exists.*Import it`),
			},
		},
	})
}

func TestRAIPolicyResource_importInvalidID(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:        env.ProviderBlock("") + configAccount(name) + configPolicy("p", ""),
			ResourceName:  resourceName,
			ImportState:   true,
			ImportStateId: env.AccountID("rg-foundry", name) + "/deployments/p",
			ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*accounts/\{account\}/raiPolicies/\{policy\}`),
		}, {
			Config:        env.ProviderBlock("") + configAccount(name) + configPolicy("p", ""),
			ResourceName:  resourceName,
			ImportState:   true,
			ImportStateId: env.AccountID("rg-foundry", name) + "/raiPolicies/Microsoft.DefaultV2",
			ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*built-in policy`),
		}},
	})
}

// policyGone checks that the policy is deleted once the test destroys it.
func policyGone(env *acctest.Env, account, policy string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if env.Server.HasRAIPolicy(env.AccountID("rg-foundry", account), policy) {
			return fmt.Errorf("RAI policy %s still exists", policy)
		}
		return nil
	}
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

// configPolicy is foundry_rai_policy.test on Microsoft.DefaultV2; body adds arguments.
func configPolicy(name, body string) string {
	label := "test"
	if name == "base" {
		label = "base"
	}
	return fmt.Sprintf(`
resource "foundry_rai_policy" %[3]q {
  account_id       = foundry_account.test.id
  name             = %[1]q
  base_policy_name = "Microsoft.DefaultV2"
  %[2]s
}
`, name, body, label)
}

func configBlocklist(name string) string {
	return fmt.Sprintf(`
resource "foundry_rai_blocklist" %[1]q {
  account_id = foundry_account.test.id
  name       = %[1]q
  items      = { one = "forbidden" }
}
`, name)
}
