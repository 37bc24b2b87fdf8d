package managednetwork

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

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
)

// lookupTTL bounds how long plans reuse a managed network read from the provider's memo: one read serves the plan of
// every rule of a network; the apply checks again under the account's lock.
const lookupTTL = time.Minute

// privateReplaces is the private-state key under which a rule's plan records the rule it would replace.
const privateReplaces = "replaces"

// ModifyPlan checks a rule against its managed network when the network exists and its ID is known (it is unknown
// while the network is created, replaced or changes isolation mode: the apply's own plan of the rule checks then):
//
//   - a new rule, or one that changes kind: isolation mode Disabled takes no rules; AllowInternetOutbound takes
//     private endpoint rules only;
//   - a new rule's name must be free: not a rule the service added, not a rule written elsewhere (inline on the
//     network or by another configuration), which would otherwise be silently overwritten;
//   - a rule in state that its network no longer has plans an update that writes it again. This is what happens
//     in the apply after the network was replaced: the rules went with the old network, and since the new one has
//     the same ID the rule would otherwise look unchanged. One read of the network serves every rule of a plan.
func (r *ruleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.Data.PlanChecksOff() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, state ruleModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	create := req.State.Raw.IsNull()
	if !create {
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
			return
		}
		// When this plan turns out to be a replacement, Terraform plans the create again without the state but with
		// this private data: the rule found under the name then is this one, not another owner's.
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateReplaces, []byte(strconv.Quote(strings.ToLower(state.ID.ValueString()))))...)
	}
	if plan.ManagedNetworkID.IsUnknown() || plan.Name.IsUnknown() || plan.kind() == "" {
		return
	}
	id, err := client.ParseManagedNetworkID(plan.ManagedNetworkID.ValueString())
	if err != nil {
		return // the attribute validator reports it
	}
	ctx = tflog.SetField(ctx, "managed_network_id", id.String())
	network, err := providerdata.Remember(ctx, r.Data.Memo, "managed-network|"+id.String(), lookupTTL, func(ctx context.Context) (client.ManagedNetwork, error) {
		return r.Data.Client.GetManagedNetwork(ctx, id)
	})
	if client.IsNotFound(err) {
		tflog.Debug(ctx, "The managed network does not exist yet; the rule is checked at apply")
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("outbound rule against its managed network", networkObject, id.String(), err))
		return
	}
	var rules map[string]client.OutboundRuleProperties
	if p := network.Properties; p != nil && p.ManagedNetwork != nil {
		rules = p.ManagedNetwork.OutboundRules
	}
	existing, found := ruleNamed(rules, plan.Name.ValueString())
	// A network read without its outboundRules map says nothing about the rule (the service might leave it out).
	gone := rules != nil && !create && !found && sameID(state.ID.ValueString(), client.NewOutboundRuleID(id, plan.Name.ValueString()).String())
	if gone {
		tflog.Debug(ctx, "The managed network no longer has the rule (it was replaced): planning an update that writes the rule again")
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), types.StringUnknown())...)
	}
	if create || gone || state.kind() != plan.kind() {
		resp.Diagnostics.Append(checkIsolation(isolationOf(network), plan.kind(), id)...)
	}
	if !create || !found || resp.Diagnostics.HasError() {
		return
	}
	replaced, d := req.Private.GetKey(ctx, privateReplaces)
	resp.Diagnostics.Append(d...)
	ruleID := client.NewOutboundRuleID(id, plan.Name.ValueString())
	if string(replaced) != strconv.Quote(strings.ToLower(ruleID.String())) && (microsoftManaged(existing) || !crud.Resumable(r.Data, ruleID.String())) {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("name"), "Outbound rule already exists",
			takenDetail(ruleID, client.OutboundRule{Properties: existing})))
	}
}

// ruleNamed finds a rule by name, case-insensitively.
func ruleNamed(rules map[string]client.OutboundRuleProperties, name string) (client.OutboundRuleProperties, bool) {
	for n, rule := range rules {
		if strings.EqualFold(n, name) {
			return rule, true
		}
	}
	return nil, false
}

// checkIsolation says at plan what the service would refuse at apply: rules on a network without isolation, and
// rules other than private endpoints where all internet traffic is allowed anyway.
func checkIsolation(mode client.ManagedNetworkIsolationMode, kind client.OutboundRuleType, network client.ManagedNetworkID) diag.Diagnostics {
	switch {
	case mode == client.ManagedNetworkIsolationModeDisabled:
		return diag.Diagnostics{diagnostics.InvalidAttribute(pathNetworkID, "Managed network isolation is disabled",
			fmt.Sprintf("Managed network %q has isolation_mode \"Disabled\": it isolates nothing, so outbound rules mean nothing there and the service refuses them. "+
				"Set isolation_mode to \"AllowOnlyApprovedOutbound\" (or \"AllowInternetOutbound\" for private endpoints only) on its foundry_account_managed_network.",
				network.String()))}
	case mode == client.ManagedNetworkIsolationModeAllowInternetOutbound && kind != client.OutboundRuleTypePrivateEndpoint:
		attr := pathFQDN
		if kind == client.OutboundRuleTypeServiceTag {
			attr = pathServiceTag
		}
		return diag.Diagnostics{diagnostics.InvalidAttribute(attr, "Rule kind not used with AllowInternetOutbound",
			fmt.Sprintf("Managed network %q has isolation_mode \"AllowInternetOutbound\": all internet traffic is allowed already, and only private_endpoint rules apply. "+
				"Set isolation_mode = \"AllowOnlyApprovedOutbound\" to allow only approved destinations with %s rules.", network.String(), framework.AttributeName(attr)))}
	}
	return nil
}
