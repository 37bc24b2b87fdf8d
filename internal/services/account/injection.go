package account

import (
	"context"
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
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/agentsubnet"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/encryption"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/waits"
)

// networkInjectionModel is the network_injection attribute (one entry of properties.networkInjections).
type networkInjectionModel struct {
	Scenario                   types.String `tfsdk:"scenario"`
	SubnetID                   types.String `tfsdk:"subnet_id"`
	UseMicrosoftManagedNetwork types.Bool   `tfsdk:"use_microsoft_managed_network"`
}

// agentHostSuffix ends the name of the capability host the service creates for a network-injected account.
const agentHostSuffix = "@aml_aiagentservice"

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

// planNetworkInjection checks a new agent subnet through ARM (agentsubnet.Check): it exists, is delegated to
// Microsoft.App/environments, lies in the account's region, uses an allowed range, and has no other account's link.
func (r *accountResource) planNetworkInjection(ctx context.Context, plan, state *accountModel, resp *resource.ModifyPlanResponse) {
	m := plan.NetworkInjection
	if r.Data == nil || m == nil || m.SubnetID.IsUnknown() || m.SubnetID.IsNull() || plan.Location.IsUnknown() {
		return
	}
	if state != nil && state.NetworkInjection != nil && strings.EqualFold(state.NetworkInjection.SubnetID.ValueString(), m.SubnetID.ValueString()) {
		return // the account's own subnet, checked when it was chosen
	}
	// The create half of a replacement is planned without state: a link held by the account being replaced (same
	// ID) is released by the destroy that runs first.
	self := client.NewAccountID(r.Data.SubscriptionID, plan.ResourceGroupName.ValueString(), plan.Name.ValueString()).String()
	agentsubnet.Check(ctx, r.Data.Client, m.SubnetID.ValueString(), plan.Location.ValueString(), self, injectionPath.AtName("subnet_id"), &resp.Diagnostics)
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
