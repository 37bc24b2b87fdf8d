// Package deployment manages model deployments (Microsoft.CognitiveServices/accounts/deployments).
package deployment

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

const (
	object      = "deployment"
	importShape = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/deployments/{deployment}"
)

// resourceIdentity is the resource identity: the pieces of the ID.
var resourceIdentity = resourceidentity.New("deployment", resourceidentity.Account+"/deployments/{name}")

var (
	_ resource.ResourceWithConfigure   = (*deploymentResource)(nil)
	_ resource.ResourceWithImportState = (*deploymentResource)(nil)
	_ resource.ResourceWithIdentity    = (*deploymentResource)(nil)
	_ resource.ResourceWithMoveState   = (*deploymentResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*deploymentResource)(nil)
)

// deploymentResource is created anew for every request; the provider data's memo is shared by every request of one
// configured provider, so that a plan of many deployments reads each account's catalog and each location's quota once.
type deploymentResource struct{ providerdata.ResourceBase }

// NewResource returns the foundry_deployment resource.
func NewResource() resource.Resource { return &deploymentResource{} }

func (r *deploymentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_deployment"
}

func (r *deploymentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *deploymentResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resourceIdentity.Schema(ctx, req, resp)
}

func (r *deploymentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan deploymentModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	account, err := client.ParseAccountID(plan.AccountID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewDeploymentID(account, plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	body, d := expandDeployment(ctx, plan.deploymentAttributes)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	// One write at a time per account, as the service requires.
	unlock, ok := crud.Lock(ctx, account.String(), diagnostics.Creating, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_deployment", Object: object, ID: id.String(), Parent: account.String(),
		Read: func(ctx context.Context) (crud.Origin, error) {
			d, err := r.Data.Client.GetDeployment(ctx, id)
			return crud.OriginOf(d.SystemData), err
		}}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	poller, err := r.Data.Client.BeginCreateOrUpdateDeployment(ctx, id, body)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, object, id.String(), err, deploymentHints))
		return
	}
	// Track the deployment before the long wait: a failed or interrupted create leaves it tainted, not leaked.
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "account_id", plan.AccountID, id.Name)...)
	got, err := client.Wait(ctx, r.Data.Client, poller)
	if err == nil {
		got, err = r.switchState(ctx, id, plan.DeploymentState, got)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, object, id.String(), err, deploymentHints))
		return
	}
	if resp.Diagnostics.Append(flattenDeployment(id, got, &plan.deploymentAttributes)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *deploymentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state deploymentModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseDeploymentID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.ReadDeployment(ctx, id) // from the account's list in a refresh (client.ReadDeployment)
	if crud.RemoveIfGone(ctx, err, &resp.State, "Deployment") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, deploymentHints))
		return
	}
	resp.Diagnostics.Append(flattenDeployment(id, got, &state.deploymentAttributes)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *deploymentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state deploymentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseDeploymentID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	body, d := expandDeployment(ctx, plan.deploymentAttributes)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	unlock, ok := crud.Lock(ctx, id.AccountID.String(), diagnostics.Updating, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// Azure refuses a new model version and a new capacity in one request, so the version goes first, with the
	// capacity the deployment has, and the capacity follows.
	if first, ok := versionFirst(body, state.deploymentAttributes); ok {
		tflog.Debug(ctx, "Changing the model version before the capacity")
		if _, err := r.put(ctx, id, first); err != nil {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Updating, object, id.String(), err, deploymentHints))
			return
		}
	}
	// A full PUT of the configuration: tags, spillover and tier removed in the configuration go away too.
	got, err := r.put(ctx, id, body)
	if err == nil {
		got, err = r.switchState(ctx, id, plan.DeploymentState, got)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Updating, object, id.String(), err, deploymentHints))
		return
	}
	if resp.Diagnostics.Append(flattenDeployment(id, got, &plan.deploymentAttributes)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *deploymentResource) put(ctx context.Context, id client.DeploymentID, body client.Deployment) (client.Deployment, error) {
	poller, err := r.Data.Client.BeginCreateOrUpdateDeployment(ctx, id, body)
	if err != nil {
		return client.Deployment{}, err
	}
	return client.Wait(ctx, r.Data.Client, poller)
}

// versionFirst returns the body of a first request when both the model version and the capacity change.
func versionFirst(body client.Deployment, state deploymentAttributes) (client.Deployment, bool) {
	if body.SKU == nil || body.SKU.Capacity == nil || state.SKU == nil || state.SKU.Capacity.IsNull() ||
		body.Properties == nil || body.Properties.Model == nil || body.Properties.Model.Version == nil || state.Model == nil {
		return body, false
	}
	if int64(*body.SKU.Capacity) == state.SKU.Capacity.ValueInt64() || strings.EqualFold(*body.Properties.Model.Version, state.Model.Version.ValueString()) {
		return body, false
	}
	first := body
	sku := *body.SKU
	sku.Capacity = framework.Ptr(int32(state.SKU.Capacity.ValueInt64()))
	first.SKU = &sku
	return first, true
}

func (r *deploymentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state deploymentModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseDeploymentID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.AccountID.String(), diagnostics.Deleting, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// Report success once the deployment is gone (crud.Delete): its quota is free and a replacement can take the name.
	if err := crud.Delete(ctx, r.Data.Client, id, r.Data.Client.BeginDeleteDeployment, r.Data.Client.GetDeployment, object); err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, object, id.String(), err, deploymentHints))
	}
}

func (r *deploymentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := resourceIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseDeploymentID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, importShape, err))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "account_id", id.AccountID.String(), id.Name)...)
}
