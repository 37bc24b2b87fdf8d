package account_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// noAccounts is a configuration in which the account no longer exists, so the step destroys it.
const noAccounts = "\n"

// Default settings: re-creating a soft-deleted name is a plan-time error that names both ways out.
func TestAccountResource_softDeletedNameBlocksCreate(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock("") + configBasic(name)},
			{Config: env.ProviderBlock("") + noAccounts},
			{
				Config:      env.ProviderBlock("") + configBasic(name),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Name held by a soft-deleted account.*recover_soft_deleted = true.*az cognitiveservices account\s+purge`),
			},
		},
	})
}

// recover_soft_deleted = true: the same configuration brings the soft-deleted account back.
func TestAccountResource_softDeletedRecovered(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	recoverFeature := "features {\n account {\n recover_soft_deleted = true\n }\n }"
	sameEndpoint := statecheck.CompareValue(compare.ValuesSame())
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:            env.ProviderBlock("") + configBasic(name),
				ConfigStateChecks: []statecheck.StateCheck{sameEndpoint.AddStateValue(resourceName, tfjsonpath.New("identity").AtMapKey("principal_id"))},
			},
			{Config: env.ProviderBlock("") + noAccounts},
			{
				Config: env.ProviderBlock(recoverFeature) + configBasic(name),
				ConfigStateChecks: []statecheck.StateCheck{
					// The recovered account keeps its system-assigned identity: it is the same account, not a new one.
					sameEndpoint.AddStateValue(resourceName, tfjsonpath.New("identity").AtMapKey("principal_id")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(env.AccountID("rg-foundry", name))),
				},
			},
		},
	})
}

// purge_soft_delete_on_destroy = true: destroy purges, so nothing is left holding the name.
func TestAccountResource_purgeOnDestroy(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	purge := "features {\n account {\n purge_soft_delete_on_destroy = true\n }\n }"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: env.ProviderBlock(purge) + configBasic(name)},
			{
				Config: env.ProviderBlock(purge) + noAccounts,
				Check: func(*terraform.State) error {
					return acctest.CheckNoDeletedAccount(env, "eastus", "rg-foundry", name)
				},
			},
			// The name is free again at once: a plain create succeeds without recovery.
			{Config: env.ProviderBlock(purge) + configBasic(name)},
		},
	})
}
