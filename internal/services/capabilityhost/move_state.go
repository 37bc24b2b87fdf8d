package capabilityhost

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/movestate"
)

var (
	_ resource.ResourceWithMoveState = (*accountHostResource)(nil)
	_ resource.ResourceWithMoveState = (*projectHostResource)(nil)
)

// The sources of the capability hosts: azurerm has an account capability host only; azapi has both (type, lower
// case, before the API version).
var (
	accountHostSource = movestate.Source{Target: "foundry_account_capability_host", AzurermType: "azurerm_cognitive_account_capability_host",
		FromAzurerm: accountHostFromAzurerm, AzapiPrefix: "microsoft.cognitiveservices/accounts/capabilityhosts@"}
	projectHostSource = movestate.Source{Target: "foundry_project_capability_host",
		AzapiPrefix: "microsoft.cognitiveservices/accounts/projects/capabilityhosts@"}
)

// MoveState converts azurerm_cognitive_account_capability_host and azapi_resource of type
// Microsoft.CognitiveServices/accounts/capabilityHosts@… into foundry_account_capability_host, through the ARM body
// they stand for and the same flattening as a read.
func (r *accountHostResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveAccountHost}}
}

// MoveState converts azapi_resource of type Microsoft.CognitiveServices/accounts/projects/capabilityHosts@… into
// foundry_project_capability_host (azurerm has no project capability host).
func (r *projectHostResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveProjectHost}}
}

func moveAccountHost(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var h client.CapabilityHost
	body, ok := accountHostSource.Body(req, resp, &h)
	if !ok {
		return
	}
	id, err := client.ParseAccountCapabilityHostID(movestate.AsString(body["id"]))
	if err != nil {
		resp.Diagnostics.Append(diagnostics.MoveFailed(accountObject, req.SourceTypeName, accountHostSource.Target, err.Error()))
		return
	}
	var m accountHostModel
	flattenAccountHost(id, h, &m)
	m.AccountID = movestate.AccountIDSpelling(body["accountId"], id.AccountID.String())
	if m.Timeouts.Object = movestate.NullTimeouts(resp, accountHostSource.Target); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
	accountIdentity.Save(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
}

func moveProjectHost(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var h client.ProjectCapabilityHost
	body, ok := projectHostSource.Body(req, resp, &h)
	if !ok {
		return
	}
	id, err := client.ParseProjectCapabilityHostID(movestate.AsString(body["id"]))
	if err != nil {
		resp.Diagnostics.Append(diagnostics.MoveFailed(projectObject, req.SourceTypeName, projectHostSource.Target, err.Error()))
		return
	}
	var m projectHostModel
	flattenProjectHost(id, h, &m)
	m.ProjectID = movestate.AccountIDSpelling(body["accountId"], id.ProjectID.String())
	if m.Timeouts.Object = movestate.NullTimeouts(resp, projectHostSource.Target); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
	projectIdentity.Save(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
}

// accountHostFromAzurerm maps an azurerm_cognitive_account_capability_host state (azurerm v4; subnet_id is in the
// earlier versions only) to the ARM capability host body. azurerm always creates hosts of kind Agents.
func accountHostFromAzurerm(raw []byte) (map[string]any, error) {
	s, err := movestate.Decode(raw)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"id": s["id"], "accountId": s["cognitive_account_id"],
		"properties": map[string]any{
			"capabilityHostKind":       client.CapabilityHostKindAgents,
			"customerSubnet":           movestate.EmptyNil(s["subnet_id"]),
			"vectorStoreConnections":   s["vector_store_connections"],
			"storageConnections":       s["storage_connections"],
			"threadStorageConnections": s["thread_storage_connections"],
			"aiServicesConnections":    s["ai_services_connections"],
		},
	}, nil
}
