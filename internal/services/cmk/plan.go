package cmk

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/encryption"
)

// ModifyPlan plans key_version and, when the key or identity changes, checks through ARM what the service would
// refuse at apply: see Check. It needs the account to exist: when it is created in the same apply, the checks
// (and the "already encrypted" check) run at apply only.
func (r *cmkResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Data.PlanChecksOff() {
		var state cmkModel
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
			return
		}
		resp.Diagnostics.Append(stillEncrypted(state.ID.ValueString(), state.KeyID.ValueString()))
		return
	}
	var plan, state cmkModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	create := req.State.Raw.IsNull()
	if !create {
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
			return
		}
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("key_version"), encryption.PlanKeyVersion(plan.KeyID, state.KeyID, state.KeyVersion))...)
	if r.Data == nil || plan.AccountID.IsUnknown() || plan.KeyID.IsUnknown() || plan.IdentityClientID.IsUnknown() {
		return
	}
	if !create && plan.KeyID.Equal(state.KeyID) && plan.IdentityClientID.Equal(state.IdentityClientID) && plan.AccountID.Equal(state.AccountID) {
		return
	}
	accountID, err := client.ParseAccountID(plan.AccountID.ValueString())
	if err != nil {
		return
	}
	keyID, err := client.ParseKeyID(plan.KeyID.ValueString())
	if err != nil {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", accountID.String())
	account, err := r.Data.Client.GetAccount(ctx, accountID)
	if client.IsNotFound(err) {
		tflog.Debug(ctx, "Account does not exist yet; the customer-managed key is checked at apply")
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("customer-managed key", "account", accountID.String(), err))
		return
	}
	if (create || !plan.AccountID.Equal(state.AccountID)) && encryption.HasCustomerManagedKey(account) {
		resp.Diagnostics.Append(alreadyEncrypted(path.Root("account_id"), accountID.String()))
		return
	}
	resp.Diagnostics.Append(encryption.Check(ctx, r.Data.Client, encryption.TargetFromAccount(accountID.String(), account), keyID, plan.IdentityClientID.ValueString(),
		encryption.Paths{KeyID: path.Root("key_id"), IdentityClientID: path.Root("identity_client_id")})...)
}
