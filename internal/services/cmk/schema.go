package cmk

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/encryption"
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

func resourceSchema(ctx context.Context) schema.Schema {
	attrs := encryption.Attributes()
	attrs["id"] = schema.StringAttribute{
		Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		MarkdownDescription: "ARM ID of the account (the key has no ID of its own).",
	}
	attrs["account_id"] = schema.StringAttribute{
		Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Validators:          []validator.String{framework.ARMID(accountType, accountExample)},
		MarkdownDescription: "ARM ID of the Foundry account to encrypt. Changing it replaces the resource (the old account stays encrypted).",
	}
	return schema.Schema{
		MarkdownDescription: "The customer-managed key of a Foundry account (`properties.encryption` of `Microsoft.CognitiveServices/accounts`, " +
			"`keySource = Microsoft.KeyVault`), for accounts that reach the key with their system-assigned identity: create the account, grant its " +
			"identity access to the key, then this resource.\n\n" +
			"The service cannot switch an account back to Microsoft-managed keys, so **destroying this resource does not decrypt the account**: " +
			"it only removes the resource from the state, with a warning, and the account stays encrypted with the last key. " +
			"Do not use it together with the inline `customer_managed_key` block of `foundry_account` on the same account.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true,
				CreateDescription: "How long to wait for the account to be encrypted (default 30 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for a key change (default 30 minutes)."}),
		},
	}
}
