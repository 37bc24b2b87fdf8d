package agent

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// The flatten functions write what the service returned, with the prior value (state or plan) deciding between
// equivalent spellings: null vs "" or {}, the service defaults temperature = top_p = 1, and optional tool fields the
// configuration leaves unset but the service fills in. Without a prior (import, data sources) the service's values
// are taken, except for those defaults.

// str returns got, or null when got is empty and prior is null or absent.
func flatStr(got *string, prior types.String) types.String {
	if got == nil || (*got == "" && prior.IsNull()) {
		return types.StringNull()
	}
	return types.StringValue(*got)
}

// opt* keep null when the prior (if any) is null: the service may fill in defaults for unset tool fields.
func optStr(got *string, prior *types.String) types.String {
	if prior != nil && prior.IsNull() {
		return types.StringNull()
	}
	return types.StringPointerValue(got)
}

func optInt(got *int64, prior *types.Int64) types.Int64 {
	if prior != nil && prior.IsNull() {
		return types.Int64Null()
	}
	return types.Int64PointerValue(got)
}

func optBool(got *bool, prior *types.Bool) types.Bool {
	if prior != nil && prior.IsNull() {
		return types.BoolNull()
	}
	return types.BoolPointerValue(got)
}

func optList(got []string, prior *types.List, diags *diag.Diagnostics) types.List {
	if (prior != nil && prior.IsNull()) || (prior == nil && got == nil) {
		return types.ListNull(types.StringType)
	}
	if got == nil {
		got = []string{}
	}
	v, d := types.ListValueFrom(context.Background(), types.StringType, got)
	diags.Append(d...)
	return v
}

// sampling returns the temperature or top_p, null when the service reports its default 1 for an unset value.
func sampling(got *float64, prior types.Float64) types.Float64 {
	if got == nil || (*got == 1 && prior.IsNull()) {
		return types.Float64Null()
	}
	if !prior.IsNull() && !prior.IsUnknown() && prior.ValueFloat64() == *got {
		return prior
	}
	return types.Float64Value(*got)
}

// flattenVersion writes an agent version into m; prior is m's definition before (nil on import).
func flattenVersion(v client.AgentVersion, m *agentModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.Version = types.StringValue(v.Version)
	m.LatestVersionID = types.StringValue(v.ID)
	m.Description = flatStr(v.Description, m.Description)
	if len(v.Metadata) == 0 && m.Metadata.IsNull() {
		m.Metadata = types.MapNull(types.StringType)
	} else {
		m.Metadata = framework.StringMap(v.Metadata, m.Metadata, &diags)
	}
	if v.Definition == nil {
		m.Definition = nil
		return diags
	}
	m.Definition = flattenDefinition(*v.Definition, m.Definition, &diags)
	return diags
}

func flattenDefinition(d client.AgentDefinition, prior *definitionModel, diags *diag.Diagnostics) *definitionModel {
	if !strings.EqualFold(d.Kind, "prompt") {
		diags.Append(diagnostics.InvalidAttribute(path.Root("definition"), "Unsupported agent kind",
			fmt.Sprintf("The agent's latest version has a definition of kind %q; foundry_agent manages kind \"prompt\" only.", d.Kind)))
		return prior
	}
	p := prior
	if p == nil {
		p = &definitionModel{Instructions: types.StringNull(), Temperature: types.Float64Null(), TopP: types.Float64Null()}
	}
	out := &definitionModel{
		Model:        types.StringValue(d.Model),
		Instructions: flatStr(d.Instructions, p.Instructions),
		Temperature:  sampling(d.Temperature, p.Temperature),
		TopP:         sampling(d.TopP, p.TopP),
	}
	if f := d.Text; f != nil && f.Format != nil && (f.Format.Type != "text" || p.TextFormat != nil) {
		pf := p.TextFormat
		if pf == nil {
			pf = &textFormatModel{Schema: nullJSON()}
		}
		out.TextFormat = &textFormatModel{
			Type: types.StringValue(f.Format.Type), Name: flatStr(f.Format.Name, pf.Name), Description: flatStr(f.Format.Description, pf.Description),
			Schema: flattenJSON(f.Format.Schema, pf.Schema), Strict: types.BoolPointerValue(f.Format.Strict),
		}
	}
	out.Tools = flattenTools(d.Tools, p.Tools, diags)
	return out
}

func at[T any](s []T, i int) *T {
	if i < len(s) {
		return &s[i]
	}
	return nil
}

func flattenTools(tools []client.AgentTool, prior *toolsModel, diags *diag.Diagnostics) *toolsModel {
	if len(tools) == 0 && prior == nil {
		return nil
	}
	p := prior
	if p == nil {
		p = &toolsModel{}
	}
	// Absent tool blocks are empty lists, not null.
	out := &toolsModel{Function: []functionModel{}, FileSearch: []fileSearchModel{}, CodeInterpreter: []codeInterpreterModel{},
		AzureAISearch: []azureAISearchModel{}, BingGrounding: []bingGroundingModel{}, OpenAPI: []openAPIModel{}, MCP: []mcpModel{}, A2A: []a2aModel{}}
	for _, t := range tools {
		switch t.Type {
		case client.ToolFunction:
			pp := at(p.Function, len(out.Function))
			f := functionModel{Name: types.StringPointerValue(t.Name), Description: types.StringPointerValue(t.Description),
				Parameters: flattenJSON(t.Parameters, nullJSON()), Strict: types.BoolPointerValue(t.Strict)}
			if pp != nil {
				f.Description, f.Strict = optStr(t.Description, &pp.Description), optBool(t.Strict, &pp.Strict)
				f.Parameters = flattenJSON(t.Parameters, pp.Parameters)
			}
			out.Function = append(out.Function, f)
		case client.ToolFileSearch:
			pp := at(p.FileSearch, len(out.FileSearch))
			f := fileSearchModel{}
			if pp != nil {
				f.VectorStoreIDs, f.MaxNumResults = optList(t.VectorStoreIDs, &pp.VectorStoreIDs, diags), optInt(t.MaxNumResults, &pp.MaxNumResults)
			} else {
				f.VectorStoreIDs, f.MaxNumResults = optList(t.VectorStoreIDs, nil, diags), optInt(t.MaxNumResults, nil)
			}
			out.FileSearch = append(out.FileSearch, f)
		case client.ToolCodeInterpreter:
			pp := at(p.CodeInterpreter, len(out.CodeInterpreter))
			var ids []string
			if t.Container != nil {
				ids = t.Container.FileIDs
			}
			var prev *types.List
			if pp != nil {
				prev = &pp.FileIDs
			}
			out.CodeInterpreter = append(out.CodeInterpreter, codeInterpreterModel{FileIDs: optList(ids, prev, diags)})
		case client.ToolAzureAISearch:
			pp := at(p.AzureAISearch, len(out.AzureAISearch))
			ix := client.AzureAISearchIndex{}
			if t.AzureAISearch != nil && len(t.AzureAISearch.Indexes) > 0 {
				ix = t.AzureAISearch.Indexes[0]
			}
			s := azureAISearchModel{IndexName: types.StringPointerValue(ix.IndexName)}
			if pp != nil {
				s.ProjectConnectionID, s.QueryType = optStr(ix.ProjectConnectionID, &pp.ProjectConnectionID), optStr(ix.QueryType, &pp.QueryType)
				s.TopK, s.Filter = optInt(ix.TopK, &pp.TopK), optStr(ix.Filter, &pp.Filter)
			} else {
				s.ProjectConnectionID, s.QueryType, s.TopK, s.Filter = optStr(ix.ProjectConnectionID, nil), optStr(ix.QueryType, nil), optInt(ix.TopK, nil), optStr(ix.Filter, nil)
			}
			out.AzureAISearch = append(out.AzureAISearch, s)
		case client.ToolBingGrounding:
			pp := at(p.BingGrounding, len(out.BingGrounding))
			c := client.BingSearchConfiguration{}
			if t.BingGrounding != nil && len(t.BingGrounding.SearchConfigurations) > 0 {
				c = t.BingGrounding.SearchConfigurations[0]
			}
			b := bingGroundingModel{ProjectConnectionID: types.StringPointerValue(c.ProjectConnectionID)}
			if pp != nil {
				b.Market, b.SetLang, b.Count, b.Freshness = optStr(c.Market, &pp.Market), optStr(c.SetLang, &pp.SetLang), optInt(c.Count, &pp.Count), optStr(c.Freshness, &pp.Freshness)
			} else {
				b.Market, b.SetLang, b.Count, b.Freshness = optStr(c.Market, nil), optStr(c.SetLang, nil), optInt(c.Count, nil), optStr(c.Freshness, nil)
			}
			out.BingGrounding = append(out.BingGrounding, b)
		case client.ToolOpenAPI:
			out.OpenAPI = append(out.OpenAPI, flattenOpenAPI(t.OpenAPI, at(p.OpenAPI, len(out.OpenAPI))))
		case client.ToolMCP:
			out.MCP = append(out.MCP, flattenMCP(t, at(p.MCP, len(out.MCP)), diags))
		case client.ToolA2A:
			pp := at(p.A2A, len(out.A2A))
			a := a2aModel{BaseURL: types.StringPointerValue(t.BaseURL)}
			if pp != nil {
				a.AgentCardPath, a.ProjectConnectionID = optStr(t.AgentCardPath, &pp.AgentCardPath), optStr(t.ProjectConnectionID, &pp.ProjectConnectionID)
			} else {
				a.AgentCardPath, a.ProjectConnectionID = optStr(t.AgentCardPath, nil), optStr(t.ProjectConnectionID, nil)
			}
			out.A2A = append(out.A2A, a)
		default:
			diags.Append(diagnostics.InvalidAttribute(path.Root("definition").AtName("tools"), "Unsupported tool type",
				fmt.Sprintf("The agent's latest version has a tool of type %q, which foundry_agent does not support (supported: %s; preview "+
					"types are not). Remove the tool from the agent outside Terraform, or manage this agent elsewhere.", t.Type, strings.Join(supportedTools, ", "))))
		}
	}
	return out
}

func flattenOpenAPI(o *client.OpenAPITool, prior *openAPIModel) openAPIModel {
	if o == nil {
		o = &client.OpenAPITool{}
	}
	out := openAPIModel{Name: types.StringValue(o.Name), Description: types.StringPointerValue(o.Description), Spec: flattenJSON(o.Spec, nullJSON())}
	var pa *openAPIAuthModel
	if prior != nil {
		out.Description, out.Spec, pa = optStr(o.Description, &prior.Description), flattenJSON(o.Spec, prior.Spec), prior.Auth
	}
	if a := o.Auth; a != nil {
		auth := &openAPIAuthModel{Type: types.StringValue(a.Type), ProjectConnectionID: types.StringNull(), Audience: types.StringNull()}
		if s := a.SecurityScheme; s != nil {
			auth.ProjectConnectionID, auth.Audience = types.StringPointerValue(s.ProjectConnectionID), types.StringPointerValue(s.Audience)
		}
		out.Auth = auth
	} else if pa != nil {
		out.Auth = pa
	}
	return out
}

func flattenMCP(t client.AgentTool, prior *mcpModel, diags *diag.Diagnostics) mcpModel {
	var approval *string
	if t.RequireApproval != nil {
		approval = framework.Ptr(string(*t.RequireApproval))
	}
	out := mcpModel{ServerLabel: types.StringPointerValue(t.ServerLabel)}
	if prior == nil {
		out.ServerURL, out.RequireApproval, out.ProjectConnectionID = optStr(t.ServerURL, nil), optStr(approval, nil), optStr(t.ProjectConnectionID, nil)
		out.AllowedTools = optList(t.AllowedTools, nil, diags)
		out.Headers = types.MapNull(types.StringType)
		if len(t.Headers) > 0 {
			out.Headers = framework.StringMap(t.Headers, types.MapNull(types.StringType), diags)
		}
		return out
	}
	out.ServerURL, out.ProjectConnectionID = optStr(t.ServerURL, &prior.ServerURL), optStr(t.ProjectConnectionID, &prior.ProjectConnectionID)
	out.RequireApproval = optStr(approval, &prior.RequireApproval)
	if !prior.RequireApproval.IsNull() && approval != nil && jsonEqual(prior.RequireApproval.ValueString(), *approval) {
		out.RequireApproval = prior.RequireApproval
	}
	out.AllowedTools = optList(t.AllowedTools, &prior.AllowedTools, diags)
	// The service may not echo headers (they can hold secrets): keep the configured ones when none come back.
	switch {
	case prior.Headers.IsNull():
		out.Headers = types.MapNull(types.StringType)
	case len(t.Headers) == 0:
		out.Headers = prior.Headers
	default:
		out.Headers = framework.StringMap(t.Headers, prior.Headers, diags)
	}
	return out
}
