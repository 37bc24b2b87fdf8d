package account_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Issue 13: with a wrong client secret, an unknown tenant or client, or a token for the wrong audience, the plan of a
// new stack exited 0 (the credential error was downgraded to the warning "Could not check for soft-deleted
// accounts") and only apply failed. A plan that cannot authenticate now fails, naming the setting to fix.
func TestAccountResource_planFailsWithoutCredentials(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	secret, tenant, client := *env, *env, *env
	secret.ClientSecret = "wrong-secret"
	tenant.TenantID = "99999999-0000-0000-0000-000000000000"
	client.ClientID = "99999999-0000-0000-0000-000000000001"
	cases := []struct {
		block string
		want  string
	}{
		{secret.ProviderBlock(""), `client_secret\s+\(ARM_CLIENT_SECRET\)`},
		{tenant.ProviderBlock(""), `tenant_id\s+\(ARM_TENANT_ID\)`},
		{client.ProviderBlock(""), `client_id\s+\(ARM_CLIENT_ID\)`},
		{env.ProviderBlockWithAudience("https://storage.azure.com/", ""), `InvalidAuthenticationTokenAudience.*resource_manager_audience`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      c.block + configBasic(name),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+authenticate\s+to\s+Azure.*` + c.want),
		})
	}
	resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: env.Factories(), Steps: steps})
}

// Issue 13: a location where the subscription is not offered Foundry accounts, and a resource group with a typo,
// are refused at plan, before any write.
func TestAccountResource_locationAndResourceGroupAtPlan(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      env.ProviderBlock("") + strings.Replace(configBasic(name), `"East US"`, `"mars"`, 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Location not offered.*not\s+offered\s+in\s+"mars".*eastus`),
			},
			{
				Config:      env.ProviderBlock("") + strings.Replace(configBasic(name), `"rg-foundry"`, `"rg-foundyr"`, 1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Resource group not found.*Did\s+you\s+mean\s+"rg-foundry"\?`),
			},
		},
	})
}

// Issue 13: ARM's tag limits are checked at plan: 51 tags, a 513-character name, a reserved prefix.
func TestAccountResource_tagLimitsAtPlan(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	withTags := func(tags string) string {
		return env.ProviderBlock("") + strings.Replace(configBasic(name), "identity = {", "tags = {\n"+tags+"\n  }\n\n  identity = {", 1)
	}
	var many strings.Builder
	for i := range 51 {
		fmt.Fprintf(&many, "    t%d = \"v\"\n", i)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: withTags(many.String()), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Too many tags.*51\s+tags;\s+Azure\s+allows\s+at\s+most\s+50`)},
			{Config: withTags(`    "` + strings.Repeat("k", 513) + `" = "v"`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Tag name too long.*513\s+characters`)},
			{Config: withTags(`    "microsoft-owner" = "v"`), PlanOnly: true, ExpectError: regexp.MustCompile(`Reserved tag name`)},
		},
	})
}
