package connection

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	defaultCreateTimeout = 10 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 10 * time.Minute
	defaultDeleteTimeout = 10 * time.Minute
)

// The spec's connectionName rule: 3 to 33 characters, no periods.
var namePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`)

func nameValidators() []validator.String {
	return []validator.String{framework.Name(3, 33, namePattern, "letters, digits, underscores and hyphens, starting with a letter or digit")}
}

// peRequirements are the spec's ManagedPERequirement values.
var peRequirements = []string{
	string(client.ManagedPERequirementRequired), string(client.ManagedPERequirementNotRequired), string(client.ManagedPERequirementNotApplicable),
}

// rfc3339 checks a timestamp such as 2027-01-31T00:00:00Z.
type rfc3339 struct{}

func (rfc3339) Description(context.Context) string {
	return "an RFC 3339 timestamp such as 2027-01-31T00:00:00Z"
}

func (v rfc3339) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (rfc3339) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := time.Parse(time.RFC3339, req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(req.Path, "Invalid expiry_time",
			fmt.Sprintf("%q is not an RFC 3339 timestamp such as 2027-01-31T00:00:00Z or 2027-01-31T09:00:00+01:00.", req.ConfigValue.ValueString())))
	}
}

// resourceSchema is the schema of both connection resources; only the parent attribute differs.
func resourceSchema(ctx context.Context, sc scope) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true, PlanModifiers: keep,
			MarkdownDescription: "ARM ID of the connection, `<" + sc.parentAttr + ">/connections/{name}`.",
		},
		sc.parentAttr: schema.StringAttribute{
			Required: true, PlanModifiers: replace,
			Validators:          []validator.String{framework.ARMID(sc.parentType, sc.parentExample)},
			MarkdownDescription: "ARM ID of the " + sc.parentNoun + " that holds the connection. Changing it replaces the connection.",
		},
		"name": schema.StringAttribute{
			Required: true, PlanModifiers: replace, Validators: nameValidators(),
			MarkdownDescription: "Name of the connection: 3 to 33 letters, digits, `_` and `-`, starting with a letter or digit. Names are unique " +
				"across the whole account: the account's connections and those of all its projects share one namespace. Changing it replaces the connection.",
		},
		"category": schema.StringAttribute{
			Required: true, Validators: []validator.String{stringvalidator.OneOf(categories...)},
			MarkdownDescription: "What the connection points at (`properties.category`), e.g. `AzureOpenAI`, `AIServices`, `CognitiveSearch`, " +
				"`CosmosDb`, `AzureStorageAccount`, `AzureBlob`, `ApiKey`, `CustomKeys`, `RemoteTool`. Any of the API's " +
				fmt.Sprint(len(categories)) + " categories.",
		},
		"target": schema.StringAttribute{
			Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			MarkdownDescription: "The URL or address of the target (`properties.target`), e.g. `https://contoso.search.windows.net`. " +
				"For the categories whose target is an endpoint (`AzureOpenAI`, `AIServices`, `CognitiveSearch`, `CognitiveService`, `CosmosDb`, " +
				"`AzureStorageAccount`, `AzureBlob`, `OpenAI`, the HTTP-based categories) it must be an absolute `http(s)` URL, checked at plan.",
		},
		"auth_type": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The authentication type (`properties.authType`), implied by the credentials block that is set.",
		},
		"metadata": schema.MapAttribute{
			Optional: true, ElementType: types.StringType,
			MarkdownDescription: "Metadata of the connection (`properties.metadata`), e.g. `ApiType`, `ResourceId`, `location`, `ApiVersion`.",
		},
		"is_shared_to_all": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether every user of the " + sc.parentNoun + " may use the connection (`properties.isSharedToAll`). Default `false`.",
		},
		"shared_user_list": schema.SetAttribute{
			Optional: true, ElementType: types.StringType, Validators: []validator.Set{setvalidator.SizeAtLeast(1)},
			MarkdownDescription: "Object IDs of the users the connection is shared with (`properties.sharedUserList`).",
		},
		"expiry_time": schema.StringAttribute{
			Optional: true, Validators: []validator.String{rfc3339{}},
			MarkdownDescription: "When the credentials expire (`properties.expiryTime`), an RFC 3339 timestamp such as `2027-01-31T00:00:00Z`.",
		},
		"use_workspace_managed_identity": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether the connection uses the managed identity of the " + sc.parentNoun + " (`properties.useWorkspaceManagedIdentity`). Default `false`.",
		},
		"pe_requirement": schema.StringAttribute{
			Optional: true, Computed: true, PlanModifiers: keep,
			Validators:          []validator.String{stringvalidator.OneOf(peRequirements...)},
			MarkdownDescription: "How private endpoints are used with the connection (`properties.peRequirement`): `Required`, `NotRequired` or `NotApplicable`. Removing it keeps the current value.",
		},
		"group": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The group Azure derives from the category (`properties.group`), e.g. `AzureAI`, `Database`, `NoSQL`, `File`.",
		},
		"secret_version": schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: "Change this number to send the write-only secrets (`*_wo`) again: Terraform never sees their values in plan or " +
				"state, so a new value of a `*_wo` attribute alone changes nothing. Not needed with the sensitive (non-`_wo`) forms.",
		},
	}
	blocks := map[string]schema.Block{
		"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
			CreateDescription: "How long to wait for the connection to be created, including the plan-time name check (default 10 minutes).",
			ReadDescription:   "How long to wait for a read (default 5 minutes).",
			UpdateDescription: "How long to wait for an update (default 10 minutes).",
			DeleteDescription: "How long to wait for the connection to be deleted (default 10 minutes)."}),
	}
	for _, b := range credentialsBlocks {
		blocks[b.name] = credentialsBlockSchema(b)
	}
	return schema.Schema{
		MarkdownDescription: fmt.Sprintf("A connection of a %s (`%s`, API version 2026-09-01): the endpoint and credentials of a resource "+
			"that agents, tools and capability hosts use. Set exactly one credentials block (%s); it decides `auth_type`. "+
			"Writes are serialised with the other children of the same account.", sc.parentNoun, sc.armType, quoteList(blockNames())),
		Attributes: attrs,
		Blocks:     blocks,
	}
}

func credentialsBlockSchema(b credentialsBlock) schema.SingleNestedBlock {
	attrs := map[string]schema.Attribute{}
	for _, f := range b.fields {
		desc := f.desc
		if f.required {
			desc += " Required in this block."
		}
		attrs[f.name] = schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, MarkdownDescription: desc}
	}
	for _, s := range b.secrets {
		need := "Optional: set at most one of `" + s.writeOnly() + "` and `" + s.name + "`."
		if s.required {
			need = "Set exactly one of `" + s.writeOnly() + "` and `" + s.name + "`."
		}
		woDesc := s.desc + " Write-only: sent to Azure but never stored in plan or state (Terraform or OpenTofu 1.11 or later); " +
			"change `secret_version` to send a new value. " + need
		fbDesc := s.desc + " Stored in state (sensitive); prefer `" + s.writeOnly() + "` on Terraform 1.11 or later. " + need
		if s.isMap {
			attrs[s.writeOnly()] = schema.MapAttribute{Optional: true, WriteOnly: true, Sensitive: true, ElementType: types.StringType,
				Validators: []validator.Map{mapvalidator.SizeAtLeast(1)}, MarkdownDescription: woDesc}
			attrs[s.name] = schema.MapAttribute{Optional: true, Sensitive: true, ElementType: types.StringType,
				Validators: []validator.Map{mapvalidator.SizeAtLeast(1)}, MarkdownDescription: fbDesc}
			continue
		}
		attrs[s.writeOnly()] = schema.StringAttribute{Optional: true, WriteOnly: true, Sensitive: true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, MarkdownDescription: woDesc}
		attrs[s.name] = schema.StringAttribute{Optional: true, Sensitive: true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, MarkdownDescription: fbDesc}
	}
	return schema.SingleNestedBlock{
		MarkdownDescription: b.desc + " Sets `auth_type = \"" + string(b.authType) + "\"`.",
		Attributes:          attrs,
	}
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + n + "`"
	}
	return strings.Join(q, ", ")
}
