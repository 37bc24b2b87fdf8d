package account

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/ephemeral/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

const (
	keysObject      = "account keys"
	keysOpenTimeout = 5 * time.Minute
	accountExample  = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}"
)

var _ ephemeral.EphemeralResourceWithConfigure = (*keysResource)(nil)

// keysResource is foundry_account_keys: the account's two access keys (listKeys), read each time Terraform needs them
// and never stored in the plan or the state.
type keysResource struct {
	providerdata.EphemeralResourceBase
}

type keysModel struct {
	AccountID    types.String   `tfsdk:"account_id"`
	PrimaryKey   types.String   `tfsdk:"primary_key"`
	SecondaryKey types.String   `tfsdk:"secondary_key"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

// NewKeysEphemeralResource returns the foundry_account_keys ephemeral resource.
func NewKeysEphemeralResource() ephemeral.EphemeralResource { return &keysResource{} }

func (r *keysResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_keys"
}

func (r *keysResource) Schema(ctx context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The two access keys of a Foundry resource (`POST .../accounts/{account}/listKeys`, API version 2026-09-01), as an " +
			"ephemeral resource: Terraform reads them whenever it needs them and never stores them in the plan or the state. Use them where " +
			"ephemeral values are accepted, such as write-only attributes (`key_wo` of a connection) or provider configuration. Needs " +
			"Terraform 1.10 or later, or OpenTofu 1.11 or later. An account with `local_auth_enabled = false` has no usable keys, and " +
			"opening this resource fails with an error saying so.",
		Attributes: map[string]schema.Attribute{
			"account_id": schema.StringAttribute{
				Required: true, Validators: []validator.String{framework.ARMID("Microsoft.CognitiveServices/accounts", accountExample)},
				MarkdownDescription: "ARM ID of the Foundry resource (`foundry_account.id`).",
			},
			"primary_key": schema.StringAttribute{
				Computed: true, Sensitive: true,
				MarkdownDescription: "The account's first access key (`key1`).",
			},
			"secondary_key": schema.StringAttribute{
				Computed: true, Sensitive: true,
				MarkdownDescription: "The account's second access key (`key2`).",
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.BlockWithOpts(ctx, timeouts.Opts{
			OpenDescription: "How long to wait for the keys (default 5 minutes).",
		})},
	}
}

func (r *keysResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m keysModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Open, keysOpenTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, err := client.ParseAccountID(m.AccountID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	keys, err := r.Data.Client.ListKeys(ctx, id)
	if err != nil {
		if localAuthDisabled(ctx, r.Data.Client, id, err) {
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("account_id"), "Local authentication is disabled on the account",
				fmt.Sprintf("Reading the access keys of account %q failed: the account has local_auth_enabled = false (ARM disableLocalAuth), so "+
					"it has no usable keys and Azure refuses listKeys (%s: %s).\n\nSet local_auth_enabled = true on the foundry_account, or "+
					"authenticate with Microsoft Entra ID instead of keys.", id.String(), client.ErrorCode(err), client.ErrorMessage(err))))
			return
		}
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, keysObject, id.String(), err))
		return
	}
	m.PrimaryKey = types.StringPointerValue(keys.Key1)
	m.SecondaryKey = types.StringPointerValue(keys.Key2)
	resp.Diagnostics.Append(resp.Result.Set(ctx, m)...)
}

// localAuthDisabled reports whether listKeys failed because the account has local authentication disabled. Azure
// answers that with a generic 400 BadRequest (the spec documents no code for it), so the account is read to be sure.
func localAuthDisabled(ctx context.Context, api *client.Client, id client.AccountID, listErr error) bool {
	if !client.IsBadRequest(listErr) {
		return false
	}
	a, err := api.GetAccount(ctx, id)
	if err != nil || a.Properties == nil {
		tflog.Debug(ctx, "Could not read the account to explain the listKeys failure", map[string]any{"error": fmt.Sprint(err)})
		return false
	}
	return framework.Deref(a.Properties.DisableLocalAuth)
}
