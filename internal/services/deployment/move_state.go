package deployment

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/movestate"
)

// azapiTypePrefix is the azapi_resource type (lower case, before the API version) moved into foundry_deployment.
const azapiTypePrefix = "microsoft.cognitiveservices/accounts/deployments@"

// MoveState converts azurerm_cognitive_deployment and azapi_resource of type
// Microsoft.CognitiveServices/accounts/deployments@… into foundry_deployment, through the ARM body they stand for
// and the same flattening as a read; the refresh before the next plan fills the rest.
func (r *deploymentResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveDeployment}}
}

var deploymentSource = movestate.Source{Target: "foundry_deployment", AzurermType: "azurerm_cognitive_deployment", FromAzurerm: deploymentFromAzurerm, AzapiPrefix: azapiTypePrefix}

func moveDeployment(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var d client.Deployment
	body, ok := deploymentSource.Body(req, resp, &d)
	if !ok {
		return
	}
	id, err := client.ParseDeploymentID(movestate.AsString(body["id"]))
	if err != nil {
		resp.Diagnostics.Append(diagnostics.MoveFailed(object, req.SourceTypeName, "foundry_deployment", err.Error()))
		return
	}
	var m deploymentModel
	m.AccountID = movestate.AccountIDSpelling(body["accountId"], id.AccountID.String())
	resp.Diagnostics.Append(flattenDeployment(id, d, &m.deploymentAttributes)...)
	if m.Timeouts.Object = movestate.NullTimeouts(resp, "foundry_deployment"); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
	resourceIdentity.Save(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
}

// deploymentFromAzurerm maps an azurerm_cognitive_deployment state (azurerm v4) to the ARM deployment body.
func deploymentFromAzurerm(raw []byte) (map[string]any, error) {
	s, err := movestate.Decode(raw)
	if err != nil {
		return nil, err
	}
	model := movestate.First(s["model"])
	if model == nil {
		model = map[string]any{}
	}
	sku := movestate.First(s["sku"])
	if sku == nil {
		sku = map[string]any{}
	}
	return map[string]any{
		"id": s["id"], "accountId": s["cognitive_account_id"],
		"sku": map[string]any{"name": sku["name"], "capacity": sku["capacity"]},
		"properties": map[string]any{
			"model":                    map[string]any{"format": model["format"], "name": model["name"], "version": movestate.EmptyNil(model["version"])},
			"raiPolicyName":            movestate.EmptyNil(s["rai_policy_name"]),
			"versionUpgradeOption":     movestate.EmptyNil(s["version_upgrade_option"]),
			"dynamicThrottlingEnabled": s["dynamic_throttling_enabled"],
		},
	}, nil
}
