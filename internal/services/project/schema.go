package project

import (
	"context"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/identity"
)

const (
	defaultCreateTimeout = 30 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
	defaultDeleteTimeout = 30 * time.Minute

	accountType    = "Microsoft.CognitiveServices/accounts"
	accountExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}"
)

// The spec's projectName rule: 2 to 64 characters, starting with a letter or digit.
var namePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)

func nameValidators() []validator.String {
	return []validator.String{framework.Name(2, 64, namePattern, "letters, digits, underscores, periods and hyphens, starting with a letter or digit")}
}

func accountIDValidators() []validator.String {
	return []validator.String{framework.ARMID(accountType, accountExample)}
}

func resourceSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "A Foundry project (`Microsoft.CognitiveServices/accounts/projects`, API version 2026-09-01): the isolation boundary " +
			"for agents, connections and other project objects inside a Foundry resource (`foundry_account`). " +
			"Writes are serialised with the other children of the same account.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "ARM ID of the project, `<account ID>/projects/{name}`.",
			},
			"account_id": schema.StringAttribute{
				Required: true, Validators: accountIDValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "ARM ID of the Foundry resource (`foundry_account.id`) that holds the project. Changing it replaces the project.",
			},
			"name": schema.StringAttribute{
				Required: true, Validators: nameValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "Name of the project: 2 to 64 letters, digits, `_`, `.` and `-`, starting with a letter or digit. Changing it replaces the project.",
			},
			"location": schema.StringAttribute{
				Optional: true, Computed: true, CustomType: framework.LocationType{},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Azure region; it must be the account's, which is also the default. Changing it replaces the project.",
			},
			"identity": identity.Schema("project. Agents and connections with managed-identity auth act as this identity"),
			"display_name": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Name shown in the Foundry portal (`properties.displayName`). Azure cannot clear it once set, so removing it from the " +
					"configuration is a plan-time error; change it instead, or replace the project.",
			},
			"description": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Description of the project (`properties.description`). Like `display_name`, it cannot be cleared once set.",
			},
			"tags": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, Validators: framework.Tags(),
				MarkdownDescription: "Tags of the project.",
			},
			"internal_id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "The project's internal ID (`properties.internalId`, 32 hex digits).",
			},
			"project_guid": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "`internal_id` formatted as a GUID (8-4-4-4-12), the form Cosmos DB scopes and storage ABAC conditions of the agent service use.",
			},
			"endpoints": schema.MapAttribute{
				Computed: true, ElementType: types.StringType, PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Endpoints of the project by service name (`properties.endpoints`).",
			},
			"project_endpoint": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "The project's data-plane endpoint (`properties.endpoints[\"AI Foundry API\"]`), where agents live.",
			},
			"is_default": schema.BoolAttribute{
				Computed: true, PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Whether this is the account's default project (the first one created).",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long to wait for the project to be created (default 30 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for an update (default 30 minutes).",
				DeleteDescription: "How long to wait until the project is gone (default 30 minutes)."}),
		},
	}
}
