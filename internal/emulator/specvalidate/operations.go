package specvalidate

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
)

// Validator holds the compiled specification: its operations, their parameters and body schemas. It is immutable
// after New and safe for concurrent use.
type Validator struct {
	ops   []*Operation
	byID  map[string]*Operation
	index map[string][]*Operation // method + " " + segment count -> candidates, most literal first
	defs  map[string]*schema
}

// Operation is one operation of the specification (a method on a path template).
type Operation struct {
	ID     string // operationId, e.g. "Accounts_Create"
	Method string // upper case: GET, PUT, PATCH, POST, DELETE, HEAD
	Path   string // the path template as the specification writes it

	// LongRunning is x-ms-long-running-operation; FinalStateVia is x-ms-long-running-operation-options'
	// final-state-via ("location", "azure-async-operation", "original-uri") or "" when not given.
	LongRunning   bool
	FinalStateVia string

	// Responses are the declared responses, in status order ("200" < "201" < ... < "default").
	Responses []Response

	segments []segment
	literals int
	params   []*param // path and query parameters, in declaration order
	body     *bodyParam
}

// Response is one declared response of an operation.
type Response struct {
	Status  string   // "200", "201", "202", "204" or "default"
	Headers []string // declared headers, spelt as the specification spells them ("Azure-AsyncOperation", "location", ...)
	Schema  string   // name of the body's definition ("Account"), "" when the response declares no body or an inline one
	HasBody bool     // the response declares a schema
}

// HasHeader reports whether the response declares the header (compared case-insensitively, as HTTP does).
func (r Response) HasHeader(name string) bool {
	for _, h := range r.Headers {
		if strings.EqualFold(h, name) {
			return true
		}
	}
	return false
}

// Response returns the declared response for an HTTP status code ("default" is not returned for a code that is not
// declared: the caller decides what a status outside the declared ones means).
func (o *Operation) Response(status int) (Response, bool) {
	code := strconv.Itoa(status)
	for _, r := range o.Responses {
		if r.Status == code {
			return r, true
		}
	}
	return Response{}, false
}

// HasBody reports whether the operation declares a body parameter; BodyRequired whether that body is required.
func (o *Operation) HasBody() bool { return o.body != nil }

// BodyRequired reports whether the operation's body parameter is declared required.
func (o *Operation) BodyRequired() bool { return o.body != nil && o.body.required }

// BodySchema names the definition of the body parameter ("Account"), "" when there is none.
func (o *Operation) BodySchema() string {
	if o.body == nil {
		return ""
	}
	return o.body.schema.t().name
}

// PathParameters lists the names of the operation's path parameters in template order.
func (o *Operation) PathParameters() []string {
	var out []string
	for _, s := range o.segments {
		if s.param != "" {
			out = append(out, s.param)
		}
	}
	return out
}

type segment struct {
	literal string // "" for a parameter segment
	param   string
}

type bodyParam struct {
	name     string
	required bool
	schema   *schema
}

// param is a compiled path or query parameter.
type param struct {
	name       string
	in         string // "path" or "query"
	required   bool
	typ        string
	format     string
	pattern    *regexp.Regexp
	patternSrc string
	minLength  int
	maxLength  int
	minimum    *float64
	maximum    *float64
	enum       []any
	enumSealed bool
	items      *param // for type array
}

var (
	defaultOnce sync.Once
	defaultV    *Validator
	defaultErr  error
)

// Default returns the validator of the specification carried in internal/armspec, compiled once on first use.
// It panics if that specification cannot be read: it is embedded at build time and tested.
func Default() *Validator {
	defaultOnce.Do(func() { defaultV, defaultErr = New(armspec.Spec()) })
	if defaultErr != nil {
		panic(defaultErr)
	}
	return defaultV
}

// New compiles an OpenAPI 2.0 document. External $ref values must name the ARM common-types v3 entries the
// validator has stand-ins for; any other external reference is an error (nothing is skipped silently).
func New(spec []byte) (*Validator, error) {
	c, err := newCompiler(spec)
	if err != nil {
		return nil, err
	}
	if err := c.compileDefinitions(); err != nil {
		return nil, err
	}
	v := &Validator{byID: map[string]*Operation{}, index: map[string][]*Operation{}, defs: map[string]*schema{}}
	for _, d := range c.defs {
		v.defs[d.name] = d
	}
	paths, _ := c.main.root["paths"].(map[string]any)
	templates := make([]string, 0, len(paths))
	for p := range paths {
		templates = append(templates, p)
	}
	sort.Strings(templates)
	for _, tmpl := range templates {
		item, _ := paths[tmpl].(map[string]any)
		shared, _ := item["parameters"].([]any)
		for _, method := range []string{"get", "put", "patch", "post", "delete", "head"} {
			raw, ok := item[method].(map[string]any)
			if !ok {
				continue
			}
			op, err := c.operation(strings.ToUpper(method), tmpl, raw, shared)
			if err != nil {
				return nil, err
			}
			v.ops = append(v.ops, op)
			if op.ID != "" {
				v.byID[op.ID] = op
			}
			key := op.Method + " " + strconv.Itoa(len(op.segments))
			v.index[key] = append(v.index[key], op)
		}
	}
	for _, cands := range v.index {
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].literals > cands[j].literals })
	}
	c.finish()
	return v, nil
}

func (c *compiler) operation(method, tmpl string, raw map[string]any, shared []any) (*Operation, error) {
	op := &Operation{Method: method, Path: tmpl}
	op.ID, _ = raw["operationId"].(string)
	where := method + " " + tmpl
	for _, part := range strings.Split(strings.Trim(tmpl, "/"), "/") {
		if strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}") {
			op.segments = append(op.segments, segment{param: part[1 : len(part)-1]})
		} else {
			op.segments = append(op.segments, segment{literal: part})
			op.literals++
		}
	}
	declared := map[string]bool{}
	own, _ := raw["parameters"].([]any)
	for _, list := range [][]any{own, shared} {
		for _, rp := range list {
			pm, ok := rp.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("specvalidate: %s: parameter is not an object", where)
			}
			d := c.main
			if r, ok := pm["$ref"].(string); ok {
				doc, pointer, err := c.resolve(c.main, r)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", where, err)
				}
				if pm, err = lookup(doc, pointer); err != nil {
					return nil, fmt.Errorf("%s: %w", where, err)
				}
				d = doc
			}
			name, _ := pm["name"].(string)
			in, _ := pm["in"].(string)
			if declared[in+" "+name] {
				continue // an operation's own parameter overrides the path item's
			}
			declared[in+" "+name] = true
			required, _ := pm["required"].(bool)
			switch in {
			case "body":
				s, err := c.node(d, pm["schema"])
				if err != nil {
					return nil, fmt.Errorf("specvalidate: %s: body: %w", where, err)
				}
				op.body = &bodyParam{name: name, required: required, schema: s}
			case "path", "query":
				p, err := compileParam(pm)
				if err != nil {
					return nil, fmt.Errorf("%s: parameter %s: %w", where, name, err)
				}
				p.in = in
				op.params = append(op.params, p)
			}
		}
	}
	if lro, ok := raw["x-ms-long-running-operation"].(bool); ok {
		op.LongRunning = lro
	}
	if opts, ok := raw["x-ms-long-running-operation-options"].(map[string]any); ok {
		op.FinalStateVia, _ = opts["final-state-via"].(string)
	}
	responses, _ := raw["responses"].(map[string]any)
	for status, rr := range responses {
		rm, _ := rr.(map[string]any)
		resp := Response{Status: status}
		if hs, ok := rm["headers"].(map[string]any); ok {
			for h := range hs {
				resp.Headers = append(resp.Headers, h)
			}
			sort.Strings(resp.Headers)
		}
		if sch, ok := rm["schema"].(map[string]any); ok {
			resp.HasBody = true
			if r, ok := sch["$ref"].(string); ok {
				_, pointer, _ := strings.Cut(r, "#")
				resp.Schema = strings.TrimPrefix(pointer, "/definitions/")
			}
		}
		op.Responses = append(op.Responses, resp)
	}
	sort.Slice(op.Responses, func(i, j int) bool { return op.Responses[i].Status < op.Responses[j].Status })
	return op, nil
}

func compileParam(pm map[string]any) (*param, error) {
	p := &param{minLength: intKey(pm, "minLength"), maxLength: intKey(pm, "maxLength")}
	p.name, _ = pm["name"].(string)
	p.required, _ = pm["required"].(bool)
	p.typ, _ = pm["type"].(string)
	p.format, _ = pm["format"].(string)
	if s, ok := pm["pattern"].(string); ok {
		re, err := compilePattern(s)
		if err != nil {
			return nil, err
		}
		p.pattern, p.patternSrc = re, s
	}
	if f, ok := pm["minimum"].(float64); ok {
		p.minimum = &f
	}
	if f, ok := pm["maximum"].(float64); ok {
		p.maximum = &f
	}
	if e, ok := pm["enum"].([]any); ok {
		p.enum, p.enumSealed = e, true
		if xe, ok := pm["x-ms-enum"].(map[string]any); ok {
			if mas, ok := xe["modelAsString"].(bool); ok && mas {
				p.enumSealed = false
			}
		}
	}
	if it, ok := pm["items"].(map[string]any); ok {
		items, err := compileParam(it)
		if err != nil {
			return nil, err
		}
		p.items = items
	}
	return p, nil
}

// Operations lists every operation of the specification, sorted by path template then method.
func (v *Validator) Operations() []*Operation { return v.ops }

// Operation returns the operation with that operationId, or nil.
func (v *Validator) Operation(id string) *Operation { return v.byID[id] }

// Match finds the operation for a concrete request path (r.URL.Path, already unescaped) and method. Literal segments
// compare case-insensitively, as ARM compares them; a parameter matches exactly one non-empty segment; one trailing
// slash is ignored. When several
// templates match, the one with the most literal segments wins. It returns the path parameter values by name, or
// nil and false when no operation of the specification has that method and path.
func (v *Validator) Match(method, path string) (*Operation, map[string]string, bool) {
	path = strings.TrimSuffix(strings.TrimPrefix(path, "/"), "/")
	if path == "" {
		return nil, nil, false
	}
	parts := strings.Split(path, "/")
	for _, p := range parts {
		if p == "" {
			return nil, nil, false
		}
	}
	for _, op := range v.index[strings.ToUpper(method)+" "+strconv.Itoa(len(parts))] {
		if op.matches(parts) {
			values := make(map[string]string, len(op.segments)-op.literals)
			for i, s := range op.segments {
				if s.param != "" {
					values[s.param] = parts[i]
				}
			}
			return op, values, true
		}
	}
	return nil, nil, false
}

func (o *Operation) matches(parts []string) bool {
	for i, s := range o.segments {
		if s.param == "" && !strings.EqualFold(s.literal, parts[i]) {
			return false
		}
	}
	return true
}

// IsWrite reports whether the operation changes state: PUT, PATCH, POST or DELETE.
func (o *Operation) IsWrite() bool {
	switch o.Method {
	case http.MethodPut, http.MethodPatch, http.MethodPost, http.MethodDelete:
		return true
	}
	return false
}
