package raipolicy

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/raicheck"
)

// lookupTTL bounds how long ModifyPlan reuses an account or a region's content filters from the provider's memo.
const lookupTTL = time.Minute

// ModifyPlan records the policy as planned, so that deployments and policies planned after it (they reference it)
// may name it, and, when the account exists, checks what only Azure knows: the base policy, the content filters of
// the account's region and the blocklists. Only what the plan changes is checked: a blocklist deleted out of band
// must not block other changes.
func (r *policyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.Data.PlanChecksOff() || req.Plan.Raw.IsNull() {
		return
	}
	var accountID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("account_id"), &accountID)...)
	plan, d := readValues(ctx, tfsdk.State(req.Plan))
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() || framework.AnyNullOrUnknown(accountID, plan.name) {
		return
	}
	account, err := client.ParseAccountID(accountID.ValueString())
	if err != nil {
		return // the attribute validator reports it
	}
	raicheck.Planned(r.Data, raicheck.Policy, account, plan.name.ValueString())
	ctx = tflog.SetField(ctx, "account_id", account.String())
	var state configValues
	if req.State.Raw.IsNull() {
		// A PUT would silently take over a policy of the same name: it must be imported instead.
		id := client.NewRAIPolicyID(account, plan.name.ValueString())
		if _, err := r.Data.Client.GetRAIPolicy(ctx, id); err == nil {
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("name"), "RAI policy already exists",
				fmt.Sprintf("Account %q already has a RAI policy named %q (%s). Import it (terraform import) to manage it here, or choose another name.",
					account.Name, id.Name, id.String())))
			return
		} else if client.IsNotFound(err) && !isPolicyNotFound(err) {
			return // the account does not exist yet: nothing to check against
		}
	} else if state, d = readValues(ctx, req.State); d.HasError() {
		return
	}
	if known(plan.base) != nil && !strings.EqualFold(plan.base.ValueString(), state.base.ValueString()) {
		if !r.checkName(ctx, raicheck.Policy, account, plan.base.ValueString(), path.Root("base_policy_name"), &resp.Diagnostics) {
			return
		}
	}
	oldLists := map[string]bool{}
	for _, b := range state.blocklists {
		oldLists[strings.ToLower(b.BlocklistName.ValueString())] = true
	}
	for i, b := range plan.blocklists {
		if n := known(b.BlocklistName); n != nil && !oldLists[strings.ToLower(*n)] {
			if !r.checkName(ctx, raicheck.Blocklist, account, *n, path.Root("custom_blocklists").AtListIndex(i).AtName("blocklist_name"), &resp.Diagnostics) {
				return
			}
		}
	}
	r.checkFilters(ctx, account, plan.filters, state.filters, &resp.Diagnostics)
}

// checkName reports a base policy or blocklist the account does not have; false means stop checking (the account is
// not there yet, or the names could not be read).
func (r *policyResource) checkName(ctx context.Context, kind raicheck.Kind, account client.AccountID, name string, p path.Path, diags *diag.Diagnostics) bool {
	res := raicheck.Check(ctx, r.Data, kind, account, name)
	switch {
	case res.AccountMissing:
		tflog.Debug(ctx, "Account does not exist yet; the RAI names are checked by the service at apply")
		return false
	case res.Err != nil:
		diags.Append(diagnostics.CheckSkipped(string(kind)+" names", "account", account.String(), res.Err))
		return false
	case !res.Found:
		resourceType := "foundry_rai_policy"
		if kind == raicheck.Blocklist {
			resourceType = "foundry_rai_blocklist"
		}
		diags.Append(diagnostics.InvalidAttribute(p, string(kind)+" not found", raicheck.Message(kind, account, name, res, resourceType)))
	}
	return true
}

// checkFilters checks the content filters that the plan adds or changes against those of the account's region.
func (r *policyResource) checkFilters(ctx context.Context, account client.AccountID, plan, state []contentFilterModel, diags *diag.Diagnostics) {
	old := map[string]contentFilterModel{}
	for _, f := range state {
		old[key(f.Name, f.Source)] = f
	}
	var changed []int
	for i, f := range plan {
		if o, ok := old[key(f.Name, f.Source)]; !ok || o.Name != f.Name || !o.SeverityThreshold.Equal(f.SeverityThreshold) {
			changed = append(changed, i)
		}
	}
	if len(changed) == 0 {
		return
	}
	acc, err := providerdata.Remember(ctx, r.Data.Memo, "account|"+account.String(), lookupTTL, func(ctx context.Context) (client.Account, error) {
		return r.Data.Client.GetAccount(ctx, account)
	})
	if client.IsNotFound(err) {
		return
	}
	if err != nil {
		diags.Append(diagnostics.CheckSkipped("content filters", "account", account.String(), err))
		return
	}
	region := framework.NormalizeLocation(framework.Deref(acc.Location))
	filters, err := regionFilters(ctx, r.Data, account.SubscriptionID, region)
	if err != nil {
		diags.Append(diagnostics.CheckSkipped("content filters", "content filters of location", region, err))
		return
	}
	for _, i := range changed {
		checkFilter(i, plan[i], filters, true, region, diags)
	}
}

// regionFilters are the content filters of a region, as the checks read them.
func regionFilters(ctx context.Context, data *providerdata.Data, subscriptionID, region string) ([]contentFilter, error) {
	return providerdata.Remember(ctx, data.Memo, "rai-content-filters|"+subscriptionID+"|"+region, lookupTTL, func(ctx context.Context) ([]contentFilter, error) {
		list, err := data.Client.ListRAIContentFilters(ctx, subscriptionID, region)
		if err != nil {
			return nil, err
		}
		out := make([]contentFilter, 0, len(list))
		for _, f := range list {
			p := framework.Deref(f.Properties)
			out = append(out, contentFilter{name: framework.Deref(p.Name), multiLevel: framework.Deref(p.IsMultiLevelFilter), source: string(framework.Deref(p.Source))})
		}
		return out, nil
	})
}

// isPolicyNotFound tells a missing policy (ResourceNotFound) from a missing account (ParentResourceNotFound).
func isPolicyNotFound(err error) bool {
	return client.IsNotFound(err) && !strings.EqualFold(client.ErrorCode(err), "ParentResourceNotFound")
}
