package capabilityhost

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// The account host's own settings are sent as the spec names them (false for the public hosting environment is the
// default and not sent, so that the host network injection creates compares equal), read back, and decide whether
// an existing host can be adopted.
func TestAccountHostSettings(t *testing.T) {
	ctx := context.Background()
	m := accountHostModel{
		connectionsModel: connectionsModel{VectorStoreConnections: types.ListNull(types.StringType), StorageConnections: types.ListNull(types.StringType),
			ThreadStorageConnections: types.ListNull(types.StringType), AIServicesConnections: types.ListNull(types.StringType)},
		accountHostSettings: accountHostSettings{
			Description:                     types.StringValue("support agents"),
			Tags:                            types.MapValueMust(types.StringType, map[string]attr.Value{"team": types.StringValue("support")}),
			PublicHostingEnvironmentEnabled: types.BoolValue(false),
		},
		Kind: types.StringValue("Agents"), CustomerSubnetID: types.StringNull(),
	}
	body, diags := expandAccountHost(ctx, m)
	if diags.HasError() {
		t.Fatal(diags)
	}
	p := body.Properties
	if framework.Deref(p.Description) != "support agents" || p.Tags["team"] != "support" || p.EnablePublicHostingEnvironment != nil {
		t.Errorf("body = %+v", p)
	}
	existing := client.CapabilityHost{Properties: &client.CapabilityHostProperties{CapabilityHostKind: framework.Ptr("Agents"),
		Description: framework.Ptr("support agents"), Tags: map[string]string{"team": "support"}, EnablePublicHostingEnvironment: framework.Ptr(false)}}
	if !sameAccountHost(body, existing) {
		t.Error("a host with the same settings (public hosting explicitly off) must be adoptable")
	}
	existing.Properties.Tags = map[string]string{"team": "sales"}
	if sameAccountHost(body, existing) {
		t.Error("a host with other tags must not be adopted")
	}

	m.PublicHostingEnvironmentEnabled = types.BoolValue(true)
	body, _ = expandAccountHost(ctx, m)
	if !framework.Deref(body.Properties.EnablePublicHostingEnvironment) {
		t.Error("public hosting on must be sent")
	}
	var got accountHostModel
	got.Tags = types.MapNull(types.StringType)
	flattenAccountHost(client.NewAccountCapabilityHostID(client.NewAccountID("s", "rg", "a"), "agents"), client.CapabilityHost{Properties: &client.CapabilityHostProperties{}}, &got)
	if !got.Description.IsNull() || !got.Tags.IsNull() || got.PublicHostingEnvironmentEnabled.ValueBool() {
		t.Errorf("a host without settings: %+v", got.accountHostSettings)
	}
}
