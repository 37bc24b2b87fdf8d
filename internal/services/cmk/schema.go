package cmk

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// Default timeouts: encrypting an account re-wraps its data keys and can take minutes.
const (
	defaultCreateTimeout = 30 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
)

const (
	accountType    = "Microsoft.CognitiveServices/accounts"
	accountExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{name}"
)

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// KeyIDValidator checks that a value parses as a Key Vault or managed HSM key ID.
func KeyIDValidator() validator.String { return keyIDValidator{} }

type keyIDValidator struct{}

func (keyIDValidator) Description(context.Context) string {
	return "ARM ID of a Key Vault or managed HSM key, optionally with /versions/{version}"
}
func (v keyIDValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (keyIDValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := client.ParseKeyID(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid key_id",
			fmt.Sprintf("%s. Use the key's ARM ID (az keyvault key show --query id gives its data-plane URL instead, which is not accepted).", err))
	}
}

// IdentityClientIDValidators check identity_client_id.
func IdentityClientIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(guidPattern, "must be a GUID (the client ID of a user-assigned identity)")}
}

// KeyIDDescription documents key_id for the resource and the account's inline block.
const KeyIDDescription = "ARM ID of the key: `/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}/keys/{key}` " +
	"or `.../Microsoft.KeyVault/managedHSMs/{hsm}/keys/{key}`, optionally followed by `/versions/{version}`. Without a version the account follows " +
	"the key's current version (automatic rotation; `key_version` shows which); with one it is pinned and changing it updates the account in place. " +
	"The vault must have soft delete and purge protection, be in the account's region and tenant; the key must be RSA or RSA-HSM 2048."

// IdentityClientIDDescription documents identity_client_id.
const IdentityClientIDDescription = "Client ID of the user-assigned identity (attached to the account) that reaches the key " +
	"(`keyVaultProperties.identityClientId`); omit it to use the account's system-assigned identity. The identity needs get, wrapKey and unwrapKey " +
	"on the key (Key Vault Crypto User, or an access policy)."

// KeyVersionDescription documents key_version.
const KeyVersionDescription = "Version of the key the account uses now: the pinned version, or for a versionless `key_id` the key's current " +
	"version (from the key's `keyUriWithVersion`), which changes on refresh after a rotation without a plan diff."

func resourceSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The customer-managed key of a Foundry account (`properties.encryption` of `Microsoft.CognitiveServices/accounts`, " +
			"`keySource = Microsoft.KeyVault`), for accounts that reach the key with their system-assigned identity: create the account, grant its " +
			"identity access to the key, then this resource.\n\n" +
			"The service cannot switch an account back to Microsoft-managed keys, so **destroying this resource does not decrypt the account**: " +
			"it only removes the resource from the state, with a warning, and the account stays encrypted with the last key. " +
			"Do not use it together with the inline `customer_managed_key` block of `foundry_account` on the same account.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "ARM ID of the account (the key has no ID of its own).",
			},
			"account_id": schema.StringAttribute{
				Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{framework.ARMID(accountType, accountExample)},
				MarkdownDescription: "ARM ID of the Foundry account to encrypt. Changing it replaces the resource (the old account stays encrypted).",
			},
			"key_id": schema.StringAttribute{
				Required: true, Validators: []validator.String{KeyIDValidator()},
				MarkdownDescription: KeyIDDescription,
			},
			"identity_client_id": schema.StringAttribute{
				Optional: true, Validators: IdentityClientIDValidators(),
				MarkdownDescription: IdentityClientIDDescription,
			},
			"key_version": schema.StringAttribute{
				Computed: true, MarkdownDescription: KeyVersionDescription,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true,
				CreateDescription: "How long to wait for the account to be encrypted (default 30 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for a key change (default 30 minutes)."}),
		},
	}
}
