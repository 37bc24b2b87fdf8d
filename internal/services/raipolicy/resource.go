// Package raipolicy manages content filter (RAI) policies (Microsoft.CognitiveServices/accounts/raiPolicies) and
// reads them, with the content filters of a region (Microsoft.CognitiveServices/locations/raiContentFilters).
package raipolicy

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/raicheck"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

const (
	object      = "RAI policy"
	importShape = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/raiPolicies/{policy}"
)

// resourceIdentity is the resource identity: the pieces of the ID.
var resourceIdentity = resourceidentity.New("RAI policy", resourceidentity.Account+"/raiPolicies/{name}")

var (
	_ resource.ResourceWithConfigure      = (*policyResource)(nil)
	_ resource.ResourceWithImportState    = (*policyResource)(nil)
	_ resource.ResourceWithIdentity       = (*policyResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*policyResource)(nil)
	_ resource.ResourceWithValidateConfig = (*policyResource)(nil)
)

type policyResource struct{ providerdata.ResourceBase }

// NewResource returns the foundry_rai_policy resource.
func NewResource() resource.Resource { return &policyResource{} }

func (r *policyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_rai_policy"
}

func (r *policyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *policyResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resourceIdentity.Schema(ctx, req, resp)
}

func (r *policyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan policyModel
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
	id := client.NewRAIPolicyID(account, plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_rai_policy", Object: object, ID: id.String(), Parent: account.String(),
		Read: func(ctx context.Context) (crud.Origin, error) {
			p, err := r.Data.Client.GetRAIPolicy(ctx, id)
			return crud.OriginOf(p.SystemData), err
		}}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	if resp.Diagnostics.Append(r.put(ctx, diagnostics.Creating, id, &plan)...); !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	}
}

// put writes the whole policy (the PUT is synchronous) under the account's lock and reads the answer into m.
func (r *policyResource) put(ctx context.Context, op diagnostics.Operation, id client.RAIPolicyID, m *policyModel) diag.Diagnostics {
	body, diags := expandPolicy(ctx, *m)
	if diags.HasError() {
		return diags
	}
	unlock, ok := crud.Lock(ctx, id.AccountID.String(), op, object, id.String(), &diags)
	if !ok {
		return diags
	}
	defer unlock()
	got, err := r.Data.Client.CreateOrUpdateRAIPolicy(ctx, id, body)
	if err != nil {
		diags.Append(diagnostics.APIError(op, object, id.String(), err, policyHints))
		return diags
	}
	diags.Append(flattenPolicy(id, got, m)...)
	return diags
}

func (r *policyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state policyModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRAIPolicyID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.GetRAIPolicy(ctx, id)
	if crud.RemoveIfGone(ctx, err, &resp.State, "RAI policy") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, policyHints))
		return
	}
	resp.Diagnostics.Append(flattenPolicy(id, got, &state)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *policyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state policyModel
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
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRAIPolicyID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	// A full PUT of the configuration: filters, blocklists and rules removed from the configuration go away too.
	if resp.Diagnostics.Append(r.put(ctx, diagnostics.Updating, id, &plan)...); !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	}
}

func (r *policyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state policyModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRAIPolicyID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	// Reported as done once a read gets 404, so that a replacement can take the name.
	err := raicheck.DeleteWhenUnused(ctx, id.AccountID, func(ctx context.Context) error {
		return crud.Delete(ctx, r.Data.Client, id, r.Data.Client.BeginDeleteRAIPolicy, r.Data.Client.GetRAIPolicy, object)
	})
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, object, id.String(), err, policyHints))
	}
}

func (r *policyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := resourceIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer resourceIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseRAIPolicyID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, importShape, err))
		return
	}
	for _, b := range raicheck.BuiltinPolicies {
		if strings.EqualFold(b, id.Name) {
			resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, importShape,
				fmt.Errorf("%s is a built-in policy, which cannot be managed; read it with the foundry_rai_policy data source", b)))
			return
		}
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "account_id", id.AccountID.String(), id.Name)...)
}
