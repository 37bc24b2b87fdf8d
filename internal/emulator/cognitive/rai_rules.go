package cognitive

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

// The rules of a RAI policy's document (the emulator's reading of RaiPolicyProperties, 2026-09-01):
//
//   - basePolicyName is required and names a policy of the account (built-in or stored), not the policy itself;
//   - mode, sources, severity thresholds, actions and every egress enum take the specification's values (compared
//     case-insensitively, stored in the specification's spelling); mode defaults to Default;
//   - a content filter names a filter of the account's location by its properties.name ("Indirect Attack", not
//     the resource name "IndirectAttack"), once per source; a filter with a fixed source (Jailbreak, Indirect
//     Attack: Prompt; Protected Material: Completion) takes only that one; multi-level filters need a
//     severityThreshold and the others take none. These are refused with Azure's observed code "Resource has
//     invalid content filter" (Azure/terraform-azurerm-avm-res-cognitiveservices-account#118);
//   - a custom blocklist names a blocklist of the account, once per source; a safety provider is named once per
//     source (the subscription's external safety providers are not modelled);
//   - the egress policy follows the specification's descriptions: rule names unique, Allow and Deny without
//     headers or rewrite, Transform with headers and no rewrite, Rewrite with a rewrite target of at least one
//     field, Set and Insert headers with exactly one of value and valueRef, Remove with neither, a valueRef with
//     exactly one reference; mode defaults to Enforced and defaultAction to Deny. A header value (and a secret
//     reference's secretKey) left out of an update keeps the stored one.
//
// Everything but the content filter rules answers 400 InvalidRaiPolicy (the emulator's choice).

var (
	raiModes          = []string{"Default", "Deferred", "Blocking", "Asynchronous_filter"}
	raiSources        = []string{"Prompt", "Completion", "PreToolCall", "PostToolCall", "PreRun", "PostRun"}
	raiContentLevels  = []string{"Low", "Medium", "High"}
	raiActions        = []string{"None", "BLOCKING", "ANNOTATING", "HITL", "RETRY"}
	egressModes       = []string{"Enforced", "Audit"}
	egressDefaults    = []string{"Allow", "Deny"}
	egressRuleTypes   = []string{"Fqdn"}
	egressActionTypes = []string{"Allow", "Deny", "Transform", "Rewrite"}
	egressOperations  = []string{"Set", "Insert", "Remove"}
	egressSchemes     = []string{"http", "https"}
)

// canonical returns the value of allowed that v names, case-insensitively ("" when none).
func canonical(v string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, v) {
			return a
		}
	}
	return ""
}

func invalidRAIPolicy(format string, args ...any) *arm.Error {
	return arm.Errorf(http.StatusBadRequest, codeRAIInvalidPolicy, format, args...)
}

func invalidContentFilter(format string, args ...any) *arm.Error {
	return arm.Errorf(http.StatusBadRequest, codeRAIInvalidContentFilter, format, args...)
}

// raiFields reads a JSON object's string, boolean and object fields with their types checked.
type raiFields struct {
	m    map[string]any
	path string
	err  *arm.Error
}

func (f *raiFields) str(k string) string {
	v, ok := f.m[k]
	if !ok || v == nil || f.err != nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		f.err = arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent,
			"The request content was invalid and could not be deserialized: '%s.%s' must be a string.", f.path, k)
	}
	return s
}

// enum reads an optional enum field and stores it in out in the specification's spelling.
func (f *raiFields) enum(k string, allowed []string, out map[string]any) string {
	s := f.str(k)
	if s == "" || f.err != nil {
		return ""
	}
	c := canonical(s, allowed)
	if c == "" {
		f.err = invalidRAIPolicy("The value '%s' of '%s.%s' is not valid. Allowed values: %s.", s, f.path, k, strings.Join(allowed, ", "))
		return ""
	}
	out[k] = c
	return c
}

func (f *raiFields) boolean(k string, out map[string]any) {
	v, ok := f.m[k]
	if !ok || v == nil || f.err != nil {
		return
	}
	if _, isBool := v.(bool); !isBool {
		f.err = arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent,
			"The request content was invalid and could not be deserialized: '%s.%s' must be a boolean.", f.path, k)
		return
	}
	out[k] = v
}

// objects reads an optional array of objects.
func (f *raiFields) objects(k string) []map[string]any {
	v, ok := f.m[k]
	if !ok || v == nil || f.err != nil {
		return nil
	}
	arr, ok := v.([]any)
	var out []map[string]any
	for _, e := range arr {
		m, isObj := e.(map[string]any)
		if !isObj {
			ok = false
			break
		}
		out = append(out, m)
	}
	if !ok {
		f.err = arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent,
			"The request content was invalid and could not be deserialized: '%s.%s' must be an array of objects.", f.path, k)
	}
	return out
}

// object reads an optional object field.
func (f *raiFields) object(k string) map[string]any {
	v, ok := f.m[k]
	if !ok || v == nil || f.err != nil {
		return nil
	}
	m, isObj := v.(map[string]any)
	if !isObj {
		f.err = arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent,
			"The request content was invalid and could not be deserialized: '%s.%s' must be an object.", f.path, k)
	}
	return m
}

// prepareRAIPolicy validates a policy PUT body and returns the document to store.
func (c *call) prepareRAIPolicy(acc *resource, name string, body map[string]any, existing *resource) (map[string]any, *arm.Error) {
	doc := map[string]any{}
	if tags, ok := body["tags"]; ok && tags != nil {
		if !isStringMap(tags) {
			return nil, arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent, "The request content was invalid and could not be deserialized: 'tags' must be an object of strings.")
		}
		doc["tags"] = tags
	}
	top := &raiFields{m: body}
	in := top.object("properties")
	if top.err != nil {
		return nil, top.err
	}
	if in == nil {
		return nil, invalidRAIPolicy("The RAI policy 'properties' are required, with at least 'basePolicyName'.")
	}
	f := &raiFields{m: in, path: "properties"}
	out := map[string]any{}
	base := f.str("basePolicyName")
	mode := f.enum("mode", raiModes, out)
	if f.err != nil {
		return nil, f.err
	}
	switch {
	case base == "":
		return nil, invalidRAIPolicy("The property 'properties.basePolicyName' is required: %s or another policy of the account.", raiPolicyDefaultV2)
	case strings.EqualFold(base, name):
		return nil, invalidRAIPolicy("The RAI policy '%s' cannot be its own base policy.", name)
	case !c.s.HasRAIPolicy(acc.id, base):
		return nil, invalidRAIPolicy("The base policy '%s' does not exist in account '%s'. Available policies: %s.",
			base, acc.name(), strings.Join(c.s.raiPolicyNames(acc), ", "))
	}
	out["basePolicyName"] = base
	if mode == "" {
		out["mode"] = "Default"
	}
	filters, e := c.prepareContentFilters(acc, f.objects("contentFilters"), f)
	if e != nil {
		return nil, e
	}
	if filters != nil {
		out["contentFilters"] = filters
	}
	lists, e := c.prepareCustomBlocklists(acc, f.objects("customBlocklists"), f)
	if e != nil {
		return nil, e
	}
	if lists != nil {
		out["customBlocklists"] = lists
	}
	providers, e := prepareSafetyProviders(f.objects("safetyProviders"), f)
	if e != nil {
		return nil, e
	}
	if providers != nil {
		out["safetyProviders"] = providers
	}
	var prior map[string]any
	if existing != nil {
		prior = existing.props()
	}
	egress, e := prepareEgressPolicy(f.object("egressPolicy"), f, prior)
	if e != nil {
		return nil, e
	}
	if egress != nil {
		out["egressPolicy"] = egress
	}
	doc["properties"] = out
	return doc, nil
}

// prepareContentFilters checks the content filters against the filters of the account's location.
func (c *call) prepareContentFilters(acc *resource, in []map[string]any, parent *raiFields) ([]any, *arm.Error) {
	if parent.err != nil || in == nil {
		return nil, parent.err
	}
	loc, _ := acc.doc["location"].(string)
	available := raiContentFiltersOf(arm.NormaliseRegion(loc))
	seen := map[string]bool{}
	out := []any{}
	for i, m := range in {
		f := &raiFields{m: m, path: fmt.Sprintf("properties.contentFilters[%d]", i)}
		o := map[string]any{}
		name, source := f.str("name"), f.enum("source", raiSources, o)
		f.boolean("enabled", o)
		f.boolean("blocking", o)
		level := f.enum("severityThreshold", raiContentLevels, o)
		f.enum("action", raiActions, o)
		if f.err != nil {
			return nil, f.err
		}
		def := findContentFilter(available, name)
		switch {
		case name == "":
			return nil, invalidContentFilter("The content filter %s has no 'name'.", f.path)
		case def == nil:
			return nil, invalidContentFilter("The content filter '%s' is not available in location '%s'. Available content filters: %s.", name, loc, contentFilterNames(available))
		case source == "":
			return nil, invalidContentFilter("The content filter '%s' has no 'source'. Allowed sources: %s.", name, strings.Join(raiSources, ", "))
		case def.source != "" && source != def.source:
			return nil, invalidContentFilter("The content filter '%s' applies to the source '%s' only, not '%s'.", def.name, def.source, source)
		case def.multiLevel && level == "":
			return nil, invalidContentFilter("The content filter '%s' (source '%s') has severity levels: set 'severityThreshold' to Low, Medium or High.", def.name, source)
		case !def.multiLevel && level != "":
			return nil, invalidContentFilter("The content filter '%s' has no severity levels: remove 'severityThreshold'.", def.name)
		case seen[lower(def.name)+"|"+lower(source)]:
			return nil, invalidContentFilter("The content filter '%s' is given twice for the source '%s'.", def.name, source)
		}
		seen[lower(def.name)+"|"+lower(source)] = true
		o["name"] = def.name
		out = append(out, o)
	}
	return out, nil
}

// prepareCustomBlocklists checks that each blocklist exists in the account, once per source.
func (c *call) prepareCustomBlocklists(acc *resource, in []map[string]any, parent *raiFields) ([]any, *arm.Error) {
	if parent.err != nil || in == nil {
		return nil, parent.err
	}
	seen := map[string]bool{}
	out := []any{}
	for i, m := range in {
		f := &raiFields{m: m, path: fmt.Sprintf("properties.customBlocklists[%d]", i)}
		o := map[string]any{}
		name, source := f.str("blocklistName"), f.enum("source", raiSources, o)
		f.boolean("blocking", o)
		if f.err != nil {
			return nil, f.err
		}
		bl := c.st.resources[lower(acc.id+"/raiBlocklists/"+name)]
		switch {
		case name == "":
			return nil, invalidRAIPolicy("The custom blocklist %s has no 'blocklistName'.", f.path)
		case bl == nil:
			var names []string
			for _, b := range c.st.children(acc, kindRAIBlocklist) {
				names = append(names, b.name())
			}
			return nil, invalidRAIPolicy("The custom blocklist '%s' does not exist in account '%s'. Blocklists of the account: %s.", name, acc.name(), listOrNone(names))
		case source == "":
			return nil, invalidRAIPolicy("The custom blocklist '%s' has no 'source'. Allowed sources: %s.", name, strings.Join(raiSources, ", "))
		case seen[lower(name)+"|"+lower(source)]:
			return nil, invalidRAIPolicy("The custom blocklist '%s' is given twice for the source '%s'.", name, source)
		}
		seen[lower(name)+"|"+lower(source)] = true
		o["blocklistName"] = name
		out = append(out, o)
	}
	return out, nil
}

// prepareSafetyProviders checks the safety providers' shape (their existence is not modelled).
func prepareSafetyProviders(in []map[string]any, parent *raiFields) ([]any, *arm.Error) {
	if parent.err != nil || in == nil {
		return nil, parent.err
	}
	seen := map[string]bool{}
	out := []any{}
	for i, m := range in {
		f := &raiFields{m: m, path: fmt.Sprintf("properties.safetyProviders[%d]", i)}
		o := map[string]any{}
		name, source := f.str("safetyProviderName"), f.enum("source", raiSources, o)
		f.boolean("blocking", o)
		if f.err != nil {
			return nil, f.err
		}
		if name == "" {
			return nil, invalidRAIPolicy("The safety provider %s has no 'safetyProviderName'.", f.path)
		}
		if seen[lower(name)+"|"+lower(source)] {
			return nil, invalidRAIPolicy("The safety provider '%s' is given twice for the source '%s'.", name, source)
		}
		seen[lower(name)+"|"+lower(source)] = true
		o["safetyProviderName"] = name
		out = append(out, o)
	}
	return out, nil
}

// prepareEgressPolicy checks the egress policy and fills its defaults; prior are the stored properties of the
// policy being replaced (nil on create), whose secrets carry over when left out.
func prepareEgressPolicy(in map[string]any, parent *raiFields, prior map[string]any) (map[string]any, *arm.Error) {
	if parent.err != nil || in == nil {
		return nil, parent.err
	}
	f := &raiFields{m: in, path: "properties.egressPolicy"}
	out := map[string]any{"mode": "Enforced", "defaultAction": "Deny"}
	f.enum("mode", egressModes, out)
	f.enum("defaultAction", egressDefaults, out)
	if d := f.str("description"); d != "" {
		out["description"] = d
	}
	rules := f.objects("rules")
	if f.err != nil {
		return nil, f.err
	}
	priorHeaders := map[string]map[string]any{}
	for _, h := range egressHeaderKeys(prior) {
		priorHeaders[h.key] = h.header
	}
	seen := map[string]bool{}
	var outRules []any
	for i, m := range rules {
		rf := &raiFields{m: m, path: fmt.Sprintf("%s.rules[%d]", f.path, i)}
		r := map[string]any{}
		name := rf.str("name")
		rf.enum("ruleType", egressRuleTypes, r)
		if d := rf.str("description"); d != "" {
			r["description"] = d
		}
		match := rf.object("match")
		action := rf.object("action")
		if rf.err != nil {
			return nil, rf.err
		}
		switch {
		case name == "":
			return nil, invalidRAIPolicy("The egress rule %s has no 'name'.", rf.path)
		case seen[lower(name)]:
			return nil, invalidRAIPolicy("The egress rule name '%s' is used twice; rule names are unique within the policy.", name)
		case r["ruleType"] == nil:
			return nil, invalidRAIPolicy("The egress rule '%s' has no 'ruleType'. Allowed values: %s.", name, strings.Join(egressRuleTypes, ", "))
		case action == nil:
			return nil, invalidRAIPolicy("The egress rule '%s' has no 'action'.", name)
		}
		seen[lower(name)] = true
		r["name"] = name
		if match != nil {
			mf := &raiFields{m: match, path: rf.path + ".match"}
			mo := map[string]any{}
			for _, k := range []string{"host", "path"} {
				if v := mf.str(k); v != "" {
					mo[k] = v
				}
			}
			if mf.err != nil {
				return nil, mf.err
			}
			r["match"] = mo
		}
		a, e := prepareEgressAction(name, action, rf.path+".action", priorHeaders)
		if e != nil {
			return nil, e
		}
		r["action"] = a
		outRules = append(outRules, r)
	}
	if outRules != nil {
		out["rules"] = outRules
	}
	return out, nil
}

// prepareEgressAction checks one rule's action: the fields each action type takes.
func prepareEgressAction(rule string, in map[string]any, path string, prior map[string]map[string]any) (map[string]any, *arm.Error) {
	f := &raiFields{m: in, path: path}
	out := map[string]any{}
	typ := f.enum("actionType", egressActionTypes, out)
	headers := f.objects("headers")
	rewrite := f.object("rewrite")
	if f.err != nil {
		return nil, f.err
	}
	switch {
	case typ == "":
		return nil, invalidRAIPolicy("The egress rule '%s' has no 'action.actionType'. Allowed values: %s.", rule, strings.Join(egressActionTypes, ", "))
	case (typ == "Allow" || typ == "Deny") && (len(headers) > 0 || rewrite != nil):
		return nil, invalidRAIPolicy("The egress rule '%s' (%s) takes neither 'headers' nor 'rewrite'.", rule, typ)
	case typ == "Transform" && len(headers) == 0:
		return nil, invalidRAIPolicy("The egress rule '%s' (Transform) needs at least one header in 'headers'.", rule)
	case typ == "Transform" && rewrite != nil:
		return nil, invalidRAIPolicy("The egress rule '%s' (Transform) takes no 'rewrite'; use the Rewrite action to redirect.", rule)
	case typ == "Rewrite" && rewrite == nil:
		return nil, invalidRAIPolicy("The egress rule '%s' (Rewrite) needs a 'rewrite' target.", rule)
	}
	if rewrite != nil {
		rf := &raiFields{m: rewrite, path: path + ".rewrite"}
		ro := map[string]any{}
		rf.enum("scheme", egressSchemes, ro)
		for _, k := range []string{"host", "path"} {
			if v := rf.str(k); v != "" {
				ro[k] = v
			}
		}
		if rf.err != nil {
			return nil, rf.err
		}
		if len(ro) == 0 {
			return nil, invalidRAIPolicy("The rewrite target of egress rule '%s' needs at least one of 'scheme', 'host' and 'path'.", rule)
		}
		out["rewrite"] = ro
	}
	var outHeaders []any
	for i, h := range headers {
		o, e := prepareEgressHeader(rule, h, fmt.Sprintf("%s.headers[%d]", path, i), prior)
		if e != nil {
			return nil, e
		}
		outHeaders = append(outHeaders, o)
	}
	if outHeaders != nil {
		out["headers"] = outHeaders
	}
	return out, nil
}

// prepareEgressHeader checks one header transform; a Set or Insert header without a value keeps the stored one.
func prepareEgressHeader(rule string, in map[string]any, path string, prior map[string]map[string]any) (map[string]any, *arm.Error) {
	f := &raiFields{m: in, path: path}
	out := map[string]any{}
	op := f.enum("operation", egressOperations, out)
	name := f.str("name")
	value := f.str("value")
	ref := f.object("valueRef")
	if f.err != nil {
		return nil, f.err
	}
	if op == "" || name == "" {
		return nil, invalidRAIPolicy("The header %s of egress rule '%s' needs 'operation' (%s) and 'name'.", path, rule, strings.Join(egressOperations, ", "))
	}
	out["name"] = name
	old := prior[lower(rule)+"|"+lower(name)]
	if op != "Remove" && value == "" && ref == nil && old != nil {
		if v, _ := old["value"].(string); v != "" {
			value = v // "If omitted on update, the existing value is preserved."
		}
	}
	switch {
	case op == "Remove" && (value != "" || ref != nil):
		return nil, invalidRAIPolicy("The header '%s' of egress rule '%s' is removed: it takes neither 'value' nor 'valueRef'.", name, rule)
	case op != "Remove" && (value == "") == (ref == nil):
		return nil, invalidRAIPolicy("The header '%s' of egress rule '%s' (%s) needs exactly one of 'value' and 'valueRef'.", name, rule, op)
	}
	if value != "" {
		out["value"] = value
	}
	if ref != nil {
		o, e := prepareEgressValueRef(rule, name, ref, path+".valueRef", old)
		if e != nil {
			return nil, e
		}
		out["valueRef"] = o
	}
	return out, nil
}

// prepareEgressValueRef checks a header's dynamic value: exactly one reference.
func prepareEgressValueRef(rule, header string, in map[string]any, path string, old map[string]any) (map[string]any, *arm.Error) {
	f := &raiFields{m: in, path: path}
	secret, identity := f.object("secretRef"), f.object("managedIdentityRef")
	if f.err != nil {
		return nil, f.err
	}
	if (secret == nil) == (identity == nil) {
		return nil, invalidRAIPolicy("The valueRef of header '%s' of egress rule '%s' needs exactly one of 'secretRef' and 'managedIdentityRef'.", header, rule)
	}
	out := map[string]any{}
	if secret != nil {
		sf := &raiFields{m: secret, path: path + ".secretRef"}
		so := map[string]any{}
		id, key, format := sf.str("secretId"), sf.str("secretKey"), sf.str("format")
		if sf.err != nil {
			return nil, sf.err
		}
		if id == "" {
			return nil, invalidRAIPolicy("The secretRef of header '%s' of egress rule '%s' needs 'secretId'.", header, rule)
		}
		so["secretId"] = id
		if key == "" {
			key = priorSecretKey(old, id)
		}
		if key != "" {
			so["secretKey"] = key
		}
		if format != "" {
			so["format"] = format
		}
		out["secretRef"] = so
		return out, nil
	}
	mf := &raiFields{m: identity, path: path + ".managedIdentityRef"}
	mo := map[string]any{}
	res, format := mf.str("resource"), mf.str("format")
	if mf.err != nil {
		return nil, mf.err
	}
	if res == "" {
		return nil, invalidRAIPolicy("The managedIdentityRef of header '%s' of egress rule '%s' needs 'resource'.", header, rule)
	}
	mo["resource"] = res
	if format != "" {
		mo["format"] = format
	}
	out["managedIdentityRef"] = mo
	return out, nil
}

// priorSecretKey is the stored secretKey of a header's secret reference to the same secret ("" when none).
func priorSecretKey(old map[string]any, secretID string) string {
	ref, _ := old["valueRef"].(map[string]any)
	sr, _ := ref["secretRef"].(map[string]any)
	if id, _ := sr["secretId"].(string); id == "" || !strings.EqualFold(id, secretID) {
		return ""
	}
	k, _ := sr["secretKey"].(string)
	return k
}

// egressHeader is a stored header transform with its key "<rule>|<header>" (lower case).
type egressHeader struct {
	key    string
	header map[string]any
}

// egressHeaderKeys lists the header transforms of a policy's properties.
func egressHeaderKeys(props map[string]any) []egressHeader {
	eg, _ := props["egressPolicy"].(map[string]any)
	rules, _ := eg["rules"].([]any)
	var out []egressHeader
	for _, r := range rules {
		rm, _ := r.(map[string]any)
		rule, _ := rm["name"].(string)
		action, _ := rm["action"].(map[string]any)
		headers, _ := action["headers"].([]any)
		for _, h := range headers {
			hm, _ := h.(map[string]any)
			name, _ := hm["name"].(string)
			if hm != nil {
				out = append(out, egressHeader{key: lower(rule) + "|" + lower(name), header: hm})
			}
		}
	}
	return out
}

// egressHeaders lists the header transforms of a policy's properties, for rendering.
func egressHeaders(props map[string]any) []map[string]any {
	var out []map[string]any
	for _, h := range egressHeaderKeys(props) {
		out = append(out, h.header)
	}
	return out
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(sortedFold(names), ", ")
}

// isStringMap reports whether v is a JSON object whose values are all strings (tags).
func isStringMap(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, x := range m {
		if _, ok := x.(string); !ok {
			return false
		}
	}
	return true
}
