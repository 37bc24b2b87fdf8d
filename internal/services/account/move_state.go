package account

import (
	"context"
	"encoding/json" //nolint:depguard // decodes the recorded state of another provider (azapi bodies, azurerm attributes), builds no request
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
)

// Source providers whose resources can be moved into foundry_account with a `moved` block.
const (
	azurermProvider = "registry.terraform.io/hashicorp/azurerm"
	azapiProvider   = "registry.terraform.io/azure/azapi"
	azapiTypePrefix = "microsoft.cognitiveservices/accounts@"
)

// MoveState converts azurerm_cognitive_account (kind AIServices) and azapi_resource of type
// Microsoft.CognitiveServices/accounts@… into foundry_account. Both are turned into the ARM body they stand for and
// flattened like a read, so the moved state has the shape Read produces; the refresh before the next plan then
// fills what the source did not know (endpoints, default project, capability host).
func (r *accountResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveAccount}}
}

func moveAccount(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var (
		body map[string]any
		err  error
	)
	switch {
	case matchesProvider(req.SourceProviderAddress, azurermProvider) && req.SourceTypeName == "azurerm_cognitive_account":
		body, err = accountFromAzurerm(req.SourceRawState.JSON)
	case matchesProvider(req.SourceProviderAddress, azapiProvider) && req.SourceTypeName == "azapi_resource":
		body, err = fromAzapi(req.SourceRawState.JSON, azapiTypePrefix)
		if errors.Is(err, errOtherType) {
			return // another ARM type: not ours, leave the target state null
		}
	default:
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug(fmt.Sprintf("Moving %s to foundry_account failed: %s", req.SourceTypeName, err)))
		return
	}
	var a client.Account
	if err := remarshal(body, &a); err != nil {
		resp.Diagnostics.Append(diagnostics.Bug(fmt.Sprintf("Moving %s to foundry_account failed: %s", req.SourceTypeName, err)))
		return
	}
	if k := a.Kind; k != nil && !strings.EqualFold(*k, kindAIServices) {
		resp.Diagnostics.AddError("Unable to move account",
			fmt.Sprintf("Moving %s to foundry_account failed: the account is of kind %q; foundry_account manages only kind %q accounts. "+
				"Keep it in %s.", req.SourceTypeName, *k, kindAIServices, req.SourceTypeName))
		return
	}
	id, err := client.ParseAccountID(asString(body["id"]))
	if err != nil {
		resp.Diagnostics.AddError("Unable to move account", fmt.Sprintf("Moving %s to foundry_account failed: %s", req.SourceTypeName, err))
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
	resp.Diagnostics.Append(setWithNullTimeouts(ctx, resp, &m)...)
}

func setWithNullTimeouts(ctx context.Context, resp *resource.MoveStateResponse, m *accountModel) diag.Diagnostics {
	t, ok := resp.TargetState.Schema.GetBlocks()["timeouts"].Type().(attr.TypeWithAttributeTypes)
	if !ok {
		return diag.Diagnostics{diagnostics.Bug("The timeouts block of foundry_account has no object type.")}
	}
	m.Timeouts.Object = types.ObjectNull(t.AttributeTypes())
	return resp.TargetState.Set(ctx, m)
}

// accountFromAzurerm maps an azurerm_cognitive_account state (azurerm v3/v4) to the ARM account body.
func accountFromAzurerm(raw []byte) (map[string]any, error) {
	s, err := decode(raw)
	if err != nil {
		return nil, err
	}
	props := map[string]any{
		"customSubDomainName":           s["custom_subdomain_name"],
		"disableLocalAuth":              not(s["local_auth_enabled"]),
		"restrictOutboundNetworkAccess": s["outbound_network_access_restricted"],
		"allowedFqdnList":               s["fqdns"],
		"allowProjectManagement":        s["project_management_enabled"],
		"dynamicThrottlingEnabled":      s["dynamic_throttling_enabled"],
	}
	if b, ok := s["public_network_access_enabled"].(bool); ok {
		props["publicNetworkAccess"] = map[bool]string{true: "Enabled", false: "Disabled"}[b]
	}
	if acl := first(s["network_acls"]); acl != nil {
		var vnets []any
		for _, v := range list(acl["virtual_network_rules"]) {
			if r, ok := v.(map[string]any); ok {
				vnets = append(vnets, map[string]any{"id": r["subnet_id"], "ignoreMissingVnetServiceEndpoint": r["ignore_missing_vnet_service_endpoint"]})
			}
		}
		var ips []any
		for _, ip := range list(acl["ip_rules"]) {
			ips = append(ips, map[string]any{"value": ip})
		}
		props["networkAcls"] = map[string]any{"defaultAction": acl["default_action"], "bypass": emptyNil(acl["bypass"]),
			"ipRules": ips, "virtualNetworkRules": vnets}
	}
	if n := first(s["network_injection"]); n != nil {
		props["networkInjections"] = []any{map[string]any{"scenario": n["scenario"], "subnetArmId": n["subnet_id"]}}
	}
	var storage []any
	for _, v := range list(s["storage"]) {
		if st, ok := v.(map[string]any); ok {
			storage = append(storage, map[string]any{"resourceId": st["storage_account_id"], "identityClientId": emptyNil(st["identity_client_id"])})
		}
	}
	props["userOwnedStorage"] = storage
	return map[string]any{
		"id": s["id"], "kind": s["kind"], "location": s["location"], "tags": s["tags"],
		"sku":      map[string]any{"name": s["sku_name"]},
		"identity": identityFromBlock(s["identity"]), "properties": props,
	}, nil
}

// Helpers shared with nothing: project and deployment have their own copies, since services do not import each other.

var errOtherType = errors.New("the azapi_resource is of another ARM type")

// fromAzapi maps an azapi_resource state (azapi v1: body is a JSON string; v2: body is a dynamic value, stored
// as {"value": …, "type": …}, or a plain object) to the ARM body, provided its type starts with prefix.
func fromAzapi(raw []byte, prefix string) (map[string]any, error) {
	s, err := decode(raw)
	if err != nil {
		return nil, err
	}
	typ, _ := s["type"].(string)
	if !strings.HasPrefix(strings.ToLower(typ), prefix) {
		return nil, errOtherType
	}
	body := map[string]any{}
	switch b := s["body"].(type) {
	case string:
		if strings.TrimSpace(b) != "" {
			if err := json.Unmarshal([]byte(b), &body); err != nil {
				return nil, fmt.Errorf("body is not a JSON object: %w", err)
			}
		}
	case map[string]any:
		body = b
		if v, ok := b["value"].(map[string]any); ok {
			if _, typed := b["type"]; typed && len(b) == 2 {
				body = v
			}
		}
	}
	body["id"] = s["id"]
	if l, ok := s["location"].(string); ok && l != "" {
		body["location"] = l
	}
	if t, ok := s["tags"].(map[string]any); ok && len(t) > 0 {
		body["tags"] = t
	}
	if id := identityFromBlock(s["identity"]); id != nil {
		body["identity"] = id
	}
	return body, nil
}

// identityFromBlock maps the identity block both azurerm and azapi store (a list of one object) to ARM's shape.
func identityFromBlock(v any) map[string]any {
	b := first(v)
	if b == nil {
		return nil
	}
	out := map[string]any{"type": b["type"], "principalId": emptyNil(b["principal_id"]), "tenantId": emptyNil(b["tenant_id"])}
	if ids := list(b["identity_ids"]); len(ids) > 0 {
		uai := map[string]any{}
		for _, id := range ids {
			if s, ok := id.(string); ok {
				uai[s] = map[string]any{}
			}
		}
		out["userAssignedIdentities"] = uai
	}
	return out
}

func decode(raw []byte) (map[string]any, error) {
	s := map[string]any{}
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("the source state is not a JSON object: %w", err)
	}
	return s, nil
}

func remarshal(in any, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// matchesProvider compares provider source addresses by type name only, so that the OpenTofu registry
// (registry.opentofu.org/azure/azapi), mirrors and forks of the source providers are accepted too.
func matchesProvider(got, want string) bool {
	return strings.EqualFold(got[strings.LastIndex(got, "/")+1:], want[strings.LastIndex(want, "/")+1:])
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func first(v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		return m
	}
	if l := list(v); len(l) > 0 {
		m, _ := l[0].(map[string]any)
		return m
	}
	return nil
}

func not(v any) any {
	if b, ok := v.(bool); ok {
		return !b
	}
	return nil
}

func emptyNil(v any) any {
	if s, ok := v.(string); ok && s == "" {
		return nil
	}
	return v
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}
