package specvalidate

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// StripReadOnly returns the body without its read-only properties (readOnly: true, or an x-ms-mutability that
// allows neither create nor update), at every depth, following discriminators: what ARM does with them in a request.
// The input is not modified; parts that need no change are shared with it. Operations without a body parameter
// return the body unchanged.
func (o *Operation) StripReadOnly(body any) any {
	if o.body == nil || body == nil {
		return body
	}
	return strip(o.body.schema, body)
}

func strip(s *schema, v any) any {
	t := s.t()
	switch x := v.(type) {
	case map[string]any:
		if t.polymorphic {
			t, _ = dispatch(t, x)
		}
		if len(t.props) == 0 && (t.additional == nil || t.additional == anyAdditional) {
			return v
		}
		out := make(map[string]any, len(x))
		for k, val := range x {
			if _, ps := t.member(k); ps != nil {
				if ps.isReadOnly() {
					continue
				}
				out[k] = strip(ps, val)
				continue
			}
			if t.additional != nil && t.additional != anyAdditional {
				out[k] = strip(t.additional, val)
				continue
			}
			out[k] = val
		}
		return out
	case []any:
		if t.items == nil {
			return v
		}
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = strip(t.items, item)
		}
		return out
	}
	return v
}

// UnknownProperties lists the JSON paths of body properties the schema does not declare (and that no
// additionalProperties admits), sorted. ARM's services ignore such properties; the emulator may drop them from
// what it stores, log them, or do nothing.
func (o *Operation) UnknownProperties(body any) []string {
	if o.body == nil || body == nil {
		return nil
	}
	var out []string
	unknown(o.body.schema, body, "", &out)
	sort.Strings(out)
	return out
}

func unknown(s *schema, v any, path string, out *[]string) {
	t := s.t()
	switch x := v.(type) {
	case map[string]any:
		if t.polymorphic {
			t, _ = dispatch(t, x)
		}
		if t.typ != "object" && len(t.props) == 0 {
			return // a free-form value
		}
		for k, val := range x {
			p := join(path, k)
			if _, ps := t.member(k); ps != nil {
				if !ps.isReadOnly() {
					unknown(ps, val, p, out)
				}
				continue
			}
			switch {
			case t.additional == anyAdditional:
			case t.additional != nil:
				unknown(t.additional, val, p, out)
			case len(t.props) > 0 || t.addlFalse:
				*out = append(*out, p)
			}
		}
	case []any:
		if t.items == nil {
			return
		}
		for i, item := range x {
			unknown(t.items, item, path+"["+strconv.Itoa(i)+"]", out)
		}
	}
}

// CreateOnlyChanges lists the create-only properties (x-ms-mutability with "create" but not "update") whose value in
// the request body differs from the stored resource document: for PUT or PATCH on a resource that exists. A
// property the body leaves out or sets to null is not a change (PUT keeps, and PATCH may not remove, a create-only
// value); one the stored document lacks and the body sets is. Locations compare as ARM compares them (case and
// spaces ignored: "West US" is "westus"). The caller decides the code; Violation.Code suggests
// PropertyChangeNotAllowed, or InvalidResourceLocation for location.
func (o *Operation) CreateOnlyChanges(stored, body any) []Violation {
	if o.body == nil || body == nil {
		return nil
	}
	var out []Violation
	changes(o.body.schema, stored, body, "", &out)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func changes(s *schema, stored, v any, path string, out *[]Violation) {
	t := s.t()
	switch x := v.(type) {
	case map[string]any:
		if t.polymorphic {
			t, _ = dispatch(t, x)
		}
		old, _ := stored.(map[string]any)
		for k, val := range x {
			name, ps := t.member(k)
			if ps == nil || ps.isReadOnly() || val == nil {
				continue
			}
			p := join(path, k)
			var before any
			var had bool
			if old != nil {
				before, had = member(old, name)
			}
			if ps.isCreateOnly() {
				if had && sameValue(name, before, val) {
					continue
				}
				*out = append(*out, mutability(p, name, before, had, val))
				continue
			}
			if had {
				changes(ps, before, val, p, out)
			}
		}
	case []any:
		old, _ := stored.([]any)
		if t.items == nil {
			return
		}
		for i, item := range x {
			if i < len(old) {
				changes(t.items, old[i], item, path+"["+strconv.Itoa(i)+"]", out)
			}
		}
	}
}

func sameValue(name string, a, b any) bool {
	if strings.EqualFold(name, "location") {
		as, aok := a.(string)
		bs, bok := b.(string)
		if aok && bok {
			return normaliseLocation(as) == normaliseLocation(bs)
		}
	}
	return jsonEqual(a, b)
}

func normaliseLocation(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", ""))
}

func mutability(path, name string, before any, had bool, after any) Violation {
	v := Violation{In: InBody, Path: path, Kind: KindMutability, Rule: KindMutability, Value: render(after)}
	if strings.EqualFold(name, "location") && strings.EqualFold(path, name) {
		old := "(none)"
		if s, ok := before.(string); ok {
			old = s
		}
		v.Message = fmt.Sprintf("The resource already exists in location '%s'. A resource with the same name cannot "+
			"be created in location '%v'. Please select a new resource name.", old, after)
		return v
	}
	if !had {
		v.Message = fmt.Sprintf("Changing property '%s' is not allowed: it can only be set when the resource is "+
			"created.", path)
		return v
	}
	v.Message = fmt.Sprintf("Changing property '%s' is not allowed.", path)
	return v
}
