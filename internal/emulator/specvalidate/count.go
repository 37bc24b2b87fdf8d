package specvalidate

import (
	"sort"
	"strconv"
)

// Count is how many constraints of one kind the validator enforces, and where.
type Count struct {
	In    Location // InBody, InPath or InQuery
	Kind  string   // a Kind, or one of the bookkeeping kinds below
	Count int
}

// Bookkeeping kinds of Constraints: what the validator reads from the specification without refusing a request.
const (
	CountEnumExtensible = "enum (extensible: accepted)"
	CountReadOnly       = "readOnly (stripped, never refused)"
	CountFormatFree     = "format (not checked: arm-id, uri, password, duration, float, double)"
	CountOperations     = "write operations (PUT, PATCH, POST, DELETE)"
	CountSubtypes       = "discriminator subtypes"
)

// Constraints counts the distinct constraints of the specification reachable from its write operations (PUT,
// PATCH, POST, DELETE): each definition is counted once however many operations reach it, each path or query
// parameter once per distinct declaration. Read-only subtrees are not entered (ARM ignores them), so their
// constraints are not counted; the read-only properties themselves are, as CountReadOnly.
func (v *Validator) Constraints() []Count {
	body := map[string]int{}
	path := map[string]int{}
	query := map[string]int{}
	seen := map[*schema]bool{}
	params := map[string]bool{}
	writes := 0
	var walk func(s *schema)
	walk = func(s *schema) {
		for n := s; n != nil; n = n.ref {
			if n.hasMutability && contains(n.mutability, "create") && !contains(n.mutability, "update") {
				body[string(KindMutability)]++
			}
		}
		t := s.t()
		if seen[t] {
			return
		}
		seen[t] = true
		switch t.typ {
		case "string", "integer", "number", "boolean", "array", "object":
			body[string(KindType)]++
		}
		switch t.format {
		case "int32", "int64", "date-time", "uuid":
			body[string(KindFormat)]++
		case "":
		default:
			body[CountFormatFree]++
		}
		if len(t.enum) > 0 {
			if t.enumSealed {
				body[string(KindEnum)]++
			} else {
				body[CountEnumExtensible]++
			}
		}
		add := func(ok bool, k Kind) {
			if ok {
				body[string(k)]++
			}
		}
		add(t.pattern != nil, KindPattern)
		add(t.minLength >= 0, KindMinLength)
		add(t.maxLength >= 0, KindMaxLength)
		add(t.minimum != nil, KindMinimum)
		add(t.maximum != nil, KindMaximum)
		add(t.minItems >= 0, KindMinItems)
		add(t.maxItems >= 0, KindMaxItems)
		add(t.addlFalse, KindAdditional)
		for _, r := range t.ownRequired { // inherited ones are counted on the definition that declares them
			if ps := t.props[r]; ps == nil || !ps.isReadOnly() {
				body[string(KindRequired)]++
			}
		}
		if t.polymorphic {
			body[string(KindDiscriminator)]++
			body[CountSubtypes] += len(t.subtypes)
			for _, sub := range sortedSubtypes(t) {
				walk(sub)
			}
		}
		for _, name := range t.propNames {
			ps := t.props[name]
			if ps.isReadOnly() {
				body[CountReadOnly]++
				continue
			}
			walk(ps)
		}
		if t.additional != nil && t.additional != anyAdditional {
			walk(t.additional)
		}
		if t.items != nil {
			walk(t.items)
		}
	}
	for _, op := range v.ops {
		if !op.IsWrite() {
			continue
		}
		writes++
		if op.body != nil {
			walk(op.body.schema)
		}
		for _, p := range op.params {
			if p.name == "api-version" {
				continue
			}
			key := p.in + " " + p.name + " " + p.patternSrc + " " + p.format + " " + itoa(p.minLength) + " " +
				itoa(p.maxLength)
			if params[key] {
				continue
			}
			params[key] = true
			m := path
			if p.in == "query" {
				m = query
			}
			if p.typ == "boolean" || p.typ == "integer" || p.typ == "number" {
				m[string(KindType)]++
			}
			if p.format == "uuid" || p.format == "int32" || p.format == "int64" {
				m[string(KindFormat)]++
			}
			if p.pattern != nil {
				m[string(KindPattern)]++
			}
			if p.minLength >= 0 {
				m[string(KindMinLength)]++
			}
			if p.maxLength >= 0 {
				m[string(KindMaxLength)]++
			}
			if p.required && p.in == "query" {
				m[string(KindRequired)]++
			}
		}
	}
	var out []Count
	for _, g := range []struct {
		in Location
		m  map[string]int
	}{{InBody, body}, {InPath, path}, {InQuery, query}} {
		keys := make([]string, 0, len(g.m))
		for k := range g.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, Count{In: g.in, Kind: k, Count: g.m[k]})
		}
	}
	out = append(out, Count{Kind: CountOperations, Count: writes})
	return out
}

func sortedSubtypes(t *schema) []*schema {
	keys := make([]string, 0, len(t.subtypes))
	for k := range t.subtypes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*schema, len(keys))
	for i, k := range keys {
		out[i] = t.subtypes[k]
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
