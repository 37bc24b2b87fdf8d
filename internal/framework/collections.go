// Package framework holds the Terraform-side helpers every resource shares: validators, value types, collections,
// timeouts and plan modifiers. It is a leaf: it imports nothing of this repository.
package framework

import (
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// StringSet returns values as a set; an empty result stays null when the prior value was null, so that an API
// answering [] for an attribute the user left out is not drift.
func StringSet(values []string, prior types.Set, diags *diag.Diagnostics) types.Set {
	if len(values) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.SetNull(types.StringType)
	}
	sorted := append([]string(nil), values...)
	sort.Strings(sorted)
	elems := make([]attr.Value, 0, len(sorted))
	for _, v := range sorted {
		elems = append(elems, types.StringValue(v))
	}
	s, d := types.SetValue(types.StringType, elems)
	diags.Append(d...)
	return s
}

// StringMap returns values as a map; an empty result stays null when the prior value was null.
func StringMap(values map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	if len(values) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, len(values))
	for k, v := range values {
		elems[k] = types.StringValue(v)
	}
	m, d := types.MapValue(types.StringType, elems)
	diags.Append(d...)
	return m
}

// KeepSpelling replaces each ID by its prior spelling when the two differ only in case (ARM IDs are case-insensitive).
func KeepSpelling(ids []string, prior types.Set) []string {
	if prior.IsNull() || prior.IsUnknown() {
		return ids
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		spelled := id
		for _, e := range prior.Elements() {
			if s, ok := e.(types.String); ok && strings.EqualFold(s.ValueString(), id) {
				spelled = s.ValueString()
			}
		}
		out = append(out, spelled)
	}
	return out
}

// Ptr returns a pointer to v (for optional API fields).
func Ptr[T any](v T) *T { return &v }

// Deref returns *p, or the zero value when p is nil.
func Deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// NilIfEmpty returns nil for a nil or empty string: the API's way of saying "not set".
func NilIfEmpty(s *string) *string {
	if s == nil || *s == "" {
		return nil
	}
	return s
}

// KnownStringPointer returns v as a pointer for an optional API field, nil when v is null or unknown.
func KnownStringPointer(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueStringPointer()
}

// AnyNullOrUnknown reports whether any of vs is null or unknown: a plan-time check that needs them all waits.
func AnyNullOrUnknown(vs ...types.String) bool {
	for _, v := range vs {
		if v.IsUnknown() || v.IsNull() {
			return true
		}
	}
	return false
}
