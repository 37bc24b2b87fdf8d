package managednetwork

import (
	"context"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	// Creating a managed network includes provisioning it, which builds a virtual network, private endpoints and,
	// with AllowOnlyApprovedOutbound, an Azure Firewall: tens of minutes.
	defaultNetworkCreateTimeout = 60 * time.Minute
	defaultNetworkUpdateTimeout = 60 * time.Minute
	defaultNetworkDeleteTimeout = 30 * time.Minute
	defaultReadTimeout          = 5 * time.Minute

	accountType    = "Microsoft.CognitiveServices/accounts"
	accountExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}"
)

// IsolationModes are the values of properties.managedNetwork.isolationMode, least isolated first.
var IsolationModes = []string{
	string(client.ManagedNetworkIsolationModeDisabled),
	string(client.ManagedNetworkIsolationModeAllowInternetOutbound),
	string(client.ManagedNetworkIsolationModeAllowOnlyApprovedOutbound),
}

// FirewallSKUs are the values of properties.managedNetwork.firewallSku.
var FirewallSKUs = []string{string(client.ManagedNetworkFirewallSKUStandard), string(client.ManagedNetworkFirewallSKUBasic)}

// ManagedNetworkKinds are the values of properties.managedNetwork.managedNetworkKind.
var ManagedNetworkKinds = []string{string(client.ManagedNetworkKindV1), string(client.ManagedNetworkKindV2)}

func accountIDValidators() []validator.String {
	return []validator.String{framework.ARMID(accountType, accountExample)}
}

// networkSchema is the foundry_account_managed_network schema. Rules are not in it: see the package comment.
func networkSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "The Microsoft-managed virtual network of a Foundry resource (`Microsoft.CognitiveServices/accounts/managedNetworks/default`, " +
			"API version 2026-09-01), which isolates the account's agents and compute and decides what they may reach. " +
			"The resource creates the network, then runs the `provision` action and waits for it (unless `provision_now = false`). " +
			"Writes are serialised with the other children of the same account.\n\n" +
			"Outbound rules are **not** set here: each rule is a `foundry_account_outbound_rule`. This resource never sends or reads the " +
			"network's `outboundRules` map, so the two never fight over a rule; the `foundry_account_outbound_rules` data source lists every rule, " +
			"the ones the service adds included.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "ARM ID of the managed network, `<account ID>/managedNetworks/default`. Rules refer to it in `managed_network_id`. " +
					"It is unknown in a plan that changes `isolation_mode`, so that the rules of the network are checked against the new mode.",
			},
			"account_id": schema.StringAttribute{
				Required: true, Validators: accountIDValidators(), PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "ARM ID of the Foundry resource (`foundry_account.id`). Changing it replaces the managed network.",
			},
			"name": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Name of the managed network: always `default`, the only name the service supports.",
			},
			"isolation_mode": schema.StringAttribute{
				Required: true, Validators: []validator.String{stringvalidator.OneOf(IsolationModes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(isolationNeedsReplace,
					"Replaces the managed network when the service cannot change the isolation mode in place.",
					"Replaces the managed network when the service cannot change the isolation mode in place.")},
				MarkdownDescription: "What the network may reach (`properties.managedNetwork.isolationMode`): `Disabled` (no managed network isolation; no outbound rules), " +
					"`AllowInternetOutbound` (all internet traffic; `private_endpoint` rules reach private resources) or `AllowOnlyApprovedOutbound` " +
					"(only the destinations of outbound rules and those the service requires). The mode changes in place towards more isolation " +
					"(the service's `changeableIsolationModes`); any other change replaces the managed network, and its rules with it.",
			},
			"firewall_sku": schema.StringAttribute{
				Optional: true, Computed: true, Validators: []validator.String{stringvalidator.OneOf(FirewallSKUs...)}, PlanModifiers: keep,
				MarkdownDescription: "SKU of the Azure Firewall that enforces `fqdn` rules (`properties.managedNetwork.firewallSku`): `Standard` or `Basic`. " +
					"Only used with `AllowOnlyApprovedOutbound`, where the service picks `Standard` when it is omitted. Updated in place.",
			},
			"managed_network_kind": schema.StringAttribute{
				Optional: true, Computed: true, Validators: []validator.String{stringvalidator.OneOf(ManagedNetworkKinds...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIf(kindNeedsReplace,
					"Replaces the managed network when the kind goes from V2 back to V1.", "Replaces the managed network when the kind goes from V2 back to V1.")},
				MarkdownDescription: "Generation of the managed network (`properties.managedNetwork.managedNetworkKind`): `V1` or `V2` (granular access " +
					"controls; the Foundry samples use it). The service picks `V1` when it is omitted. `V1` → `V2` is updated in place; `V2` → `V1` replaces the managed network.",
			},
			"provision_now": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether to provision the network now (the `provision` action) and wait until it is `Active`, on create and whenever " +
					"it is not active (default `true`). With `false` the service provisions it when the first agent needs it, and `status` stays `Inactive` " +
					"until then. Ignored with isolation mode `Disabled`. A provider setting, not an ARM property.",
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the network has been provisioned (`properties.managedNetwork.status.status`): `Active` or `Inactive`.",
			},
			"network_id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "ID the service gives the provisioned network (`properties.managedNetwork.networkId`); empty until it is provisioned.",
			},
			"firewall_public_ip_address": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Public IP address of the network's Azure Firewall (`properties.managedNetwork.firewallPublicIpAddress`), once provisioned with `AllowOnlyApprovedOutbound`; for allow lists of the destinations you reach.",
			},
			"provisioning_state": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Provisioning state of the managed network resource (`properties.provisioningState`).",
			},
			"changeable_isolation_modes": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Isolation modes the network can change to in place (`properties.managedNetwork.changeableIsolationModes`).",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long to wait for the managed network to be created and provisioned, including waits for other writes to the account (default 60 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for an update and the provisioning it needs (default 60 minutes).",
				DeleteDescription: "How long to wait until the managed network is gone (default 30 minutes)."}),
		},
	}
}

// isolationNeedsReplace: a new isolation mode the state's network cannot change to in place.
func isolationNeedsReplace(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsUnknown() || req.PlanValue.Equal(req.StateValue) {
		return
	}
	var changeable []string
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathChangeable, &changeable)...)
	resp.RequiresReplace = !slices.Contains(changeable, req.PlanValue.ValueString())
}

// kindNeedsReplace: V2 back to V1.
func kindNeedsReplace(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = req.StateValue.ValueString() == string(client.ManagedNetworkKindV2) &&
		req.PlanValue.ValueString() == string(client.ManagedNetworkKindV1)
}
