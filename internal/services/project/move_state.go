package project

import (
	"context"
	"encoding/json" //nolint:depguard // decodes the recorded state of another provider (azapi bodies, azurerm attributes), builds no request
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
)

// Source providers whose resources can be moved into foundry_project with a `moved` block.
const (
	azurermProvider = "registry.terraform.io/hashicorp/azurerm"
	azapiProvider   = "registry.terraform.io/azure/azapi"
	azapiTypePrefix = "microsoft.cognitiveservices/accounts/projects@"
)

// MoveState converts azurerm_cognitive_account_project and azapi_resource of type
// Microsoft.CognitiveServices/accounts/projects@… into foundry_project, through the ARM body they stand for and
// the same flattening as a read; the refresh before the next plan fills the rest.
func (r *projectResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveProject}}
}

func moveProject(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var (
		body map[string]any
		err  error
	)
	switch {
	case matchesProvider(req.SourceProviderAddress, azurermProvider) && req.SourceTypeName == "azurerm_cognitive_account_project":
		body, err = projectFromAzurerm(req.SourceRawState.JSON)
	case matchesProvider(req.SourceProviderAddress, azapiProvider) && req.SourceTypeName == "azapi_resource":
		body, err = fromAzapi(req.SourceRawState.JSON, azapiTypePrefix)
		if errors.Is(err, errOtherType) {
			return
		}
	default:
		return
	}
	var p client.Project
	if err == nil {
		err = remarshal(body, &p)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug(fmt.Sprintf("Moving %s to foundry_project failed: %s", req.SourceTypeName, err)))
		return
	}
	id, err := client.ParseProjectID(asString(body["id"]))
	if err != nil {
		resp.Diagnostics.AddError("Unable to move project", fmt.Sprintf("Moving %s to foundry_project failed: %s", req.SourceTypeName, err))
		return
	}
	var m projectModel
	// Keep the source's spelling of the account ID (it is what the configuration references).
	m.AccountID = types.StringValue(id.AccountID.String())
	if a := asString(body["accountId"]); strings.EqualFold(a, id.AccountID.String()) {
		m.AccountID = types.StringValue(a)
	}
	resp.Diagnostics.Append(flattenProject(ctx, id, p, &m.projectAttributes)...)
	t, ok := resp.TargetState.Schema.GetBlocks()["timeouts"].Type().(attr.TypeWithAttributeTypes)
	if !ok {
		resp.Diagnostics.Append(diagnostics.Bug("The timeouts block of foundry_project has no object type."))
		return
	}
	m.Timeouts.Object = types.ObjectNull(t.AttributeTypes())
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
}

// projectFromAzurerm maps an azurerm_cognitive_account_project state (azurerm v4) to the ARM project body.
func projectFromAzurerm(raw []byte) (map[string]any, error) {
	s, err := decode(raw)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"id": s["id"], "accountId": s["cognitive_account_id"], "location": s["location"], "tags": s["tags"],
		"identity": identityFromBlock(s["identity"]),
		"properties": map[string]any{
			"displayName": emptyNil(s["display_name"]), "description": emptyNil(s["description"]),
			"isDefault": s["default"], "endpoints": s["endpoints"],
		},
	}, nil
}

// Helpers: copies of the account package's, since services do not import each other.

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
	body["accountId"] = s["parent_id"]
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
