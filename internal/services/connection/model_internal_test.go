package connection

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// nullModel is a model with every block null.
func nullModel() connectionModel {
	var m connectionModel
	for _, b := range credentialsBlocks {
		*m.block(b.name) = types.ObjectNull(b.attrTypes())
	}
	m.Metadata = types.MapNull(types.StringType)
	m.SharedUserList = types.SetNull(types.StringType)
	return m
}

func object(t *testing.T, name string, set map[string]attr.Value) types.Object {
	t.Helper()
	for _, b := range credentialsBlocks {
		if b.name != name {
			continue
		}
		vals := map[string]attr.Value{}
		for n, typ := range b.attrTypes() {
			if mt, ok := typ.(types.MapType); ok {
				vals[n] = types.MapNull(mt.ElemType)
			} else {
				vals[n] = types.StringNull()
			}
		}
		for k, v := range set {
			vals[k] = v
		}
		return types.ObjectValueMust(b.attrTypes(), vals)
	}
	t.Fatalf("no block %s", name)
	return types.Object{}
}

// The write-only value from the configuration wins over (and stands in for) the plan, where it is always null.
func TestExpandConnection_secrets(t *testing.T) {
	plan, config := nullModel(), nullModel()
	plan.Category, plan.Target = types.StringValue("GenericRest"), types.StringValue("https://t")
	plan.OAuth2 = object(t, "oauth2", map[string]attr.Value{"client_id": types.StringValue("c"), "password": types.StringValue("fallback-pw")})
	config.OAuth2 = object(t, "oauth2", map[string]attr.Value{"client_id": types.StringValue("c"), "client_secret_wo": types.StringValue("wo-secret"),
		"password": types.StringValue("fallback-pw")})
	got, diags := expandConnection(context.Background(), plan, config)
	if diags.HasError() {
		t.Fatal(diags)
	}
	c, ok := got.Properties.Credentials.(*client.ConnectionOAuth2Credentials)
	if !ok || got.Properties.AuthType != client.ConnectionAuthTypeOAuth2 || *c.ClientID != "c" || *c.ClientSecret != "wo-secret" ||
		*c.Password != "fallback-pw" || c.RefreshToken != nil || c.AuthURL != nil {
		t.Errorf("expanded %+v / %+v", got.Properties, c)
	}
}

// Reads keep the sensitive fallback from state, null the write-only values, keep non-secret values the service
// leaves out, and move the block when the service reports another auth type.
func TestFlattenConnection(t *testing.T) {
	id := client.NewAccountConnectionID(client.NewAccountID("s", "rg", "a"), "c1")
	m := nullModel()
	m.ServicePrincipal = object(t, "service_principal", map[string]attr.Value{
		"client_id": types.StringValue("c"), "tenant_id": types.StringValue("t"), "client_secret": types.StringValue("kept"),
	})
	m.ExpiryTime = types.StringValue("2027-01-31T01:00:00+01:00")
	got := client.Connection{Properties: &client.ConnectionProperties{AuthType: client.ConnectionAuthTypeServicePrincipal,
		Category: ptr("GenericRest"), Target: ptr("https://t"), ExpiryTime: ptr("2027-01-31T00:00:00Z"), Metadata: map[string]string{}}}
	if d := flattenConnection(id, got, &m); d.HasError() {
		t.Fatal(d)
	}
	sp := m.ServicePrincipal.Attributes()
	if sp["client_secret"].(types.String).ValueString() != "kept" || !sp["client_secret_wo"].IsNull() || sp["client_id"].(types.String).ValueString() != "c" {
		t.Errorf("service_principal = %v", sp)
	}
	if m.ExpiryTime.ValueString() != "2027-01-31T01:00:00+01:00" || !m.Metadata.IsNull() || m.AuthType.ValueString() != "ServicePrincipal" || m.ID.ValueString() != id.String() {
		t.Errorf("flattened %+v", m)
	}
	got.Properties.AuthType = client.ConnectionAuthTypeAAD
	if d := flattenConnection(id, got, &m); d.HasError() {
		t.Fatal(d)
	}
	if !m.ServicePrincipal.IsNull() || m.AAD.IsNull() {
		t.Errorf("after a change to AAD: service_principal %v, aad %v", m.ServicePrincipal, m.AAD)
	}
}

func ptr[T any](v T) *T { return &v }
