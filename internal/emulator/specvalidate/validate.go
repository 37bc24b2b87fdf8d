package specvalidate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Validate matches a request to its operation and checks its path parameters, query and body. It returns nil and no
// violations when no operation of the specification has that method and path (routing is the caller's business).
func (v *Validator) Validate(method, path string, query url.Values, body []byte) (*Operation, []Violation) {
	op, values, ok := v.Match(method, path)
	if !ok {
		return nil, nil
	}
	out := op.ValidateParams(values, query)
	out = append(out, op.ValidateBody(body)...)
	return op, out
}

// Decode reads a JSON request body the way the validator's other functions expect it: numbers as json.Number (so
// that int64 values keep every digit), objects as map[string]any. Trailing data after the value is an error.
func Decode(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after the JSON value")
	}
	return v, nil
}

// ValidateBody checks a raw request body against the operation's body parameter. An empty body is a violation only
// when the body parameter is required. Operations that declare no body ignore whatever is sent, as ARM does.
func (o *Operation) ValidateBody(body []byte) []Violation {
	if o.body == nil {
		return nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return o.ValidateValue(nil)
	}
	v, err := Decode(body)
	if err != nil {
		return []Violation{{In: InBody, Kind: KindSyntax, Rule: KindSyntax,
			Message: "The request content was invalid and could not be deserialized: '" + err.Error() + "'."}}
	}
	return o.ValidateValue(v)
}

// ValidateValue checks an already decoded body (see Decode; float64 numbers are accepted too). nil or a JSON null
// means no body. PATCH bodies are JSON merge patches (RFC 7396): required properties are not required, and null
// removes a property (refused only for a required one).
func (o *Operation) ValidateValue(body any) []Violation {
	if o.body == nil {
		return nil
	}
	if body == nil {
		if o.body.required {
			return []Violation{{In: InBody, Kind: KindRequired, Rule: KindRequired,
				Message: "The request body is required."}}
		}
		return nil
	}
	w := walker{patch: o.Method == http.MethodPatch}
	w.value(o.body.schema, body, "")
	return w.out
}

type walker struct {
	patch bool
	out   []Violation
}

func (w *walker) add(path string, kind Kind, v any, msg string) {
	w.out = append(w.out, Violation{In: InBody, Path: path, Kind: kind, Rule: kind, Value: render(v), Message: msg})
}

// deserialiseMessage is ARM's wording for a body the service cannot read into its types.
func deserialiseMessage(detail string) string {
	return "The request content was invalid and could not be deserialized: '" + detail + "'."
}

func (w *walker) typeError(s *schema, v any, path string) {
	w.add(path, KindType, v, deserialiseMessage(fmt.Sprintf("Error converting value %s to type '%s'. Path '%s'.",
		render(v), s.typeName(), path)))
}

func (w *walker) value(s *schema, v any, path string) {
	t := s.t()
	switch t.typ {
	case "string":
		str, ok := v.(string)
		if !ok {
			w.typeError(s, v, path)
			return
		}
		w.str(t, s, str, path)
	case "integer", "number":
		f, lit, ok := number(v)
		if !ok {
			w.typeError(s, v, path)
			return
		}
		if t.typ == "integer" {
			if !integral(lit, f) {
				w.typeError(s, v, path)
				return
			}
			if (t.format != "int64" && (f < math.MinInt32 || f > math.MaxInt32)) ||
				(f < math.MinInt64 || f > math.MaxInt64) {
				w.add(path, KindFormat, v, deserialiseMessage(fmt.Sprintf(
					"Value was either too large or too small for an %s. Path '%s'.", s.typeName(), path)))
				return
			}
		}
		w.bounds(t, f, v, path)
		if t.enumSealed && !enumHas(t.enum, v) {
			w.add(path, KindEnum, v, fmt.Sprintf("The value %s of property '%s' is invalid. Valid values are %s.",
				render(v), path, enumList(t.enum)))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			w.typeError(s, v, path)
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			w.typeError(s, v, path)
			return
		}
		if t.minItems >= 0 && len(arr) < t.minItems {
			w.add(path, KindMinItems, nil, fmt.Sprintf("Property '%s' has %d items; at least %d are required.",
				path, len(arr), t.minItems))
		}
		if t.maxItems >= 0 && len(arr) > t.maxItems {
			w.add(path, KindMaxItems, nil, fmt.Sprintf("Property '%s' has %d items; at most %d are allowed.",
				path, len(arr), t.maxItems))
		}
		if t.items == nil {
			return
		}
		for i, item := range arr {
			p := path + "[" + strconv.Itoa(i) + "]"
			if item == nil {
				if t.items.nullability() != 1 {
					w.typeError(t.items, nil, p)
				}
				continue
			}
			w.value(t.items, item, p)
		}
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			w.typeError(s, v, path)
			return
		}
		w.object(t, obj, path)
	default:
		// No type: an object when the schema describes members, anything otherwise.
		if obj, ok := v.(map[string]any); ok && (len(t.props) > 0 || t.polymorphic) {
			w.object(t, obj, path)
		}
	}
}

func (w *walker) str(t, s *schema, str, path string) {
	switch t.format {
	case "date-time":
		if !isDateTime(str) {
			w.add(path, KindFormat, str, deserialiseMessage(fmt.Sprintf(
				"Could not convert string to DateTime: %s. Path '%s'.", str, path)))
			return
		}
	case "uuid":
		if !isUUID(str) {
			w.add(path, KindFormat, str, deserialiseMessage(fmt.Sprintf(
				"Error converting value %s to type '%s'. Path '%s'.", render(str), s.typeName(), path)))
			return
		}
	}
	if t.enumSealed && !enumHas(t.enum, str) {
		w.add(path, KindEnum, str, fmt.Sprintf("The value '%s' of property '%s' is invalid. Valid values are %s.",
			str, path, enumList(t.enum)))
		return
	}
	n := -1
	if t.minLength >= 0 || t.maxLength >= 0 {
		n = utf8.RuneCountInString(str)
	}
	if t.minLength >= 0 && n < t.minLength {
		w.add(path, KindMinLength, str, fmt.Sprintf(
			"The value of property '%s' is too short: %d characters; at least %d are required.", path, n, t.minLength))
	}
	if t.maxLength >= 0 && n > t.maxLength {
		w.add(path, KindMaxLength, shorten(str), fmt.Sprintf(
			"The value of property '%s' is too long: %d characters; at most %d are allowed.", path, n, t.maxLength))
	}
	if t.pattern != nil && !t.pattern.MatchString(str) {
		w.add(path, KindPattern, str, fmt.Sprintf("The value '%s' of property '%s' does not match the pattern '%s'.",
			shorten(str), path, t.patternSrc))
	}
}

func (w *walker) bounds(t *schema, f float64, v any, path string) {
	if t.minimum != nil && (f < *t.minimum || t.exclMin && f == *t.minimum) {
		op := "at least"
		if t.exclMin {
			op = "greater than"
		}
		w.add(path, KindMinimum, v, fmt.Sprintf("The value %s of property '%s' is invalid: it must be %s %v.",
			render(v), path, op, *t.minimum))
	}
	if t.maximum != nil && (f > *t.maximum || t.exclMax && f == *t.maximum) {
		op := "at most"
		if t.exclMax {
			op = "less than"
		}
		w.add(path, KindMaximum, v, fmt.Sprintf("The value %s of property '%s' is invalid: it must be %s %v.",
			render(v), path, op, *t.maximum))
	}
}

func (w *walker) object(t *schema, obj map[string]any, path string) {
	if t.polymorphic {
		sub, bad := dispatch(t, obj)
		if bad != "" {
			disc := join(path, t.discriminator)
			w.add(disc, KindDiscriminator, bad, deserialiseMessage(fmt.Sprintf(
				"The value '%s' of '%s' names no known type of '%s'. Valid values are %s. Path '%s'.",
				bad, t.discriminator, t.name, strings.Join(quoteAll(discValues(t)), ", "), disc)))
		}
		t = sub
	}
	if !w.patch {
		for _, name := range t.required {
			ps := t.props[name]
			if ps != nil && ps.isReadOnly() {
				continue
			}
			if _, ok := member(obj, name); !ok {
				w.add(join(path, name), KindRequired, nil, fmt.Sprintf(
					"The request is invalid: required property '%s' is missing.", join(path, name)))
			}
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		val := obj[k]
		p := join(path, k)
		name, ps := t.member(k)
		if ps == nil {
			switch {
			case t.additional == anyAdditional:
			case t.additional != nil:
				if val == nil {
					// A null entry of a map of objects (userAssignedIdentities) reads as an entry without
					// details; a null where a string or number is expected (tags) is refused, in PUT and POST.
					if !w.patch && t.additional.nullability() != 1 && t.additional.t().typ != "object" {
						w.typeError(t.additional, nil, p)
					}
					continue
				}
				w.value(t.additional, val, p)
			case t.addlFalse:
				w.add(p, KindAdditional, nil, fmt.Sprintf("The request is invalid: property '%s' is not allowed.", p))
			}
			continue // a property the schema does not know: ignored, as ARM's services ignore it
		}
		if ps.isReadOnly() {
			continue // ARM ignores read-only properties in requests
		}
		if val == nil {
			n := ps.nullability()
			switch {
			case n == 1:
			case contains(t.required, name):
				w.add(p, KindRequired, nil, fmt.Sprintf(
					"The request is invalid: required property '%s' must not be null.", p))
			case n == -1 && !w.patch:
				w.typeError(ps, nil, p)
			}
			continue
		}
		w.value(ps, val, p)
	}
}

// member finds a declared property for a JSON key: the exact name first, then case-insensitively (the services'
// deserialiser matches member names that way).
func (s *schema) member(key string) (string, *schema) {
	if ps, ok := s.props[key]; ok {
		return key, ps
	}
	if name, ok := s.lprops[strings.ToLower(key)]; ok {
		return name, s.props[name]
	}
	return "", nil
}

// member finds a key of a JSON object for a declared property name (exact first, then case-insensitively).
func member(obj map[string]any, name string) (any, bool) {
	if v, ok := obj[name]; ok {
		return v, true
	}
	for k, v := range obj {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// dispatch picks the schema a polymorphic object is read as: the subtype its discriminator names, else the base.
// bad is the discriminator's value when it names neither a subtype nor a value of the discriminator's enum.
func dispatch(t *schema, obj map[string]any) (*schema, string) {
	raw, ok := member(obj, t.discriminator)
	if !ok {
		return t, ""
	}
	val, ok := raw.(string)
	if !ok {
		return t, "" // the property's own type check reports it
	}
	if sub, ok := t.subtypes[val]; ok {
		return sub, ""
	}
	if ps := t.props[t.discriminator]; ps != nil && enumHas(ps.t().enum, val) {
		return t, ""
	}
	return t, val
}

// discValues lists the values a polymorphic base accepts for its discriminator: its subtypes' and its enum's.
func discValues(t *schema) []string {
	set := map[string]bool{}
	for k := range t.subtypes {
		set[k] = true
	}
	if ps := t.props[t.discriminator]; ps != nil {
		for _, e := range ps.t().enum {
			if s, ok := e.(string); ok {
				set[s] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// join appends a member to a JSON path the way .NET's JSON reader writes paths: a.b, a['b.c'].
func join(path, key string) string {
	if isIdent(key) {
		if path == "" {
			return key
		}
		return path + "." + key
	}
	return path + "['" + key + "']"
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !identByte(s[i]) {
			return false
		}
	}
	return true
}

func identByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '$'
}

// number reads a JSON number (json.Number or float64).
func number(v any) (float64, string, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(n), 64)
		return f, string(n), err == nil || errors.Is(err, strconv.ErrRange)
	case float64:
		return n, strconv.FormatFloat(n, 'g', -1, 64), true
	}
	return 0, "", false
}

// integral reports whether a JSON number is a whole number (1, 1.0, 1e2), as a JSON Schema integer is.
func integral(lit string, f float64) bool {
	if _, err := strconv.ParseInt(lit, 10, 64); err == nil {
		return true
	}
	return !math.IsInf(f, 0) && f == math.Trunc(f)
}

func enumHas(enum []any, v any) bool {
	for _, e := range enum {
		if jsonEqual(e, v) {
			return true
		}
	}
	return false
}

func enumList(enum []any) string {
	var parts []string
	for _, e := range enum {
		if s, ok := e.(string); ok {
			parts = append(parts, "'"+s+"'")
		} else {
			parts = append(parts, render(e))
		}
	}
	return strings.Join(parts, ", ")
}

func quoteAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = "'" + s + "'"
	}
	return out
}

// jsonEqual compares two decoded JSON values (numbers numerically, whatever their Go representation).
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case json.Number, float64:
		fx, _, _ := number(x)
		fy, _, ok := number(b)
		return ok && fx == fy
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !jsonEqual(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}

// render writes a value as JSON for a message, shortened.
func render(v any) string {
	if v == nil {
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return shorten(string(b))
}

func shorten(s string) string {
	const limit = 100
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// isDateTime accepts ISO 8601 date-times and dates: 2024-03-15T14:30:00Z, with fractions, a zone offset or no
// zone, a space instead of the T, or a date alone. .NET's DateTime parser accepts more (culture formats such as
// 03/15/2024); the validator does not.
func isDateTime(s string) bool {
	for _, layout := range dateTimeLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

var dateTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02",
}
