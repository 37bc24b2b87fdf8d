package agent

import (
	"context"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*agentDataSource)(nil)

type agentDataSource struct{ providerdata.DataSourceBase }

// agentSummary is one agent as the data sources show it: the latest version, flattened, with its definition as JSON.
type agentSummary struct {
	ID              types.String  `tfsdk:"id"`
	Name            types.String  `tfsdk:"name"`
	AgentID         types.String  `tfsdk:"agent_id"`
	Version         types.String  `tfsdk:"version"`
	LatestVersionID types.String  `tfsdk:"latest_version_id"`
	Description     types.String  `tfsdk:"description"`
	Metadata        types.Map     `tfsdk:"metadata"`
	Model           types.String  `tfsdk:"model"`
	Instructions    types.String  `tfsdk:"instructions"`
	Temperature     types.Float64 `tfsdk:"temperature"`
	TopP            types.Float64 `tfsdk:"top_p"`
	ToolTypes       types.List    `tfsdk:"tool_types"`
	DefinitionJSON  types.String  `tfsdk:"definition_json"`
}

type agentDataModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	agentSummary
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// NewDataSource returns the foundry_agent data source.
func NewDataSource() datasource.DataSource { return &agentDataSource{} }

func (d *agentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agent"
}

func summaryAttributes(nameRequired bool) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id":                framework.ComputedString("`<project ID>/agents/<name>`."),
		"name":              framework.ComputedString("Name of the agent."),
		"agent_id":          framework.ComputedString("Service ID of the agent."),
		"version":           framework.ComputedString("The latest version."),
		"latest_version_id": framework.ComputedString("Service ID of the latest version."),
		"description":       framework.ComputedString("Description of the latest version."),
		"metadata":          schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Metadata of the latest version."},
		"model":             framework.ComputedString("Model deployment of the latest version (prompt agents)."),
		"instructions":      framework.ComputedString("Instructions of the latest version."),
		"temperature":       schema.Float64Attribute{Computed: true, MarkdownDescription: "Sampling temperature of the latest version."},
		"top_p":             schema.Float64Attribute{Computed: true, MarkdownDescription: "Nucleus sampling of the latest version."},
		"tool_types":        schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Types of the latest version's tools, in order."},
		"definition_json":   framework.ComputedString("The latest version's definition as JSON, as far as the provider models it."),
	}
	if nameRequired {
		attrs["name"] = schema.StringAttribute{Required: true, Validators: nameValidators(), MarkdownDescription: "Name of the agent."}
	}
	return attrs
}

func (d *agentDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := summaryAttributes(true)
	attrs["project_id"] = schema.StringAttribute{Required: true, Validators: projectIDValidators(), MarkdownDescription: "ARM ID of the project."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an agent of a Foundry project (its latest version) from the project's data plane.",
		Attributes:          attrs,
		Blocks:              map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *agentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m agentDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, 5*time.Minute, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	pid, err := client.ParseProjectID(m.ProjectID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("project_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.AgentID{ProjectID: pid, Name: m.Name.ValueString()}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	pc, err := d.Data.Client.Project(ctx, pid)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "project", pid.String(), err))
		return
	}
	a, err := retryDenied(ctx, d.Data.Waits.RolePropagation, func(ctx context.Context) (client.Agent, error) { return pc.GetAgent(ctx, id.Name) })
	if err != nil {
		resp.Diagnostics.Append(dataPlaneError(diagnostics.Reading, id, actionRead, err))
		return
	}
	m.agentSummary = summarize(pid, a, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// summarize flattens an agent's latest version for the data sources.
func summarize(pid client.ProjectID, a client.Agent, diags *diag.Diagnostics) agentSummary {
	s := agentSummary{
		ID: types.StringValue(client.AgentID{ProjectID: pid, Name: a.Name}.String()), Name: types.StringValue(a.Name), AgentID: types.StringValue(a.ID),
		Version: types.StringNull(), LatestVersionID: types.StringNull(), Description: types.StringNull(), Metadata: types.MapNull(types.StringType),
		Model: types.StringNull(), Instructions: types.StringNull(), Temperature: types.Float64Null(), TopP: types.Float64Null(),
		ToolTypes: types.ListNull(types.StringType), DefinitionJSON: types.StringNull(),
	}
	v := a.Latest()
	if v == nil {
		return s
	}
	s.Version, s.LatestVersionID = types.StringValue(v.Version), types.StringValue(v.ID)
	s.Description = flatStr(v.Description, types.StringNull())
	s.Metadata = framework.StringMap(v.Metadata, types.MapNull(types.StringType), diags)
	if def := v.Definition; def != nil {
		s.Model = types.StringValue(def.Model)
		s.Instructions = flatStr(def.Instructions, types.StringNull())
		s.Temperature, s.TopP = types.Float64PointerValue(def.Temperature), types.Float64PointerValue(def.TopP)
		kinds := make([]string, 0, len(def.Tools))
		for _, t := range def.Tools {
			kinds = append(kinds, t.Type)
		}
		tl, d := types.ListValueFrom(context.Background(), types.StringType, kinds)
		diags.Append(d...)
		s.ToolTypes = tl
		s.DefinitionJSON = types.StringValue(v.DefinitionJSON())
	}
	return s
}

// ---- foundry_agents ------------------------------------------------------------------------------

type agentsDataSource struct{ providerdata.DataSourceBase }

type agentsDataModel struct {
	ProjectID types.String   `tfsdk:"project_id"`
	Agents    []agentSummary `tfsdk:"agents"`
	Names     types.List     `tfsdk:"names"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// NewListDataSource returns the foundry_agents data source.
func NewListDataSource() datasource.DataSource { return &agentsDataSource{} }

func (d *agentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_agents"
}

func (d *agentsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every agent of a Foundry project (latest versions), following the data plane's cursor pages.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: projectIDValidators(), MarkdownDescription: "ARM ID of the project."},
			"names":      schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Names of the agents, in the service's order."},
			"agents": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The agents.",
				NestedObject: schema.NestedAttributeObject{Attributes: summaryAttributes(false)}},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *agentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m agentsDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, 5*time.Minute, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	pid, err := client.ParseProjectID(m.ProjectID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("project_id passed validation but does not parse: " + err.Error()))
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", pid.String())
	pc, err := d.Data.Client.Project(ctx, pid)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "project", pid.String(), err))
		return
	}
	agents, err := retryDenied(ctx, d.Data.Waits.RolePropagation, pc.ListAgents)
	if err != nil {
		resp.Diagnostics.Append(dataPlaneError(diagnostics.Reading, client.AgentID{ProjectID: pid, Name: "*"}, actionRead, err))
		return
	}
	m.Agents = make([]agentSummary, 0, len(agents))
	names := make([]string, 0, len(agents))
	for _, a := range agents {
		m.Agents = append(m.Agents, summarize(pid, a, &resp.Diagnostics))
		names = append(names, a.Name)
	}
	nl, dd := types.ListValueFrom(ctx, types.StringType, names)
	resp.Diagnostics.Append(dd...)
	m.Names = nl
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// ---- foundry_project_endpoints -------------------------------------------------------------------

type endpointsDataSource struct{ providerdata.DataSourceBase }

type endpointsModel struct {
	ProjectID  types.String `tfsdk:"project_id"`
	Endpoint   types.String `tfsdk:"endpoint"`
	Audience   types.String `tfsdk:"audience"`
	Scope      types.String `tfsdk:"scope"`
	APIVersion types.String `tfsdk:"api_version"`
}

// NewEndpointsDataSource returns the foundry_project_endpoints data source.
func NewEndpointsDataSource() datasource.DataSource { return &endpointsDataSource{} }

func (d *endpointsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_endpoints"
}

func (d *endpointsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The data-plane endpoint of a Foundry project and how to get a token for it, for other tools (SDKs, scripts, " +
			"other providers). The endpoint is read from the project (`properties.endpoints[\"AI Foundry API\"]`); nothing is built by hand.",
		Attributes: map[string]schema.Attribute{
			"project_id":  schema.StringAttribute{Required: true, Validators: projectIDValidators(), MarkdownDescription: "ARM ID of the project."},
			"endpoint":    framework.ComputedString("The project endpoint, e.g. `https://{subdomain}.services.ai.azure.com/api/projects/{project}`."),
			"audience":    framework.ComputedString("Token audience the provider uses for the endpoint (`endpoints.project_audience`, default `https://ai.azure.com`)."),
			"scope":       framework.ComputedString("The OAuth scope to request: `<audience>/.default`."),
			"api_version": framework.ComputedString("The `api-version` the provider sends to the endpoint."),
		},
	}
}

func (d *endpointsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m endpointsModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	pid, err := client.ParseProjectID(m.ProjectID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("project_id passed validation but does not parse: " + err.Error()))
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", pid.String())
	pc, err := d.Data.Client.Project(ctx, pid)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "project", pid.String(), err))
		return
	}
	aud := strings.TrimSuffix(d.Data.Client.ProjectAudience(), "/")
	m.Endpoint, m.Audience = types.StringValue(pc.Endpoint()), types.StringValue(aud)
	m.Scope, m.APIVersion = types.StringValue(aud+"/.default"), types.StringValue(client.ProjectAPIVersion)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
