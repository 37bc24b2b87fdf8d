package provider_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// objectOf is a value of the object type typ with the attributes in values (a nested map for a nested object) and
// every other attribute null.
func objectOf(typ tftypes.Type, values map[string]any) tftypes.Value {
	attrs := map[string]tftypes.Value{}
	for name, t := range typ.(tftypes.Object).AttributeTypes {
		switch v := values[name].(type) {
		case nil:
			attrs[name] = tftypes.NewValue(t, nil)
		case map[string]any:
			attrs[name] = objectOf(t, v)
		default:
			attrs[name] = tftypes.NewValue(t, v)
		}
	}
	return tftypes.NewValue(typ, attrs)
}

// configured is the provider served as the tests serve it, configured for env's emulator over the plugin protocol.
func configured(t *testing.T, env *acctest.Env) tfprotov6.ProviderServer {
	t.Helper()
	ctx := context.Background()
	s, err := env.Factories()["foundry"]()
	if err != nil {
		t.Fatal(err)
	}
	schema, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	config, err := tfprotov6.NewDynamicValue(schema.Provider.ValueType(), objectOf(schema.Provider.ValueType(), map[string]any{
		"subscription_id": env.SubscriptionID,
		"tenant_id":       env.TenantID,
		"client_id":       env.ClientID,
		"client_secret":   env.ClientSecret,
		"use_cli":         false,
		"endpoints": map[string]any{
			"resource_manager_endpoint": env.Server.URL(),
			"resource_manager_audience": acctest.ARMAudience,
			"authority_host":            env.Server.URL() + "/",
		},
	}))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &config})
	if err != nil {
		t.Fatal(err)
	}
	noErrors(t, "ConfigureProvider", resp.Diagnostics)
	return s
}

// TestReadKeepsIdentity reads over the plugin protocol, against the emulator, what Terraform 1.12 and OpenTofu 1.12
// send after an upgrade of the provider: a state without identity. The read returns the identity; once the object is
// deleted out of band, the read removes it without error, with or without a prior identity (issue 17).
func TestReadKeepsIdentity(t *testing.T) {
	ctx := context.Background()
	env := acctest.NewEnv(t)
	id := env.AccountID("rg-foundry", "tfaccidentity")
	if err := env.OutOfBand(http.MethodPut, id, map[string]any{
		"location": "eastus", "kind": "AIServices", "sku": map[string]any{"name": "S0"}, "identity": map[string]any{"type": "SystemAssigned"},
		"properties": map[string]any{"customSubDomainName": "tfaccidentity", "allowProjectManagement": true},
	}); err != nil {
		t.Fatal(err)
	}
	s := configured(t, env)
	schemas, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	idSchemas, err := s.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	const typeName = "foundry_account"
	stateType := schemas.ResourceSchemas[typeName].ValueType()
	identityType := idSchemas.IdentitySchemas[typeName].ValueType()
	wantIdentity := identityValue(identityType, map[string]string{
		"subscription_id": env.SubscriptionID, "resource_group_name": "rg-foundry", "name": "tfaccidentity"})

	// A state as the previous version of the provider left it: no identity.
	imported := importResource(t, s, &tfprotov6.ImportResourceStateRequest{TypeName: typeName, ID: id})
	read := func(identity *tfprotov6.ResourceIdentityData) *tfprotov6.ReadResourceResponse {
		t.Helper()
		resp, err := s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: imported.State,
			CurrentIdentity: identity, Private: imported.Private})
		if err != nil {
			t.Fatal(err)
		}
		noErrors(t, "ReadResource", resp.Diagnostics)
		return resp
	}
	resp := read(nil)
	if resp.NewIdentity == nil || resp.NewIdentity.IdentityData == nil {
		t.Fatal("the read returned no identity")
	}
	got, err := resp.NewIdentity.IdentityData.Unmarshal(identityType)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(wantIdentity) {
		t.Fatalf("identity %v, want %v", got, wantIdentity)
	}
	state, err := resp.NewState.Unmarshal(stateType)
	if err != nil || state.IsNull() {
		t.Fatalf("state %v, %v", state, err)
	}

	if err := env.Server.DeleteOutOfBand(id, true); err != nil {
		t.Fatal(err)
	}
	for name, identity := range map[string]*tfprotov6.ResourceIdentityData{"with identity": resp.NewIdentity, "without identity": nil} {
		gone := read(identity)
		state, err := gone.NewState.Unmarshal(stateType)
		if err != nil || !state.IsNull() {
			t.Errorf("%s: a deleted account was kept: %v, %v", name, state, err)
		}
	}
}
