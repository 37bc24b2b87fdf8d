// Package cmk manages the customer-managed key of a Foundry account (properties.encryption of
// Microsoft.CognitiveServices/accounts) as a resource of its own, foundry_account_customer_managed_key.
package cmk

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/locks"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/encryption"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

const object = "customer-managed key"

// resourceIdentity is the resource identity: the pieces of the ID.
var resourceIdentity = resourceidentity.New("encrypted account", resourceidentity.Account)

var (
	_ resource.ResourceWithConfigure   = (*cmkResource)(nil)
	_ resource.ResourceWithImportState = (*cmkResource)(nil)
	_ resource.ResourceWithIdentity    = (*cmkResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*cmkResource)(nil)
)

type cmkResource struct{ providerdata.ResourceBase }

// NewResource returns the foundry_account_customer_managed_key resource.
func NewResource() resource.Resource { return &cmkResource{} }

func (r *cmkResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_customer_managed_key"
}

func (r *cmkResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *cmkResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resourceIdentity.Schema(ctx, req, resp)
}

func (r *cmkResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan cmkModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	resp.Diagnostics.Append(r.write(ctx, &plan, true, diagnostics.Creating)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *cmkResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan cmkModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	resp.Diagnostics.Append(r.write(ctx, &plan, false, diagnostics.Updating)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// write sets the account's encryption to the planned key with a PATCH that carries only properties.encryption:
// the account's other settings belong to foundry_account, and a PATCH cannot overwrite them with a stale copy.
// The account's write lock is held, so the PATCH never interleaves with a write of foundry_account.
func (r *cmkResource) write(ctx context.Context, plan *cmkModel, create bool, op diagnostics.Operation) diag.Diagnostics {
	var diags diag.Diagnostics
	accountID, err := client.ParseAccountID(plan.AccountID.ValueString())
	if err != nil {
		return diag.Diagnostics{diagnostics.InvalidAttribute(path.Root("account_id"), "Invalid account_id", err.Error())}
	}
	keyID, err := client.ParseKeyID(plan.KeyID.ValueString())
	if err != nil {
		return diag.Diagnostics{diagnostics.InvalidAttribute(path.Root("key_id"), "Invalid key_id", err.Error())}
	}
	ctx = tflog.SetField(ctx, "resource_id", accountID.String())
	unlock, err := locks.Hold(ctx, accountID.String())
	if err != nil {
		return diag.Diagnostics{diagnostics.APIError(op, object, accountID.String(), err, encryption.Hints)}
	}
	defer unlock()

	if create {
		current, err := r.Data.Client.GetAccount(ctx, accountID)
		if err != nil {
			return diag.Diagnostics{diagnostics.APIError(diagnostics.Reading, "account", accountID.String(), err, encryption.Hints)}
		}
		if encryption.HasCustomerManagedKey(current) {
			return diag.Diagnostics{alreadyEncrypted(path.Root("account_id"), accountID.String())}
		}
	}
	resolved, err := encryption.Resolve(ctx, r.Data.Client, keyID)
	if err != nil {
		return diag.Diagnostics{diagnostics.AttributeAPIError(path.Root("key_id"), diagnostics.Reading, "key", keyID.String(), err, encryption.Hints)}
	}
	body := client.Account{Properties: &client.AccountProperties{
		Encryption: encryption.Properties(keyID, resolved, plan.IdentityClientID.ValueString()),
	}}
	tflog.Debug(ctx, "Setting the account's customer-managed key", map[string]any{"key_id": keyID.String(), "key_version": resolved.CurrentVersion})
	poller, err := r.Data.Client.BeginUpdateAccount(ctx, accountID, body)
	if err != nil {
		return diag.Diagnostics{diagnostics.APIError(op, object, accountID.String(), err, encryption.Hints)}
	}
	got, err := client.Wait(ctx, r.Data.Client, poller)
	if err != nil {
		return diag.Diagnostics{diagnostics.APIError(op, object, accountID.String(), err, encryption.Hints)}
	}
	plan.ID = types.StringValue(accountID.String())
	f, ok := encryption.Flatten(ctx, r.Data.Client, encryption.Of(got), plan.KeyID, plan.IdentityClientID, types.StringValue(resolved.CurrentVersion))
	if !ok {
		return diag.Diagnostics{diagnostics.Bug(fmt.Sprintf("Account %q has no encryption settings after they were set.", accountID.String()))}
	}
	plan.KeyID, plan.IdentityClientID, plan.KeyVersion = f.KeyID, f.IdentityClientID, f.KeyVersion
	return diags
}

func (r *cmkResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state cmkModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	accountID, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseAccountID, "account", &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", accountID.String())
	got, err := r.Data.Client.GetAccount(ctx, accountID)
	if client.IsNotFound(err) {
		tflog.Warn(ctx, "Account no longer exists; removing its customer-managed key from state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, accountID.String(), err, encryption.Hints))
		return
	}
	if !encryption.HasCustomerManagedKey(got) {
		tflog.Warn(ctx, "Account is no longer encrypted with a customer-managed key; removing it from state")
		resp.State.RemoveResource(ctx)
		return
	}
	prior := state.KeyID
	if prior.IsNull() || prior.IsUnknown() {
		// Just imported: ARM names only the vault's URI, so assume the vault sits in the account's resource group.
		prior = types.StringValue(client.KeyID{Vault: client.VaultID{SubscriptionID: accountID.SubscriptionID,
			ResourceGroupName: accountID.ResourceGroupName, Name: "-"}, Name: "-"}.String())
	}
	f, _ := encryption.Flatten(ctx, r.Data.Client, encryption.Of(got), prior, state.IdentityClientID, state.KeyVersion)
	if !encryption.EqualFold(state.AccountID, accountID.String()) {
		state.AccountID = types.StringValue(accountID.String())
	}
	state.KeyID, state.IdentityClientID, state.KeyVersion = f.KeyID, f.IdentityClientID, f.KeyVersion
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Delete only forgets the key: the service refuses to take an account back to Microsoft-managed keys.
func (r *cmkResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state cmkModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", state.ID.ValueString())
	tflog.Warn(ctx, "Removing the customer-managed key from state only; the account stays encrypted with it")
	resp.Diagnostics.Append(stillEncrypted(state.ID.ValueString(), state.KeyID.ValueString()))
}

func (r *cmkResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := resourceIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseAccountID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, accountExample+" (the ID of the encrypted account)", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.String())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("account_id"), id.String())...)
}

func alreadyEncrypted(p path.Path, accountID string) diag.Diagnostic {
	return diagnostics.InvalidAttribute(p, "Account already has a customer-managed key",
		fmt.Sprintf("Account %q is already encrypted with a customer-managed key, set by the customer_managed_key block of its foundry_account "+
			"or outside this resource. Manage the key in one place only: remove this resource and keep the block, or remove the block "+
			"(which needs the account to be re-created) and use this resource. If the key was set outside Terraform, import it: "+
			"terraform import <address> %s", accountID, accountID))
}

func stillEncrypted(accountID, keyID string) diag.Diagnostic {
	return diagnostics.Warning("Account stays encrypted with the customer-managed key",
		fmt.Sprintf("Azure cannot switch account %q back to Microsoft-managed keys, so the key was only removed from the Terraform state: "+
			"the account stays encrypted with %s. Keep the key, its vault and the identity's access for as long as the account exists; "+
			"to stop using the key, re-create the account.", accountID, keyID))
}
