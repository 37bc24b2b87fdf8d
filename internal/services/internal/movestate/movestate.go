// Package movestate holds what the resources' MoveState implementations share: recognising the source providers
// (azurerm, azapi), decoding their recorded state into the ARM body it stands for, and the small conversions that
// both providers' state shapes need. Each resource maps the source's own attributes; the body is then flattened like
// a read, so a moved state has the shape Read produces.
package movestate

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
)

// Source provider addresses whose resources can be moved into foundry_* resources with a `moved` block.
const (
	AzurermProvider = "registry.terraform.io/hashicorp/azurerm"
	AzapiProvider   = "registry.terraform.io/azure/azapi"
)

// ErrOtherType reports an azapi_resource of another ARM type than the target resource's: not a move for it.
var ErrOtherType = errors.New("the azapi_resource is of another ARM type")

// MatchesProvider compares provider source addresses by type name only, so that the OpenTofu registry
// (registry.opentofu.org/azure/azapi), mirrors and forks of the source providers are accepted too.
func MatchesProvider(got, want string) bool {
	return strings.EqualFold(got[strings.LastIndex(got, "/")+1:], want[strings.LastIndex(want, "/")+1:])
}

// IsAzurerm reports whether the request moves the azurerm resource of the given type.
func IsAzurerm(req resource.MoveStateRequest, typeName string) bool {
	return MatchesProvider(req.SourceProviderAddress, AzurermProvider) && req.SourceTypeName == typeName
}

// IsAzapi reports whether the request moves an azapi_resource (of any ARM type; FromAzapi checks the type).
func IsAzapi(req resource.MoveStateRequest) bool {
	return MatchesProvider(req.SourceProviderAddress, AzapiProvider) && req.SourceTypeName == "azapi_resource"
}

// Decode reads a source state as a JSON object.
func Decode(raw []byte) (map[string]any, error) {
	s := map[string]any{}
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("the source state is not a JSON object: %w", err)
	}
	return s, nil
}

// Remarshal converts a decoded body into a typed client model through JSON.
func Remarshal(in any, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// FromAzapi maps an azapi_resource state (azapi v1: body is a JSON string; v2: body is a dynamic value, stored
// as {"value": …, "type": …}, or a plain object) to the ARM body, provided its type (lower case) starts with
// prefix, e.g. "microsoft.cognitiveservices/accounts/projects@". The body gets the resource's id, its parent_id as
// "accountId" (what child resources reference), location, tags and identity from the azapi attributes.
func FromAzapi(raw []byte, prefix string) (map[string]any, error) {
	s, err := Decode(raw)
	if err != nil {
		return nil, err
	}
	typ, _ := s["type"].(string)
	if !strings.HasPrefix(strings.ToLower(typ), prefix) {
		return nil, ErrOtherType
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
	if id := IdentityFromBlock(s["identity"]); id != nil {
		body["identity"] = id
	}
	return body, nil
}

// IdentityFromBlock maps the identity block both azurerm and azapi store (a list of one object) to ARM's shape.
func IdentityFromBlock(v any) map[string]any {
	b := First(v)
	if b == nil {
		return nil
	}
	out := map[string]any{"type": b["type"], "principalId": EmptyNil(b["principal_id"]), "tenantId": EmptyNil(b["tenant_id"])}
	if ids := List(b["identity_ids"]); len(ids) > 0 {
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

// List returns v as a list, or nil.
func List(v any) []any {
	l, _ := v.([]any)
	return l
}

// First returns v as an object, or the first element of v as an object when v is a list (a block of one).
func First(v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		return m
	}
	if l := List(v); len(l) > 0 {
		m, _ := l[0].(map[string]any)
		return m
	}
	return nil
}

// Not inverts a boolean and keeps anything else unknown (nil).
func Not(v any) any {
	if b, ok := v.(bool); ok {
		return !b
	}
	return nil
}

// EmptyNil turns the empty string (how SDKv2 providers store an unset string) into nil.
func EmptyNil(v any) any {
	if s, ok := v.(string); ok && s == "" {
		return nil
	}
	return v
}

// AsString returns v as a string, or "".
func AsString(v any) string {
	s, _ := v.(string)
	return s
}

// AccountIDSpelling returns the account ID to store: the source's own spelling when it names the same account
// (it is what the configuration references, and ARM IDs compare case-insensitively), otherwise the parsed one.
func AccountIDSpelling(source any, parsed string) types.String {
	if a := AsString(source); strings.EqualFold(a, parsed) {
		return types.StringValue(a)
	}
	return types.StringValue(parsed)
}

// NullTimeouts returns a null value of the target schema's timeouts block: the moved state has no timeouts of its
// own, and the configuration's are read at the next plan. A schema without an object-typed timeouts block is
// reported on resp as a provider bug.
func NullTimeouts(resp *resource.MoveStateResponse, typeName string) basetypes.ObjectValue {
	t, ok := resp.TargetState.Schema.GetBlocks()["timeouts"].Type().(attr.TypeWithAttributeTypes)
	if !ok {
		resp.Diagnostics.Append(diagnostics.Bug(fmt.Sprintf("The timeouts block of %s has no object type.", typeName)))
		return basetypes.ObjectValue{}
	}
	return types.ObjectNull(t.AttributeTypes())
}

// Source is what a resource can be moved from: an azurerm resource type with its conversion to the ARM body, and the
// azapi_resource type prefix (lower case, before the API version) of the same ARM type.
type Source struct {
	Target      string // the foundry_* type name, for messages
	AzurermType string
	FromAzurerm func(raw []byte) (map[string]any, error)
	AzapiPrefix string
}

// Body converts the request's source state into the ARM body and decodes it into out (a client model). It reports
// false when the request is not a move into this resource (another provider, type or ARM type), or when the
// conversion failed, which it appends to resp as a provider bug.
func (src Source) Body(req resource.MoveStateRequest, resp *resource.MoveStateResponse, out any) (map[string]any, bool) {
	var (
		body map[string]any
		err  error
	)
	switch {
	case IsAzurerm(req, src.AzurermType):
		body, err = src.FromAzurerm(req.SourceRawState.JSON)
	case IsAzapi(req):
		body, err = FromAzapi(req.SourceRawState.JSON, src.AzapiPrefix)
		if errors.Is(err, ErrOtherType) {
			return nil, false // another ARM type: not ours, leave the target state null
		}
	default:
		return nil, false
	}
	if err == nil {
		err = Remarshal(body, out)
	}
	if err != nil {
		resp.Diagnostics.Append(failed(req, src.Target, err))
		return nil, false
	}
	return body, true
}

// failed is the diagnostic for a source state that cannot be converted.
func failed(req resource.MoveStateRequest, typeName string, err error) diag.Diagnostic {
	return diagnostics.Bug(fmt.Sprintf("Moving %s to %s failed: %s", req.SourceTypeName, typeName, err))
}
