// Package managednetwork manages the Microsoft-managed virtual network of a Foundry resource
// (Microsoft.CognitiveServices/accounts/managedNetworks) and its outbound rules (…/managedNetworks/outboundRules).
//
// Rules are one resource each (foundry_account_outbound_rule), never inline: the service takes rules both in the
// network's outboundRules map and as child resources, and a provider that offered both would have two owners for one
// rule. foundry_account_managed_network never sends the map (so a PUT or PATCH of the network leaves the rules
// alone) and never reads it into state; a rule resource refuses to take over a rule that exists already (import it)
// and refuses the names of the rules the service adds itself.
package managednetwork

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

const (
	networkObject      = "managed network"
	networkImportShape = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/managedNetworks/default"
)

// networkIdentity is the resource identity: the pieces of the ID.
var networkIdentity = resourceidentity.New("managed network", resourceidentity.Account+"/managedNetworks/default")

var (
	_ resource.ResourceWithConfigure   = (*networkResource)(nil)
	_ resource.ResourceWithImportState = (*networkResource)(nil)
	_ resource.ResourceWithIdentity    = (*networkResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*networkResource)(nil)
)

type networkResource struct{ providerdata.ResourceBase }

// NewResource returns the foundry_account_managed_network resource.
func NewResource() resource.Resource { return &networkResource{} }

func (r *networkResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_managed_network"
}

func (r *networkResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = networkSchema(ctx)
}

func (r *networkResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	networkIdentity.Schema(ctx, req, resp)
}

func (r *networkResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer networkIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan networkModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultNetworkCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	account, err := client.ParseAccountID(plan.AccountID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewManagedNetworkID(account, client.ManagedNetworkNameDefault)
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	// One write at a time per account; provisioning holds the account busy too, so the lock covers it.
	unlock, ok := crud.Lock(ctx, account.String(), diagnostics.Creating, networkObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// PUT overwrites: an enabled network someone else manages is imported, not silently taken over; a disabled one is
	// what every account has before anyone sets one up.
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_account_managed_network", Object: networkObject, ID: id.String(),
		Parent: account.String(),
		Read: func(ctx context.Context) (crud.Origin, error) {
			existing, err := r.Data.Client.GetManagedNetwork(ctx, id)
			if err == nil && isolationOf(existing) == client.ManagedNetworkIsolationModeDisabled {
				return crud.Origin{}, crud.ErrAbsent
			}
			return crud.OriginOf(existing.SystemData), err
		},
		ReadError: func(err error) diag.Diagnostic {
			return diagnostics.APIError(diagnostics.Creating, networkObject, id.String(), err, hints)
		},
	}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	poller, err := r.Data.Client.BeginCreateOrUpdateManagedNetwork(ctx, id, expandNetwork(plan))
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, networkObject, id.String(), err, hints))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "account_id", plan.AccountID, id.Name)...)
	got, err := client.Wait(ctx, r.Data.Client, poller)
	if err == nil {
		got, err = r.provision(ctx, id, got, plan.ProvisionNow)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, networkObject, id.String(), err, hints))
		return
	}
	if resp.Diagnostics.Append(flattenNetwork(ctx, id, got, &plan.networkAttributes)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// provision runs the provision action and waits for it when provisionNow asks for it and the network is enabled
// but not active, then reads the network again (the action's result is only a status).
func (r *networkResource) provision(ctx context.Context, id client.ManagedNetworkID, got client.ManagedNetwork, provisionNow types.Bool) (client.ManagedNetwork, error) {
	if !provisionNow.ValueBool() || isActive(got) || isolationOf(got) == client.ManagedNetworkIsolationModeDisabled {
		return got, nil
	}
	tflog.Debug(ctx, "Provisioning the managed network")
	poller, err := r.Data.Client.BeginProvisionManagedNetwork(ctx, id)
	if err != nil {
		return got, err
	}
	if _, err := client.Wait(ctx, r.Data.Client, poller); err != nil {
		return got, err
	}
	return r.Data.Client.GetManagedNetwork(ctx, id)
}

func (r *networkResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer networkIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state networkModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseManagedNetworkID, networkObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.GetManagedNetwork(ctx, id)
	if crud.RemoveIfGone(ctx, err, &resp.State, "Managed network") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, networkObject, id.String(), err, hints))
		return
	}
	if state.ProvisionNow.IsNull() { // imported
		state.ProvisionNow = types.BoolValue(true)
	}
	resp.Diagnostics.Append(flattenNetwork(ctx, id, got, &state.networkAttributes)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *networkResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer networkIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state networkModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, defaultNetworkUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseManagedNetworkID, networkObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.AccountID.String(), diagnostics.Updating, networkObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// PATCH, not PUT: a merge patch of the settings cannot touch the rules, whoever wrote them.
	got, err := r.Data.Client.GetManagedNetwork(ctx, id)
	if err == nil && settingsChanged(plan, state) {
		got, err = r.patch(ctx, id, plan)
	}
	if err == nil {
		got, err = r.provision(ctx, id, got, plan.ProvisionNow)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Updating, networkObject, id.String(), err, hints))
		return
	}
	if resp.Diagnostics.Append(flattenNetwork(ctx, id, got, &plan.networkAttributes)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *networkResource) patch(ctx context.Context, id client.ManagedNetworkID, plan networkModel) (client.ManagedNetwork, error) {
	poller, err := r.Data.Client.BeginUpdateManagedNetwork(ctx, id, expandNetwork(plan))
	if err != nil {
		return client.ManagedNetwork{}, err
	}
	return client.Wait(ctx, r.Data.Client, poller)
}

// settingsChanged reports whether an update changes what the service stores (not only provision_now or timeouts).
func settingsChanged(plan, state networkModel) bool {
	return !plan.IsolationMode.Equal(state.IsolationMode) ||
		(!plan.FirewallSKU.IsUnknown() && !plan.FirewallSKU.Equal(state.FirewallSKU)) ||
		(!plan.ManagedNetworkKind.IsUnknown() && !plan.ManagedNetworkKind.Equal(state.ManagedNetworkKind))
}

func (r *networkResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state networkModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultNetworkDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseManagedNetworkID, networkObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.AccountID.String(), diagnostics.Deleting, networkObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// The network's rules go with it; the account stays as it was. A missing account or network is a success, so
	// any destroy order works.
	err := crud.Delete(ctx, r.Data.Client, id, r.Data.Client.BeginDeleteManagedNetwork, r.Data.Client.GetManagedNetwork, networkObject)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, networkObject, id.String(), err, hints))
	}
}

func (r *networkResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := networkIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer networkIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseManagedNetworkID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, networkImportShape, err))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "account_id", id.AccountID.String(), id.Name)...)
}
