package standardsetup

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/lookups"
)

// ModifyPlan defaults each connection name to its dependency's resource name, and refuses a default the connection
// name rule does not allow.
func (r *setupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Data.PlanChecksOff() {
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
	if req.State.Raw.IsNull() && r.Data != nil && !plan.ProjectID.IsUnknown() {
		r.checkProjectIdentity(ctx, plan.ProjectID.ValueString(), resp)
	}
}

// checkProjectIdentity refuses, for a create, a project without a system-assigned managed identity: the setup grants
// that identity its roles on the three services and the capability host acts as it, so the setup cannot work
// without it. The project is read from Azure, or from this plan when it is created in the same run.
func (r *setupResource) checkProjectIdentity(ctx context.Context, projectID string, resp *resource.ModifyPlanResponse) {
	pid, err := client.ParseProjectID(projectID)
	if err != nil {
		return
	}
	var has bool
	p, err := lookups.Project(ctx, r.Data, pid)
	switch {
	case client.IsNotFound(err):
		planned, ok := r.Data.Planned.Project(pid.String())
		if !ok {
			return
		}
		has = planned.SystemAssignedIdentity
	case err != nil:
		resp.Diagnostics.Append(diagnostics.CheckSkipped("project's identity", "project", pid.String(), err))
		return
	default:
		has = p.Identity != nil && p.Identity.Type != nil && strings.Contains(string(*p.Identity.Type), "SystemAssigned")
	}
	if !has {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("project_id"), "Project has no system-assigned identity",
			fmt.Sprintf("The standard agent setup grants project %q's system-assigned managed identity its roles on Storage, Cosmos DB and "+
				"AI Search, and the capability host acts as that identity; the project has none. Set identity = { type = \"SystemAssigned\" } "+
				"on the foundry_project.", pid.Name)))
	}
}
