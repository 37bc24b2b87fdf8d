package deployment

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/raicheck"
)

var pathRAIPolicy = path.Root("rai_policy_name")

// checkRAIPolicy checks, when rai_policy_name is new or changes and the account exists, that the account has the
// policy: a built-in one, one created before, or one this plan creates (a foundry_rai_policy planned earlier in the
// same plan, because the deployment references it). The error lists the names the account has.
func (r *deploymentResource) checkRAIPolicy(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var accountID, policy, prior types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("account_id"), &accountID)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, pathRAIPolicy, &policy)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathRAIPolicy, &prior)...)
	}
	if resp.Diagnostics.HasError() || framework.AnyNullOrUnknown(accountID, policy) || strings.EqualFold(policy.ValueString(), prior.ValueString()) {
		return
	}
	account, err := client.ParseAccountID(accountID.ValueString())
	if err != nil {
		return // the attribute validator reports it
	}
	ctx = tflog.SetField(ctx, "account_id", account.String())
	res := raicheck.Check(ctx, r.Data, raicheck.Policy, account, policy.ValueString())
	switch {
	case res.AccountMissing:
		tflog.Debug(ctx, "Account does not exist yet; the RAI policy is checked by the service at apply")
	case res.Err != nil:
		resp.Diagnostics.Append(diagnostics.CheckSkipped("RAI policy", "RAI policies of account", account.String(), res.Err))
	case !res.Found:
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(pathRAIPolicy, "RAI policy not found",
			raicheck.Message(raicheck.Policy, account, policy.ValueString(), res, "foundry_rai_policy")))
	}
}
