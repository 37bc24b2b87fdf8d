// Package standardsetup manages the standard agent setup of a Foundry project (connections, role assignments and the
// project capability host on your own Cosmos DB, Storage and AI Search) as one resource.
package standardsetup

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/hints"
)

const (
	object      = "agent standard setup"
	importShape = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/projects/{project}" + idSuffix
)

var (
	_ resource.ResourceWithConfigure   = (*setupResource)(nil)
	_ resource.ResourceWithImportState = (*setupResource)(nil)
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

// ModifyPlan defaults each connection name to its dependency's resource name, and refuses a default the connection
// name rule does not allow.
func (r *setupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, config setupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !req.State.Raw.IsNull() {
		var state setupModel
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
			return
		}
		// Adding or removing principals adds or removes their role assignments.
		if !plan.AdditionalPrincipalIDs.Equal(state.AdditionalPrincipalIDs) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("role_assignment_ids"), types.MapUnknown(types.StringType))...)
		}
	}
	for _, c := range []struct {
		name, dep path.Path
		cfg       types.String
		depID     types.String
	}{
		{path.Root("storage_connection_name"), path.Root("storage_account_id"), config.StorageConnectionName, plan.StorageAccountID},
		{path.Root("cosmos_db_connection_name"), path.Root("cosmos_db_account_id"), config.CosmosDBConnectionName, plan.CosmosDBAccountID},
		{path.Root("search_connection_name"), path.Root("search_service_id"), config.SearchConnectionName, plan.SearchServiceID},
	} {
		if !c.cfg.IsNull() {
			continue
		}
		if c.depID.IsUnknown() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, c.name, types.StringUnknown())...)
			continue
		}
		def := c.depID.ValueString()[strings.LastIndex(c.depID.ValueString(), "/")+1:]
		if !connectionNamePattern.MatchString(def) {
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(c.dep, "Default connection name not allowed",
				fmt.Sprintf("The connection name defaults to the resource name %q, which is not a valid connection name (3 to 33 %s). Set %s.",
					def, connectionNameRule, c.name)))
			continue
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, c.name, def)...)
	}
}

func (r *setupResource) newSetup(m setupModel) (*setup, error) {
	ids, err := parseSetupIDs(m)
	if err != nil {
		return nil, err
	}
	s := &setup{
		api: r.Data.Client, ids: ids, hostName: m.CapabilityHostName.ValueString(), roleIDs: map[string]string{},
		names:     connectionNames{storage: m.StorageConnectionName.ValueString(), cosmos: m.CosmosDBConnectionName.ValueString(), search: m.SearchConnectionName.ValueString()},
		principal: m.ProjectPrincipalID.ValueString(), guid: m.ProjectGUID.ValueString(),
	}
	if !m.RoleAssignmentIDs.IsNull() && !m.RoleAssignmentIDs.IsUnknown() {
		for k, v := range m.RoleAssignmentIDs.Elements() {
			if sv, ok := v.(types.String); ok {
				s.roleIDs[k] = sv.ValueString()
			}
		}
	}
	return s, nil
}

func (s *setup) record(m *setupModel) {
	m.ProjectPrincipalID = types.StringValue(s.principal)
	m.ProjectGUID = types.StringValue(s.guid)
	ids, _ := types.MapValueFrom(context.Background(), types.StringType, s.roleIDs)
	m.RoleAssignmentIDs = ids
}

func additionalPrincipals(ctx context.Context, m setupModel) ([]string, diag.Diagnostics) {
	var out []string
	if m.AdditionalPrincipalIDs.IsNull() || m.AdditionalPrincipalIDs.IsUnknown() {
		return nil, nil
	}
	d := m.AdditionalPrincipalIDs.ElementsAs(ctx, &out, false)
	return out, d
}

func (r *setupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
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
	if missing != "" {
		tflog.Warn(ctx, "Part of the agent standard setup no longer exists; removing the setup from state so that apply re-creates it",
			map[string]any{"missing": missing})
		resp.State.RemoveResource(ctx)
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

// check returns what is missing of the setup ("" when complete).
func (s *setup) check(ctx context.Context) (string, error) {
	if _, err := s.api.GetProjectCapabilityHost(ctx, s.hostID()); client.IsNotFound(err) {
		return s.hostID().String(), nil
	} else if err != nil {
		return "", fail("reading the capability host", "project capability host", s.hostID().String(), err)
	}
	for _, n := range []string{s.names.storage, s.names.cosmos, s.names.search} {
		id := s.connectionID(n)
		if _, err := s.api.GetConnection(ctx, id); client.IsNotFound(err) {
			return id.String(), nil
		} else if err != nil {
			return "", fail("reading a connection", "project connection", id.String(), err)
		}
	}
	for _, k := range sortedKeys(s.roleIDs) {
		v := s.roleIDs[k]
		var err error
		if sql, perr := client.ParseSQLRoleAssignmentID(v); perr == nil {
			_, err = s.api.GetSQLRoleAssignment(ctx, sql)
		} else if ra, perr := client.ParseRoleAssignmentID(v); perr == nil {
			_, err = s.api.GetRoleAssignment(ctx, ra)
		} else {
			continue
		}
		if client.IsNotFound(err) {
			return v, nil
		}
		if err != nil {
			return "", fail("reading a role assignment", "role assignment", v, err)
		}
	}
	return "", nil
}

func (r *setupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
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

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
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
	project, err := parseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(req.ID, importShape, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), project.String()+idSuffix)...)
}
