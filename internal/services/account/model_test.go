package account

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/identity"
)

func setOf(vals ...string) types.Set {
	elems := make([]attr.Value, 0, len(vals))
	for _, v := range vals {
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

func TestExpandAccount(t *testing.T) {
	ctx := context.Background()
	m := accountAttributes{
		Name:                            types.StringValue("acc"),
		ResourceGroupName:               types.StringValue("rg"),
		Location:                        framework.NewLocationValue("West Europe"),
		SKUName:                         types.StringValue("S0"),
		CustomSubdomainName:             types.StringValue("acc"),
		ProjectManagementEnabled:        types.BoolValue(true),
		PublicNetworkAccess:             types.StringValue("Disabled"),
		LocalAuthEnabled:                types.BoolValue(false),
		OutboundNetworkAccessRestricted: types.BoolValue(true),
		AllowedFQDNs:                    setOf("api.contoso.com"),
		Identity: &identity.Model{
			Type:        types.StringValue("SystemAssigned, UserAssigned"),
			IdentityIDs: setOf("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"),
		},
		NetworkACLs: &networkACLsModel{
			DefaultAction: types.StringValue("Deny"),
			Bypass:        types.StringUnknown(),
			IPRules:       setOf("203.0.113.7"),
		},
		Tags: types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringValue("dev")}),
	}
	body, diags := expandAccount(ctx, m)
	if diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
	p := body.Properties
	switch {
	case framework.Deref(body.Kind) != "AIServices":
		t.Errorf("kind = %q", framework.Deref(body.Kind))
	case framework.Deref(body.Location) != "westeurope":
		t.Errorf("location = %q, want the normalised region name", framework.Deref(body.Location))
	case framework.Deref(p.DisableLocalAuth) != true:
		t.Error("local_auth_enabled = false must send disableLocalAuth = true")
	case framework.Deref(p.PublicNetworkAccess) != "Disabled":
		t.Errorf("publicNetworkAccess = %q", framework.Deref(p.PublicNetworkAccess))
	case p.NetworkACLs == nil || p.NetworkACLs.Bypass != nil:
		t.Errorf("an unknown bypass must not be sent: %+v", p.NetworkACLs)
	case len(p.NetworkACLs.IPRules) != 1 || framework.Deref(p.NetworkACLs.IPRules[0].Value) != "203.0.113.7":
		t.Errorf("ip rules = %+v", p.NetworkACLs.IPRules)
	case len(body.Identity.UserAssignedIdentities) != 1:
		t.Errorf("user-assigned identities = %+v", body.Identity.UserAssignedIdentities)
	case body.Tags["env"] != "dev":
		t.Errorf("tags = %v", body.Tags)
	case p.Restore != nil:
		t.Error("restore must only be sent when recovering")
	}
}

func TestFlattenAccount(t *testing.T) {
	ctx := context.Background()
	id := client.NewAccountID("sub", "rg", "acc")
	uaID := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ID1"
	api := client.Account{
		Location: framework.Ptr("westeurope"),
		SKU:      &client.SKU{Name: framework.Ptr("S0")},
		Identity: &client.Identity{
			Type:                   framework.Ptr(client.IdentityType("SystemAssigned, UserAssigned")),
			PrincipalID:            framework.Ptr("p"),
			TenantID:               framework.Ptr("t"),
			UserAssignedIdentities: map[string]*client.UserAssignedIdentity{uaID: {}},
		},
		Properties: &client.AccountProperties{
			CustomSubDomainName: framework.Ptr("acc"),
			Endpoints:           map[string]string{"AI Foundry API": "https://acc.services.ai.azure.com/"},
			AllowedFqdnList:     []string{},
			NetworkACLs: &client.NetworkRuleSet{
				DefaultAction: framework.Ptr(client.NetworkRuleAction("Deny")),
				IPRules:       []client.IPRule{},
			},
		},
	}
	// The user wrote the identity ID in another case, and had no allowed_fqdns or ip_rules: neither may show as drift.
	m := accountAttributes{
		AllowedFQDNs: types.SetNull(types.StringType),
		Tags:         types.MapNull(types.StringType),
		Identity: &identity.Model{IdentityIDs: setOf(
			"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1")},
		NetworkACLs: &networkACLsModel{IPRules: types.SetNull(types.StringType)},
	}
	if diags := flattenAccount(ctx, id, api, &m); diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
	switch {
	case m.ID.ValueString() != id.String():
		t.Errorf("id = %s", m.ID)
	case !m.LocalAuthEnabled.ValueBool():
		t.Error("absent disableLocalAuth means local auth is enabled")
	case m.PublicNetworkAccess.ValueString() != "Enabled":
		t.Errorf("absent publicNetworkAccess must read as the service default Enabled, got %s", m.PublicNetworkAccess)
	case !m.AllowedFQDNs.IsNull():
		t.Errorf("an empty list must stay null when the configuration had none: %s", m.AllowedFQDNs)
	case !m.NetworkACLs.IPRules.IsNull():
		t.Errorf("empty ip_rules must stay null: %s", m.NetworkACLs.IPRules)
	case !m.Tags.IsNull():
		t.Errorf("absent tags must stay null: %s", m.Tags)
	case len(m.Identity.IdentityIDs.Elements()) != 1 || !setHas(m.Identity.IdentityIDs, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"):
		t.Errorf("identity IDs must keep the configured spelling: %s", m.Identity.IdentityIDs)
	case m.DefaultProject.ValueString() != "" || !m.DefaultProject.IsNull():
		t.Errorf("default_project = %s, want null before any project exists", m.DefaultProject)
	}
}

func TestFlattenAccountNoIdentity(t *testing.T) {
	m := accountAttributes{Identity: &identity.Model{}}
	api := client.Account{Identity: &client.Identity{Type: framework.Ptr(client.IdentityType("None"))}}
	if diags := flattenAccount(context.Background(), client.NewAccountID("s", "r", "n"), api, &m); diags.HasError() {
		t.Fatal(diags)
	}
	if m.Identity != nil {
		t.Errorf("identity type None must flatten to no identity block, got %+v", m.Identity)
	}
}

func setHas(s types.Set, want string) bool {
	for _, e := range s.Elements() {
		if e.(types.String).ValueString() == want {
			return true
		}
	}
	return false
}
