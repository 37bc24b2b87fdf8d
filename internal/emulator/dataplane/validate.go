package dataplane

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

var (
	agentNamePattern    = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`)
	functionNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)
)

// agentKindFeatures maps the preview definition kinds to the Foundry-Features value they need.
var agentKindFeatures = map[string]string{
	"hosted": "HostedAgents", "workflow": "WorkflowAgents", "external": "ExternalAgents", "voice": "VoiceAgents",
}

// previewToolTypes need a Foundry-Features header; they are stored without shape checks.
var previewToolTypes = []string{
	"a2a_preview", "bing_custom_search_preview", "browser_automation_preview", "fabric_dataagent_preview",
	"sharepoint_grounding_preview", "memory_search_preview", "work_iq_preview", "fabric_iq_preview", "toolbox_search_preview",
}

const maxAgentTools = 128

func validateAgentName(name, param string) *oaiError {
	if !agentNamePattern.MatchString(name) {
		return oaiErrf(http.StatusBadRequest, "invalid_value", param,
			"Invalid value for '%s': '%s'. Agent names must be 1-63 characters, start and end with a letter or digit, and contain only letters, digits and hyphens.", param, name)
	}
	return nil
}

func invalid(param, format string, args ...any) *oaiError {
	return oaiErrf(http.StatusBadRequest, "invalid_value", param, "Invalid value for '%s': %s", param, fmt.Sprintf(format, args...))
}

func missing(param string) *oaiError {
	return oaiErrf(http.StatusBadRequest, "missing_required_parameter", param, "Missing required parameter: '%s'.", param)
}

func wrongType(param, want string) *oaiError {
	return oaiErrf(http.StatusBadRequest, "invalid_type", param, "Invalid type for '%s': expected %s.", param, want)
}

// parseVersionInfo validates the description and metadata of a version.
func parseVersionInfo(body map[string]any) (*agentVersion, *oaiError) {
	v := &agentVersion{}
	if d, ok := body["description"]; ok && d != nil {
		s, isStr := d.(string)
		if !isStr {
			return nil, wrongType("description", "a string")
		}
		if utf8.RuneCountInString(s) > 512 {
			return nil, invalid("description", "string too long: at most 512 characters are allowed.")
		}
		v.description = s
	}
	if m, ok := body["metadata"]; ok && m != nil {
		mm, isMap := m.(map[string]any)
		if !isMap {
			return nil, wrongType("metadata", "an object of string values")
		}
		if len(mm) > 16 {
			return nil, invalid("metadata", "at most 16 key-value pairs are allowed, got %d.", len(mm))
		}
		for k, val := range mm {
			s, isStr := val.(string)
			switch {
			case utf8.RuneCountInString(k) > 64:
				return nil, invalid("metadata", "key '%s' is longer than 64 characters.", k)
			case !isStr:
				return nil, wrongType("metadata."+k, "a string")
			case utf8.RuneCountInString(s) > 512:
				return nil, invalid("metadata."+k, "value is longer than 512 characters.")
			}
		}
		if len(mm) > 0 {
			v.metadata = mm
		}
	}
	return v, nil
}

// parseVersion validates the version part of a create/update request (definition, description, metadata)
// and returns the version to store, with the service defaults filled in.
func (a *agentCall) parseVersion(body map[string]any, agentName string) (*agentVersion, *oaiError) {
	v, e := parseVersionInfo(body)
	if e != nil {
		return nil, e
	}
	if d, ok := body["draft"].(bool); ok && d {
		return nil, oaiErrf(http.StatusBadRequest, "unsupported_parameter", "draft", "Draft agent versions (DraftAgents preview) are not supported by the emulator.")
	}
	raw, ok := body["definition"]
	if !ok || raw == nil {
		return nil, missing("definition")
	}
	def, isMap := raw.(map[string]any)
	if !isMap {
		return nil, wrongType("definition", "an object")
	}
	def = wire.DeepCopy(def)
	kind, _ := def["kind"].(string)
	if kind == "" {
		return nil, missing("definition.kind")
	}
	if feature, preview := agentKindFeatures[kind]; preview {
		if !hasFeature(a.features, feature) {
			return nil, oaiErrf(http.StatusBadRequest, "preview_feature_required", "definition.kind",
				"The agent kind '%s' is in preview; send the header 'Foundry-Features: %s=V1Preview' to use it.", kind, feature)
		}
	} else if kind != "prompt" {
		return nil, invalid("definition.kind", "'%s' is not a supported agent kind. Supported kinds: 'prompt', 'hosted', 'workflow', 'external', 'voice'.", kind)
	}
	switch kind {
	case "prompt":
		if e := a.checkPrompt(def); e != nil {
			return nil, e
		}
	case "workflow":
		if w, _ := def["workflow"].(string); w == "" {
			return nil, missing("definition.workflow")
		}
	case "external":
		if id, _ := def["otel_agent_id"].(string); id == "" {
			def["otel_agent_id"] = agentName
		}
	}
	if e := a.checkTools(def); e != nil {
		return nil, e
	}
	v.definition = def
	return v, nil
}

// checkPrompt validates a prompt definition and fills the service defaults (temperature and top_p = 1).
func (a *agentCall) checkPrompt(def map[string]any) *oaiError {
	model, isStr := def["model"].(string)
	if raw, ok := def["model"]; !ok || raw == nil || (isStr && model == "") {
		return missing("definition.model")
	}
	if !isStr {
		return wrongType("definition.model", "a string")
	}
	if !a.deploymentExists(model) {
		return oaiErrf(http.StatusBadRequest, "invalid_value", "definition.model",
			"The model deployment '%s' was not found in account '%s'. 'model' must name an existing model deployment of the project's account.", model, a.project.AccountName)
	}
	if ins, ok := def["instructions"]; ok && ins != nil {
		if _, isStr := ins.(string); !isStr {
			return wrongType("definition.instructions", "a string or null")
		}
	}
	for _, p := range []struct {
		key string
		max float64
	}{{"temperature", 2}, {"top_p", 1}} {
		raw, ok := def[p.key]
		if !ok || raw == nil {
			def[p.key] = float64(1)
			continue
		}
		n, isNum := raw.(float64)
		if !isNum {
			return wrongType("definition."+p.key, "a number")
		}
		if n < 0 || n > p.max {
			return invalid("definition."+p.key, "%v is out of range; expected a number between 0 and %v.", n, p.max)
		}
	}
	if t, ok := def["text"]; ok && t != nil {
		tm, isMap := t.(map[string]any)
		if !isMap {
			return wrongType("definition.text", "an object")
		}
		if f, ok := tm["format"]; ok && f != nil {
			fm, _ := f.(map[string]any)
			ft, _ := fm["type"].(string)
			if !slices.Contains([]string{"text", "json_object", "json_schema"}, ft) {
				return invalid("definition.text.format.type", "expected one of 'text', 'json_object', 'json_schema'.")
			}
		}
	}
	return nil
}

func (a *agentCall) deploymentExists(name string) bool {
	for _, d := range a.project.Deployments {
		if strings.EqualFold(d.Name, name) {
			return true
		}
	}
	return false
}

// checkTools validates definition.tools: GA types with basic shape checks, preview types behind the header.
func (a *agentCall) checkTools(def map[string]any) *oaiError {
	raw, ok := def["tools"]
	if !ok || raw == nil {
		return nil
	}
	tools, isArr := raw.([]any)
	if !isArr {
		return wrongType("definition.tools", "an array")
	}
	if len(tools) > maxAgentTools {
		return invalid("definition.tools", "at most %d tools are allowed, got %d.", maxAgentTools, len(tools))
	}
	for i, t := range tools {
		p := fmt.Sprintf("definition.tools[%d]", i)
		tm, isMap := t.(map[string]any)
		if !isMap {
			return wrongType(p, "an object")
		}
		typ, _ := tm["type"].(string)
		if typ == "" {
			return missing(p + ".type")
		}
		if slices.Contains(previewToolTypes, typ) {
			if strings.TrimSpace(a.features) == "" {
				return oaiErrf(http.StatusBadRequest, "preview_feature_required", p+".type",
					"The tool type '%s' is in preview; send a 'Foundry-Features' header to use it.", typ)
			}
			continue
		}
		check, known := toolChecks[typ]
		if !known {
			return invalid(p+".type", "'%s' is not a supported tool type.", typ)
		}
		if e := check(tm, p); e != nil {
			return e
		}
	}
	return nil
}

// toolChecks are the basic shape checks of the GA tool types (project-dataplane.md §5.1).
var toolChecks = map[string]func(t map[string]any, p string) *oaiError{
	"function": func(t map[string]any, p string) *oaiError {
		name, _ := t["name"].(string)
		if name == "" {
			return missing(p + ".name")
		}
		if !functionNamePattern.MatchString(name) {
			return invalid(p+".name", "'%s' must match ^[a-zA-Z0-9_-]{1,64}$.", name)
		}
		return optionalObject(t, "parameters", p)
	},
	"file_search": func(t map[string]any, p string) *oaiError {
		ids, ok := t["vector_store_ids"].([]any)
		if !ok {
			return missing(p + ".vector_store_ids")
		}
		return stringItems(ids, p+".vector_store_ids")
	},
	"code_interpreter": func(t map[string]any, p string) *oaiError {
		c, ok := t["container"]
		if !ok || c == nil {
			return nil
		}
		switch cv := c.(type) {
		case string:
			return nil
		case map[string]any:
			if typ, _ := cv["type"].(string); typ != "auto" {
				return invalid(p+".container.type", "expected 'auto'.")
			}
			return nil
		}
		return wrongType(p+".container", "a container ID or an object")
	},
	"web_search": func(t map[string]any, p string) *oaiError {
		return optionalObject(t, "custom_search_configuration", p)
	},
	"mcp": func(t map[string]any, p string) *oaiError {
		if l, _ := t["server_label"].(string); l == "" {
			return missing(p + ".server_label")
		}
		u, _ := t["server_url"].(string)
		c, _ := t["project_connection_id"].(string)
		if u == "" && c == "" {
			return missing(p + ".server_url")
		}
		return optionalObject(t, "headers", p)
	},
	"azure_ai_search": func(t map[string]any, p string) *oaiError {
		cfg, ok := t["azure_ai_search"].(map[string]any)
		if !ok {
			return missing(p + ".azure_ai_search")
		}
		idx, ok := cfg["indexes"].([]any)
		if !ok || len(idx) == 0 {
			return missing(p + ".azure_ai_search.indexes")
		}
		if len(idx) > 1 {
			return invalid(p+".azure_ai_search.indexes", "at most 1 index is allowed.")
		}
		ix, ok := idx[0].(map[string]any)
		if !ok {
			return wrongType(p+".azure_ai_search.indexes[0]", "an object")
		}
		if qt, ok := ix["query_type"]; ok && qt != nil {
			s, _ := qt.(string)
			if !slices.Contains([]string{"simple", "semantic", "vector", "vector_simple_hybrid", "vector_semantic_hybrid"}, s) {
				return invalid(p+".azure_ai_search.indexes[0].query_type", "expected one of 'simple', 'semantic', 'vector', 'vector_simple_hybrid', 'vector_semantic_hybrid'.")
			}
		}
		return nil
	},
	"bing_grounding": func(t map[string]any, p string) *oaiError {
		cfg, ok := t["bing_grounding"].(map[string]any)
		if !ok {
			return missing(p + ".bing_grounding")
		}
		sc, ok := cfg["search_configurations"].([]any)
		if !ok || len(sc) == 0 {
			return missing(p + ".bing_grounding.search_configurations")
		}
		if len(sc) > 1 {
			return invalid(p+".bing_grounding.search_configurations", "at most 1 search configuration is allowed.")
		}
		c, _ := sc[0].(map[string]any)
		if id, _ := c["project_connection_id"].(string); id == "" {
			return missing(p + ".bing_grounding.search_configurations[0].project_connection_id")
		}
		return nil
	},
	"openapi": func(t map[string]any, p string) *oaiError {
		cfg, ok := t["openapi"].(map[string]any)
		if !ok {
			return missing(p + ".openapi")
		}
		if n, _ := cfg["name"].(string); n == "" {
			return missing(p + ".openapi.name")
		}
		if _, ok := cfg["spec"].(map[string]any); !ok {
			return missing(p + ".openapi.spec")
		}
		auth, ok := cfg["auth"].(map[string]any)
		if !ok {
			return missing(p + ".openapi.auth")
		}
		sch, _ := auth["security_scheme"].(map[string]any)
		switch typ, _ := auth["type"].(string); typ {
		case "anonymous":
		case "project_connection":
			if id, _ := sch["project_connection_id"].(string); id == "" {
				return missing(p + ".openapi.auth.security_scheme.project_connection_id")
			}
		case "managed_identity":
			if aud, _ := sch["audience"].(string); aud == "" {
				return missing(p + ".openapi.auth.security_scheme.audience")
			}
		default:
			return invalid(p+".openapi.auth.type", "expected one of 'anonymous', 'project_connection', 'managed_identity'.")
		}
		return nil
	},
	"azure_function": func(t map[string]any, p string) *oaiError {
		cfg, ok := t["azure_function"].(map[string]any)
		if !ok {
			return missing(p + ".azure_function")
		}
		fn, _ := cfg["function"].(map[string]any)
		if n, _ := fn["name"].(string); n == "" {
			return missing(p + ".azure_function.function.name")
		}
		for _, b := range []string{"input_binding", "output_binding"} {
			bm, ok := cfg[b].(map[string]any)
			if !ok {
				return missing(p + ".azure_function." + b)
			}
			if typ, _ := bm["type"].(string); typ != "storage_queue" {
				return invalid(p+".azure_function."+b+".type", "expected 'storage_queue'.")
			}
			sq, _ := bm["storage_queue"].(map[string]any)
			for _, k := range []string{"queue_service_endpoint", "queue_name"} {
				if s, _ := sq[k].(string); s == "" {
					return missing(p + ".azure_function." + b + ".storage_queue." + k)
				}
			}
		}
		return nil
	},
	"a2a": func(t map[string]any, p string) *oaiError {
		u, _ := t["base_url"].(string)
		c, _ := t["project_connection_id"].(string)
		if u == "" && c == "" {
			return missing(p + ".base_url")
		}
		return nil
	},
	"capture_structured_outputs": func(t map[string]any, p string) *oaiError {
		o, ok := t["outputs"].(map[string]any)
		if !ok {
			return missing(p + ".outputs")
		}
		if n, _ := o["name"].(string); n == "" {
			return missing(p + ".outputs.name")
		}
		if _, ok := o["schema"].(map[string]any); !ok {
			return missing(p + ".outputs.schema")
		}
		return nil
	},
}

func optionalObject(t map[string]any, key, p string) *oaiError {
	if v, ok := t[key]; ok && v != nil {
		if _, isMap := v.(map[string]any); !isMap {
			return wrongType(p+"."+key, "an object")
		}
	}
	return nil
}

func stringItems(items []any, p string) *oaiError {
	for i, it := range items {
		if _, ok := it.(string); !ok {
			return wrongType(fmt.Sprintf("%s[%d]", p, i), "a string")
		}
	}
	return nil
}
