// Package standardsetup manages the standard agent setup of a Foundry project (connections, role assignments and the
// project capability host on your own Cosmos DB, Storage and AI Search) as one resource.
package standardsetup

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/hints"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

const (
	object      = "agent standard setup"
	importShape = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/projects/{project}" + idSuffix
)

// resourceIdentity is the resource identity: the pieces of the ID.
var resourceIdentity = resourceidentity.New("agent standard setup", resourceidentity.Project+"/agentStandardSetup")

var (
	_ resource.ResourceWithConfigure   = (*setupResource)(nil)
	_ resource.ResourceWithImportState = (*setupResource)(nil)
	_ resource.ResourceWithIdentity    = (*setupResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*setupResource)(nil)
)

type setupResource struct{ providerdata.ResourceBase }

// NewResource returns the foundry_agent_standard_setup resource.
func NewResource() resource.Resource { return &setupResource{} }

func (r *setupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent_standard_setup"
}

func (r *setupResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *setupResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resourceIdentity.Schema(ctx, req, resp)
}

func (r *setupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan setupModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	s, err := r.newSetup(plan)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("The setup's IDs passed validation but do not parse: " + err.Error()))
		return
	}
	extra, d := additionalPrincipals(ctx, plan)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	plan.ID = types.StringValue(s.ids.project.String() + idSuffix)
	ctx = tflog.SetField(ctx, "resource_id", plan.ID.ValueString())
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_agent_standard_setup", Object: object, ID: plan.ID.ValueString(),
		Parent: s.ids.project.String(), Read: s.existing}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	// Progress is saved after every step: a failure leaves the resource tainted with what was made, and the next
	// apply's delete removes it before the chain runs again.
	plan.ProjectGUID, plan.ProjectPrincipalID, plan.CapabilityHostID = types.StringNull(), types.StringNull(), types.StringNull()
	plan.RoleAssignmentIDs = types.MapNull(types.StringType)
	save := func() {
		s.record(&plan)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	}
	err = s.loadProject(ctx)
	if err == nil {
		save()
		err = s.ensureConnections(ctx, save)
	}
	if err == nil {
		err = s.ensureControlRoles(ctx, save)
	}
	if err == nil {
		err = s.ensureHost(ctx, func() {
			plan.CapabilityHostID = types.StringValue(s.hostID().String())
			save()
		})
	}
	if err == nil {
		err = s.ensureDataRoles(ctx, s.principal, false, save)
	}
	for _, p := range extra {
		if err == nil {
			err = s.ensureDataRoles(ctx, p, true, save)
		}
	}
	if err != nil {
		resp.Diagnostics.Append(stepDiagnostic(diagnostics.Creating, err))
		return
	}
	plan.CapabilityHostID = types.StringValue(s.hostID().String())
	save()
}

func stepDiagnostic(op diagnostics.Operation, err error) diag.Diagnostic {
	var se *stepError
	if errors.As(err, &se) {
		h := []diagnostics.Hints{hints.RoleAssignments, hints.ProjectCapabilityHosts}
		if se.object == "project connection" {
			h = append(h, hints.ConnectionNameTaken)
		}
		return diagnostics.APIError(op, object+" ("+se.step+")", se.id, se.err, h...)
	}
	return diagnostics.APIError(op, object, "", err)
}

func (r *setupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state setupModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ctx = tflog.SetField(ctx, "resource_id", state.ID.ValueString())
	if state.ProjectID.IsNull() {
		if resp.Diagnostics.Append(r.discover(ctx, &state)...); resp.Diagnostics.HasError() {
			return
		}
	}
	s, err := r.newSetup(state)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("The setup's IDs in state are malformed: " + err.Error()))
		return
	}
	missing, err := s.check(ctx)
	if err != nil {
		resp.Diagnostics.Append(stepDiagnostic(diagnostics.Reading, err))
		return
	}
	if missing != "" && r.Data != nil && r.Data.Destroying {
		// A destroy that an earlier destroy started (and was killed in): the setup stays in state so that its Delete
		// removes what is left of it (its role assignments on the storage, Cosmos DB and search resources outlive the
		// project); the teardown takes a missing part as removed.
		tflog.Info(ctx, "Part of the agent standard setup no longer exists; the destroy removes the rest", map[string]any{"missing": missing})
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		return
	}
	if missing != "" {
		tflog.Warn(ctx, "Part of the agent standard setup no longer exists; removing the setup from state so that apply re-creates it",
			map[string]any{"missing": missing})
		crud.RemovePartial(ctx, r.Data, &resp.State, "foundry_agent_standard_setup", state.ID.ValueString())
		return
	}
	state.CapabilityHostID = types.StringValue(s.hostID().String())
	if s.guid == "" || s.principal == "" {
		if err := s.loadProject(ctx); err != nil {
			resp.Diagnostics.Append(stepDiagnostic(diagnostics.Reading, err))
			return
		}
	}
	s.record(&state)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *setupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state setupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ctx = tflog.SetField(ctx, "resource_id", state.ID.ValueString())
	s, err := r.newSetup(state)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("The setup's IDs in state are malformed: " + err.Error()))
		return
	}
	before, d1 := additionalPrincipals(ctx, state)
	after, d2 := additionalPrincipals(ctx, plan)
	if resp.Diagnostics.Append(append(d1, d2...)...); resp.Diagnostics.HasError() {
		return
	}
	plan.ProjectGUID, plan.ProjectPrincipalID, plan.CapabilityHostID = state.ProjectGUID, state.ProjectPrincipalID, state.CapabilityHostID
	save := func() {
		s.record(&plan)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	}
	for _, p := range before {
		if !containsFold(after, p) {
			if err = s.removeDataRoles(ctx, p, true); err != nil {
				break
			}
			save()
		}
	}
	for _, p := range after {
		if err == nil && !containsFold(before, p) {
			err = s.ensureDataRoles(ctx, p, true, save)
		}
	}
	if err != nil {
		resp.Diagnostics.Append(stepDiagnostic(diagnostics.Updating, err))
		return
	}
	save()
}

func (r *setupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state setupModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	ctx = tflog.SetField(ctx, "resource_id", state.ID.ValueString())
	s, err := r.newSetup(state)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("The setup's IDs in state are malformed: " + err.Error()))
		return
	}
	if s.principal == "" { // a create that failed before reading the project
		if err := s.loadProject(ctx); err != nil && !client.IsNotFound(errors.Unwrap(err)) {
			resp.Diagnostics.Append(stepDiagnostic(diagnostics.Deleting, err))
			return
		}
	}
	extra, d := additionalPrincipals(ctx, state)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	if err := s.teardown(ctx, extra); err != nil {
		resp.Diagnostics.Append(stepDiagnostic(diagnostics.Deleting, err))
	}
}

func (r *setupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := resourceIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	project, err := parseImportID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, importShape, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), project.String()+idSuffix)...)
}
