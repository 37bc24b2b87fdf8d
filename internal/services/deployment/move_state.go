package deployment

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

// Source providers whose resources can be moved into foundry_deployment with a `moved` block.
const (
	azurermProvider = "registry.terraform.io/hashicorp/azurerm"
	azapiProvider   = "registry.terraform.io/azure/azapi"
	azapiTypePrefix = "microsoft.cognitiveservices/accounts/deployments@"
)

// MoveState converts azurerm_cognitive_deployment and azapi_resource of type
// Microsoft.CognitiveServices/accounts/deployments@… into foundry_deployment, through the ARM body they stand for
// and the same flattening as a read; the refresh before the next plan fills the rest.
func (r *deploymentResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveDeployment}}
}

func moveDeployment(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var (
		body map[string]any
		err  error
	)
	switch {
	case matchesProvider(req.SourceProviderAddress, azurermProvider) && req.SourceTypeName == "azurerm_cognitive_deployment":
		body, err = deploymentFromAzurerm(req.SourceRawState.JSON)
	case matchesProvider(req.SourceProviderAddress, azapiProvider) && req.SourceTypeName == "azapi_resource":
		body, err = fromAzapi(req.SourceRawState.JSON, azapiTypePrefix)
		if errors.Is(err, errOtherType) {
			return
		}
	default:
		return
	}
	var d client.Deployment
	if err == nil {
		err = remarshal(body, &d)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug(fmt.Sprintf("Moving %s to foundry_deployment failed: %s", req.SourceTypeName, err)))
		return
	}
	id, err := client.ParseDeploymentID(asString(body["id"]))
	if err != nil {
		resp.Diagnostics.AddError("Unable to move deployment", fmt.Sprintf("Moving %s to foundry_deployment failed: %s", req.SourceTypeName, err))
		return
	}
	var m deploymentModel
	m.AccountID = types.StringValue(id.AccountID.String())
	if a := asString(body["accountId"]); strings.EqualFold(a, id.AccountID.String()) {
		m.AccountID = types.StringValue(a)
	}
	resp.Diagnostics.Append(flattenDeployment(id, d, &m.deploymentAttributes)...)
	t, ok := resp.TargetState.Schema.GetBlocks()["timeouts"].Type().(attr.TypeWithAttributeTypes)
	if !ok {
		resp.Diagnostics.Append(diagnostics.Bug("The timeouts block of foundry_deployment has no object type."))
		return
	}
	m.Timeouts.Object = types.ObjectNull(t.AttributeTypes())
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
}

// deploymentFromAzurerm maps an azurerm_cognitive_deployment state (azurerm v4) to the ARM deployment body.
func deploymentFromAzurerm(raw []byte) (map[string]any, error) {
	s, err := decode(raw)
	if err != nil {
		return nil, err
	}
	model := first(s["model"])
	if model == nil {
		model = map[string]any{}
	}
	sku := first(s["sku"])
	if sku == nil {
		sku = map[string]any{}
	}
	return map[string]any{
		"id": s["id"], "accountId": s["cognitive_account_id"],
		"sku": map[string]any{"name": sku["name"], "capacity": sku["capacity"]},
		"properties": map[string]any{
			"model":                    map[string]any{"format": model["format"], "name": model["name"], "version": emptyNil(model["version"])},
			"raiPolicyName":            emptyNil(s["rai_policy_name"]),
			"versionUpgradeOption":     emptyNil(s["version_upgrade_option"]),
			"dynamicThrottlingEnabled": s["dynamic_throttling_enabled"],
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
	return body, nil
}

// identityFromBlock maps the identity block both azurerm and azapi store (a list of one object) to ARM's shape.
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

func listOf(v any) []any {
	l, _ := v.([]any)
	return l
}

func first(v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		return m
	}
	if l := listOf(v); len(l) > 0 {
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
