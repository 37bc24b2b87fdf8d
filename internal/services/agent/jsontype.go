package agent

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
)

// jsonType is a string holding a JSON document; values that differ only in whitespace and key order are
// semantically equal, so the service's re-encoding of a schema or spec is not drift. (terraform-plugin-framework-
// jsontypes is not a dependency of this module.)
type jsonType struct{ basetypes.StringType }

var (
	_ basetypes.StringTypable                    = jsonType{}
	_ basetypes.StringValuableWithSemanticEquals = jsonValue{}
)

func (t jsonType) String() string { return "agent.jsonType" }

func (t jsonType) Equal(o attr.Type) bool { _, ok := o.(jsonType); return ok }

func (t jsonType) ValueType(context.Context) attr.Value { return jsonValue{} }

func (t jsonType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return jsonValue{StringValue: in}, nil
}

func (t jsonType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return jsonValue{StringValue: s}, nil
}

// jsonValue is a value of jsonType.
type jsonValue struct{ basetypes.StringValue }

func newJSON(s string) jsonValue { return jsonValue{StringValue: basetypes.NewStringValue(s)} }

func nullJSON() jsonValue { return jsonValue{StringValue: basetypes.NewStringNull()} }

func (v jsonValue) Type(context.Context) attr.Type { return jsonType{} }

func (v jsonValue) Equal(o attr.Value) bool {
	other, ok := o.(jsonValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals compares the documents, not their spelling.
func (v jsonValue) StringSemanticEquals(_ context.Context, o basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := o.(jsonValue)
	if !ok {
		return false, nil
	}
	return jsonEqual(v.ValueString(), other.ValueString()), nil
}

func jsonEqual(a, b string) bool { return client.JSONEqual(a, b) }

// raw returns the value as a JSON message for the client (nil when null or unknown).
func (v jsonValue) raw() []byte {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return []byte(v.ValueString())
}

// flattenJSON keeps prior's spelling when the service returned the same document.
func flattenJSON(got []byte, prior jsonValue) jsonValue {
	if len(got) == 0 || string(got) == "null" {
		return nullJSON()
	}
	if !prior.IsNull() && !prior.IsUnknown() && jsonEqual(prior.ValueString(), string(got)) {
		return prior
	}
	return newJSON(string(got))
}

// jsonObjectValidator checks that a value is a JSON object.
type jsonObjectValidator struct{}

func (jsonObjectValidator) Description(context.Context) string         { return "a JSON object" }
func (jsonObjectValidator) MarkdownDescription(context.Context) string { return "a JSON object" }

func (jsonObjectValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := client.CheckJSONObject(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(req.Path, "Invalid JSON",
			fmt.Sprintf("The value must be a JSON object (use jsonencode({...})): %v", err)))
	}
}
