package account

import (
	"context"
	"strings"
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

// TestAccountSurface2026 covers the properties added for the whole 2026-09-01 surface (issue 17): they go out as
// the spec names them and come back unchanged, the inverted stored completions flag included.
func TestAccountSurface2026(t *testing.T) {
	ctx := context.Background()
	ws := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws"
	adx := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kusto/clusters/c/databases/d"
	m := accountAttributes{
		Location:                 framework.NewLocationValue("eastus"),
		SKUName:                  types.StringValue("S0"),
		AllowedFQDNs:             types.SetNull(types.StringType),
		Tags:                     types.MapNull(types.StringType),
		DefaultProject:           types.StringValue("p2"),
		DynamicThrottlingEnabled: types.BoolValue(true),
		StoredCompletionsEnabled: types.BoolValue(false),
		A365LoggingEnabled:       types.BoolValue(false),
		AMLWorkspace:             &identityBoundModel{ResourceID: types.StringValue(ws), IdentityClientID: types.StringNull()},
		RAIMonitorConfig: &raiMonitorConfigModel{ADXStorageResourceID: types.StringValue(adx),
			IdentityClientID: types.StringValue("00000000-0000-0000-0000-000000000001")},
		Locations: &locationsModel{RoutingMethod: types.StringValue("Weighted"), Regions: []regionModel{
			{Name: types.StringValue("eastus"), Value: types.Float64Value(0.7), CustomSubdomainName: types.StringNull()},
			{Name: types.StringValue("westus"), Value: types.Float64Value(0.3), CustomSubdomainName: types.StringValue("acc-west")},
		}},
	}
	body, diags := expandAccount(ctx, m)
	if diags.HasError() {
		t.Fatal(diags)
	}
	p := body.Properties
	switch {
	case framework.Deref(p.DefaultProject) != "p2":
		t.Errorf("defaultProject = %v", p.DefaultProject)
	case !framework.Deref(p.DynamicThrottlingEnabled) || !framework.Deref(p.StoredCompletionsDisabled) || framework.Deref(p.A365LoggingEnabled):
		t.Errorf("flags = %v %v %v", p.DynamicThrottlingEnabled, p.StoredCompletionsDisabled, p.A365LoggingEnabled)
	case framework.Deref(p.AMLWorkspace.ResourceID) != ws || p.AMLWorkspace.IdentityClientID != nil:
		t.Errorf("amlWorkspace = %+v", p.AMLWorkspace)
	case framework.Deref(p.RAIMonitorConfig.AdxStorageResourceID) != adx:
		t.Errorf("raiMonitorConfig = %+v", p.RAIMonitorConfig)
	case framework.Deref(p.Locations.RoutingMethod) != "Weighted" || len(p.Locations.Regions) != 2 || framework.Deref(p.Locations.Regions[0].Value) != 0.7:
		t.Errorf("locations = %+v", p.Locations)
	}

	// Back again, with the API spelling the workspace ID in another case and returning the projects.
	p.AMLWorkspace.ResourceID = framework.Ptr(strings.ToUpper(ws))
	p.AssociatedProjects = []string{"p2", "p1"}
	got := m
	if diags := flattenAccount(ctx, client.NewAccountID("s", "rg", "acc"), client.Account{Location: body.Location, SKU: body.SKU, Properties: p}, &got); diags.HasError() {
		t.Fatal(diags)
	}
	switch {
	case got.DefaultProject.ValueString() != "p2":
		t.Errorf("default_project = %s", got.DefaultProject)
	case !got.DynamicThrottlingEnabled.ValueBool() || got.StoredCompletionsEnabled.ValueBool() || got.A365LoggingEnabled.ValueBool():
		t.Errorf("flags = %s %s %s", got.DynamicThrottlingEnabled, got.StoredCompletionsEnabled, got.A365LoggingEnabled)
	case got.AMLWorkspace.ResourceID.ValueString() != ws:
		t.Errorf("aml_workspace.resource_id = %s, want the configured spelling", got.AMLWorkspace.ResourceID)
	case !got.AMLWorkspace.IdentityClientID.IsNull():
		t.Errorf("aml_workspace.identity_client_id = %s", got.AMLWorkspace.IdentityClientID)
	case got.Locations == nil || got.Locations.Regions[1].CustomSubdomainName.ValueString() != "acc-west" || !got.Locations.Regions[0].CustomSubdomainName.IsNull():
		t.Errorf("locations = %+v", got.Locations)
	case !setHas(got.AssociatedProjects, "p1") || !setHas(got.AssociatedProjects, "p2"):
		t.Errorf("associated_projects = %s", got.AssociatedProjects)
	}

	// An account that never set them: the service's defaults, no blocks.
	var none accountAttributes
	if diags := flattenAccount(ctx, client.NewAccountID("s", "rg", "acc"), client.Account{}, &none); diags.HasError() {
		t.Fatal(diags)
	}
	if none.DynamicThrottlingEnabled.ValueBool() || !none.StoredCompletionsEnabled.ValueBool() || !none.A365LoggingEnabled.ValueBool() ||
		none.AMLWorkspace != nil || none.RAIMonitorConfig != nil || none.Locations != nil || len(none.AssociatedProjects.Elements()) != 0 {
		t.Errorf("defaults: %+v", none)
	}
}
