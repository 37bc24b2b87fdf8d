package account

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/lookups"
)

// planNew runs for a create. It shows the account's ID, which follows from the subscription, resource group and
// name, so that the resources referencing it (projects, deployments, connections) see a known account ID at plan and
// can run their own checks; records the account for them (providerdata.Planned); and checks, before anything is
// written, what only Azure knows: the location offers Foundry accounts, and the resource group exists.
// With check false (the plan of this command checked already), only the ID and the record are planned.
func (r *accountResource) planNew(ctx context.Context, plan *accountModel, check bool, resp *resource.ModifyPlanResponse) {
	if plan.Name.IsUnknown() || plan.ResourceGroupName.IsUnknown() {
		return
	}
	id := client.NewAccountID(r.Data.SubscriptionID, plan.ResourceGroupName.ValueString(), plan.Name.ValueString())
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), id.String())...)
	if !plan.Location.IsUnknown() {
		planned := providerdata.PlannedAccount{
			Location:      framework.NormalizeLocation(plan.Location.ValueString()),
			AllowProjects: plan.ProjectManagementEnabled.IsNull() || plan.ProjectManagementEnabled.IsUnknown() || plan.ProjectManagementEnabled.ValueBool(),
		}
		if n := plan.NetworkInjection; n != nil && strings.EqualFold(n.Scenario.ValueString(), "agent") {
			planned.Injected, planned.InjectionSubnet = true, n.SubnetID.ValueString()
		}
		r.Data.Planned.AddAccount(id.String(), planned)
		if !check {
			return
		}
		if r.checkLocation(ctx, plan.Location.ValueString(), resp); resp.Diagnostics.HasError() {
			return // an authentication failure is reported once
		}
	}
	if check {
		r.checkResourceGroup(ctx, plan.ResourceGroupName.ValueString(), resp)
	}
}

// checkLocation refuses a location where the subscription is not offered Foundry accounts, from the resource
// provider's resourceTypes[accounts].locations (one read per plan).
func (r *accountResource) checkLocation(ctx context.Context, location string, resp *resource.ModifyPlanResponse) {
	p, err := lookups.Provider(ctx, r.Data, "Microsoft.CognitiveServices")
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("location", "resource provider Microsoft.CognitiveServices of subscription", r.Data.SubscriptionID, err))
		return
	}
	offered, ok := p.Locations("accounts")
	if !ok || len(offered) == 0 {
		tflog.Debug(ctx, "The resource provider lists no locations for accounts; not checking the location")
		return
	}
	want := framework.NormalizeLocation(location)
	if slices.ContainsFunc(offered, func(l string) bool { return framework.NormalizeLocation(l) == want }) {
		return
	}
	names := make([]string, len(offered))
	for i, l := range offered {
		names[i] = framework.NormalizeLocation(l)
	}
	slices.Sort(names)
	resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("location"), "Location not offered",
		fmt.Sprintf("Foundry accounts (Microsoft.CognitiveServices/accounts) are not offered in %q to subscription %s. Offered locations: %s.",
			location, r.Data.SubscriptionID, strings.Join(names, ", "))))
}

// checkResourceGroup looks for the resource group (one list per plan). A missing group whose name is close to an
// existing one is a typo and an error; otherwise it may be created by another resource of this configuration (an
// azurerm_resource_group, which the foundry provider cannot see), so the plan only warns.
func (r *accountResource) checkResourceGroup(ctx context.Context, name string, resp *resource.ModifyPlanResponse) {
	groups, err := lookups.ResourceGroups(ctx, r.Data)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("resource group", "resource groups of subscription", r.Data.SubscriptionID, err))
		return
	}
	if slices.ContainsFunc(groups, func(g string) bool { return strings.EqualFold(g, name) }) {
		return
	}
	p := path.Root("resource_group_name")
	if near := closest(name, groups); near != "" {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(p, "Resource group not found",
			fmt.Sprintf("Resource group %q does not exist in subscription %s. Did you mean %q? Correct resource_group_name, or create the group first.",
				name, r.Data.SubscriptionID, near)))
		return
	}
	resp.Diagnostics.Append(diagnostics.AttributeWarning(p, "Resource group not found",
		fmt.Sprintf("Resource group %q does not exist in subscription %s yet. If another resource of this configuration creates it (an "+
			"azurerm_resource_group the account depends on), this is expected. Otherwise create it first or correct resource_group_name: "+
			"the account's create would fail with ResourceGroupNotFound.", name, r.Data.SubscriptionID)))
}

// closest returns the name in names within two edits of name (case-insensitively), or "".
func closest(name string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := framework.EditDistance(name, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}
