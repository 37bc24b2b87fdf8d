package agent

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// supportedTools are the tool types with a typed block, in the order they are sent.
var supportedTools = []string{client.ToolFunction, client.ToolFileSearch, client.ToolCodeInterpreter, client.ToolAzureAISearch,
	client.ToolBingGrounding, client.ToolOpenAPI, client.ToolMCP, client.ToolA2A}

func supportedToolsMarkdown() string {
	return "`" + strings.Join(supportedTools, "`, `") + "`"
}

type agentModel struct {
	ID              types.String     `tfsdk:"id"`
	ProjectID       types.String     `tfsdk:"project_id"`
	Name            types.String     `tfsdk:"name"`
	Description     types.String     `tfsdk:"description"`
	Metadata        types.Map        `tfsdk:"metadata"`
	KeepVersions    types.Int64      `tfsdk:"keep_versions"`
	Definition      *definitionModel `tfsdk:"definition"`
	Version         types.String     `tfsdk:"version"`
	LatestVersionID types.String     `tfsdk:"latest_version_id"`
	AgentID         types.String     `tfsdk:"agent_id"`
	Timeouts        timeouts.Value   `tfsdk:"timeouts"`
}

type definitionModel struct {
	Model        types.String     `tfsdk:"model"`
	Instructions types.String     `tfsdk:"instructions"`
	Temperature  types.Float64    `tfsdk:"temperature"`
	TopP         types.Float64    `tfsdk:"top_p"`
	TextFormat   *textFormatModel `tfsdk:"text_format"`
	Tools        *toolsModel      `tfsdk:"tools"`
}

type textFormatModel struct {
	Type        types.String `tfsdk:"type"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Schema      jsonValue    `tfsdk:"schema"`
	Strict      types.Bool   `tfsdk:"strict"`
}

type toolsModel struct {
	Function        []functionModel        `tfsdk:"function"`
	FileSearch      []fileSearchModel      `tfsdk:"file_search"`
	CodeInterpreter []codeInterpreterModel `tfsdk:"code_interpreter"`
	AzureAISearch   []azureAISearchModel   `tfsdk:"azure_ai_search"`
	BingGrounding   []bingGroundingModel   `tfsdk:"bing_grounding"`
	OpenAPI         []openAPIModel         `tfsdk:"openapi"`
	MCP             []mcpModel             `tfsdk:"mcp"`
	A2A             []a2aModel             `tfsdk:"a2a"`
}

type functionModel struct {
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Parameters  jsonValue    `tfsdk:"parameters"`
	Strict      types.Bool   `tfsdk:"strict"`
}

type fileSearchModel struct {
	VectorStoreIDs types.List  `tfsdk:"vector_store_ids"`
	MaxNumResults  types.Int64 `tfsdk:"max_num_results"`
}

type codeInterpreterModel struct {
	FileIDs types.List `tfsdk:"file_ids"`
}

type azureAISearchModel struct {
	ProjectConnectionID types.String `tfsdk:"project_connection_id"`
	IndexName           types.String `tfsdk:"index_name"`
	QueryType           types.String `tfsdk:"query_type"`
	TopK                types.Int64  `tfsdk:"top_k"`
	Filter              types.String `tfsdk:"filter"`
}

type bingGroundingModel struct {
	ProjectConnectionID types.String `tfsdk:"project_connection_id"`
	Market              types.String `tfsdk:"market"`
	SetLang             types.String `tfsdk:"set_lang"`
	Count               types.Int64  `tfsdk:"count"`
	Freshness           types.String `tfsdk:"freshness"`
}

type openAPIModel struct {
	Name        types.String      `tfsdk:"name"`
	Description types.String      `tfsdk:"description"`
	Spec        jsonValue         `tfsdk:"spec"`
	Auth        *openAPIAuthModel `tfsdk:"auth"`
}

type openAPIAuthModel struct {
	Type                types.String `tfsdk:"type"`
	ProjectConnectionID types.String `tfsdk:"project_connection_id"`
	Audience            types.String `tfsdk:"audience"`
}

type mcpModel struct {
	ServerLabel         types.String `tfsdk:"server_label"`
	ServerURL           types.String `tfsdk:"server_url"`
	RequireApproval     types.String `tfsdk:"require_approval"`
	AllowedTools        types.List   `tfsdk:"allowed_tools"`
	ProjectConnectionID types.String `tfsdk:"project_connection_id"`
	Headers             types.Map    `tfsdk:"headers"`
}

type a2aModel struct {
	BaseURL             types.String `tfsdk:"base_url"`
	AgentCardPath       types.String `tfsdk:"agent_card_path"`
	ProjectConnectionID types.String `tfsdk:"project_connection_id"`
}

// ---- expand ------------------------------------------------------------------------------------

func int64Ptr(v types.Int64) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueInt64Pointer()
}

func boolPtr(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueBoolPointer()
}

func stringsOf(ctx context.Context, v types.List, diags *diag.Diagnostics) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := []string{}
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

// expandAgentVersion builds the body of a new version.
func expandAgentVersion(ctx context.Context, m agentModel) (client.AgentVersionRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := client.AgentVersionRequest{Description: framework.KnownStringPointer(m.Description)}
	if !m.Metadata.IsNull() && !m.Metadata.IsUnknown() {
		md := map[string]string{}
		diags.Append(m.Metadata.ElementsAs(ctx, &md, false)...)
		body.Metadata = md
	}
	d := m.Definition
	if d == nil {
		return body, diags
	}
	body.Definition = client.AgentDefinition{
		Kind: "prompt", Model: d.Model.ValueString(), Instructions: framework.KnownStringPointer(d.Instructions),
		Temperature: d.Temperature.ValueFloat64Pointer(), TopP: d.TopP.ValueFloat64Pointer(),
	}
	if f := d.TextFormat; f != nil {
		body.Definition.Text = &client.AgentText{Format: &client.AgentTextFormat{
			Type: f.Type.ValueString(), Name: framework.KnownStringPointer(f.Name), Description: framework.KnownStringPointer(f.Description), Schema: f.Schema.raw(), Strict: boolPtr(f.Strict),
		}}
	}
	body.Definition.Tools = expandTools(ctx, d.Tools, &diags)
	return body, diags
}

func expandTools(ctx context.Context, t *toolsModel, diags *diag.Diagnostics) []client.AgentTool {
	if t == nil {
		return nil
	}
	var out []client.AgentTool
	for _, f := range t.Function {
		out = append(out, client.AgentTool{Type: client.ToolFunction, Name: framework.KnownStringPointer(f.Name), Description: framework.KnownStringPointer(f.Description),
			Parameters: f.Parameters.raw(), Strict: boolPtr(f.Strict)})
	}
	for _, f := range t.FileSearch {
		out = append(out, client.AgentTool{Type: client.ToolFileSearch, VectorStoreIDs: stringsOf(ctx, f.VectorStoreIDs, diags),
			MaxNumResults: int64Ptr(f.MaxNumResults)})
	}
	for _, c := range t.CodeInterpreter {
		out = append(out, client.AgentTool{Type: client.ToolCodeInterpreter,
			Container: &client.CodeInterpreterContainer{Type: "auto", FileIDs: stringsOf(ctx, c.FileIDs, diags)}})
	}
	for _, s := range t.AzureAISearch {
		out = append(out, client.AgentTool{Type: client.ToolAzureAISearch, AzureAISearch: &client.AzureAISearchTool{Indexes: []client.AzureAISearchIndex{{
			ProjectConnectionID: framework.KnownStringPointer(s.ProjectConnectionID), IndexName: framework.KnownStringPointer(s.IndexName), QueryType: framework.KnownStringPointer(s.QueryType),
			TopK: int64Ptr(s.TopK), Filter: framework.KnownStringPointer(s.Filter),
		}}}})
	}
	for _, b := range t.BingGrounding {
		out = append(out, client.AgentTool{Type: client.ToolBingGrounding, BingGrounding: &client.BingGroundingTool{
			SearchConfigurations: []client.BingSearchConfiguration{{ProjectConnectionID: framework.KnownStringPointer(b.ProjectConnectionID), Market: framework.KnownStringPointer(b.Market),
				SetLang: framework.KnownStringPointer(b.SetLang), Count: int64Ptr(b.Count), Freshness: framework.KnownStringPointer(b.Freshness)}}}})
	}
	for _, o := range t.OpenAPI {
		tool := &client.OpenAPITool{Name: o.Name.ValueString(), Description: framework.KnownStringPointer(o.Description), Spec: o.Spec.raw()}
		if a := o.Auth; a != nil {
			tool.Auth = &client.OpenAPIAuth{Type: a.Type.ValueString()}
			if pc, aud := framework.KnownStringPointer(a.ProjectConnectionID), framework.KnownStringPointer(a.Audience); pc != nil || aud != nil {
				tool.Auth.SecurityScheme = &client.OpenAPISecurityScheme{ProjectConnectionID: pc, Audience: aud}
			}
		}
		out = append(out, client.AgentTool{Type: client.ToolOpenAPI, OpenAPI: tool})
	}
	for _, m := range t.MCP {
		tool := client.AgentTool{Type: client.ToolMCP, ServerLabel: framework.KnownStringPointer(m.ServerLabel), ServerURL: framework.KnownStringPointer(m.ServerURL),
			AllowedTools: stringsOf(ctx, m.AllowedTools, diags), ProjectConnectionID: framework.KnownStringPointer(m.ProjectConnectionID)}
		if v := framework.KnownStringPointer(m.RequireApproval); v != nil {
			tool.RequireApproval = framework.Ptr(client.ApprovalPolicy(*v))
		}
		if !m.Headers.IsNull() && !m.Headers.IsUnknown() {
			h := map[string]string{}
			diags.Append(m.Headers.ElementsAs(ctx, &h, false)...)
			tool.Headers = h
		}
		out = append(out, tool)
	}
	for _, a := range t.A2A {
		out = append(out, client.AgentTool{Type: client.ToolA2A, BaseURL: framework.KnownStringPointer(a.BaseURL), AgentCardPath: framework.KnownStringPointer(a.AgentCardPath),
			ProjectConnectionID: framework.KnownStringPointer(a.ProjectConnectionID)})
	}
	return out
}
