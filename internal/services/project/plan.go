package project

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/lookups"
)

// ModifyPlan makes promises visible at plan time: the project's ID, its region is the account's (an account of this
// plan included), and a display name or description that Azure cannot clear is never silently kept.
func (r *projectResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Data.PlanChecksOff() {
		return
	}
	var plan, config projectModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !req.State.Raw.IsNull() {
		var state projectModel
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
			return
		}
		refuseClearing(path.Root("display_name"), "display_name", config.DisplayName, state.DisplayName, state.ID, resp)
		refuseClearing(path.Root("description"), "description", config.Description, state.Description, state.ID, resp)
		return
	}
	if r.Data == nil || plan.AccountID.IsUnknown() {
		return
	}
	account, err := client.ParseAccountID(plan.AccountID.ValueString())
	if err != nil {
		return // the attribute validator reports it
	}
	// The project's ID follows from its account's and its name: shown at plan, it lets the resources referencing the
	// project check themselves against it (and against each other) before anything is written.
	if !plan.Name.IsUnknown() {
		id := client.NewProjectID(account, plan.Name.ValueString())
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), id.String())...)
		systemAssigned := plan.Identity != nil && !plan.Identity.Type.IsUnknown() && strings.Contains(plan.Identity.Type.ValueString(), "SystemAssigned")
		r.Data.Planned.AddProject(id.String(), providerdata.PlannedProject{SystemAssignedIdentity: systemAssigned})
	}
	accLocation, allowProjects, ok := r.accountFacts(ctx, account, resp)
	if !ok {
		return
	}
	switch {
	case plan.Location.IsUnknown():
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("location"), framework.NewLocationValue(accLocation))...)
	case framework.NormalizeLocation(plan.Location.ValueString()) != framework.NormalizeLocation(accLocation):
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("location"), "Project region differs from the account's",
			fmt.Sprintf("A project lives in its account's region. Account %q is in %q, but location is %q: set location = %q, or leave it out to use the account's.",
				account.Name, accLocation, plan.Location.ValueString(), accLocation)))
	}
	if !allowProjects {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("account_id"), "Account does not allow projects",
			fmt.Sprintf("Account %q has project management turned off. Set project_management_enabled = true on the account (it needs an identity) before adding projects.", account.Name)))
	}
}

// accountFacts returns the account's location and whether it allows projects: from Azure, or from this plan when the
// account is created in the same run. ok is false when neither knows (the create reports what is wrong).
func (r *projectResource) accountFacts(ctx context.Context, account client.AccountID, resp *resource.ModifyPlanResponse) (location string, allowProjects, ok bool) {
	// An account this plan creates is not read: it cannot exist yet (its create refuses one that does, crud.Claim),
	// and the plan says what it will be (issue 18: no read that can only answer 404).
	if planned, found := r.Data.Planned.Account(account.String()); found {
		return planned.Location, planned.AllowProjects, true
	}
	acc, err := lookups.Account(ctx, r.Data, account)
	if client.IsNotFound(err) {
		return "", false, false
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("project's region", "account", account.String(), err))
		return "", false, false
	}
	return framework.Deref(acc.Location), acc.Properties == nil || framework.Deref(acc.Properties.AllowProjectManagement), true
}

// refuseClearing turns "removed from the configuration" into a plan-time error, because the API keeps the old value.
func refuseClearing(p path.Path, attr string, config, state, id types.String, resp *resource.ModifyPlanResponse) {
	if !config.IsNull() || state.IsNull() || state.ValueString() == "" {
		return
	}
	resp.Diagnostics.Append(diagnostics.InvalidAttribute(p, "Project "+attr+" cannot be removed",
		fmt.Sprintf("Azure cannot clear a project's %s once it is set (Azure/azure-rest-api-specs#38422), so removing it from the configuration would change nothing. "+
			"Keep %s = %q, set another non-empty value, or replace the project (terraform apply -replace on %q) to create it without one.",
			attr, attr, state.ValueString(), id.ValueString())))
}
