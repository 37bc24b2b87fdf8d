package agent

import (
	"context"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	defaultCreateTimeout = 30 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
	defaultDeleteTimeout = 30 * time.Minute

	projectType    = "Microsoft.CognitiveServices/accounts/projects"
	projectExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/projects/{project}"
)

// The spec's agent name rule: up to 63 characters, alphanumeric at both ends, hyphens inside.
var namePattern = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$`)

func nameValidators() []validator.String {
	return []validator.String{framework.Name(1, 63, namePattern, "letters, digits and hyphens, starting and ending with a letter or digit")}
}

func projectIDValidators() []validator.String {
	return []validator.String{framework.ARMID(projectType, projectExample)}
}

func metadataValidators() []validator.Map {
	return []validator.Map{
		mapvalidator.SizeAtMost(16),
		mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 64)),
		mapvalidator.ValueStringsAre(stringvalidator.LengthAtMost(512)),
	}
}

func optionalString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc}
}

func optionalStrings(desc string) schema.ListAttribute {
	return schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: desc}
}

func jsonAttr(desc string, required bool) schema.StringAttribute {
	return schema.StringAttribute{Optional: !required, Required: required, CustomType: jsonType{},
		Validators: []validator.String{jsonObjectValidator{}}, MarkdownDescription: desc}
}

func connectionAttr(desc string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		MarkdownDescription: desc + " Project connection ARM ID (`<project ID>/connections/{name}`)."}
}

func resourceSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "A versioned prompt agent on a Foundry project's data plane (`/agents`, api-version `" + client.ProjectAPIVersion + "`). " +
			"Versions are immutable: a change to `definition`, `description` or `metadata` creates a new version, and `version` changes; " +
			"any other change creates none. The project endpoint is read from the project (`properties.endpoints`). The provider's " +
			"identity needs a Foundry role with agent data actions on the project (Foundry User; see `foundry_role_assignment`); while a fresh " +
			"assignment propagates, 401 `PermissionDenied` is retried for at most the provider's `waits.role_propagation` (default 15 minutes). " +
			"At plan, `definition.model` must name a deployment of the project's account (in Azure or in the same plan), unless it has a `/`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: "`<project ID>/agents/<name>`, also the import ID."},
			"project_id": schema.StringAttribute{Required: true, Validators: projectIDValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "ARM ID of the project (`foundry_project.id`). Changing it replaces the agent."},
			"name": schema.StringAttribute{Required: true, Validators: nameValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "Name of the agent, its key in the project: up to 63 letters, digits and hyphens, starting and ending with a letter or digit. Changing it replaces the agent."},
			"description": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthBetween(1, 512)},
				MarkdownDescription: "Description (stored per version, up to 512 characters). Changing it creates a new version."},
			"metadata": schema.MapAttribute{Optional: true, ElementType: types.StringType, Validators: metadataValidators(),
				MarkdownDescription: "Up to 16 key-value pairs (keys up to 64, values up to 512 characters), stored per version. Changing it creates a new version."},
			"keep_versions": schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(0),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
				MarkdownDescription: "How many versions to keep: after each new version, versions older than the newest `keep_versions` are deleted. " +
					"Default `0` keeps every version."},
			"version": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: "The latest version (`\"1\"`, `\"2\"`, ...); known at plan time when nothing that creates a version changes."},
			"latest_version_id": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Service ID of the latest version (`<agent id>:<version>`)."},
			"agent_id": schema.StringAttribute{Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Service ID of the agent."},
		},
		Blocks: map[string]schema.Block{
			"definition": definitionSchema(),
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long to create the agent, including waiting for a new role assignment to reach the data plane (default 30 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to create a new version and prune old ones (default 30 minutes).",
				DeleteDescription: "How long to wait for the delete (default 30 minutes)."}),
		},
	}
}

func definitionSchema() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		Validators:          []validator.Object{objectvalidator.IsRequired()},
		MarkdownDescription: "The agent definition, kind `prompt` (required). Any change creates a new version.",
		Attributes: map[string]schema.Attribute{
			"model": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Name of a model deployment of the project's account; reference `foundry_deployment.<x>.name` to order the deployment first."},
			"instructions": optionalString("System instructions."),
			"temperature": schema.Float64Attribute{Optional: true, Validators: []validator.Float64{float64validator.Between(0, 2)},
				MarkdownDescription: "Sampling temperature, 0 to 2 (service default 1)."},
			"top_p": schema.Float64Attribute{Optional: true, Validators: []validator.Float64{float64validator.Between(0, 1)},
				MarkdownDescription: "Nucleus sampling, 0 to 1 (service default 1)."},
		},
		Blocks: map[string]schema.Block{
			"text_format": schema.SingleNestedBlock{
				MarkdownDescription: "Response format (`text.format`).",
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("text", "json_object", "json_schema")},
						MarkdownDescription: "`text`, `json_object` or `json_schema`."},
					"name":        optionalString("Name of the schema (`json_schema` only)."),
					"description": optionalString("Description of the schema (`json_schema` only)."),
					"schema":      jsonAttr("JSON Schema of the response as a JSON object string, e.g. `jsonencode({...})` (`json_schema` only).", false),
					"strict":      schema.BoolAttribute{Optional: true, MarkdownDescription: "Enforce the schema strictly (`json_schema` only)."},
				}},
			"tools": toolsSchema(),
		},
	}
}

func toolsSchema() schema.SingleNestedBlock {
	list := func(desc string, attrs map[string]schema.Attribute) schema.ListNestedBlock {
		return schema.ListNestedBlock{MarkdownDescription: desc, NestedObject: schema.NestedBlockObject{Attributes: attrs}}
	}
	return schema.SingleNestedBlock{
		MarkdownDescription: "Tools of the agent, one block per tool, by type. Supported: " + supportedToolsMarkdown() + ". Other types, " +
			"preview ones (`*_preview`) included, cannot be written: Terraform refuses the block at plan. Within a type the order is kept; " +
			"across types tools are sent in the order listed here.",
		Blocks: map[string]schema.Block{
			"function": list("Function tools (`type: function`).", map[string]schema.Attribute{
				"name":        schema.StringAttribute{Required: true, MarkdownDescription: "Function name."},
				"description": optionalString("What the function does."),
				"parameters":  jsonAttr("JSON Schema of the arguments as a JSON object string.", false),
				"strict":      schema.BoolAttribute{Optional: true, MarkdownDescription: "Enforce the parameter schema strictly."},
			}),
			"file_search": list("File search tools (`type: file_search`).", map[string]schema.Attribute{
				"vector_store_ids": schema.ListAttribute{Required: true, ElementType: types.StringType, MarkdownDescription: "Vector store IDs to search."},
				"max_num_results": schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.Between(1, 50)},
					MarkdownDescription: "Most results to return (1 to 50)."},
			}),
			"code_interpreter": list("Code interpreter tools (`type: code_interpreter`, container `auto`).", map[string]schema.Attribute{
				"file_ids": optionalStrings("Files available to the code."),
			}),
			"azure_ai_search": list("Azure AI Search tools (`type: azure_ai_search`, one index each).", map[string]schema.Attribute{
				"project_connection_id": connectionAttr("Connection to the search service."),
				"index_name":            schema.StringAttribute{Required: true, MarkdownDescription: "Name of the index."},
				"query_type": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("simple", "semantic", "vector",
					"vector_simple_hybrid", "vector_semantic_hybrid")}, MarkdownDescription: "`simple`, `semantic`, `vector`, `vector_simple_hybrid` or `vector_semantic_hybrid`."},
				"top_k":  schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.AtLeast(1)}, MarkdownDescription: "Number of documents to retrieve."},
				"filter": optionalString("OData filter applied to the search."),
			}),
			"bing_grounding": list("Grounding with Bing Search tools (`type: bing_grounding`, one search configuration each).", map[string]schema.Attribute{
				"project_connection_id": schema.StringAttribute{Required: true, MarkdownDescription: "Project connection ARM ID of the Bing resource."},
				"market":                optionalString("Market, e.g. `en-US`."),
				"set_lang":              optionalString("UI language, e.g. `en`."),
				"count":                 schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.Between(1, 50)}, MarkdownDescription: "Number of results."},
				"freshness":             optionalString("Freshness filter, e.g. `Day`, `Week`, `Month`."),
			}),
			"openapi": schema.ListNestedBlock{MarkdownDescription: "OpenAPI tools (`type: openapi`).", NestedObject: schema.NestedBlockObject{
				Attributes: map[string]schema.Attribute{
					"name":        schema.StringAttribute{Required: true, MarkdownDescription: "Name of the tool."},
					"description": optionalString("What the API does."),
					"spec":        jsonAttr("The OpenAPI 3 document as a JSON object string.", true),
				},
				Blocks: map[string]schema.Block{
					"auth": schema.SingleNestedBlock{MarkdownDescription: "How the agent authenticates to the API (required).",
						Validators: []validator.Object{objectvalidator.IsRequired()},
						Attributes: map[string]schema.Attribute{
							"type": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("anonymous", "project_connection", "managed_identity")},
								MarkdownDescription: "`anonymous`, `project_connection` (needs `project_connection_id`) or `managed_identity` (needs `audience`). Required."},
							"project_connection_id": connectionAttr("For `project_connection`: the connection holding the credentials."),
							"audience":              optionalString("For `managed_identity`: the token audience of the API."),
						}},
				}}},
			"mcp": list("Model Context Protocol server tools (`type: mcp`).", map[string]schema.Attribute{
				"server_label":          schema.StringAttribute{Required: true, MarkdownDescription: "Label of the server."},
				"server_url":            optionalString("URL of the server."),
				"require_approval":      optionalString("`always`, `never`, or a JSON object string with per-tool rules."),
				"allowed_tools":         optionalStrings("Tools of the server the agent may call."),
				"project_connection_id": connectionAttr("Connection holding the server's credentials."),
				"headers": schema.MapAttribute{Optional: true, Sensitive: true, ElementType: types.StringType,
					MarkdownDescription: "HTTP headers sent to the server (sensitive; prefer `project_connection_id` for secrets)."},
			}),
			"a2a": list("Agent-to-agent tools (`type: a2a`).", map[string]schema.Attribute{
				"base_url":              schema.StringAttribute{Required: true, MarkdownDescription: "Base URL of the remote agent."},
				"agent_card_path":       optionalString("Path of the agent card, default `/.well-known/agent-card.json`."),
				"project_connection_id": connectionAttr("Connection holding the remote agent's credentials."),
			}),
		},
	}
}
