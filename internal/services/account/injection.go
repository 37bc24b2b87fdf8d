package account

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/encryption"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/waits"
)

// networkInjectionModel is the network_injection attribute (one entry of properties.networkInjections).
type networkInjectionModel struct {
	Scenario                   types.String `tfsdk:"scenario"`
	SubnetID                   types.String `tfsdk:"subnet_id"`
	UseMicrosoftManagedNetwork types.Bool   `tfsdk:"use_microsoft_managed_network"`
}

const (
	agentDelegation = "Microsoft.App/environments"
	// agentHostSuffix ends the name of the capability host the service creates for a network-injected account.
	agentHostSuffix = "@aml_aiagentservice"
)

var injectionPath = path.Root("network_injection")

func networkInjectionSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional:      true,
		PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
		MarkdownDescription: "Network injection of the Agent Service (`properties.networkInjections`): agents run in `subnet_id`, a subnet " +
			"delegated to `Microsoft.App/environments` in the account's region, in an RFC 1918 range outside the ranges the service reserves, and " +
			"used by no other account. The provider checks all of this at plan. Any change replaces the account (the service has no in-place path). " +
			"Destroy waits until the service releases the subnet when `features.account.purge_soft_delete_on_destroy` is on; without purge the " +
			"soft-deleted account keeps the subnet until it is purged (or auto-purged after 48 hours).",
		Attributes: map[string]schema.Attribute{
			"scenario": schema.StringAttribute{
				Required: true, Validators: []validator.String{stringvalidator.OneOf(string(client.ScenarioTypeAgent))},
				MarkdownDescription: "What is injected: `agent` (the only scenario).",
			},
			"subnet_id": schema.StringAttribute{
				Optional: true, Validators: []validator.String{framework.ARMID(subnetType, subnetExample)},
				MarkdownDescription: "ARM ID of the agent subnet (`subnetArmId`). Required unless `use_microsoft_managed_network` is `true`.",
			},
			"use_microsoft_managed_network": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Use a Microsoft-managed network instead of your subnet (`useMicrosoftManagedNetwork`).",
			},
		},
	}
}

func agentCapabilityHostSchema() schema.StringAttribute {
	return schema.StringAttribute{
		Computed: true,
		MarkdownDescription: "Name of the account-scope capability host the service creates for a network-injected account " +
			"(`{name}@aml_aiagentservice`, from `GET .../capabilityHosts`), for capability-host resources to adopt; null without `network_injection`.",
	}
}

// validateNetworkInjection checks at validate time that exactly one network is named.
func validateNetworkInjection(m *networkInjectionModel, diags *diag.Diagnostics) {
	if m == nil || m.SubnetID.IsUnknown() || m.UseMicrosoftManagedNetwork.IsUnknown() {
		return
	}
	managed := m.UseMicrosoftManagedNetwork.ValueBool()
	switch {
	case managed && !m.SubnetID.IsNull():
		diags.Append(diagnostics.InvalidAttribute(injectionPath.AtName("subnet_id"), "Two networks for network injection",
			"use_microsoft_managed_network = true puts agents in a Microsoft-managed network, so subnet_id must not be set. Remove one of them."))
	case !managed && m.SubnetID.IsNull():
		diags.Append(diagnostics.InvalidAttribute(injectionPath.AtName("subnet_id"), "Missing agent subnet",
			"network_injection needs subnet_id (a subnet delegated to Microsoft.App/environments), or use_microsoft_managed_network = true."))
	}
}

func expandNetworkInjection(m *networkInjectionModel, props *client.AccountProperties) {
	if m == nil {
		return
	}
	props.NetworkInjections = []client.NetworkInjection{{
		Scenario:                   framework.Ptr(client.ScenarioType(m.Scenario.ValueString())),
		SubnetArmID:                m.SubnetID.ValueStringPointer(),
		UseMicrosoftManagedNetwork: m.UseMicrosoftManagedNetwork.ValueBoolPointer(),
	}}
}

// flattenNetworkInjection keeps the user's spelling of the subnet ID and null for flags the user left out.
func flattenNetworkInjection(in []client.NetworkInjection, prior *networkInjectionModel) *networkInjectionModel {
	for _, n := range in {
		if n.Scenario == nil || *n.Scenario == client.ScenarioTypeNone {
			continue
		}
		out := &networkInjectionModel{
			Scenario:                   types.StringValue(string(*n.Scenario)),
			SubnetID:                   types.StringPointerValue(n.SubnetArmID),
			UseMicrosoftManagedNetwork: types.BoolPointerValue(n.UseMicrosoftManagedNetwork),
		}
		if framework.Deref(n.SubnetArmID) == "" {
			out.SubnetID = types.StringNull()
		}
		if prior != nil {
			if strings.EqualFold(prior.SubnetID.ValueString(), out.SubnetID.ValueString()) {
				out.SubnetID = prior.SubnetID
			}
			if prior.UseMicrosoftManagedNetwork.IsNull() && !framework.Deref(n.UseMicrosoftManagedNetwork) {
				out.UseMicrosoftManagedNetwork = types.BoolNull()
			}
		} else if !framework.Deref(n.UseMicrosoftManagedNetwork) {
			out.UseMicrosoftManagedNetwork = types.BoolNull()
		}
		return out
	}
	return nil
}

// agentCapabilityHostName reads the name of the capability host the service created for a network-injected
// account; accounts without injection are not asked (they have none until someone creates one).
func (r *accountResource) agentCapabilityHostName(ctx context.Context, id client.AccountID, injected bool) (types.String, diag.Diagnostics) {
	if !injected {
		return types.StringNull(), nil
	}
	hosts, err := r.Data.Client.ListAccountCapabilityHosts(ctx, id)
	if err != nil {
		return types.StringNull(), diag.Diagnostics{diagnostics.APIError(diagnostics.Reading, "account capability hosts", id.String(), err, accountHints, encryption.Hints)}
	}
	name := types.StringNull()
	for _, h := range hosts {
		n := framework.Deref(h.Name)
		if strings.HasSuffix(strings.ToLower(n), agentHostSuffix) || name.IsNull() {
			name = types.StringValue(n)
		}
	}
	return name, nil
}

// reservedRanges are the ranges the Agent Service uses itself; an agent subnet (or its virtual network) must not
// overlap them (foundry-samples template 15 README).
var reservedRanges = mustPrefixes("169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24", "0.0.0.0/8", "127.0.0.0/8",
	"100.100.0.0/17", "100.100.192.0/19", "100.100.224.0/19", "100.64.0.0/11")

var privateRanges = mustPrefixes("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")

func mustPrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// planNetworkInjection checks a new agent subnet through ARM: it exists, is delegated to Microsoft.App/environments,
// lies in the account's region, uses an allowed range, and has no service association link (another account's).
func (r *accountResource) planNetworkInjection(ctx context.Context, plan, state *accountModel, resp *resource.ModifyPlanResponse) {
	m := plan.NetworkInjection
	if r.Data == nil || m == nil || m.SubnetID.IsUnknown() || m.SubnetID.IsNull() || plan.Location.IsUnknown() {
		return
	}
	if state != nil && state.NetworkInjection != nil && strings.EqualFold(state.NetworkInjection.SubnetID.ValueString(), m.SubnetID.ValueString()) {
		return // the account's own subnet, checked when it was chosen
	}
	p := injectionPath.AtName("subnet_id")
	id, err := client.ParseSubnetID(m.SubnetID.ValueString())
	if err != nil {
		return
	}
	subnet, err := r.Data.Client.GetSubnet(ctx, id)
	if client.IsNotFound(err) {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(p, "Agent subnet not found",
			fmt.Sprintf("Subnet %q does not exist. Create it (delegated to %s) before the account, or correct subnet_id.", id.String(), agentDelegation)))
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("agent subnet", "subnet", id.String(), err))
		return
	}
	props := subnet.Properties
	if props == nil {
		props = &client.SubnetProperties{}
	}
	delegated := false
	for _, d := range props.Delegations {
		if d.Properties != nil && strings.EqualFold(framework.Deref(d.Properties.ServiceName), agentDelegation) {
			delegated = true
		}
	}
	if !delegated {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(p, "Agent subnet is not delegated to Microsoft.App/environments",
			fmt.Sprintf("Subnet %q must be delegated to %s for the Agent Service to inject into it. Add the delegation "+
				"(az network vnet subnet update --delegations %s ...), or choose a delegated subnet.", id.String(), agentDelegation, agentDelegation)))
	}
	// The create half of a replacement is planned without state: a link held by the account being replaced (same
	// ID) is released by the destroy that runs first.
	self := client.NewAccountID(r.Data.SubscriptionID, plan.ResourceGroupName.ValueString(), plan.Name.ValueString()).String()
	if len(props.ServiceAssociationLinks) > 0 && !linkedTo(props.ServiceAssociationLinks, self) {
		l := props.ServiceAssociationLinks[0]
		by := framework.Deref(l.Name)
		if l.Properties != nil && l.Properties.Link != nil {
			by += " to " + *l.Properties.Link
		}
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(p, "Agent subnet is already in use",
			fmt.Sprintf("Subnet %q already has a service association link (%s): another Foundry account injects its agents there, and a subnet "+
				"serves one account only. Use another subnet. If that account was deleted, the link goes once it is purged "+
				"(az cognitiveservices account purge), which can take a while after the purge.", id.String(), by)))
	}
	checkRanges(id, props.Prefixes(), "Subnet", p, &resp.Diagnostics)
	vnet, err := r.Data.Client.GetVirtualNetwork(ctx, id.VirtualNetwork)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("agent subnet's region", "virtual network", id.VirtualNetwork.String(), err))
		return
	}
	if loc := framework.Deref(vnet.Location); loc != "" && framework.NormalizeLocation(loc) != framework.NormalizeLocation(plan.Location.ValueString()) {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(p, "Agent subnet is in another region",
			fmt.Sprintf("Subnet %q belongs to virtual network %q in %s, but the account is in %s; the agent subnet must be in the account's region. "+
				"Use a subnet of a virtual network in %s.", id.String(), id.VirtualNetwork.Name, loc, plan.Location.ValueString(), plan.Location.ValueString())))
	}
}

func linkedTo(links []client.ServiceAssociationLink, accountID string) bool {
	for _, l := range links {
		if l.Properties == nil || !strings.EqualFold(framework.Deref(l.Properties.Link), accountID) {
			return false
		}
	}
	return true
}

// checkRanges reports prefixes outside RFC 1918 or overlapping the ranges the Agent Service reserves.
func checkRanges(id client.SubnetID, prefixes []string, what string, p path.Path, diags *diag.Diagnostics) {
	for _, s := range prefixes {
		pre, err := netip.ParsePrefix(s)
		if err != nil || !pre.Addr().Is4() {
			continue
		}
		private := false
		for _, r := range privateRanges {
			if r.Bits() <= pre.Bits() && r.Contains(pre.Addr()) {
				private = true
			}
		}
		if !private {
			diags.Append(diagnostics.InvalidAttribute(p, "Agent subnet is not in a private range",
				fmt.Sprintf("%s %q uses %s, which is not in an RFC 1918 range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); the Agent Service needs "+
					"a private range. Use a subnet in one of them (the samples use 192.168.0.0/24).", what, id.String(), s)))
			continue
		}
		for _, r := range reservedRanges {
			if r.Overlaps(pre) {
				diags.Append(diagnostics.InvalidAttribute(p, "Agent subnet overlaps a reserved range",
					fmt.Sprintf("%s %q uses %s, which overlaps %s, a range the Agent Service reserves for itself. Use a subnet outside %s "+
						"(for example in 192.168.0.0/16).", what, id.String(), s, r, reservedList())))
				break
			}
		}
	}
}

func reservedList() string {
	ss := make([]string, len(reservedRanges))
	for i, r := range reservedRanges {
		ss[i] = r.String()
	}
	return strings.Join(ss, ", ")
}

// waitForSubnetRelease polls the agent subnet after the account is deleted and purged until the service removes
// its service association link, on the provider's polling schedule (poll.NextDelay: a fifth of the time waited,
// 1 s to 30 s, so a short release is seen quickly and a long one costs few reads), bounded by
// waits.subnet_link_release and the delete timeout.
func (r *accountResource) waitForSubnetRelease(ctx context.Context, subnetID string) error {
	id, err := client.ParseSubnetID(subnetID)
	if err != nil {
		return err
	}
	run, wctx, cancel := waits.Start(ctx, waits.SubnetLinkRelease, r.Data.Waits.SubnetLinkRelease,
		"the service to release agent subnet "+id.String()+" (remove its service association link)")
	defer cancel()
	start := time.Now()
	err = poll.Until(wctx, func(ctx context.Context) (bool, error) {
		subnet, err := r.Data.Client.GetSubnet(ctx, id)
		switch {
		case client.IsNotFound(err):
			tflog.Debug(ctx, "Agent subnet no longer exists", map[string]any{"subnet_id": id.String()})
			return true, nil
		case err != nil:
			return false, err
		case subnet.Properties == nil || len(subnet.Properties.ServiceAssociationLinks) == 0:
			tflog.Debug(ctx, "Agent subnet released", map[string]any{"subnet_id": id.String(), "waited_ms": time.Since(start).Milliseconds()})
			return true, nil
		}
		return false, nil
	}, run.OnWait)
	return run.Err(err)
}
