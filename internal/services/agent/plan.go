package agent

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/lookups"
)

// versionChanges reports whether the plan changes what a version holds: definition, description or metadata.
func versionChanges(ctx context.Context, plan tfsdk.Plan, state tfsdk.State) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	var pd, sd types.Object
	var pdesc, sdesc types.String
	var pm, sm types.Map
	diags.Append(plan.GetAttribute(ctx, path.Root("definition"), &pd)...)
	diags.Append(state.GetAttribute(ctx, path.Root("definition"), &sd)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("description"), &pdesc)...)
	diags.Append(state.GetAttribute(ctx, path.Root("description"), &sdesc)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("metadata"), &pm)...)
	diags.Append(state.GetAttribute(ctx, path.Root("metadata"), &sm)...)
	return !pd.Equal(sd) || !pdesc.Equal(sdesc) || !pm.Equal(sm), diags
}

// ModifyPlan checks that the model names a deployment of the project's account (in Azure or in this plan), keeps
// version and latest_version_id known when no new version will be created, and marks them unknown when one will.
func (r *agentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Data.PlanChecksOff() {
		return
	}
	r.checkModel(ctx, req, resp)
	if req.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	changed, d := versionChanges(ctx, req.Plan, req.State)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() || !changed {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("version"), types.StringUnknown())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("latest_version_id"), types.StringUnknown())...)
}

// checkModel refuses a model that names no deployment of the project's account: Azure accepts the agent, and the
// mistake shows only when the agent runs. A model with a "/" (<connection>/<deployment>, a model of a connected
// resource) is not checked. Checked on create, and on update when the model changes.
func (r *agentResource) checkModel(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.Data == nil {
		return
	}
	var model, project, prior types.String
	p := path.Root("definition").AtName("model")
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, p, &model)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("project_id"), &project)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, p, &prior)...)
	}
	if resp.Diagnostics.HasError() || model.IsNull() || model.IsUnknown() || project.IsUnknown() || model.Equal(prior) ||
		strings.Contains(model.ValueString(), "/") {
		return
	}
	pid, err := client.ParseProjectID(project.ValueString())
	if err != nil {
		return
	}
	account := pid.AccountID
	deployments, err := lookups.Deployments(ctx, r.Data, account)
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("agent's model", "deployments of account", account.String(), err))
		return
	}
	names := r.Data.Planned.Claimed("deployment", account.String())
	for _, d := range deployments {
		names = append(names, framework.Deref(d.Name))
	}
	if namesModel(names, model.ValueString()) {
		return
	}
	// A foundry_deployment of this plan that the agent does not reference is planned at the same time as the agent,
	// and may record its name a moment after this check looked: wait for it, for at most siblingPlanWait.
	tflog.Debug(ctx, "The agent's model names no deployment yet; waiting for deployments planned at the same time",
		map[string]any{"model": model.ValueString(), "bound": siblingPlanWait.String()})
	wctx, cancel := context.WithTimeout(ctx, siblingPlanWait)
	found := r.Data.Planned.WaitClaimed(wctx, "deployment", account.String(), func(claimed []string) bool {
		return namesModel(claimed, model.ValueString())
	})
	cancel()
	if found {
		return
	}
	names = r.Data.Planned.Claimed("deployment", account.String())
	for _, d := range deployments {
		names = append(names, framework.Deref(d.Name))
	}
	slices.Sort(names)
	offered := "none"
	if len(names) > 0 {
		offered = strings.Join(names, ", ")
	}
	resp.Diagnostics.Append(diagnostics.InvalidAttribute(p, "Model is not a deployment of the account",
		fmt.Sprintf("An agent's model is the name of a model deployment of its project's account, but account %q has no deployment named %q "+
			"(in Azure or in this plan). Deployments: %s. Create it with foundry_deployment (and reference its name, e.g. "+
			"foundry_deployment.chat.name, so that it is created first), or use one of these names.", account.Name, model.ValueString(), offered)))
}

// siblingPlanWait bounds the wait of a model check for the deployments planned beside the agent; only a model that
// names no deployment at all waits this long before it is refused.
const siblingPlanWait = 5 * time.Second

// namesModel reports whether names holds model, case-insensitively.
func namesModel(names []string, model string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, model) })
}

// ValidateConfig checks the rules that span attributes of the definition.
func (r *agentResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m agentModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() || m.Definition == nil {
		return
	}
	validateDefinition(m.Definition, &resp.Diagnostics)
}

func validateDefinition(d *definitionModel, diags *diag.Diagnostics) {
	def := path.Root("definition")
	if f := d.TextFormat; f != nil && f.Type.IsNull() {
		diags.Append(diagnostics.InvalidAttribute(def.AtName("text_format").AtName("type"), "Missing response format type",
			"A text_format block needs type: \"text\", \"json_object\" or \"json_schema\"."))
	}
	if f := d.TextFormat; f != nil && !f.Type.IsUnknown() && !f.Type.IsNull() {
		p := def.AtName("text_format")
		isSchema := f.Type.ValueString() == "json_schema"
		switch {
		case isSchema && (f.Schema.IsNull() || f.Name.IsNull()):
			diags.Append(diagnostics.InvalidAttribute(p, "Incomplete response format",
				"text_format type \"json_schema\" needs name and schema (a JSON Schema object, e.g. jsonencode({...}))."))
		case !isSchema && (!f.Schema.IsNull() || !f.Name.IsNull() || !f.Strict.IsNull() || !f.Description.IsNull()):
			diags.Append(diagnostics.InvalidAttribute(p, "Unexpected response format settings",
				fmt.Sprintf("name, description, schema and strict apply to text_format type \"json_schema\" only, not %q.", f.Type.ValueString())))
		}
	}
	if d.Tools == nil {
		return
	}
	for i, o := range d.Tools.OpenAPI {
		if o.Auth != nil && o.Auth.Type.IsNull() {
			diags.Append(diagnostics.InvalidAttribute(def.AtName("tools").AtName("openapi").AtListIndex(i).AtName("auth").AtName("type"),
				"Missing OpenAPI auth type", "An auth block needs type: \"anonymous\", \"project_connection\" or \"managed_identity\"."))
		}
		if o.Auth == nil || o.Auth.Type.IsUnknown() {
			continue
		}
		p := def.AtName("tools").AtName("openapi").AtListIndex(i).AtName("auth")
		a := o.Auth
		switch a.Type.ValueString() {
		case "anonymous":
			if !a.ProjectConnectionID.IsNull() || !a.Audience.IsNull() {
				diags.Append(diagnostics.InvalidAttribute(p, "Unexpected OpenAPI auth settings", "auth type \"anonymous\" takes neither project_connection_id nor audience."))
			}
		case "project_connection":
			if a.ProjectConnectionID.IsNull() || !a.Audience.IsNull() {
				diags.Append(diagnostics.InvalidAttribute(p, "Incomplete OpenAPI auth", "auth type \"project_connection\" needs project_connection_id (and no audience)."))
			}
		case "managed_identity":
			if a.Audience.IsNull() || !a.ProjectConnectionID.IsNull() {
				diags.Append(diagnostics.InvalidAttribute(p, "Incomplete OpenAPI auth", "auth type \"managed_identity\" needs audience (and no project_connection_id)."))
			}
		}
	}
	for i, m := range d.Tools.MCP {
		if m.ServerURL.IsNull() && m.ProjectConnectionID.IsNull() {
			diags.Append(diagnostics.InvalidAttribute(def.AtName("tools").AtName("mcp").AtListIndex(i), "Incomplete MCP tool",
				"An mcp tool needs server_url, project_connection_id, or both."))
		}
		if m.RequireApproval.IsNull() || m.RequireApproval.IsUnknown() {
			continue
		}
		v := m.RequireApproval.ValueString()
		if v != "always" && v != "never" && client.CheckJSONObject(v) != nil {
			diags.Append(diagnostics.InvalidAttribute(def.AtName("tools").AtName("mcp").AtListIndex(i).AtName("require_approval"),
				"Invalid require_approval", fmt.Sprintf("%q is not \"always\", \"never\" or a JSON object with per-tool rules.", v)))
		}
	}
}
