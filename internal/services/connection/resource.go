// Package connection manages Foundry connections at account and project scope
// (Microsoft.CognitiveServices/accounts/connections and accounts/projects/connections).
package connection

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/hints"
)

var (
	_ resource.ResourceWithConfigure      = (*connectionResource)(nil)
	_ resource.ResourceWithImportState    = (*connectionResource)(nil)
	_ resource.ResourceWithIdentity       = (*connectionResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*connectionResource)(nil)
	_ resource.ResourceWithValidateConfig = (*connectionResource)(nil)
)

type connectionResource struct {
	providerdata.ResourceBase
	sc scope
}

// NewAccountResource returns the foundry_account_connection resource.
func NewAccountResource() resource.Resource { return &connectionResource{sc: accountScope} }

// NewProjectResource returns the foundry_project_connection resource.
func NewProjectResource() resource.Resource { return &connectionResource{sc: projectScope} }

func (r *connectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.sc.typeSuffix
}

func (r *connectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx, r.sc)
}

func (r *connectionResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	r.sc.identity.Schema(ctx, req, resp)
}

func (r *connectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer r.sc.identity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	parent, plan, d := r.sc.load(ctx, req.Plan.Get)
	resp.Diagnostics.Append(d...)
	_, config, d := r.sc.load(ctx, req.Config.Get)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, err := r.sc.newID(parent.ValueString(), plan.Name.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug(r.sc.parentAttr + " passed validation but does not parse: " + err.Error()))
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry" + r.sc.typeSuffix, Object: r.sc.object, ID: id.String(), Parent: r.sc.parentOf(id),
		Read: func(ctx context.Context) (crud.Origin, error) {
			c, err := r.Data.Client.GetConnection(ctx, id)
			return crud.OriginOf(c.SystemData), err
		}}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	r.put(ctx, diagnostics.Creating, id, parent, plan, config, &resp.State, &resp.Diagnostics)
}

func (r *connectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer r.sc.identity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	parent, state, d := r.sc.load(ctx, req.State.Get)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), r.sc.parseID, "connection", &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.ReadConnection(ctx, id) // from its scope's list in a refresh (client.ReadConnection)
	if crud.RemoveIfGone(ctx, err, &resp.State, "Connection") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, r.sc.object, id.String(), err))
		return
	}
	if !strings.EqualFold(parent.ValueString(), r.sc.parentOf(id)) {
		parent = types.StringValue(r.sc.parentOf(id)) // after import; otherwise keep the configured spelling
	}
	resp.Diagnostics.Append(flattenConnection(id, got, &state)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, r.sc.value(parent, state))...)
}

// Update PUTs the whole connection: the API never returns the credentials, so every write sends them again (write-only
// values from the configuration, which Terraform passes to every apply), and a full PUT also clears what the
// configuration removed (a PATCH would keep removed metadata keys).
func (r *connectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer r.sc.identity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	parent, plan, d := r.sc.load(ctx, req.Plan.Get)
	resp.Diagnostics.Append(d...)
	_, config, d := r.sc.load(ctx, req.Config.Get)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(plan.ID.ValueString(), r.sc.parseID, "connection", &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	r.put(ctx, diagnostics.Updating, id, parent, plan, config, &resp.State, &resp.Diagnostics)
}

// put writes the whole connection for Create and Update, one write at a time per account as the service requires,
// and saves what the API returns.
func (r *connectionResource) put(ctx context.Context, op diagnostics.Operation, id client.ConnectionID, parent types.String,
	plan, config connectionModel, state *tfsdk.State, diags *diag.Diagnostics) {
	body, d := expandConnection(ctx, plan, config)
	if diags.Append(d...); diags.HasError() {
		return
	}
	unlock, ok := crud.Lock(ctx, id.Account().String(), op, r.sc.object, id.String(), diags)
	if !ok {
		return
	}
	defer unlock()
	got, err := r.Data.Client.CreateOrUpdateConnection(ctx, id, body)
	if err != nil {
		diags.Append(diagnostics.APIError(op, r.sc.object, id.String(), err, hints.ConnectionNameTaken))
		return
	}
	diags.Append(flattenConnection(id, got, &plan)...)
	diags.Append(state.Set(ctx, r.sc.value(parent, plan))...)
}

func (r *connectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	_, state, d := r.sc.load(ctx, req.State.Get)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), r.sc.parseID, "connection", &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.Account().String(), diagnostics.Deleting, r.sc.object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	if err := r.Data.Client.DeleteConnection(ctx, id); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, r.sc.object, id.String(), err))
	}
}

// ImportState takes the connection's ARM ID. Secrets cannot be read back: after an import, set the credentials block
// in the configuration; the next apply sends them.
func (r *connectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := r.sc.identity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer r.sc.identity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := r.sc.parseID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, r.sc.importShape, err))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), r.sc.parentAttr, r.sc.parentOf(id), id.ConnectionName())...)
}
