package specvalidate

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
)

// schema is one compiled OpenAPI 2.0 schema node. A node written as {"$ref": ..., "readOnly": true, ...} is a
// wrapper: ref points at the target and only the overlay keys (readOnly, x-ms-mutability, x-nullable) are its own.
type schema struct {
	ref *schema

	name     string // definition name ("Account"), "" for inline nodes
	typ      string // "", "object", "string", "integer", "number", "boolean", "array"
	format   string
	readOnly bool
	nullable int8 // x-nullable: 0 unspecified, 1 true, -1 false

	mutability    []string
	hasMutability bool

	enum       []any
	enumSealed bool // enum present and x-ms-enum.modelAsString is not true

	pattern    *regexp.Regexp
	patternSrc string
	minLength  int // -1: none
	maxLength  int
	minimum    *float64
	maximum    *float64
	exclMin    bool
	exclMax    bool
	minItems   int
	maxItems   int

	// Own keys, before allOf is folded in.
	ownProps    map[string]*schema
	ownRequired []string
	allOf       []*schema

	// After flattening (own plus every allOf ancestor).
	props      map[string]*schema
	lprops     map[string]string // lower-cased name -> declared name, for ARM's case-insensitive member matching
	propNames  []string          // sorted
	required   []string
	additional *schema // additionalProperties schema; anyAdditional for {} or true
	addlFalse  bool    // additionalProperties: false
	items      *schema

	discriminator string             // property that selects the subtype (inherited from the polymorphic base)
	discValue     string             // this definition's x-ms-discriminator-value (or its name)
	subtypes      map[string]*schema // on a polymorphic base: value -> derived definition (all descendants)
	polymorphic   bool               // declares discriminator itself

	flattened bool
}

// anyAdditional stands for additionalProperties: {} or true: any value.
var anyAdditional = &schema{minLength: -1, maxLength: -1, minItems: -1, maxItems: -1}

// t returns the node the constraints live on (following $ref wrappers).
func (s *schema) t() *schema {
	for s.ref != nil {
		s = s.ref
	}
	return s
}

// isReadOnly reports whether a property node is read-only: readOnly on the wrapper or the target, or a mutability
// that allows neither create nor update.
func (s *schema) isReadOnly() bool {
	for n := s; n != nil; n = n.ref {
		if n.readOnly {
			return true
		}
		if n.hasMutability && !contains(n.mutability, "create") && !contains(n.mutability, "update") {
			return true
		}
	}
	return false
}

// mut returns the x-ms-mutability closest to the property (wrapper first).
func (s *schema) mut() ([]string, bool) {
	for n := s; n != nil; n = n.ref {
		if n.hasMutability {
			return n.mutability, true
		}
	}
	return nil, false
}

// isCreateOnly reports a property whose x-ms-mutability allows create but not update.
func (s *schema) isCreateOnly() bool {
	m, ok := s.mut()
	return ok && contains(m, "create") && !contains(m, "update")
}

// nullability returns x-nullable, wrapper first.
func (s *schema) nullability() int8 {
	for n := s; n != nil; n = n.ref {
		if n.nullable != 0 {
			return n.nullable
		}
	}
	return 0
}

// typeName is the name used in messages ("Account", "Boolean", ...), in the style of .NET's deserialiser.
func (s *schema) typeName() string {
	t := s.t()
	if t.name != "" && (t.typ == "object" || t.typ == "") {
		return t.name
	}
	switch t.typ {
	case "string":
		switch t.format {
		case "date-time":
			return "DateTime"
		case "uuid":
			return "Guid"
		}
		return "String"
	case "boolean":
		return "Boolean"
	case "integer":
		if t.format == "int64" {
			return "Int64"
		}
		return "Int32"
	case "number":
		if t.format == "float" {
			return "Single"
		}
		return "Double"
	case "array":
		return "Array"
	}
	return "Object"
}

// document is one parsed JSON document the compiler resolves $ref values in.
type document struct {
	name string
	root map[string]any
}

// compiler turns the specification (and the common-types stand-ins) into schema nodes, once.
type compiler struct {
	main     *document
	external map[string]*document // stand-in name -> document
	cache    map[string]*schema   // "doc#pointer" -> node
	all      []*schema
	defs     []*schema // every definition of the main document, in name order
}

func newCompiler(spec []byte) (*compiler, error) {
	main, err := parseDocument("spec", spec)
	if err != nil {
		return nil, err
	}
	c := &compiler{main: main, external: map[string]*document{}, cache: map[string]*schema{}}
	for _, e := range externalDocs {
		d, err := parseDocument(e.name, []byte(e.text))
		if err != nil {
			return nil, fmt.Errorf("specvalidate: stand-in %s: %w", e.name, err)
		}
		c.external[e.name] = d
	}
	return c, nil
}

func parseDocument(name string, b []byte) (*document, error) {
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("specvalidate: parsing %s: %w", name, err)
	}
	return &document{name: name, root: root}, nil
}

// resolve finds the document and JSON pointer a $ref names, relative to the document it is written in.
func (c *compiler) resolve(from *document, ref string) (*document, string, error) {
	file, pointer, _ := strings.Cut(ref, "#")
	d := from
	if file != "" {
		d = nil
		for _, e := range externalDocs {
			if strings.HasSuffix(file, e.suffix) {
				d = c.external[e.name]
			}
		}
		if d == nil {
			return nil, "", fmt.Errorf("specvalidate: $ref to a file the validator has no stand-in for: %s", ref)
		}
	}
	return d, pointer, nil
}

func lookup(d *document, pointer string) (map[string]any, error) {
	var cur any = d.root
	for _, part := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("specvalidate: %s#%s: not an object at %q", d.name, pointer, part)
		}
		cur, ok = m[part]
		if !ok {
			return nil, fmt.Errorf("specvalidate: %s#%s: %q not found", d.name, pointer, part)
		}
	}
	m, ok := cur.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("specvalidate: %s#%s is not an object", d.name, pointer)
	}
	return m, nil
}

// ref compiles the target of a $ref (cached, so recursive definitions end in the same node).
func (c *compiler) ref(from *document, ref string) (*schema, error) {
	d, pointer, err := c.resolve(from, ref)
	if err != nil {
		return nil, err
	}
	key := d.name + "#" + pointer
	if s, ok := c.cache[key]; ok {
		return s, nil
	}
	node, err := lookup(d, pointer)
	if err != nil {
		return nil, err
	}
	s := newSchema()
	if name, ok := strings.CutPrefix(pointer, "/definitions/"); ok {
		s.name = name
	}
	c.cache[key] = s
	c.all = append(c.all, s)
	if err := c.fill(d, s, node); err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return s, nil
}

func newSchema() *schema {
	return &schema{minLength: -1, maxLength: -1, minItems: -1, maxItems: -1}
}

// node compiles an inline schema (a property, items, additionalProperties, a body parameter's schema).
func (c *compiler) node(d *document, raw any) (*schema, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema is not an object: %v", raw)
	}
	s := newSchema()
	c.all = append(c.all, s)
	if err := c.fill(d, s, m); err != nil {
		return nil, err
	}
	return s, nil
}

// fill reads the keys of one schema object into s.
func (c *compiler) fill(d *document, s *schema, m map[string]any) error {
	if r, ok := m["$ref"].(string); ok {
		target, err := c.ref(d, r)
		if err != nil {
			return err
		}
		s.ref = target
		// Sibling keys of a $ref that ARM tooling honours: readOnly, x-ms-mutability, x-nullable.
		return c.overlay(s, m)
	}
	if err := c.overlay(s, m); err != nil {
		return err
	}
	if t, ok := m["type"].(string); ok {
		s.typ = t
	}
	if f, ok := m["format"].(string); ok {
		s.format = f
	}
	if e, ok := m["enum"].([]any); ok {
		s.enum = e
		s.enumSealed = true
		if xe, ok := m["x-ms-enum"].(map[string]any); ok {
			if mas, ok := xe["modelAsString"].(bool); ok && mas {
				s.enumSealed = false
			}
		}
	}
	if p, ok := m["pattern"].(string); ok {
		re, err := compilePattern(p)
		if err != nil {
			return err
		}
		s.pattern, s.patternSrc = re, p
	}
	s.minLength = intKey(m, "minLength")
	s.maxLength = intKey(m, "maxLength")
	s.minItems = intKey(m, "minItems")
	s.maxItems = intKey(m, "maxItems")
	if f, ok := m["minimum"].(float64); ok {
		s.minimum = &f
	}
	if f, ok := m["maximum"].(float64); ok {
		s.maximum = &f
	}
	s.exclMin, _ = m["exclusiveMinimum"].(bool)
	s.exclMax, _ = m["exclusiveMaximum"].(bool)
	if disc, ok := m["discriminator"].(string); ok {
		s.discriminator, s.polymorphic = disc, true
	}
	if dv, ok := m["x-ms-discriminator-value"].(string); ok {
		s.discValue = dv
	}
	if props, ok := m["properties"].(map[string]any); ok {
		s.ownProps = make(map[string]*schema, len(props))
		for name, raw := range props {
			p, err := c.node(d, raw)
			if err != nil {
				return fmt.Errorf("property %s: %w", name, err)
			}
			s.ownProps[name] = p
		}
	}
	if req, ok := m["required"].([]any); ok {
		for _, r := range req {
			if name, ok := r.(string); ok {
				s.ownRequired = append(s.ownRequired, name)
			}
		}
	}
	switch a := m["additionalProperties"].(type) {
	case bool:
		if a {
			s.additional = anyAdditional
		} else {
			s.addlFalse = true
		}
	case map[string]any:
		if len(a) == 0 {
			s.additional = anyAdditional
		} else {
			ap, err := c.node(d, a)
			if err != nil {
				return fmt.Errorf("additionalProperties: %w", err)
			}
			s.additional = ap
		}
	}
	if it, ok := m["items"]; ok {
		items, err := c.node(d, it)
		if err != nil {
			return fmt.Errorf("items: %w", err)
		}
		s.items = items
	}
	if all, ok := m["allOf"].([]any); ok {
		for _, a := range all {
			p, err := c.node(d, a)
			if err != nil {
				return fmt.Errorf("allOf: %w", err)
			}
			s.allOf = append(s.allOf, p)
		}
	}
	return nil
}

func (c *compiler) overlay(s *schema, m map[string]any) error {
	if ro, ok := m["readOnly"].(bool); ok {
		s.readOnly = ro
	}
	if n, ok := m["x-nullable"].(bool); ok {
		if n {
			s.nullable = 1
		} else {
			s.nullable = -1
		}
	}
	if mu, ok := m["x-ms-mutability"].([]any); ok {
		s.hasMutability = true
		for _, v := range mu {
			if str, ok := v.(string); ok {
				s.mutability = append(s.mutability, str)
			}
		}
	}
	return nil
}

func intKey(m map[string]any, key string) int {
	if f, ok := m[key].(float64); ok && f >= 0 && f <= math.MaxInt32 {
		return int(f)
	}
	return -1
}

// compilePattern compiles an OpenAPI pattern with .NET's reading of \w and \d (Unicode letters and digits), which is
// how ARM and the resource providers evaluate them; Go's RE2 reads them as ASCII.
func compilePattern(p string) (*regexp.Regexp, error) {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		ch := p[i]
		if ch == '\\' && i+1 < len(p) {
			next := p[i+1]
			switch next {
			case 'w':
				if inClass {
					b.WriteString(`\p{L}\p{Mn}\p{Nd}\p{Pc}`)
				} else {
					b.WriteString(`[\p{L}\p{Mn}\p{Nd}\p{Pc}]`)
				}
			case 'd':
				b.WriteString(`\p{Nd}`)
			default:
				b.WriteByte(ch)
				b.WriteByte(next)
			}
			i++
			continue
		}
		switch ch {
		case '[':
			inClass = true
		case ']':
			inClass = false
		}
		b.WriteByte(ch)
	}
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("specvalidate: pattern %q: %w", p, err)
	}
	return re, nil
}

// compileDefinitions compiles every definition of the main document (subtypes are referenced by nobody, so they
// must be compiled eagerly), then folds allOf and registers discriminator subtypes.
func (c *compiler) compileDefinitions() error {
	defs, _ := c.main.root["definitions"].(map[string]any)
	names := make([]string, 0, len(defs))
	for name := range defs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s, err := c.ref(c.main, "#/definitions/"+escapePointer(name))
		if err != nil {
			return err
		}
		c.defs = append(c.defs, s)
	}
	return nil
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// finish flattens allOf for every node compiled so far and registers polymorphic subtypes.
func (c *compiler) finish() {
	for _, s := range c.all {
		flatten(s)
	}
	for _, s := range c.all {
		if s.name == "" || len(s.allOf) == 0 {
			continue
		}
		for _, base := range ancestors(s) {
			if !base.polymorphic {
				continue
			}
			if base.subtypes == nil {
				base.subtypes = map[string]*schema{}
			}
			value := s.discValue
			if value == "" {
				value = s.name
			}
			if _, dup := base.subtypes[value]; !dup {
				base.subtypes[value] = s
			}
		}
	}
}

// ancestors lists every definition s inherits from through allOf, nearest first.
func ancestors(s *schema) []*schema {
	var out []*schema
	seen := map[*schema]bool{}
	var walk func(n *schema)
	walk = func(n *schema) {
		for _, a := range n.allOf {
			p := a.t()
			if seen[p] {
				continue
			}
			seen[p] = true
			out = append(out, p)
			walk(p)
		}
	}
	walk(s)
	return out
}

// flatten folds the allOf parents into props, required and the discriminator (parents first, own keys win).
func flatten(s *schema) {
	if s.flattened {
		return
	}
	s.flattened = true
	props := map[string]*schema{}
	var required []string
	for _, a := range s.allOf {
		p := a.t()
		flatten(p)
		for name, ps := range p.props {
			props[name] = ps
		}
		required = append(required, p.required...)
		if s.discriminator == "" {
			s.discriminator = p.discriminator
		}
		if s.typ == "" {
			s.typ = p.typ
		}
		if s.additional == nil {
			s.additional = p.additional
		}
		s.addlFalse = s.addlFalse || p.addlFalse
	}
	for name, ps := range s.ownProps {
		props[name] = ps
	}
	required = append(required, s.ownRequired...)
	s.props = props
	s.required = dedupe(required)
	s.lprops = make(map[string]string, len(props))
	s.propNames = make([]string, 0, len(props))
	for name := range props {
		s.propNames = append(s.propNames, name)
		s.lprops[strings.ToLower(name)] = name
	}
	sort.Strings(s.propNames)
	if s.typ == "" && (len(props) > 0 || s.additional != nil) {
		s.typ = "object"
	}
}

func dedupe(in []string) []string {
	if len(in) < 2 {
		return in
	}
	seen := make(map[string]bool, len(in))
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}
