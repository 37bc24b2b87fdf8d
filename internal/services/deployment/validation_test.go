package deployment_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Inputs the provider can judge without Azure are refused at plan time, on the attribute.
func TestDeploymentResource_badInputs(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	account := env.AccountID("rg-foundry", "some-account")
	cases := map[string]struct {
		config string
		want   *regexp.Regexp
	}{
		"name": {
			config: literal(account, "b@d", "GlobalStandard", 0),
			want:   wants("Invalid name", `"b@d" is not allowed: letters, digits, underscores, periods and hyphens`),
		},
		"name too long": {
			config: literal(account, fmt.Sprintf("%065d", 0), "GlobalStandard", 0),
			want:   wants("is 65", "characters long; it must be 2 to 64"),
		},
		"unknown sku": {
			config: literal(account, "chat", "Premium", 0),
			want:   wants("Invalid sku.name", `"Premium" is not a deployment type.`, "account's pricing tier (S0) belongs on foundry_account."),
		},
		"sku in the wrong case": {
			config: literal(account, "chat", "globalstandard", 0),
			want:   wants(`Did you mean "GlobalStandard"? Names are case-sensitive here.`),
		},
		"malformed account_id": {
			config: literal("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a", "chat", "GlobalStandard", 0),
			want:   wants("is not the ARM ID of a Microsoft.CognitiveServices/accounts"),
		},
		"capacity 0": {
			config: literal(account, "chat", "GlobalStandard", -1),
			want:   wants("Attribute sku.capacity value must be at least 1, got: 0"),
		},
		"upgrade option": {
			config: literal(account, "chat", "GlobalStandard", 0) + "\n# upgrade",
			want:   wants("Attribute version_upgrade_option value must be one of"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := tc.config
			if name == "upgrade option" {
				cfg = literalWith(account, `version_upgrade_option = "Sometimes"`)
			}
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps:                    []resource.TestStep{{Config: env.ProviderBlock("") + cfg, PlanOnly: true, ExpectError: tc.want}},
			})
		})
	}
}

// What only the account's catalog and the subscription's quota know is checked at plan time once the account exists.
func TestDeploymentResource_catalogAtPlan(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	account := env.ProviderBlock("") + configAccount(name, "eastus")
	planFails := func(cfg string, want *regexp.Regexp) resource.TestStep {
		return resource.TestStep{Config: account + cfg, PlanOnly: true, ExpectError: want}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: account},
			planFails(configDeployment("gpt-9", "", "GlobalStandard", 0, ""),
				wants("Model not offered", `Model "gpt-9" (format OpenAI) is not offered to account "`+name+`" in eastus.`, "Offered OpenAI models: ada,", "gpt-4.1, gpt-4.1-mini,", "gpt-4o, gpt-4o-mini, model-router, o3-mini,")),
			planFails(configModel("test", "chat", "Contoso", "x", "", "GlobalStandard", 0, ""),
				wants("Model format not offered", `offers no models of format "Contoso".`, "Offered formats: DeepSeek, Meta, Microsoft, Mistral AI, OpenAI.")),
			planFails(configDeployment("gpt-4o", "2023-01-01", "GlobalStandard", 0, ""),
				wants("Model version not offered", "gpt-4o version 2023-01-01 is not offered", "Offered versions: 2024-05-13, 2024-08-06, 2024-11-20 (default).")),
			planFails(configDeployment("gpt-4.1", "", "Standard", 0, ""),
				wants("SKU not offered for this model", "gpt-4.1 version 2025-04-14 is not offered with SKU Standard in eastus. Offered SKUs for this version: DataZoneStandard, GlobalProvisionedManaged, GlobalStandard.")),
			planFails(configDeployment("gpt-4o", "", "GlobalStandard", 20000, ""),
				wants("Capacity out of range", "Capacity 20000 is not allowed for gpt-4o version 2024-11-20 with SKU GlobalStandard: it must be at least 1, at most 10000, in steps of 1")),
			planFails(configDeployment("gpt-4.1", "", "GlobalProvisionedManaged", 17, ""),
				wants("Capacity 17 is not allowed", "it must be at least 15, at most 10000, in steps of 5 (15, 20, ...).")),
			// PTU quota is 0 by default: the catalog's default capacity (15) already exceeds it.
			planFails(configDeployment("gpt-4.1", "", "GlobalProvisionedManaged", 0, ""),
				wants("Not enough quota", "Capacity 15 needs quota OpenAI.GlobalProvisionedManaged.gpt-4.1", "in eastus, which has 0 free: the limit is 0 and 0 is in use.")),
		},
	})
}

func TestDeploymentResource_quotaAtPlan(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	env.Server.SetQuota(env.SubscriptionID, "eastus", "OpenAI.GlobalStandard.gpt-4o-mini", 25)
	account := env.ProviderBlock("") + configAccount(name, "eastus")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: account},
			{
				Config:      account + configDeployment("gpt-4o-mini", "", "GlobalStandard", 30, ""),
				PlanOnly:    true,
				ExpectError: wants("Not enough quota", "Capacity 30 needs quota OpenAI.GlobalStandard.gpt-4o-mini", "in eastus, which has 25 free: the limit is 25 and 0 is in use."),
			},
			{Config: account + configDeployment("gpt-4o-mini", "", "GlobalStandard", 20, "")},
			{
				// On update the deployment's own capacity counts as free: 20 → 25 fits a limit of 25.
				Config: account + configDeployment("gpt-4o-mini", "", "GlobalStandard", 25, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("sku").AtMapKey("capacity"), knownvalue.Int64Exact(25)),
				},
			},
			{
				Config:      account + configDeployment("gpt-4o-mini", "", "GlobalStandard", 26, ""),
				PlanOnly:    true,
				ExpectError: wants("Capacity 26 needs quota", "which has 25 free: the limit is 25 and 25 is in use, 25 of them by this deployment."),
			},
		},
	})
}

// wants matches the parts in order, each literally except that spaces match any run of white space (Terraform
// wraps long messages).
func wants(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

// literal is a deployment on an account given by ID; capacity -1 writes capacity = 0.
func literal(accountID, name, sku string, capacity int) string {
	c := ""
	if capacity < 0 {
		c = "capacity = 0"
	}
	return fmt.Sprintf(`
resource "foundry_deployment" "test" {
  account_id = %[1]q
  name       = %[2]q
  model      = { format = "OpenAI", name = "gpt-4o" }
  sku = {
    name = %[3]q
    %[4]s
  }
}
`, accountID, name, sku, c)
}

func literalWith(accountID, extra string) string {
	return fmt.Sprintf(`
resource "foundry_deployment" "test" {
  account_id = %[1]q
  name       = "chat"
  model      = { format = "OpenAI", name = "gpt-4o" }
  sku        = { name = "GlobalStandard" }
  %[2]s
}
`, accountID, extra)
}
