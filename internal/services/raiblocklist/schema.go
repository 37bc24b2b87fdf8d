package raiblocklist

import (
	"context"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	defaultCreateTimeout = 30 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
	defaultDeleteTimeout = 30 * time.Minute

	accountType      = "Microsoft.CognitiveServices/accounts"
	accountExample   = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}"
	blocklistType    = "Microsoft.CognitiveServices/accounts/raiBlocklists"
	blocklistExample = accountExample + "/raiBlocklists/{blocklist}"
)

// The spec's pattern of raiBlocklistName and raiBlocklistItemName.
var namePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)

const nameRule = "letters, digits, underscores, periods and hyphens, starting with a letter or digit"

func nameValidators() []validator.String {
	return []validator.String{framework.Name(1, 255, namePattern, nameRule)}
}

// itemAttributes are the pattern and is_regex of a foundry_rai_blocklist_item.
func itemAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"pattern": schema.StringAttribute{
			Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			MarkdownDescription: "The term to block, or a regular expression when `is_regex` is true (`properties.pattern`); the service, not the plan, " +
				"checks the expression. Updated in place.",
		},
		"is_regex": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether `pattern` is a regular expression (`properties.isRegex`, default `false`). Updated in place.",
		},
	}
}

func itemsValidators() []validator.Map {
	return []validator.Map{
		mapvalidator.KeysAre(framework.Name(1, 255, namePattern, nameRule)),
		mapvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
	}
}

func resourceSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "A custom blocklist of a Foundry resource (`Microsoft.CognitiveServices/accounts/raiBlocklists`, API version " +
			"2026-09-01), which content filter policies apply through `foundry_rai_policy.custom_blocklists`, with its items. Items are written " +
			"in batches (`addRaiBlocklistItems`, `deleteRaiBlocklistItems`, 100 per request), so a blocklist of thousands of terms applies in a " +
			"few requests and seconds. See `regex_items` for how the two maps work with `foundry_rai_blocklist_item`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "ARM ID of the blocklist, `<account ID>/raiBlocklists/{name}`.",
			},
			"account_id": schema.StringAttribute{
				Required: true, Validators: []validator.String{framework.ARMID(accountType, accountExample)}, PlanModifiers: replace,
				MarkdownDescription: "ARM ID of the Foundry resource (`foundry_account.id`) that holds the blocklist. Changing it replaces the blocklist.",
			},
			"name": schema.StringAttribute{
				Required: true, Validators: nameValidators(), PlanModifiers: replace,
				MarkdownDescription: "Name of the blocklist, which policies give as `custom_blocklists[*].blocklist_name`: " + nameRule +
					". Changing it replaces the blocklist.",
			},
			"description": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Description of the blocklist (`properties.description`). Updated in place.",
			},
			"tags": schema.MapAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Tags of the blocklist. Updated in place.",
			},
			"items": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, Validators: itemsValidators(),
				MarkdownDescription: "Terms to block, by item name: `{ <name> = \"<term>\" }` (item names: " + nameRule + "; a term is matched " +
					"literally). With `regex_items`, the items this resource manages; see `regex_items` for the rules. Updated in place.",
			},
			"regex_items": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, Validators: itemsValidators(),
				MarkdownDescription: "Regular expressions to block, by item name (`isRegex = true`; the service, not the plan, checks the " +
					"expressions). An item name is in `items` or in `regex_items`, not both. Together the two maps are the items this resource " +
					"manages: new ones are added and removed ones deleted in batches of 100, and a changed term is written item by item. Items " +
					"of other names are left alone and not shown, so that `foundry_rai_blocklist_item` resources can own them; neither side may " +
					"take a name the blocklist already has (the plan refuses it here, and `foundry_rai_blocklist_item` refuses it too). Leave " +
					"both out to manage every item with `foundry_rai_blocklist_item`. Import reads every item of the blocklist into the two " +
					"maps. An item deleted or changed outside Terraform is written again at the next apply. Updated in place.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long to wait for the blocklist and its items to be created, including waits for other writes to the account (default 30 minutes).",
				ReadDescription:   "How long to wait for a read of the blocklist and its items (default 5 minutes).",
				UpdateDescription: "How long to wait for an update (default 30 minutes).",
				DeleteDescription: "How long to wait until the blocklist is gone, including until policies updated in the same run stop using it (default 30 minutes)."}),
		},
	}
}
