package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/movestate"
)

// azapiTypePrefix is the azapi_resource type (lower case, before the API version) moved into foundry_project.
const azapiTypePrefix = "microsoft.cognitiveservices/accounts/projects@"

// MoveState converts azurerm_cognitive_account_project and azapi_resource of type
// Microsoft.CognitiveServices/accounts/projects@… into foundry_project, through the ARM body they stand for and
// the same flattening as a read; the refresh before the next plan fills the rest.
func (r *projectResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveProject}}
}

var projectSource = movestate.Source{Target: "foundry_project", AzurermType: "azurerm_cognitive_account_project", FromAzurerm: projectFromAzurerm, AzapiPrefix: azapiTypePrefix}

func moveProject(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var p client.Project
	body, ok := projectSource.Body(req, resp, &p)
	if !ok {
		return
	}
	id, err := client.ParseProjectID(movestate.AsString(body["id"]))
	if err != nil {
		resp.Diagnostics.Append(diagnostics.MoveFailed(object, req.SourceTypeName, "foundry_project", err.Error()))
		return
	}
	var m projectModel
	// Keep the source's spelling of the account ID (it is what the configuration references).
	m.AccountID = movestate.AccountIDSpelling(body["accountId"], id.AccountID.String())
	resp.Diagnostics.Append(flattenProject(ctx, id, p, &m.projectAttributes)...)
	if m.Timeouts.Object = movestate.NullTimeouts(resp, "foundry_project"); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
	resourceIdentity.Save(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
}

// projectFromAzurerm maps an azurerm_cognitive_account_project state (azurerm v4) to the ARM project body.
func projectFromAzurerm(raw []byte) (map[string]any, error) {
	s, err := movestate.Decode(raw)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"id": s["id"], "accountId": s["cognitive_account_id"], "location": s["location"], "tags": s["tags"],
		"identity": movestate.IdentityFromBlock(s["identity"]),
		"properties": map[string]any{
			"displayName": movestate.EmptyNil(s["display_name"]), "description": movestate.EmptyNil(s["description"]),
			"isDefault": s["default"], "endpoints": s["endpoints"],
		},
	}, nil
}
