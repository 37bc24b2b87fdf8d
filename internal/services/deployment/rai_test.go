package deployment_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// A deployment naming a RAI policy the account does not have is refused at plan, with the names it has; built-in
// policies and policies the same plan creates are accepted.
func TestDeploymentResource_raiPolicyCheckedAtPlan(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	account := env.ProviderBlock("") + configAccount(name, "eastus")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: account + configPolicy("other")},
			{
				Config:   account + configPolicy("other") + configDeployment("gpt-4o", "", "GlobalStandard", 0, `rai_policy_name = "strict"`),
				PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)RAI policy not found.*no RAI policy named "strict". Valid\s+names:\s+Microsoft.Default,\s+` +
					`Microsoft.DefaultV2,\s+other.*reference it\s+\(foundry_rai_policy.<label>.name\)`),
			},
			{
				Config: account + configPolicy("other") + configDeployment("gpt-4o", "", "GlobalStandard", 0, `rai_policy_name = "microsoft.default"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("rai_policy_name"), knownvalue.StringExact("microsoft.default")),
				},
			},
			{
				// A policy created by the same plan, referenced: Terraform creates it first.
				Config: account + configPolicy("other") + configPolicy("strict") +
					configDeployment("gpt-4o", "", "GlobalStandard", 0, `rai_policy_name = foundry_rai_policy.strict.name`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("rai_policy_name"), knownvalue.StringExact("strict")),
				},
			},
		},
	})
}

// Destroying deployments with the policy they reference deletes the deployments first: the policy's delete is the
// last write and the service never refuses it.
func TestDeploymentResource_raiPolicyDestroyOrder(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	account := env.ProviderBlock("") + configAccount(name, "eastus")
	policyPath := "/accounts/" + name + "/raiPolicies/strict"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config: account + configPolicy("strict") +
					configModel("test", "chat", "OpenAI", "gpt-4o", "", "GlobalStandard", 0, `rai_policy_name = foundry_rai_policy.strict.name`) +
					configModel("second", "mini", "OpenAI", "gpt-4o-mini", "", "GlobalStandard", 0, `rai_policy_name = foundry_rai_policy.strict.name`),
				Check: func(*terraform.State) error { env.Server.ResetRequests(); return nil },
			},
			{
				// The account stays; the policy and both deployments go.
				Config: account,
				Check: func(*terraform.State) error {
					var order []string
					for _, r := range env.Server.Requests() {
						if r.Method == http.MethodDelete && (strings.Contains(r.Path, "/deployments/") || strings.HasSuffix(r.Path, policyPath)) {
							order = append(order, fmt.Sprintf("%s %d", r.Path[strings.LastIndex(r.Path, "/")+1:], r.Status))
						}
					}
					if len(order) != 3 || !strings.HasPrefix(order[2], "strict 202") {
						return fmt.Errorf("deletes %v: want both deployments, then the policy, accepted at once", order)
					}
					if env.Server.HasRAIPolicy(env.AccountID("rg-foundry", name), "strict") {
						return fmt.Errorf("the policy still exists")
					}
					return nil
				},
			},
		},
	})
}

// A configuration that types the policy's name instead of referencing it gives Terraform no order: it may delete the
// policy and the deployment at once. The policy's delete then waits until the deployment is gone.
func TestDeploymentResource_raiPolicyDestroyWithoutReference(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	account := env.ProviderBlock("") + configAccount(name, "eastus")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: account + configPolicy("strict")},
			{Config: account + configPolicy("strict") + configDeployment("gpt-4o", "", "GlobalStandard", 0, `rai_policy_name = "strict"`)},
			{
				Config: account,
				Check: func(*terraform.State) error {
					refused := 0
					for _, r := range env.Server.Requests() {
						if r.Method == http.MethodDelete && strings.HasSuffix(r.Path, "/raiPolicies/strict") && r.Status == http.StatusConflict {
							refused++
						}
					}
					t.Logf("the policy's delete was refused %d times while the deployment was in use", refused)
					if env.Server.HasRAIPolicy(env.AccountID("rg-foundry", name), "strict") {
						return fmt.Errorf("the policy still exists")
					}
					return nil
				},
			},
		},
	})
}

func configPolicy(name string) string {
	return fmt.Sprintf(`
resource "foundry_rai_policy" %[1]q {
  account_id       = foundry_account.test.id
  name             = %[1]q
  base_policy_name = "Microsoft.DefaultV2"
  content_filters  = [{ name = "Violence", source = "Prompt", severity_threshold = "Low" }]
}
`, name)
}
