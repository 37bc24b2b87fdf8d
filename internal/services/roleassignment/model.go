package roleassignment

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

type assignmentModel struct {
	ID                 types.String   `tfsdk:"id"`
	Name               types.String   `tfsdk:"name"`
	Scope              types.String   `tfsdk:"scope"`
	PrincipalID        types.String   `tfsdk:"principal_id"`
	PrincipalType      types.String   `tfsdk:"principal_type"`
	RoleDefinitionName types.String   `tfsdk:"role_definition_name"`
	RoleDefinitionID   types.String   `tfsdk:"role_definition_id"`
	Description        types.String   `tfsdk:"description"`
	WaitForPropagation types.Bool     `tfsdk:"wait_for_propagation"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

// scopeSubscription returns the subscription of an account or project scope ("" if it is neither).
func scopeSubscription(scope string) string {
	if a, err := client.ParseAccountID(scope); err == nil {
		return a.SubscriptionID
	}
	if p, err := client.ParseProjectID(scope); err == nil {
		return p.AccountID.SubscriptionID
	}
	return ""
}

// expandAssignment builds the PUT body for the role definition guid.
func expandAssignment(m assignmentModel, guid string) client.RoleAssignment {
	return client.RoleAssignment{Properties: &client.RoleAssignmentProperties{
		RoleDefinitionID: framework.Ptr(client.RoleDefinitionID(scopeSubscription(m.Scope.ValueString()), guid)),
		PrincipalID:      m.PrincipalID.ValueStringPointer(),
		PrincipalType:    framework.KnownStringPointer(m.PrincipalType),
		Description:      m.Description.ValueStringPointer(),
	}}
}

// flattenAssignment writes what ARM returned into m, keeping the configuration's spelling of values ARM echoes in
// another case or form (scope, principal ID, a role definition given as a bare GUID).
func flattenAssignment(got client.RoleAssignment, id client.RoleAssignmentID, m *assignmentModel) {
	m.ID = types.StringValue(id.String())
	m.Name = types.StringValue(id.Name)
	if m.Scope.IsNull() || m.Scope.IsUnknown() || !strings.EqualFold(m.Scope.ValueString(), id.Scope) {
		m.Scope = types.StringValue(id.Scope)
	}
	p := got.Properties
	if p == nil {
		p = &client.RoleAssignmentProperties{}
	}
	if v := framework.Deref(p.PrincipalID); !strings.EqualFold(v, m.PrincipalID.ValueString()) {
		m.PrincipalID = types.StringValue(v)
	}
	if p.PrincipalType != nil || m.PrincipalType.IsUnknown() {
		m.PrincipalType = types.StringPointerValue(p.PrincipalType)
	}
	got2 := framework.Deref(p.RoleDefinitionID)
	prior := m.RoleDefinitionID.ValueString()
	a, errA := client.RoleDefinitionGUID(got2)
	b, errB := client.RoleDefinitionGUID(prior)
	if m.RoleDefinitionID.IsNull() || m.RoleDefinitionID.IsUnknown() || errA != nil || errB != nil || a != b {
		m.RoleDefinitionID = types.StringValue(got2)
	}
	m.Description = types.StringPointerValue(p.Description)
	if m.WaitForPropagation.IsNull() || m.WaitForPropagation.IsUnknown() {
		m.WaitForPropagation = types.BoolValue(false)
	}
}
