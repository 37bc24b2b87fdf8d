package managednetwork

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

var (
	pathID           = path.Root("id")
	pathIsolation    = path.Root("isolation_mode")
	pathFirewallSKU  = path.Root("firewall_sku")
	pathStatus       = path.Root("status")
	pathChangeable   = path.Root("changeable_isolation_modes")
	pathProvisionNow = path.Root("provision_now")
	pathAccountID    = path.Root("account_id")
	// pathNetworkIDAttr is network_id, the service's ID of the provisioned network (not the ARM ID).
	pathNetworkIDAttr = path.Root("network_id")
)

// networkAttributes are what the service says about a managed network; the resource and the data source share them.
type networkAttributes struct {
	ID                       types.String `tfsdk:"id"`
	AccountID                types.String `tfsdk:"account_id"`
	Name                     types.String `tfsdk:"name"`
	IsolationMode            types.String `tfsdk:"isolation_mode"`
	FirewallSKU              types.String `tfsdk:"firewall_sku"`
	ManagedNetworkKind       types.String `tfsdk:"managed_network_kind"`
	Status                   types.String `tfsdk:"status"`
	NetworkID                types.String `tfsdk:"network_id"`
	FirewallPublicIPAddress  types.String `tfsdk:"firewall_public_ip_address"`
	ProvisioningState        types.String `tfsdk:"provisioning_state"`
	ChangeableIsolationModes types.List   `tfsdk:"changeable_isolation_modes"`
}

type networkModel struct {
	networkAttributes
	ProvisionNow types.Bool     `tfsdk:"provision_now"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

// expandNetwork is the body of a create (PUT) or update (PATCH): the settings only. It never carries outboundRules
// (rules are foundry_account_outbound_rule resources; a PUT or PATCH without the map leaves them alone) nor status
// (the spec does not mark it read-only, but the service computes it).
func expandNetwork(m networkModel) client.ManagedNetwork {
	s := &client.ManagedNetworkSettings{
		IsolationMode: framework.Ptr(client.ManagedNetworkIsolationMode(m.IsolationMode.ValueString())),
	}
	if v := framework.KnownStringPointer(m.FirewallSKU); v != nil {
		s.FirewallSKU = framework.Ptr(client.ManagedNetworkFirewallSKU(*v))
	}
	if v := framework.KnownStringPointer(m.ManagedNetworkKind); v != nil {
		s.ManagedNetworkKind = framework.Ptr(client.ManagedNetworkKind(*v))
	}
	return client.ManagedNetwork{Properties: &client.ManagedNetworkProperties{ManagedNetwork: s}}
}

// flattenNetwork writes what the service returned into m; the configured account_id keeps its spelling.
func flattenNetwork(ctx context.Context, id client.ManagedNetworkID, got client.ManagedNetwork, m *networkAttributes) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(id.String())
	if m.AccountID.IsNull() || m.AccountID.IsUnknown() {
		m.AccountID = types.StringValue(id.AccountID.String())
	}
	m.Name = types.StringValue(framework.Deref(got.Name))
	if m.Name.ValueString() == "" {
		m.Name = types.StringValue(id.Name)
	}
	var s client.ManagedNetworkSettings
	if got.Properties != nil && got.Properties.ManagedNetwork != nil {
		s = *got.Properties.ManagedNetwork
	}
	m.IsolationMode = types.StringValue(string(framework.Deref(s.IsolationMode)))
	if m.IsolationMode.ValueString() == "" {
		m.IsolationMode = types.StringValue(string(client.ManagedNetworkIsolationModeDisabled))
	}
	m.FirewallSKU = types.StringPointerValue((*string)(s.FirewallSKU))
	m.ManagedNetworkKind = types.StringPointerValue((*string)(s.ManagedNetworkKind))
	m.Status = types.StringValue(string(client.ManagedNetworkStatusInactive))
	if s.Status != nil && s.Status.Status != nil {
		m.Status = types.StringValue(string(*s.Status.Status))
	}
	m.NetworkID = types.StringValue(framework.Deref(s.NetworkID))
	m.FirewallPublicIPAddress = types.StringValue(framework.Deref(s.FirewallPublicIPAddress))
	state := s.ProvisioningState
	if got.Properties != nil && got.Properties.ProvisioningState != nil {
		state = got.Properties.ProvisioningState
	}
	m.ProvisioningState = types.StringValue(string(framework.Deref(state)))
	modes := make([]string, len(s.ChangeableIsolationModes))
	for i, v := range s.ChangeableIsolationModes {
		modes[i] = string(v)
	}
	list, d := types.ListValueFrom(ctx, types.StringType, modes)
	diags.Append(d...)
	m.ChangeableIsolationModes = list
	return diags
}

// isActive reports whether the network is provisioned.
func isActive(got client.ManagedNetwork) bool {
	p := got.Properties
	return p != nil && p.ManagedNetwork != nil && p.ManagedNetwork.Status != nil &&
		framework.Deref(p.ManagedNetwork.Status.Status) == client.ManagedNetworkStatusActive
}

// isolationOf is the network's isolation mode (Disabled when the service sends none).
func isolationOf(got client.ManagedNetwork) client.ManagedNetworkIsolationMode {
	if p := got.Properties; p != nil && p.ManagedNetwork != nil && p.ManagedNetwork.IsolationMode != nil {
		return *p.ManagedNetwork.IsolationMode
	}
	return client.ManagedNetworkIsolationModeDisabled
}
