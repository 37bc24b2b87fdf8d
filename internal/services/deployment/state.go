package deployment

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

var _ resource.ResourceWithValidateConfig = (*deploymentResource)(nil)

// switchState pauses or resumes the deployment when its state after a write is not the planned one. The PUT never
// carries deploymentState: the spec's pause and resume actions are the documented way to switch it, and they return
// the deployment as it is afterwards. A state the plan leaves to the service (unknown) is not touched.
func (r *deploymentResource) switchState(ctx context.Context, id client.DeploymentID, want types.String, got client.Deployment) (client.Deployment, error) {
	if want.IsNull() || want.IsUnknown() {
		return got, nil
	}
	current := client.DeploymentStateRunning // a null state is a running deployment
	if got.Properties != nil && got.Properties.DeploymentState != nil && *got.Properties.DeploymentState != "" {
		current = *got.Properties.DeploymentState
	}
	if strings.EqualFold(string(current), want.ValueString()) {
		return got, nil
	}
	tflog.Debug(ctx, "Switching the deployment's state", map[string]any{"from": string(current), "to": want.ValueString()})
	if strings.EqualFold(want.ValueString(), string(client.DeploymentStatePaused)) {
		return r.Data.Client.PauseDeployment(ctx, id)
	}
	return r.Data.Client.ResumeDeployment(ctx, id)
}

// ValidateConfig refuses what Azure would refuse for reasons the configuration alone shows: pausing a deployment
// type that cannot be paused, and routing settings on a deployment that is not a model router (or a router version
// before routing settings existed).
func (r *deploymentResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m deploymentModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	if m.DeploymentState.ValueString() == string(client.DeploymentStatePaused) && m.SKU != nil && !m.SKU.Name.IsUnknown() && !m.SKU.Name.IsNull() &&
		!slices.Contains(PausableSKUs, m.SKU.Name.ValueString()) {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("deployment_state"), "Deployment type cannot be paused",
			fmt.Sprintf("A %s deployment cannot be paused: Azure pauses and resumes only %s deployments. Remove deployment_state, or set it to Running.",
				m.SKU.Name.ValueString(), strings.Join(PausableSKUs, ", "))))
	}
	if m.Routing == nil || m.Model == nil || framework.AnyNullOrUnknown(m.Model.Name) {
		return
	}
	if !strings.EqualFold(m.Model.Name.ValueString(), routerModel) {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("routing"), "Routing needs a model router",
			fmt.Sprintf("routing applies to deployments of model %q only, not %q. Remove routing, or deploy %s (version %s or later).",
				routerModel, m.Model.Name.ValueString(), routerModel, routerFirstVersion)))
		return
	}
	// Router versions are dates (yyyy-mm-dd), so they compare as strings.
	if v := m.Model.Version; !v.IsNull() && !v.IsUnknown() && v.ValueString() < routerFirstVersion {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("model").AtName("version"), "Model router version has no routing settings",
			fmt.Sprintf("%s version %s has no routing settings; they exist from version %s. Use a later version, or remove routing.",
				routerModel, v.ValueString(), routerFirstVersion)))
	}
}
