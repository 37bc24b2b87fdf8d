package resourceidentity_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

const (
	sub     = "00000000-0000-0000-0000-000000000000"
	project = "/subscriptions/" + sub + "/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/a1/projects/p1"
)

var (
	projects    = resourceidentity.New("project", resourceidentity.Account+"/projects/{name}")
	assignments = resourceidentity.New("role assignment", "{scope}/providers/Microsoft.Authorization/roleAssignments/{name}")
)

func TestValuesAndFormat(t *testing.T) {
	for _, tc := range []struct {
		name  string
		shape resourceidentity.Shape
		id    string
		want  map[string]string
	}{
		{"project", projects, project,
			map[string]string{"subscription_id": sub, "resource_group_name": "rg1", "account_name": "a1", "name": "p1"}},
		{"scope of several segments", assignments, project + "/providers/Microsoft.Authorization/roleAssignments/g1",
			map[string]string{"scope": project, "name": "g1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.shape.Values(tc.id)
			if !ok || !maps.Equal(got, tc.want) {
				t.Fatalf("Values(%q) = %v, %v; want %v", tc.id, got, ok, tc.want)
			}
			if back := tc.shape.Format(got); back != tc.id {
				t.Errorf("Format = %q, want %q", back, tc.id)
			}
		})
	}
	// Keywords match in any case, as ARM's do; names keep theirs.
	if got, ok := projects.Values(strings.ToLower(project[:60]) + project[60:]); !ok || got["name"] != "p1" {
		t.Errorf("lower-case keywords: %v %v", got, ok)
	}
	for _, bad := range []string{"", project + "/x", strings.Replace(project, "/projects/", "/deployments/", 1), project[1:]} {
		if _, ok := projects.Values(bad); ok {
			t.Errorf("Values(%q) accepted", bad)
		}
	}
}

func TestSchema(t *testing.T) {
	var resp resource.IdentitySchemaResponse
	projects.Schema(context.Background(), resource.IdentitySchemaRequest{}, &resp)
	if got := len(resp.IdentitySchema.Attributes); got != 4 {
		t.Fatalf("%d attributes", got)
	}
	for name, a := range resp.IdentitySchema.Attributes {
		s := a.(identityschema.StringAttribute)
		if s.Description == "" || s.OptionalForImport != (name == "subscription_id") || s.RequiredForImport == s.OptionalForImport {
			t.Errorf("%s: %+v", name, s)
		}
	}
	if d := resp.IdentitySchema.Attributes["name"].GetDescription(); d != "Name of the project." {
		t.Errorf("name: %q", d)
	}
}

// identity is the identity value of projects' schema with values (nil ones null).
func identity(t *testing.T, values map[string]any) *tfsdk.ResourceIdentity {
	var resp resource.IdentitySchemaResponse
	projects.Schema(context.Background(), resource.IdentitySchemaRequest{}, &resp)
	types := map[string]tftypes.Type{}
	vals := map[string]tftypes.Value{}
	for _, n := range projects.Names() {
		types[n] = tftypes.String
		vals[n] = tftypes.NewValue(tftypes.String, values[n])
	}
	return &tfsdk.ResourceIdentity{Schema: resp.IdentitySchema, Raw: tftypes.NewValue(tftypes.Object{AttributeTypes: types}, vals)}
}

func TestImportID(t *testing.T) {
	ctx := context.Background()
	d := &providerdata.Data{SubscriptionID: sub}
	var diags diag.Diagnostics
	if got, ok := projects.ImportID(ctx, resource.ImportStateRequest{ID: "as given"}, d, &diags); !ok || got != "as given" {
		t.Errorf("by ID: %q %v", got, ok)
	}
	full := map[string]any{"subscription_id": sub, "resource_group_name": "rg1", "account_name": "a1", "name": "p1"}
	if got, ok := projects.ImportID(ctx, resource.ImportStateRequest{Identity: identity(t, full)}, nil, &diags); !ok || got != project {
		t.Errorf("by identity: %q %v %v", got, ok, diags)
	}
	noSub := maps.Clone(full)
	delete(noSub, "subscription_id")
	if got, ok := projects.ImportID(ctx, resource.ImportStateRequest{Identity: identity(t, noSub)}, d, &diags); !ok || got != project {
		t.Errorf("provider's subscription: %q %v %v", got, ok, diags)
	}
	if _, ok := projects.ImportID(ctx, resource.ImportStateRequest{Identity: identity(t, noSub)}, nil, &diags); ok ||
		!strings.Contains(diags[0].Detail(), "subscription_id") {
		t.Errorf("no subscription anywhere: %v", diags)
	}
}

func TestSet(t *testing.T) {
	ctx := context.Background()
	got := identity(t, map[string]any{})
	var diags diag.Diagnostics
	if diags = projects.Set(ctx, got, project); diags.HasError() {
		t.Fatal(diags)
	}
	want := identity(t, map[string]any{"subscription_id": sub, "resource_group_name": "rg1", "account_name": "a1", "name": "p1"})
	if !got.Raw.Equal(want.Raw) {
		t.Errorf("Set: %v", got.Raw)
	}
	if diags = projects.Set(ctx, got, "/not/a/project"); !diags.HasError() {
		t.Error("a malformed ID was saved")
	}
	if diags = projects.Set(ctx, nil, project); diags.HasError() {
		t.Error("a nil identity (no identity support) failed")
	}
}
