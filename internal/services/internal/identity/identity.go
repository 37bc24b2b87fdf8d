// Package identity maps the managed identity of accounts and projects (the ARM identity property) to the identity
// attribute: its schema, its validation and expand/flatten.
package identity

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// Types are the managed identity types Microsoft.CognitiveServices accepts (a closed enum in the spec;
// None is expressed by omitting the attribute).
var Types = []string{"SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned"}

const (
	userIdentityType    = "Microsoft.ManagedIdentity/userAssignedIdentities"
	userIdentityExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}"
)

// Model is the `identity` attribute of accounts and projects.
type Model struct {
	Type        types.String `tfsdk:"type"`
	IdentityIDs types.Set    `tfsdk:"identity_ids"`
	PrincipalID types.String `tfsdk:"principal_id"`
	TenantID    types.String `tfsdk:"tenant_id"`
}

// Schema is the resource schema of `identity`; what says whose identity it is.
func Schema(what string) schema.SingleNestedAttribute {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.SingleNestedAttribute{
		Optional:            true,
		MarkdownDescription: "Managed identity of the " + what + " (`identity`). Omit it for no identity.",
		Attributes: map[string]schema.Attribute{
			"type": schema.StringAttribute{
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(Types...)},
				MarkdownDescription: "`SystemAssigned`, `UserAssigned` or `SystemAssigned, UserAssigned`.",
			},
			"identity_ids": schema.SetAttribute{
				Optional: true, ElementType: types.StringType,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(framework.ARMID(userIdentityType, userIdentityExample)),
				},
				MarkdownDescription: "ARM IDs of the user-assigned identities; required with `UserAssigned`, not allowed with `SystemAssigned` alone.",
			},
			"principal_id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Object ID of the system-assigned identity's service principal.",
			},
			"tenant_id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Tenant of the system-assigned identity.",
			},
		},
	}
}

// DataSourceSchema is the data source schema of `identity`.
func DataSourceSchema(what string) dschema.SingleNestedAttribute {
	return dschema.SingleNestedAttribute{
		Computed: true, MarkdownDescription: "Managed identity of the " + what + ".",
		Attributes: map[string]dschema.Attribute{
			"type":         framework.ComputedString("Identity type."),
			"identity_ids": dschema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "ARM IDs of the user-assigned identities."},
			"principal_id": framework.ComputedString("Object ID of the system-assigned identity."),
			"tenant_id":    framework.ComputedString("Tenant of the system-assigned identity."),
		},
	}
}

// Validate checks that identity_ids goes with a user-assigned type and only with one.
func Validate(m *Model, diags *diag.Diagnostics) {
	if m == nil || m.Type.IsUnknown() || m.IdentityIDs.IsUnknown() {
		return
	}
	userAssigned := strings.Contains(m.Type.ValueString(), "UserAssigned")
	p := path.Root("identity").AtName("identity_ids")
	switch {
	case userAssigned && m.IdentityIDs.IsNull():
		diags.Append(diagnostics.InvalidAttribute(p, "Missing user-assigned identities",
			fmt.Sprintf("identity.type is %q, so identity_ids must list at least one user-assigned identity ID.", m.Type.ValueString())))
	case !userAssigned && !m.IdentityIDs.IsNull():
		diags.Append(diagnostics.InvalidAttribute(p, "Unexpected user-assigned identities",
			`identity_ids is only allowed when identity.type includes UserAssigned: use type = "SystemAssigned, UserAssigned", or remove identity_ids.`))
	}
}

// Expand builds the API's identity from the attribute; nil stays nil.
func Expand(ctx context.Context, m *Model) (*client.Identity, diag.Diagnostics) {
	if m == nil {
		return nil, nil
	}
	t := client.IdentityType(m.Type.ValueString())
	out := &client.Identity{Type: &t}
	var ids []string
	diags := m.IdentityIDs.ElementsAs(ctx, &ids, false)
	if len(ids) > 0 {
		out.UserAssignedIdentities = map[string]*client.UserAssignedIdentity{}
		for _, id := range ids {
			out.UserAssignedIdentities[id] = &client.UserAssignedIdentity{}
		}
	}
	return out, diags
}

// Flatten turns the API's identity into the attribute, keeping the prior spelling of identity IDs.
func Flatten(in *client.Identity, prior *Model, diags *diag.Diagnostics) *Model {
	if in == nil || in.Type == nil || *in.Type == "" || strings.EqualFold(string(*in.Type), "None") {
		return nil
	}
	out := &Model{
		Type:        types.StringValue(string(*in.Type)),
		PrincipalID: types.StringPointerValue(in.PrincipalID),
		TenantID:    types.StringPointerValue(in.TenantID),
	}
	ids := make([]string, 0, len(in.UserAssignedIdentities))
	for k := range in.UserAssignedIdentities {
		ids = append(ids, k)
	}
	priorIDs := types.SetNull(types.StringType)
	if prior != nil {
		priorIDs = prior.IdentityIDs
	}
	out.IdentityIDs = framework.StringSet(framework.KeepSpelling(ids, priorIDs), priorIDs, diags)
	return out
}
