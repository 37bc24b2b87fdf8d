package account_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Every bad input is refused at plan time, on the attribute, with what to do.
func TestAccountResource_badInputs(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	cases := map[string]struct {
		body string
		want string
	}{
		"name with underscore": {
			body: `name = "bad_name"` + "\n" + validRest(`custom_subdomain_name = "okname1"`, `identity = { type = "SystemAssigned" }`),
			want: `(?s)Invalid name.*"bad_name" is not allowed: letters, digits and hyphens`,
		},
		"name too short": {
			body: `name = "a"` + "\n" + validRest(`custom_subdomain_name = "okname2"`, `identity = { type = "SystemAssigned" }`),
			want: `(?s)"a" is 1 characters long; it must be 2 to 64`,
		},
		"subdomain upper case": {
			body: `name = "okname3"` + "\n" + validRest(`custom_subdomain_name = "Not_Valid"`, `identity = { type = "SystemAssigned" }`),
			want: `(?s)Invalid custom_subdomain_name.*lower-case letters, digits and hyphens`,
		},
		"project management without identity": {
			body: `name = "okname4"` + "\n" + validRest(`custom_subdomain_name = "okname4"`, ``),
			want: `(?s)Project management needs a managed identity.*identity\s+\{\s+type\s+=\s+"SystemAssigned"`,
		},
		"unknown sku": {
			body: `name = "okname5"` + "\n" + `sku_name = "P9"` + "\n" + validRest(`custom_subdomain_name = "okname5"`, `identity = { type = "SystemAssigned" }`),
			want: `(?s)sku_name.*value must be one of`,
		},
		"malformed user-assigned identity ID": {
			body: `name = "okname6"` + "\n" + validRest(`custom_subdomain_name = "okname6"`,
				`identity = { type = "UserAssigned", identity_ids = ["/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/z"] }`),
			want: `(?s)is not the ARM ID of a\s+Microsoft.ManagedIdentity/userAssignedIdentities`,
		},
		"user-assigned without IDs": {
			body: `name = "okname7"` + "\n" + validRest(`custom_subdomain_name = "okname7"`, `identity = { type = "UserAssigned" }`),
			want: `(?s)Missing user-assigned identities`,
		},
		"malformed subnet ID": {
			body: `name = "okname8"` + "\n" + validRest(`custom_subdomain_name = "okname8"`, `identity = { type = "SystemAssigned" }`) +
				"\nnetwork_acls = {\n default_action = \"Deny\"\n virtual_network_rules = [{ subnet_id = \"not-an-id\" }]\n}",
			want: `(?s)"not-an-id" is not the ARM ID of a\s+Microsoft.Network/virtualNetworks/subnets`,
		},
		"bad IP rule": {
			body: `name = "okname9"` + "\n" + validRest(`custom_subdomain_name = "okname9"`, `identity = { type = "SystemAssigned" }`) +
				"\nnetwork_acls = {\n default_action = \"Deny\"\n ip_rules = [\"300.1.1.1\"]\n}",
			want: `(?s)"300.1.1.1" is not an IPv4 address or CIDR range`,
		},
		"unknown public network access": {
			body: `name = "okname10"` + "\n" + `public_network_access = "Sometimes"` + "\n" + validRest(`custom_subdomain_name = "okname10"`, `identity = { type = "SystemAssigned" }`),
			want: `(?s)public_network_access.*value must be one of`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config:      env.ProviderBlock("") + fmt.Sprintf("resource \"foundry_account\" \"test\" {\n%s\n}\n", tc.body),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

func validRest(subdomain, identity string) string {
	return fmt.Sprintf("resource_group_name = \"rg-foundry\"\nlocation = \"eastus\"\n%s\n%s", subdomain, identity)
}

func TestAccountResource_importInvalidID(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:        env.ProviderBlock("") + configBasic("importme"),
			ResourceName:  resourceName,
			ImportState:   true,
			ImportStateId: "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.Storage/storageAccounts/x",
			ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*Expected an ARM ID of the form\s+/subscriptions/\{subscription\}/resourceGroups/\{group\}/providers/Microsoft.CognitiveServices/accounts/\{name\}`),
		}},
	})
}
