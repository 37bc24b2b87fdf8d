package raiblocklist

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
	itemObject      = "RAI blocklist item"
	itemImportShape = blocklistExample + "/raiBlocklistItems/{item}"
)

// itemIdentity is the resource identity: the pieces of the ID.
var itemIdentity = resourceidentity.New("blocklist item", resourceidentity.Account+"/raiBlocklists/{blocklist_name}/raiBlocklistItems/{name}")

var (
	_ resource.ResourceWithConfigure   = (*itemResource)(nil)
	_ resource.ResourceWithImportState = (*itemResource)(nil)
	_ resource.ResourceWithIdentity    = (*itemResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*itemResource)(nil)
)

type itemResource struct{ providerdata.ResourceBase }

type itemResourceModel struct {
	ID          types.String   `tfsdk:"id"`
	BlocklistID types.String   `tfsdk:"blocklist_id"`
	Name        types.String   `tfsdk:"name"`
	Pattern     types.String   `tfsdk:"pattern"`
	IsRegex     types.Bool     `tfsdk:"is_regex"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

func (m itemResourceModel) item() item {
	return item{pattern: m.Pattern.ValueString(), regex: m.IsRegex.ValueBool()}
}

// NewItemResource returns the foundry_rai_blocklist_item resource.
func NewItemResource() resource.Resource { return &itemResource{} }

func (r *itemResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_rai_blocklist_item"
}

func (r *itemResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := itemAttributes()
	attrs["id"] = schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		MarkdownDescription: "ARM ID of the item, `<blocklist ID>/raiBlocklistItems/{name}`."}
	attrs["blocklist_id"] = schema.StringAttribute{Required: true, Validators: []validator.String{framework.ARMID(blocklistType, blocklistExample)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		MarkdownDescription: "ARM ID of the blocklist (`foundry_rai_blocklist.id`). Changing it replaces the item."}
	attrs["name"] = schema.StringAttribute{Required: true, Validators: nameValidators(), PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		MarkdownDescription: "Name of the item: " + nameRule + ". Changing it replaces the item."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One item of a custom blocklist (`Microsoft.CognitiveServices/accounts/raiBlocklists/raiBlocklistItems`), for items " +
			"that another configuration or module than the blocklist's owns. One request per item: for many items use the `items` of " +
			"`foundry_rai_blocklist`, which writes them in batches. An item name belongs to one of them: creating this resource fails when the " +
			"blocklist already has the name (import it instead, or remove it from the blocklist's `items` first), and `foundry_rai_blocklist` " +
			"never reads or deletes items it does not list.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long to wait for the item to be created, including waits for other writes to the account (default 30 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for an update (default 30 minutes).",
				DeleteDescription: "How long to wait until the item is gone (default 30 minutes)."}),
		},
	}
}

func (r *itemResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	itemIdentity.Schema(ctx, req, resp)
}

// ModifyPlan refuses, on create, an item the blocklist already has (when the blocklist exists): it belongs to the
// blocklist's items or to someone else.
func (r *itemResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.Data.PlanChecksOff() || req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	var blocklistID, name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("blocklist_id"), &blocklistID)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() || framework.AnyNullOrUnknown(blocklistID, name) {
		return
	}
	blocklist, err := client.ParseRAIBlocklistID(blocklistID.ValueString())
	if err != nil {
		return // the attribute validator reports it
	}
	id := client.NewRAIBlocklistItemID(blocklist, name.ValueString())
	_, err = r.Data.Client.GetRAIBlocklistItem(ctx, id)
	switch {
	case err == nil && !crud.Resumable(r.Data, id.String()):
		resp.Diagnostics.Append(itemExists(id))
	case !client.IsNotFound(err):
		resp.Diagnostics.Append(diagnostics.CheckSkipped("blocklist item name", itemObject, id.String(), err))
	}
}

func itemExists(id client.RAIBlocklistItemID) diag.Diagnostic {
	return diagnostics.InvalidAttribute(path.Root("name"), "RAI blocklist item already exists",
		fmt.Sprintf("Blocklist %q already has an item named %q (%s), made by the blocklist's items, another configuration or someone outside "+
			"Terraform. Import it (terraform import) to manage it here, after removing it from the items of its foundry_rai_blocklist if it is "+
			"listed there, or choose another name.", id.RAIBlocklistID.Name, id.Name, id.String()))
}

func (r *itemResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer itemIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan itemResourceModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	blocklist, err := client.ParseRAIBlocklistID(plan.BlocklistID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("blocklist_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewRAIBlocklistItemID(blocklist, plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.Account().String(), diagnostics.Creating, itemObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// The plan could not look when the blocklist was created in the same apply (with items of the same name), so the
	// item is read even under a new blocklist: the blocklist's own items may hold the name (no Parent).
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_rai_blocklist_item", Object: itemObject, ID: id.String(),
		Read: func(ctx context.Context) (crud.Origin, error) {
			i, err := r.Data.Client.GetRAIBlocklistItem(ctx, id)
			return crud.OriginOf(i.SystemData), err
		},
		Advice: "It may be one of the items of its foundry_rai_blocklist (remove it there before importing it here), another configuration's, or made outside Terraform.",
	}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	got, err := r.Data.Client.CreateOrUpdateRAIBlocklistItem(ctx, id, client.RAIBlocklistItem{Properties: plan.item().properties()})
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, itemObject, id.String(), err, blocklistHints))
		return
	}
	flattenItemResource(id, got, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *itemResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer itemIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state itemResourceModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRAIBlocklistItemID, itemObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.GetRAIBlocklistItem(ctx, id)
	if crud.RemoveIfGone(ctx, err, &resp.State, "RAI blocklist item") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, itemObject, id.String(), err, blocklistHints))
		return
	}
	flattenItemResource(id, got, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func flattenItemResource(id client.RAIBlocklistItemID, got client.RAIBlocklistItem, m *itemResourceModel) {
	m.ID = types.StringValue(id.String())
	if !strings.EqualFold(m.BlocklistID.ValueString(), id.RAIBlocklistID.String()) {
		m.BlocklistID = types.StringValue(id.RAIBlocklistID.String())
	}
	if !strings.EqualFold(m.Name.ValueString(), id.Name) {
		m.Name = types.StringValue(id.Name)
	}
	it := flattenItem(got.Properties)
	m.Pattern, m.IsRegex = types.StringValue(it.pattern), types.BoolValue(it.regex)
}

func (r *itemResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer itemIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state itemResourceModel
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
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRAIBlocklistItemID, itemObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.Account().String(), diagnostics.Updating, itemObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	got, err := r.Data.Client.CreateOrUpdateRAIBlocklistItem(ctx, id, client.RAIBlocklistItem{Properties: plan.item().properties()})
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Updating, itemObject, id.String(), err, blocklistHints))
		return
	}
	flattenItemResource(id, got, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *itemResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state itemResourceModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseRAIBlocklistItemID, itemObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.Account().String(), diagnostics.Deleting, itemObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	if err := crud.Delete(ctx, r.Data.Client, id, r.Data.Client.BeginDeleteRAIBlocklistItem, r.Data.Client.GetRAIBlocklistItem, itemObject); err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, itemObject, id.String(), err, blocklistHints))
	}
}

func (r *itemResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := itemIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer itemIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseRAIBlocklistItemID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, itemImportShape, err))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "blocklist_id", id.RAIBlocklistID.String(), id.Name)...)
}
