package account

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/encryption"
)

// customerManagedKeyModel is the inline customer_managed_key block.
type customerManagedKeyModel struct {
	KeyID            types.String `tfsdk:"key_id"`
	IdentityClientID types.String `tfsdk:"identity_client_id"`
	KeyVersion       types.String `tfsdk:"key_version"`
}

var cmkPath = path.Root("customer_managed_key")

func customerManagedKeySchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Customer-managed key (`properties.encryption`, `keySource = Microsoft.KeyVault`) set in the same PUT that creates the " +
			"account, so the account is never unencrypted. This needs a user-assigned identity (in `identity.identity_ids`) that already has " +
			"get, wrapKey and unwrapKey on the key; for the system-assigned identity, which only exists once the account does, use the " +
			"`foundry_account_customer_managed_key` resource instead (never both on one account). Azure cannot switch an account back to " +
			"Microsoft-managed keys, so removing this block is refused at plan; re-create the account (`terraform apply -replace=...`) instead. " +
			"When the block is absent, the provider leaves the account's encryption as it is.",
		Attributes: encryption.Attributes(),
	}
}

// expandCustomerManagedKey resolves the inline key and sets the encryption of body; with no block it keeps
// current (the account's encryption before this write, possibly set by foundry_account_customer_managed_key), so a
// full PUT never tries to take a key away.
func (r *accountResource) expandCustomerManagedKey(ctx context.Context, m *customerManagedKeyModel, current *client.Encryption, body *client.Account) diag.Diagnostics {
	if m == nil {
		body.Properties.Encryption = current
		return nil
	}
	id, err := client.ParseKeyID(m.KeyID.ValueString())
	if err != nil {
		return diag.Diagnostics{diagnostics.InvalidAttribute(cmkPath.AtName("key_id"), "Invalid key_id", err.Error())}
	}
	resolved, err := encryption.Resolve(ctx, r.Data.Client, id)
	if err != nil {
		return diag.Diagnostics{diagnostics.AttributeAPIError(cmkPath.AtName("key_id"), diagnostics.Reading, "key", id.String(), err, accountHints, encryption.Hints)}
	}
	body.Properties.Encryption = encryption.Properties(id, resolved, m.IdentityClientID.ValueString())
	return nil
}

// flattenCustomerManagedKey fills the inline block from the account's encryption, only when the block is in use
// (prior non-nil): otherwise the key belongs to foundry_account_customer_managed_key or to someone else.
func (r *accountResource) flattenCustomerManagedKey(ctx context.Context, a client.Account, prior *customerManagedKeyModel) *customerManagedKeyModel {
	if prior == nil || !encryption.HasCustomerManagedKey(a) {
		return nil
	}
	f, ok := encryption.Flatten(ctx, r.Data.Client, encryption.Of(a), prior.KeyID, prior.IdentityClientID, prior.KeyVersion)
	if !ok {
		return nil
	}
	return &customerManagedKeyModel{KeyID: f.KeyID, IdentityClientID: f.IdentityClientID, KeyVersion: f.KeyVersion}
}

// planCustomerManagedKey plans key_version, refuses removing the block, and checks a new or changed key.
func (r *accountResource) planCustomerManagedKey(ctx context.Context, plan, state *accountModel, replacing bool, resp *resource.ModifyPlanResponse) {
	var stateCMK *customerManagedKeyModel
	if state != nil {
		stateCMK = state.CustomerManagedKey
	}
	if plan.CustomerManagedKey == nil {
		if stateCMK != nil && !replacing {
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(cmkPath, "Customer-managed key cannot be removed",
				fmt.Sprintf("Account %q is encrypted with a customer-managed key, and Azure cannot switch an account back to Microsoft-managed keys. "+
					"Put the customer_managed_key block back (you may change the key or pin another version). If you want an account without it, "+
					"re-create the account, which deletes its data: terraform apply -replace=<address of this foundry_account>.", state.ID.ValueString())))
		}
		return
	}
	m := plan.CustomerManagedKey
	var sk, sv types.String
	if stateCMK != nil && !replacing {
		sk, sv = stateCMK.KeyID, stateCMK.KeyVersion
	}
	m.KeyVersion = encryption.PlanKeyVersion(m.KeyID, sk, sv)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, cmkPath.AtName("key_version"), m.KeyVersion)...)

	if r.Data == nil || m.KeyID.IsUnknown() || m.IdentityClientID.IsUnknown() {
		return
	}
	if stateCMK != nil && !replacing && m.KeyID.Equal(stateCMK.KeyID) && m.IdentityClientID.Equal(stateCMK.IdentityClientID) {
		return
	}
	keyID, err := client.ParseKeyID(m.KeyID.ValueString())
	if err != nil {
		return
	}
	paths := encryption.Paths{KeyID: cmkPath.AtName("key_id"), IdentityClientID: cmkPath.AtName("identity_client_id")}
	if state != nil && !replacing {
		id, err := client.ParseAccountID(state.ID.ValueString())
		if err != nil {
			return
		}
		account, err := r.Data.Client.GetAccount(ctx, id)
		if err != nil {
			resp.Diagnostics.Append(diagnostics.CheckSkipped("customer-managed key", "account", id.String(), err))
			return
		}
		target := encryption.TargetFromAccount(id.String(), account)
		// An identity added in this same plan is not on the account yet: take the plan's word for the system one.
		if plan.Identity != nil && strings.Contains(plan.Identity.Type.ValueString(), "SystemAssigned") {
			target.SystemAssigned = true
		}
		resp.Diagnostics.Append(encryption.Check(ctx, r.Data.Client, target, keyID, m.IdentityClientID.ValueString(), paths)...)
		return
	}
	target, ok := r.plannedTarget(ctx, plan, resp)
	if !ok {
		return
	}
	if m.IdentityClientID.IsNull() {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(paths.IdentityClientID, "System-assigned identity cannot reach the key at create",
			"The inline customer_managed_key block encrypts the account in the PUT that creates it, but a system-assigned identity only exists "+
				"once the account does, so nobody can have granted it access to the key yet. Either set identity_client_id to a user-assigned "+
				"identity (listed in identity.identity_ids) that already has get, wrapKey and unwrapKey on the key, or remove this block and use "+
				"the foundry_account_customer_managed_key resource after granting the account's system-assigned identity access."))
		return
	}
	resp.Diagnostics.Append(encryption.Check(ctx, r.Data.Client, target, keyID, m.IdentityClientID.ValueString(), paths)...)
}

// plannedTarget describes an account that does not exist yet from its plan, reading its user-assigned identities.
func (r *accountResource) plannedTarget(ctx context.Context, plan *accountModel, resp *resource.ModifyPlanResponse) (encryption.Target, bool) {
	t := encryption.Target{
		AccountID:    client.NewAccountID(r.Data.SubscriptionID, plan.ResourceGroupName.ValueString(), plan.Name.ValueString()).String(),
		Location:     plan.Location.ValueString(),
		UserAssigned: map[string]encryption.Principal{},
	}
	if plan.Location.IsUnknown() || plan.Identity == nil || plan.Identity.Type.IsUnknown() || plan.Identity.IdentityIDs.IsUnknown() {
		return t, false
	}
	t.SystemAssigned = strings.Contains(plan.Identity.Type.ValueString(), "SystemAssigned")
	var ids []string
	resp.Diagnostics.Append(plan.Identity.IdentityIDs.ElementsAs(ctx, &ids, false)...)
	for _, s := range ids {
		id, err := client.ParseUserAssignedIdentityID(s)
		if err != nil {
			return t, false
		}
		got, err := r.Data.Client.GetUserAssignedIdentity(ctx, id)
		if err != nil {
			tflog.Debug(ctx, "Could not read a user-assigned identity for the customer-managed key check", map[string]any{"identity_id": s, "error": err.Error()})
			resp.Diagnostics.Append(diagnostics.CheckSkipped("customer-managed key", "user-assigned identity", id.String(), err))
			return t, false
		}
		if p := got.Properties; p != nil && p.ClientID != nil {
			t.UserAssigned[strings.ToLower(*p.ClientID)] = encryption.Principal{PrincipalID: framework.Deref(p.PrincipalID), TenantID: framework.Deref(p.TenantID)}
		}
	}
	return t, true
}
