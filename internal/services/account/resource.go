// Package account manages Foundry resources (Microsoft.CognitiveServices/accounts of kind AIServices).
package account

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
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/encryption"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

const (
	object   = "account"
	typeName = "foundry_account"
)

// resourceIdentity is the resource identity: the pieces of the ID.
var resourceIdentity = resourceidentity.New("account", resourceidentity.Accounts+"{name}")

var (
	_ resource.ResourceWithConfigure      = (*accountResource)(nil)
	_ resource.ResourceWithImportState    = (*accountResource)(nil)
	_ resource.ResourceWithIdentity       = (*accountResource)(nil)
	_ resource.ResourceWithMoveState      = (*accountResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*accountResource)(nil)
	_ resource.ResourceWithValidateConfig = (*accountResource)(nil)
)

type accountResource struct{ providerdata.ResourceBase }

// NewResource returns the foundry_account resource.
func NewResource() resource.Resource { return &accountResource{} }

func (r *accountResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account"
}

func (r *accountResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *accountResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resourceIdentity.Schema(ctx, req, resp)
}

func (r *accountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan accountModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	id := client.NewAccountID(r.Data.SubscriptionID, plan.ResourceGroupName.ValueString(), plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.String(), diagnostics.Creating, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()

	body, d := expandAccount(ctx, plan.accountAttributes)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	expandNetworkInjection(plan.NetworkInjection, body.Properties)
	if resp.Diagnostics.Append(r.expandCustomerManagedKey(ctx, plan.CustomerManagedKey, nil, &body)...); resp.Diagnostics.HasError() {
		return
	}
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: typeName, Object: object, ID: id.String(),
		Read: func(ctx context.Context) (crud.Origin, error) {
			a, err := r.Data.Client.GetAccount(ctx, id)
			return crud.OriginOf(a.SystemData), err
		}}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	if r.Data.Features.RecoverSoftDeleted && claim.New {
		recovered, ok := r.recoverSoftDeleted(ctx, id, body, resp)
		if !ok {
			return
		}
		// A recovered account comes back with what it held (deployments, connections): its children are not new.
		claim.New = !recovered
	}
	poller, err := r.Data.Client.BeginCreateOrUpdateAccount(ctx, id, body)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, object, id.String(), err, accountHints, encryption.Hints))
		return
	}
	// Save the ID before the long wait, so an interrupted or failed create is tracked (as tainted) and not leaked.
	resp.Diagnostics.Append(saveIdentity(ctx, resp, id, plan)...)
	// The operation's result is the account as it ends (client.Wait): no read after it (issue 18).
	got, err := client.Wait(ctx, r.Data.Client, poller)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, object, id.String(), err, accountHints, encryption.Hints))
		return
	}
	if resp.Diagnostics.Append(r.flatten(ctx, id, got, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// saveIdentity records what Delete needs, ahead of the rest of the state.
func saveIdentity(ctx context.Context, resp *resource.CreateResponse, id client.AccountID, plan accountModel) diag.Diagnostics {
	var d diag.Diagnostics
	d.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.String())...)
	d.Append(resp.State.SetAttribute(ctx, path.Root("name"), id.Name)...)
	d.Append(resp.State.SetAttribute(ctx, path.Root("resource_group_name"), id.ResourceGroupName)...)
	d.Append(resp.State.SetAttribute(ctx, path.Root("location"), plan.Location)...)
	return d
}

// recoverSoftDeleted brings back a soft-deleted account of the same name (features.account.recover_soft_deleted);
// the normal PUT that follows then applies the configuration to it. It reports whether it recovered one, and whether
// Create should go on.
func (r *accountResource) recoverSoftDeleted(ctx context.Context, id client.AccountID, body client.Account, resp *resource.CreateResponse) (recovered, ok bool) {
	deleted := id.Deleted(framework.Deref(body.Location))
	if _, err := r.Data.Client.GetDeletedAccount(ctx, deleted); err != nil {
		if client.IsNotFound(err) {
			return false, true
		}
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "soft-deleted account", deleted.String(), err, accountHints, encryption.Hints))
		return false, false
	}
	tflog.Warn(ctx, "Recovering the soft-deleted account that holds this name (features.account.recover_soft_deleted = true)")
	restore := body
	props := *body.Properties
	props.Restore = framework.Ptr(true)
	restore.Properties = &props
	poller, err := r.Data.Client.BeginCreateOrUpdateAccount(ctx, id, restore)
	if err == nil {
		_, err = client.Wait(ctx, r.Data.Client, poller)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Recovering, "soft-deleted account", id.String(), err, accountHints, encryption.Hints))
		return true, false
	}
	return true, true
}

func (r *accountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state accountModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseAccountID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.GetAccount(ctx, id)
	if client.IsNotFound(err) {
		pending, d := purgePending(ctx, req.Private)
		resp.Diagnostics.Append(d...)
		// A destroy killed between the account's delete and its purge left no mark (Terraform saved nothing): the
		// destroy that follows looks for the soft-deleted account too, and finishes the purge.
		resumeKilled := !pending && r.Data.Destroying && r.Data.Features.PurgeSoftDeleteOnDestroy
		if pending || resumeKilled {
			// An earlier destroy deleted the account and its purge failed: keep it in state, so that the next destroy
			// (or the replacement a plan makes of it) finishes the purge instead of leaving the name held (issue 14).
			deleted := id.Deleted(framework.NormalizeLocation(state.Location.ValueString()))
			_, derr := r.Data.Client.GetDeletedAccount(ctx, deleted)
			switch {
			case client.IsNotFound(derr) && pending && state.NetworkInjection != nil && !state.NetworkInjection.SubnetID.IsNull():
				tflog.Warn(ctx, "The account is purged, and an earlier destroy stopped waiting for its agent subnet to be released; keeping it in state so that destroy waits again")
				return
			case derr == nil:
				tflog.Warn(ctx, "The account is soft-deleted and an earlier destroy's purge did not finish; keeping it in state so that destroy purges it")
				resp.Diagnostics.Append(resp.Private.SetKey(ctx, privatePurgePending, []byte("true"))...)
				// A tainted account is planned as a create without its state (ModifyPlan cannot see the mark): the plan
				// being made learns here, in its refresh, that the soft-deleted account holding the name is the one
				// its destroy purges first.
				r.Data.Planned.Claim(purgingKind, id.String(), id.Name)
				return
			case !client.IsNotFound(derr) && pending:
				resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "soft-deleted account", deleted.String(), derr, accountHints, encryption.Hints))
				return
			case !client.IsNotFound(derr):
				tflog.Warn(ctx, "Could not read the soft-deleted account; the account leaves the state unpurged", map[string]any{"error": derr.Error()})
			}
		}
	}
	if crud.RemoveIfGone(ctx, err, &resp.State, "Account") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, accountHints, encryption.Hints))
		return
	}
	if pending, _ := purgePending(ctx, req.Private); pending { // it is back (recovered by hand): nothing to resume
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privatePurgePending, nil)...)
	}
	resp.Diagnostics.Append(r.flatten(ctx, id, got, &state)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *accountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan accountModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(plan.ID.ValueString(), client.ParseAccountID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.String(), diagnostics.Updating, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()

	body, d := expandAccount(ctx, plan.accountAttributes)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	expandNetworkInjection(plan.NetworkInjection, body.Properties)
	// Without the inline block, the encryption may belong to foundry_account_customer_managed_key: send it back as
	// it is (read under the lock), since a PUT without it would ask Azure to drop the key, which it refuses.
	var current *client.Encryption
	if plan.CustomerManagedKey == nil {
		got, err := r.Data.Client.GetAccount(ctx, id)
		if err != nil {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Updating, object, id.String(), err, accountHints, encryption.Hints))
			return
		}
		if got.Properties != nil {
			current = got.Properties.Encryption
		}
	}
	if resp.Diagnostics.Append(r.expandCustomerManagedKey(ctx, plan.CustomerManagedKey, current, &body)...); resp.Diagnostics.HasError() {
		return
	}
	// A full PUT, not PATCH: removing a block (network_acls, allowed_fqdns) must remove it in Azure too.
	poller, err := r.Data.Client.BeginCreateOrUpdateAccount(ctx, id, body)
	var got client.Account
	if err == nil {
		got, err = client.Wait(ctx, r.Data.Client, poller)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Updating, object, id.String(), err, accountHints, encryption.Hints))
		return
	}
	if resp.Diagnostics.Append(r.flatten(ctx, id, got, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *accountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state accountModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseAccountID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.String(), diagnostics.Deleting, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()

	// An earlier destroy deleted the account already (its purge or subnet wait is what failed): no DELETE again,
	// whose failure would stop the purge this destroy resumes.
	if pending, _ := purgePending(ctx, req.Private); !pending {
		poller, err := r.Data.Client.BeginDeleteAccount(ctx, id)
		if err == nil {
			_, err = client.Wait(ctx, r.Data.Client, poller)
		}
		if err != nil && !client.IsNotFound(err) && !r.softDeleted(ctx, id, state.Location.ValueString()) {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, object, id.String(), err, accountHints, encryption.Hints))
			return
		}
	}
	subnet := ""
	if n := state.NetworkInjection; n != nil && !n.SubnetID.IsNull() {
		subnet = n.SubnetID.ValueString()
	}
	if !r.Data.Features.PurgeSoftDeleteOnDestroy {
		if pending, _ := purgePending(ctx, req.Private); pending {
			resp.Diagnostics.Append(diagnostics.Warning("Soft-deleted account left unpurged", fmt.Sprintf(
				"An earlier destroy deleted account %q and could not purge it; purge_soft_delete_on_destroy is off now, so it stays "+
					"soft-deleted (holding its name and subdomain until Azure purges it after 48 hours) and leaves the state. Purge it with "+
					"az cognitiveservices account purge, or recover it with features.account.recover_soft_deleted.", id.String())))
		}
		tflog.Debug(ctx, "Account is soft-deleted and holds its name and subdomain for 48 hours (purge_soft_delete_on_destroy is off)")
		if subnet != "" {
			tflog.Warn(ctx, "The soft-deleted account keeps its agent subnet linked until it is purged (or auto-purged after 48 hours); not waiting",
				map[string]any{"subnet_id": subnet})
		}
		return
	}
	deleted := id.Deleted(framework.NormalizeLocation(state.Location.ValueString()))
	poller, err := r.Data.Client.BeginPurgeDeletedAccount(ctx, deleted)
	if err == nil {
		_, err = client.Wait(ctx, r.Data.Client, poller)
	}
	if err != nil && !client.IsNotFound(err) {
		// The account stays in state, marked: reads keep it while it is soft-deleted, and the next destroy resumes here.
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privatePurgePending, []byte("true"))...)
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Purging, "soft-deleted account", deleted.String(), err, accountHints, encryption.Hints,
			purgeResumeHint))
		return
	}
	if subnet != "" {
		if err := r.waitForSubnetRelease(ctx, subnet); err != nil {
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, privatePurgePending, []byte("true"))...)
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, object, id.String(), fmt.Errorf(
				"the account is deleted and purged, but %w", err), accountHints, encryption.Hints))
		}
	}
}

// softDeleted reports whether the account is gone and soft-deleted: a delete that reported a failure (or a DELETE sent
// again to an account an earlier destroy deleted, whose mark Terraform does not pass to the destroy of a tainted
// object) may have deleted it all the same, and then the destroy goes on to the purge.
func (r *accountResource) softDeleted(ctx context.Context, id client.AccountID, location string) bool {
	if _, err := r.Data.Client.GetAccount(ctx, id); !client.IsNotFound(err) {
		return false
	}
	if _, err := r.Data.Client.GetDeletedAccount(ctx, id.Deleted(framework.NormalizeLocation(location))); err != nil {
		return false
	}
	tflog.Warn(ctx, "The delete reported a failure, but the account is deleted and soft-deleted; going on")
	return true
}

func (r *accountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := resourceIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseAccountID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID,
			"/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{name}", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.String())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), id.Name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("resource_group_name"), id.ResourceGroupName)...)
}

// flatten is flattenAccount plus what only the resource has: the inline key, network injection and the agent
// capability host.
func (r *accountResource) flatten(ctx context.Context, id client.AccountID, got client.Account, m *accountModel) diag.Diagnostics {
	priorDefault, priorProjects := m.DefaultProject, m.AssociatedProjects
	diags := flattenAccount(ctx, id, got, &m.accountAttributes)
	keepProjectFacts(m, priorDefault, priorProjects)
	var injections []client.NetworkInjection
	if got.Properties != nil {
		injections = got.Properties.NetworkInjections
	}
	m.NetworkInjection = flattenNetworkInjection(injections, m.NetworkInjection)
	m.CustomerManagedKey = r.flattenCustomerManagedKey(ctx, got, m.CustomerManagedKey)
	var d diag.Diagnostics
	m.AgentCapabilityHostName, d = r.agentCapabilityHostName(ctx, id, m.NetworkInjection != nil)
	diags.Append(d...)
	return diags
}

// privatePurgePending marks, in the resource's private state, an account whose destroy deleted it and then failed to
// purge it (it is soft-deleted), or purged it and stopped waiting for its agent subnet's release: the destroy is not
// finished.
const privatePurgePending = "purge_pending"

// purgeResumeHint says what happens after a failed purge.
var purgeResumeHint = diagnostics.HintFunc(func(error) string {
	return "The account is deleted (soft-deleted) but not purged, and stays in the state: run terraform destroy (or apply) again, and it " +
		"resumes the purge."
})

// purgePending reads the mark privatePurgePending.
func purgePending(ctx context.Context, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}) (bool, diag.Diagnostics) {
	b, d := private.GetKey(ctx, privatePurgePending)
	return string(b) == "true", d
}

// keepProjectFacts keeps, from the state the account had (prior: the state at a read, the plan at a create or update),
// the two attributes that the account's projects change rather than the account: Azure makes the first project the
// default and lists every project as associated, so the apply of a foundry_project of the same configuration, which
// runs after the account's, would change them, and the refresh that follows would report the account as changed
// outside of Terraform every time (issue 18: a refresh-only plan right after apply must be empty). So
// associated_projects is as of the account's last create, update or import, and an unconfigured default_project stays
// null until configured or imported; the projects themselves say which one is the default (foundry_project's
// is_default), and the foundry_account data source reads both as they are now. A configured default_project is read
// as Azure has it, so that a change made elsewhere shows in the plan.
func keepProjectFacts(m *accountModel, priorDefault types.String, priorProjects types.Set) {
	imported := priorProjects.IsNull() // an import's first read: the state holds only what the ID says
	if !imported && !priorProjects.IsUnknown() {
		m.AssociatedProjects = priorProjects
	}
	if !imported && priorDefault.IsNull() {
		m.DefaultProject = types.StringNull()
	}
}
