// Package roleassignment manages Azure role assignments on Foundry accounts and projects
// (Microsoft.Authorization/roleAssignments) and reads who the provider signs in as.
package roleassignment

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/hints"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/waits"
)

const (
	object      = "role assignment"
	importShape = "{scope}/providers/Microsoft.Authorization/roleAssignments/{guid}, where {scope} is a Foundry account or project ID"
)

// resourceIdentity is the resource identity: the pieces of the ID.
var resourceIdentity = resourceidentity.New("role assignment", "{scope}/providers/Microsoft.Authorization/roleAssignments/{name}")

var (
	_ resource.ResourceWithConfigure        = (*assignmentResource)(nil)
	_ resource.ResourceWithImportState      = (*assignmentResource)(nil)
	_ resource.ResourceWithIdentity         = (*assignmentResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*assignmentResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*assignmentResource)(nil)
	_ resource.ResourceWithConfigValidators = (*assignmentResource)(nil)
)

type assignmentResource struct{ providerdata.ResourceBase }

// NewResource returns the foundry_role_assignment resource.
func NewResource() resource.Resource { return &assignmentResource{} }

func (r *assignmentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_assignment"
}

func (r *assignmentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *assignmentResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resourceIdentity.Schema(ctx, req, resp)
}

func (r *assignmentResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("role_definition_name"), path.MatchRoot("role_definition_id")),
	}
}

// ValidateConfig warns about the former (Azure AI ...) role names.
func (r *assignmentResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m assignmentModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	if m.RoleDefinitionName.IsNull() || m.RoleDefinitionName.IsUnknown() {
		return
	}
	if _, current, deprecated, _ := lookupRole(m.RoleDefinitionName.ValueString()); deprecated {
		resp.Diagnostics.Append(diagnostics.AttributeWarning(path.Root("role_definition_name"), "Deprecated role name",
			fmt.Sprintf("The role %q was renamed %q (same role definition ID). The provider maps the former name, but Azure no longer finds it by "+
				"name; write role_definition_name = %q.", m.RoleDefinitionName.ValueString(), current, current)))
	}
}

// ModifyPlan shows the resolved role definition ID in the plan: from the built-in table, or, for a create, from the
// role definitions assignable at the scope (one list per scope and plan), so a role name with a typo fails at plan.
// The assignment name stays unknown until apply, since an identical existing assignment may be adopted under its
// own name.
func (r *assignmentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Data.PlanChecksOff() {
		return
	}
	var plan, config assignmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roleID := plan.RoleDefinitionID
	if config.RoleDefinitionID.IsNull() && !plan.RoleDefinitionName.IsUnknown() && !plan.Scope.IsUnknown() {
		if guid, _, _, ok := lookupRole(plan.RoleDefinitionName.ValueString()); ok {
			roleID = types.StringValue(client.RoleDefinitionID(scopeSubscription(plan.Scope.ValueString()), guid))
		} else if req.State.Raw.IsNull() && r.Data != nil {
			if guid, ok := r.resolveAtPlan(ctx, plan.Scope.ValueString(), plan.RoleDefinitionName.ValueString(), resp); ok {
				roleID = types.StringValue(client.RoleDefinitionID(scopeSubscription(plan.Scope.ValueString()), guid))
			} else if resp.Diagnostics.HasError() {
				return
			}
		} else if !req.State.Raw.IsNull() {
			var state assignmentModel
			if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
				return
			}
			if strings.EqualFold(state.RoleDefinitionName.ValueString(), plan.RoleDefinitionName.ValueString()) {
				roleID = state.RoleDefinitionID
			}
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("role_definition_id"), roleID)...)
	}
}

func (r *assignmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan assignmentModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	scope := plan.Scope.ValueString()
	guid, d := r.resolveRole(ctx, plan)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	id := client.NewRoleAssignmentID(scope, client.RoleAssignmentName(scope, guid, plan.PrincipalID.ValueString()))
	ctx = tflog.SetField(ctx, "resource_id", id.String())

	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_role_assignment", Object: object, ID: id.String(), Parent: scope,
		Read: func(ctx context.Context) (crud.Origin, error) {
			a, err := r.Data.Client.GetRoleAssignment(ctx, id)
			var o crud.Origin // createdBy is the creator's object ID, not its client ID: not compared
			if a.Properties != nil && a.Properties.CreatedOn != nil {
				o.CreatedAt = *a.Properties.CreatedOn
			}
			return o, err
		}}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	got, err := r.put(ctx, id, expandAssignment(plan, guid))
	if client.IsConflict(err) && strings.EqualFold(client.ErrorCode(err), "RoleAssignmentExists") {
		// An identical assignment under another name was made by somebody else (this provider's names are derived
		// from scope, role and principal): refuse it like any object this configuration did not create.
		existing, found, lerr := r.findExisting(ctx, scope, guid, plan.PrincipalID.ValueString())
		if lerr != nil {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, scope, lerr, hints.RoleAssignments))
			return
		}
		if found {
			resp.Diagnostics.Append(diagnostics.AlreadyExists("foundry_role_assignment", object, existing.id.String(),
				"It gives the same principal the same role on the same scope, under a name this provider does not use."))
			return
		}
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, object, id.String(), err, hints.RoleAssignments))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.String())...)
	if resp.Diagnostics.Append(r.waitReadable(ctx, id)...); resp.Diagnostics.HasError() {
		return
	}
	if plan.WaitForPropagation.ValueBool() {
		if resp.Diagnostics.Append(r.waitForDataPlane(ctx, scope)...); resp.Diagnostics.HasError() {
			return
		}
	}
	flattenAssignment(got, id, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *assignmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state assignmentModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRoleAssignmentID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.ReadRoleAssignment(ctx, id) // from its scope's list in a refresh (client.ReadRoleAssignment)
	if crud.RemoveIfGone(ctx, err, &resp.State, "Role assignment") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, hints.RoleAssignments))
		return
	}
	flattenAssignment(got, id, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update changes the description (everything else replaces the assignment) with a PUT of the same name.
func (r *assignmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan assignmentModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(plan.ID.ValueString(), client.ParseRoleAssignmentID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	guid, err := client.RoleDefinitionGUID(plan.RoleDefinitionID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("The role definition ID in the plan is malformed: " + err.Error()))
		return
	}
	got, err := r.Data.Client.CreateRoleAssignment(ctx, id, expandAssignment(plan, guid))
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Updating, object, id.String(), err, hints.RoleAssignments))
		return
	}
	flattenAssignment(got, id, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *assignmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state assignmentModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRoleAssignmentID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	if err := r.Data.Client.DeleteRoleAssignment(ctx, id); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, object, id.String(), err, hints.RoleAssignments))
	}
}

func (r *assignmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := resourceIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseRoleAssignmentID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, importShape, err))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "scope", id.Scope, id.Name)...)
}

// waitReadable polls the new assignment until ARM returns it: a GET can answer 404 for a while after the PUT
// (replication), and a refresh seeing that would drop the assignment from state. Bounded by waits.role_propagation.
func (r *assignmentResource) waitReadable(ctx context.Context, id client.RoleAssignmentID) diag.Diagnostics {
	w := waits.RolePropagation.WithCheck("ARM usually returns a new role assignment within seconds of creating it. Check the " +
		"assignment in the portal or with az role assignment list; if ARM is slow to replicate, raise waits.role_propagation in the provider block.")
	run, wctx, cancel := waits.Start(ctx, w, r.Data.Waits.RolePropagation, "the new role assignment to be readable in ARM (404 until then)")
	defer cancel()
	var last error
	err := poll.Until(wctx, func(ctx context.Context) (bool, error) {
		_, err := r.Data.Client.GetRoleAssignment(ctx, id)
		if client.IsNotFound(err) {
			last = err
			return false, nil
		}
		return err == nil, err
	}, run.OnWait)
	var te *poll.TimeoutError
	if errors.As(err, &te) && last != nil {
		err = errors.Join(last, err)
	}
	if err = run.Err(err); err != nil {
		return diag.Diagnostics{diagnostics.APIError(diagnostics.Creating, object, id.String(), err, hints.RoleAssignments)}
	}
	return nil
}
