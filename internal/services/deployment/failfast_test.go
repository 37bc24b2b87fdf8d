package deployment_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Issue 13: a model the new account cannot deploy used to be found only during apply, after the account was created;
// terraform destroy then failed on the same check and left the account behind. The catalog of the account's location
// now stands in for the new account's at plan, so nothing is created, and the test's destroy has nothing to refuse.
// The summary names the nested attribute: Terraform 1.8 points at the resource, not at model.name.
func TestDeploymentResource_modelNotOfferedToNewAccount(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy: func(*terraform.State) error {
			if n := env.CountRequests("PUT", 0, "/accounts/"+name); n != 0 {
				return fmt.Errorf("the account was written %d times; a plan-time check must stop the apply before any write", n)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config:      env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-nonexistent", "", "GlobalStandard", 10, ""),
			ExpectError: regexp.MustCompile(`(?s)Model not offered \(model\.name\).*"gpt-nonexistent".*in eastus`),
		}},
	})
}

// Issue 13: errors inside nested attribute objects name their full path in the summary.
func TestDeploymentResource_nestedAttributeInSummary(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      env.ProviderBlock("") + configAccount(name, "eastus") + configDeployment("gpt-4o", "", "GlobalStandard", 20000, ""),
			ExpectError: regexp.MustCompile(`Capacity out of range \(sku\.capacity\)`),
		}},
	})
}
