// Package raiblocklist manages custom blocklists of content filter policies
// (Microsoft.CognitiveServices/accounts/raiBlocklists) and their items (…/raiBlocklistItems).
package raiblocklist

import (
	"context"
	"maps"
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
	object      = "RAI blocklist"
	importShape = blocklistExample

	// itemBatchSize is how many items one addRaiBlocklistItems or deleteRaiBlocklistItems request carries. The spec
	// documents no limit; 100 is the limit of the Azure AI Content Safety blocklist API behind these actions, the
	// conservative choice (2,000 items take 20 requests).
	itemBatchSize = 100

	// privateImported marks, in private state, a blocklist just imported: its first read takes every item into items.
	privateImported = "imported"
)

// blocklistIdentity is the resource identity: the pieces of the ID.
var blocklistIdentity = resourceidentity.New("RAI blocklist", resourceidentity.Account+"/raiBlocklists/{name}")

var (
	_ resource.ResourceWithConfigure      = (*blocklistResource)(nil)
	_ resource.ResourceWithImportState    = (*blocklistResource)(nil)
	_ resource.ResourceWithIdentity       = (*blocklistResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*blocklistResource)(nil)
	_ resource.ResourceWithValidateConfig = (*blocklistResource)(nil)
)

type blocklistResource struct{ providerdata.ResourceBase }

// NewResource returns the foundry_rai_blocklist resource.
func NewResource() resource.Resource { return &blocklistResource{} }

func (r *blocklistResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_rai_blocklist"
}

func (r *blocklistResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *blocklistResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	blocklistIdentity.Schema(ctx, req, resp)
}

func (r *blocklistResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer blocklistIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan blocklistModel
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
	id := client.NewRAIBlocklistID(account, plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, account.String(), diagnostics.Creating, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_rai_blocklist", Object: object, ID: id.String(), Parent: account.String(),
		Read: func(ctx context.Context) (crud.Origin, error) {
			b, err := r.Data.Client.GetRAIBlocklist(ctx, id)
			return crud.OriginOf(b.SystemData), err
		}}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	if resp.Diagnostics.Append(r.put(ctx, diagnostics.Creating, id, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	items, d := managedItems(ctx, plan)
	if resp.Diagnostics.Append(d...); items != nil {
		applied := map[string]item{}
		if err := r.writeItems(ctx, id, diffItems(nil, items), applied); err != nil {
			// Keep what was written: the resource is tainted, and a replacement starts clean.
			setItems(&plan, applied, &resp.Diagnostics)
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, object, id.String(), err, blocklistHints))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// put writes the blocklist itself (description, tags) and reads the answer into m.
func (r *blocklistResource) put(ctx context.Context, op diagnostics.Operation, id client.RAIBlocklistID, m *blocklistModel) diag.Diagnostics {
	body, diags := expandBlocklist(ctx, *m)
	if diags.HasError() {
		return diags
	}
	got, err := r.Data.Client.CreateOrUpdateRAIBlocklist(ctx, id, body)
	if err != nil {
		diags.Append(diagnostics.APIError(op, object, id.String(), err, blocklistHints))
		return diags
	}
	diags.Append(flattenBlocklist(id, got, m)...)
	return diags
}

// writeItems applies item changes: removals, then additions, in batches; then changed patterns, one item at a time
// (a PUT replaces an item by definition; the spec does not say what a batch add does to an existing name). applied
// starts as the items in state and follows every request that succeeds, so that a failure records what exists.
func (r *blocklistResource) writeItems(ctx context.Context, id client.RAIBlocklistID, c itemChanges, applied map[string]item) error {
	for _, names := range batches(c.remove, itemBatchSize) {
		if err := r.Data.Client.BatchDeleteRAIBlocklistItems(ctx, id, names); err != nil {
			return err
		}
		for _, n := range names {
			deleteFold(applied, n)
		}
	}
	for _, items := range batches(c.add, itemBatchSize) {
		if _, err := r.Data.Client.BatchAddRAIBlocklistItems(ctx, id, items); err != nil {
			return err
		}
		for _, it := range items {
			applied[*it.Name] = flattenItem(it.Properties)
		}
	}
	for _, name := range sortedKeys(c.change) {
		it := c.change[name]
		if _, err := r.Data.Client.CreateOrUpdateRAIBlocklistItem(ctx, client.NewRAIBlocklistItemID(id, name), client.RAIBlocklistItem{Properties: it.properties()}); err != nil {
			return err
		}
		deleteFold(applied, name)
		applied[name] = it
	}
	tflog.Debug(ctx, "Wrote blocklist items", map[string]any{"removed": len(c.remove), "added": len(c.add), "changed": len(c.change)})
	return nil
}

func deleteFold(m map[string]item, name string) {
	for k := range m {
		if strings.EqualFold(k, name) {
			delete(m, k)
		}
	}
}

func (r *blocklistResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer blocklistIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state blocklistModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRAIBlocklistID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.GetRAIBlocklist(ctx, id)
	if crud.RemoveIfGone(ctx, err, &resp.State, "RAI blocklist") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, blocklistHints))
		return
	}
	resp.Diagnostics.Append(flattenBlocklist(id, got, &state)...)
	imported, d := req.Private.GetKey(ctx, privateImported)
	resp.Diagnostics.Append(d...)
	managed, d := managedItems(ctx, state)
	resp.Diagnostics.Append(d...)
	if managed != nil || len(imported) > 0 {
		items, err := r.Data.Client.ListRAIBlocklistItems(ctx, id)
		if err != nil {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, blocklistHints))
			return
		}
		setItems(&state, flattenItems(items, managed, len(imported) > 0), &resp.Diagnostics)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *blocklistResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer blocklistIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state blocklistModel
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
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRAIBlocklistID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.AccountID.String(), diagnostics.Updating, object, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	if !plan.Description.Equal(state.Description) || !plan.Tags.Equal(state.Tags) {
		if resp.Diagnostics.Append(r.put(ctx, diagnostics.Updating, id, &plan)...); resp.Diagnostics.HasError() {
			return
		}
	}
	planned, d := managedItems(ctx, plan)
	resp.Diagnostics.Append(d...)
	prior, d := managedItems(ctx, state)
	resp.Diagnostics.Append(d...)
	if planned != nil {
		applied := maps.Clone(prior)
		if applied == nil {
			applied = map[string]item{}
		}
		if err := r.writeItems(ctx, id, diffItems(prior, planned), applied); err != nil {
			setItems(&plan, applied, &resp.Diagnostics)
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Updating, object, id.String(), err, blocklistHints))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *blocklistResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state blocklistModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRAIBlocklistID, object, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	// The items go with the blocklist: one request for any number of them.
	err := raicheck.DeleteWhenUnused(ctx, id.AccountID, func(ctx context.Context) error {
		return crud.Delete(ctx, r.Data.Client, id, r.Data.Client.BeginDeleteRAIBlocklist, r.Data.Client.GetRAIBlocklist, object)
	})
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, object, id.String(), err, blocklistHints))
	}
}

func (r *blocklistResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := blocklistIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer blocklistIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseRAIBlocklistID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, importShape, err))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "account_id", id.AccountID.String(), id.Name)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, []byte("true"))...)
}
