package managednetwork

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
)

// ModifyPlan, for a managed network that exists:
//
//   - a new isolation mode makes id unknown: the rules that refer to the network then see an unknown
//     managed_network_id and leave their isolation-mode check to apply, where the network has its new mode; an
//     unset firewall_sku is unknown too (the service picks one for AllowOnlyApprovedOutbound);
//   - provision_now with a network that is enabled but not Active plans an update, which provisions it.
//
// For every plan it warns about a firewall_sku that the isolation mode does not use.
func (r *networkResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var mode, sku types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, pathIsolation, &mode)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathFirewallSKU, &sku)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !sku.IsNull() && !sku.IsUnknown() && !mode.IsUnknown() && mode.ValueString() != string(client.ManagedNetworkIsolationModeAllowOnlyApprovedOutbound) {
		resp.Diagnostics.Append(diagnostics.AttributeWarning(pathFirewallSKU, "Firewall SKU not used",
			"firewall_sku sets the Azure Firewall that enforces fqdn rules, which only exists with isolation_mode = \"AllowOnlyApprovedOutbound\". "+
				"With "+mode.ValueString()+" it has no effect."))
	}
	if req.State.Raw.IsNull() {
		return
	}
	var state networkModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	if !mode.IsUnknown() && !mode.Equal(state.IsolationMode) {
		tflog.Debug(ctx, "The isolation mode changes: the managed network's ID is unknown until apply so that its rules are checked then")
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathID, types.StringUnknown())...)
		if sku.IsNull() { // the service picks one for AllowOnlyApprovedOutbound
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathFirewallSKU, types.StringUnknown())...)
		}
	}
	var provisionNow types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, pathProvisionNow, &provisionNow)...)
	if provisionNow.ValueBool() && mode.ValueString() != string(client.ManagedNetworkIsolationModeDisabled) &&
		state.Status.ValueString() != string(client.ManagedNetworkStatusActive) {
		tflog.Debug(ctx, "The managed network is not active: planning an update that provisions it")
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathStatus, types.StringUnknown())...)
		if state.NetworkID.ValueString() == "" { // provisioning gives it
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, pathNetworkIDAttr, types.StringUnknown())...)
		}
	}
}
