package account

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/movestate"
)

// azapiTypePrefix is the azapi_resource type (lower case, before the API version) moved into foundry_account.
const azapiTypePrefix = "microsoft.cognitiveservices/accounts@"

// MoveState converts azurerm_cognitive_account (kind AIServices) and azapi_resource of type
// Microsoft.CognitiveServices/accounts@… into foundry_account. Both are turned into the ARM body they stand for and
// flattened like a read, so the moved state has the shape Read produces; the refresh before the next plan then
// fills what the source did not know (endpoints, default project, capability host).
func (r *accountResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveAccount}}
}

var accountSource = movestate.Source{Target: "foundry_account", AzurermType: "azurerm_cognitive_account", FromAzurerm: accountFromAzurerm, AzapiPrefix: azapiTypePrefix}

func moveAccount(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var a client.Account
	body, ok := accountSource.Body(req, resp, &a)
	if !ok {
		return
	}
	if k := a.Kind; k != nil && !strings.EqualFold(*k, kindAIServices) {
		resp.Diagnostics.Append(diagnostics.MoveFailed(object, req.SourceTypeName, "foundry_account",
			fmt.Sprintf("the account is of kind %q; foundry_account manages only kind %q accounts. Keep it in %s.", *k, kindAIServices, req.SourceTypeName)))
		return
	}
	id, err := client.ParseAccountID(movestate.AsString(body["id"]))
	if err != nil {
		resp.Diagnostics.Append(diagnostics.MoveFailed(object, req.SourceTypeName, "foundry_account", err.Error()))
		return
	}
	var m accountModel
	resp.Diagnostics.Append(flattenAccount(ctx, id, a, &m.accountAttributes)...)
	if a.Properties != nil {
		m.NetworkInjection = flattenNetworkInjection(a.Properties.NetworkInjections, nil)
	}
	// The inline customer_managed_key is left out: neither source records the key's ARM ID (azurerm keeps a Key
	// Vault URL, ARM only the vault URI), and without the block Update sends the account's encryption back as it is.
	m.AgentCapabilityHostName = types.StringNull()
	m.Endpoint = types.StringNull()
	m.Endpoints = types.MapNull(types.StringType)
	m.DefaultProject = types.StringNull()
	if m.Timeouts.Object = movestate.NullTimeouts(resp, "foundry_account"); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
	resourceIdentity.Save(ctx, &resp.TargetState, resp.TargetIdentity, &resp.Diagnostics)
}

// accountFromAzurerm maps an azurerm_cognitive_account state (azurerm v3/v4) to the ARM account body.
func accountFromAzurerm(raw []byte) (map[string]any, error) {
	s, err := movestate.Decode(raw)
	if err != nil {
		return nil, err
	}
	props := map[string]any{
		"customSubDomainName":           s["custom_subdomain_name"],
		"disableLocalAuth":              movestate.Not(s["local_auth_enabled"]),
		"restrictOutboundNetworkAccess": s["outbound_network_access_restricted"],
		"allowedFqdnList":               s["fqdns"],
		"allowProjectManagement":        s["project_management_enabled"],
		"dynamicThrottlingEnabled":      s["dynamic_throttling_enabled"],
	}
	if b, ok := s["public_network_access_enabled"].(bool); ok {
		props["publicNetworkAccess"] = map[bool]string{true: "Enabled", false: "Disabled"}[b]
	}
	if acl := movestate.First(s["network_acls"]); acl != nil {
		var vnets []any
		for _, v := range movestate.List(acl["virtual_network_rules"]) {
			if r, ok := v.(map[string]any); ok {
				vnets = append(vnets, map[string]any{"id": r["subnet_id"], "ignoreMissingVnetServiceEndpoint": r["ignore_missing_vnet_service_endpoint"]})
			}
		}
		var ips []any
		for _, ip := range movestate.List(acl["ip_rules"]) {
			ips = append(ips, map[string]any{"value": ip})
		}
		props["networkAcls"] = map[string]any{"defaultAction": acl["default_action"], "bypass": movestate.EmptyNil(acl["bypass"]),
			"ipRules": ips, "virtualNetworkRules": vnets}
	}
	if n := movestate.First(s["network_injection"]); n != nil {
		props["networkInjections"] = []any{map[string]any{"scenario": n["scenario"], "subnetArmId": n["subnet_id"]}}
	}
	var storage []any
	for _, v := range movestate.List(s["storage"]) {
		if st, ok := v.(map[string]any); ok {
			storage = append(storage, map[string]any{"resourceId": st["storage_account_id"], "identityClientId": movestate.EmptyNil(st["identity_client_id"])})
		}
	}
	props["userOwnedStorage"] = storage
	return map[string]any{
		"id": s["id"], "kind": s["kind"], "location": s["location"], "tags": s["tags"],
		"sku":      map[string]any{"name": s["sku_name"]},
		"identity": movestate.IdentityFromBlock(s["identity"]), "properties": props,
	}, nil
}
