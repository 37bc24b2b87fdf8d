package framework

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// NormalizeLocation turns an Azure region's display name ("West Europe") into its name ("westeurope").
func NormalizeLocation(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", ""))
}

// LocationType is a string type whose values compare as Azure regions: "West Europe" equals "westeurope",
// so the spelling a user chose never shows as drift.
type LocationType struct{ basetypes.StringType }

var (
	_ basetypes.StringTypable                    = LocationType{}
	_ basetypes.StringValuableWithSemanticEquals = LocationValue{}
)

func (t LocationType) String() string { return "framework.LocationType" }

// Equal reports whether o is also a LocationType.
func (t LocationType) Equal(o attr.Type) bool {
	_, ok := o.(LocationType)
	return ok
}

// ValueType returns a LocationValue.
func (t LocationType) ValueType(context.Context) attr.Value { return LocationValue{} }

// ValueFromString wraps a string value.
func (t LocationType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return LocationValue{StringValue: in}, nil
}

// ValueFromTerraform converts a Terraform value.
func (t LocationType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return LocationValue{StringValue: s}, nil
}

// LocationValue is a value of LocationType.
type LocationValue struct{ basetypes.StringValue }

// NewLocationValue returns a known location.
func NewLocationValue(s string) LocationValue {
	return LocationValue{StringValue: basetypes.NewStringValue(s)}
}

// Type returns LocationType.
func (v LocationValue) Type(context.Context) attr.Type { return LocationType{} }

// Equal compares exactly (spelling included), as Terraform requires for values.
func (v LocationValue) Equal(o attr.Value) bool {
	other, ok := o.(LocationValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals compares normalised region names.
func (v LocationValue) StringSemanticEquals(_ context.Context, o basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := o.(LocationValue)
	if !ok {
		return false, nil
	}
	return NormalizeLocation(v.ValueString()) == NormalizeLocation(other.ValueString()), nil
}
