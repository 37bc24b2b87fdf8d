package emulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const aiAud = "https://ai.azure.com"

// agentEnv is an account with a project and a "chat" deployment, plus clients for ARM and the data plane.
type agentEnv struct {
	srv      *emulator.Server
	arm, dp  *rawClient
	acc      string
	project  string
	endpoint string // project endpoint
}

func newAgentEnv(t *testing.T, opts emulator.Options, name string) *agentEnv {
	t.Helper()
	srv := start(t, opts)
	env := &agentEnv{srv: srv, arm: newRaw(t, srv, armAud), dp: newRaw(t, srv, aiAud)}
	env.acc = env.arm.foundryIn(name, "eastus")
	env.project = env.acc + "/projects/proj"
	env.arm.create(env.project, map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}})
	env.arm.create(env.acc+"/deployments/chat", deploymentBody("OpenAI", "gpt-4o", "", "GlobalStandard", 10))
	env.endpoint = srv.URL() + "/ai/" + name + "-sub/api/projects/proj"
	return env
}

// agents calls {project}/agents{path} with api-version v1 (unless the path sets one).
func (e *agentEnv) agents(method, path string, body any, headers ...string) result {
	e.dp.t.Helper()
	u := e.endpoint + "/agents" + path
	if !strings.Contains(u, "api-version=") {
		if strings.Contains(u, "?") {
			u += "&api-version=v1"
		} else {
			u += "?api-version=v1"
		}
	}
	return e.dp.do(method, u, body, headers...)
}

// oaiErr asserts an agents-envelope error.
func oaiErr(t *testing.T, r result, status int, code, param string) result {
	t.Helper()
	must(t, r, status)
	e, _ := r.body["error"].(map[string]any)
	if e["code"] != code || e["type"] != "invalid_request_error" || (param != "" && e["param"] != param) {
		t.Fatalf("error = %s, want code %q param %q", r.raw, code, param)
	}
	return r
}

func promptAgent(name, model string) map[string]any {
	return map[string]any{"name": name, "definition": map[string]any{"kind": "prompt", "model": model, "instructions": "Be brief."}}
}

func TestAgentsRBAC_PermissionDeniedRolesScopesAndPropagation(t *testing.T) {
	t.Parallel()
	env := newAgentEnv(t, emulator.Options{}, "rbac")
	c := env.arm
	// The audience check comes first and keeps its gateway body.
	r := must(t, env.arm.do(http.MethodGet, env.endpoint+"/agents?api-version=v1", nil), http.StatusUnauthorized)
	if r.body["statusCode"] != float64(401) || !strings.Contains(r.body["message"].(string), "audience is incorrect") {
		t.Fatalf("audience 401: %s", r.raw)
	}
	// The seeded client has no data-plane role by default (Owner-like control plane only).
	r = must(t, env.agents(http.MethodPost, "", promptAgent("a1", "chat")), http.StatusUnauthorized)
	want := "The principal `" + emulator.DefaultObjectID + "` lacks the required data action `Microsoft.CognitiveServices/accounts/AIServices/agents/write` to perform `POST /api/projects/{projectName}/agents` operation."
	if r.errCode() != "PermissionDenied" || !strings.HasPrefix(errMessage(r), want) {
		t.Fatalf("PermissionDenied: %s", r.raw)
	}
	r = must(t, env.agents(http.MethodGet, "/a1/versions", nil), http.StatusUnauthorized)
	if !strings.Contains(errMessage(r), "`Microsoft.CognitiveServices/accounts/AIServices/agents/read` to perform `GET /api/projects/{projectName}/agents/{agentName}/versions`") {
		t.Fatalf("read PermissionDenied: %s", r.raw)
	}
	// GET /deployments stays open to any caller with a valid token.
	must(t, env.dp.do(http.MethodGet, env.endpoint+"/deployments?api-version=v1", nil), http.StatusOK)

	// Roles without agent data actions do not help.
	for i, role := range []string{emulator.RoleFoundryAccountOwner, emulator.RoleAzureAIDeveloper, emulator.RoleOwner, emulator.RoleCognitiveServicesOpenAIUser} {
		name := fmt.Sprintf("a%07d-0000-4000-8000-000000000000", i)
		must(t, c.do(http.MethodPut, assignmentPath(env.acc, name), assignmentBody(role, emulator.DefaultObjectID)), http.StatusCreated)
	}
	mustErr(t, env.agents(http.MethodGet, "", nil), http.StatusUnauthorized, "PermissionDenied")

	// Foundry User at the account scope, then at the project scope, then at the resource group.
	for i, scope := range []string{env.acc, env.project, subScope + "/resourceGroups/rg-foundry"} {
		name := fmt.Sprintf("b%07d-0000-4000-8000-000000000000", i)
		must(t, c.do(http.MethodPut, assignmentPath(scope, name), assignmentBody(foundryUser, emulator.DefaultObjectID)), http.StatusCreated)
		must(t, env.agents(http.MethodGet, "", nil), http.StatusOK)
		must(t, c.do(http.MethodDelete, assignmentPath(scope, name), nil), http.StatusOK)
		mustErr(t, env.agents(http.MethodGet, "", nil), http.StatusUnauthorized, "PermissionDenied")
	}

	// With a propagation delay, a new assignment is not effective until the delay has passed on the clock.
	env.srv.SetRBACPropagationDelay(10 * time.Minute)
	must(t, c.do(http.MethodPut, assignmentPath(env.project, "c0000000-0000-4000-8000-000000000000"), assignmentBody(foundryUser, emulator.DefaultObjectID)), http.StatusCreated)
	mustErr(t, env.agents(http.MethodPost, "", promptAgent("a1", "chat")), http.StatusUnauthorized, "PermissionDenied")
	env.srv.AdvanceClock(9 * time.Minute)
	mustErr(t, env.agents(http.MethodGet, "", nil), http.StatusUnauthorized, "PermissionDenied")
	env.srv.AdvanceClock(time.Minute)
	must(t, env.agents(http.MethodPost, "", promptAgent("a1", "chat")), http.StatusOK)
}

func TestAgentsRBAC_GrantOptionAndPermissive(t *testing.T) {
	t.Parallel()
	env := newAgentEnv(t, emulator.Options{GrantSeededClientsFoundryUser: true, RBACPropagationDelay: time.Hour}, "grant")
	must(t, env.agents(http.MethodGet, "", nil), http.StatusOK)
	// The grant is a visible subscription-scope assignment that survives Reset.
	list := env.arm.listAll(subScope + "/providers/Microsoft.Authorization/roleAssignments?api-version=" + authzVersion)
	if len(list) != 1 || list[0]["properties"].(map[string]any)["scope"] != subScope {
		t.Fatalf("seeded grant: %v", list)
	}
	env.srv.Reset()
	if again := env.arm.listAll(subScope + "/providers/Microsoft.Authorization/roleAssignments?api-version=" + authzVersion); len(again) != 1 || again[0]["name"] != list[0]["name"] {
		t.Fatalf("seeded grant after Reset: %v", again)
	}
	perm := newAgentEnv(t, emulator.Options{Permissive: true}, "perm")
	must(t, perm.agents(http.MethodGet, "", nil), http.StatusOK)
}

func TestAgents_CreateGetUpdateVersionsDelete(t *testing.T) {
	t.Parallel()
	env := newAgentEnv(t, emulator.Options{GrantSeededClientsFoundryUser: true}, "agents")
	body := promptAgent("helper", "chat")
	body["description"] = "first"
	body["metadata"] = map[string]any{"team": "ai"}
	r := must(t, env.agents(http.MethodPost, "", body), http.StatusOK)
	latest := r.body["versions"].(map[string]any)["latest"].(map[string]any)
	def := latest["definition"].(map[string]any)
	if r.body["object"] != "agent" || r.body["id"] != "helper" || r.body["name"] != "helper" || r.body["state"] != "enabled" ||
		latest["object"] != "agent.version" || latest["id"] != "helper:1" || latest["version"] != "1" || latest["status"] != "active" ||
		latest["description"] != "first" || latest["metadata"].(map[string]any)["team"] != "ai" || latest["created_at"].(float64) < 1e9 ||
		def["model"] != "chat" || def["instructions"] != "Be brief." || def["temperature"] != float64(1) || def["top_p"] != float64(1) {
		t.Fatalf("create: %s", r.raw)
	}
	// The same request again (also through POST /agents/{name}) adds no version.
	r = must(t, env.agents(http.MethodPost, "", body), http.StatusOK)
	upd := map[string]any{"definition": body["definition"], "description": "first", "metadata": map[string]any{"team": "ai"}}
	r = must(t, env.agents(http.MethodPost, "/helper", upd), http.StatusOK)
	if v := r.body["versions"].(map[string]any)["latest"].(map[string]any)["version"]; v != "1" {
		t.Fatalf("unchanged update made version %v", v)
	}
	// Explicit defaults are no change either.
	withDefaults := map[string]any{"kind": "prompt", "model": "chat", "instructions": "Be brief.", "temperature": 1, "top_p": 1}
	r = must(t, env.agents(http.MethodPost, "/helper", map[string]any{"definition": withDefaults, "description": "first", "metadata": map[string]any{"team": "ai"}}), http.StatusOK)
	if v := r.body["versions"].(map[string]any)["latest"].(map[string]any)["version"]; v != "1" {
		t.Fatalf("explicit defaults made version %v", v)
	}
	// A changed definition makes version 2; metadata {} reads back as null.
	changed := map[string]any{"definition": map[string]any{"kind": "prompt", "model": "chat", "instructions": "Be verbose.", "temperature": 0.2}, "metadata": map[string]any{}}
	r = must(t, env.agents(http.MethodPost, "/helper", changed), http.StatusOK)
	latest = r.body["versions"].(map[string]any)["latest"].(map[string]any)
	if latest["version"] != "2" || latest["id"] != "helper:2" || latest["metadata"] != nil || latest["description"] != nil ||
		latest["definition"].(map[string]any)["temperature"] != 0.2 {
		t.Fatalf("changed: %s", r.raw)
	}
	g := must(t, env.agents(http.MethodGet, "/helper", nil), http.StatusOK)
	if g.body["versions"].(map[string]any)["latest"].(map[string]any)["version"] != "2" {
		t.Fatalf("get: %s", g.raw)
	}
	// Versions: POST always adds one (and creates the agent when absent).
	v3 := must(t, env.agents(http.MethodPost, "/helper/versions", changed), http.StatusOK)
	if v3.body["object"] != "agent.version" || v3.body["version"] != "3" {
		t.Fatalf("POST versions: %s", v3.raw)
	}
	vl := must(t, env.agents(http.MethodGet, "/helper/versions?order=asc", nil), http.StatusOK)
	if ids := listIDs(vl); strings.Join(ids, ",") != "helper:1,helper:2,helper:3" || vl.body["has_more"] != false || vl.body["first_id"] != "helper:1" {
		t.Fatalf("versions: %s", vl.raw)
	}
	must(t, env.agents(http.MethodGet, "/helper/versions/1", nil), http.StatusOK)
	d := must(t, env.agents(http.MethodDelete, "/helper/versions/3", nil), http.StatusOK)
	if d.body["object"] != "agent.version.deleted" || d.body["version"] != "3" || d.body["deleted"] != true {
		t.Fatalf("delete version: %s", d.raw)
	}
	oaiErr(t, env.agents(http.MethodGet, "/helper/versions/3", nil), http.StatusNotFound, "not_found", "version")
	if g := must(t, env.agents(http.MethodGet, "/helper", nil), http.StatusOK); g.body["versions"].(map[string]any)["latest"].(map[string]any)["version"] != "2" {
		t.Fatalf("latest after deleting v3: %s", g.raw)
	}
	// Version numbers are not reused.
	if v := must(t, env.agents(http.MethodPost, "/helper/versions", map[string]any{"definition": withDefaults}), http.StatusOK); v.body["version"] != "4" {
		t.Fatalf("next version: %s", v.raw)
	}
	fresh := must(t, env.agents(http.MethodPost, "/fresh/versions", map[string]any{"definition": withDefaults}), http.StatusOK)
	if fresh.body["id"] != "fresh:1" {
		t.Fatalf("create through versions: %s", fresh.raw)
	}
	// Delete the agent; then everything about it is 404 in the agents envelope.
	del := must(t, env.agents(http.MethodDelete, "/helper", nil), http.StatusOK)
	if del.body["object"] != "agent.deleted" || del.body["name"] != "helper" || del.body["deleted"] != true {
		t.Fatalf("delete: %s", del.raw)
	}
	nf := oaiErr(t, env.agents(http.MethodGet, "/helper", nil), http.StatusNotFound, "not_found", "name")
	if !strings.Contains(errMessage(nf), "helper") {
		t.Fatalf("404: %s", nf.raw)
	}
	oaiErr(t, env.agents(http.MethodDelete, "/helper", nil), http.StatusNotFound, "not_found", "name")
	oaiErr(t, env.agents(http.MethodPost, "/helper", upd), http.StatusNotFound, "not_found", "name")
	oaiErr(t, env.agents(http.MethodGet, "/helper/versions", nil), http.StatusNotFound, "not_found", "name")
}

func listIDs(r result) []string {
	var out []string
	for _, it := range r.body["data"].([]any) {
		out = append(out, it.(map[string]any)["id"].(string))
	}
	return out
}

func TestAgents_ListPagination(t *testing.T) {
	t.Parallel()
	env := newAgentEnv(t, emulator.Options{GrantSeededClientsFoundryUser: true}, "paging")
	for i := range 5 {
		must(t, env.agents(http.MethodPost, "", promptAgent(fmt.Sprintf("agent-%d", i), "chat")), http.StatusOK)
	}
	// Default order is desc; three pages of 2, 2, 1 with no repeated cursor.
	var got []string
	seen := map[string]bool{}
	after := ""
	for page := 0; ; page++ {
		q := "?limit=2"
		if after != "" {
			q += "&after=" + after
		}
		r := must(t, env.agents(http.MethodGet, q, nil), http.StatusOK)
		if r.body["object"] != "list" {
			t.Fatalf("list: %s", r.raw)
		}
		got = append(got, listIDs(r)...)
		last, _ := r.body["last_id"].(string)
		if seen[last] {
			t.Fatalf("repeated cursor %q", last)
		}
		seen[last] = true
		more := r.body["has_more"].(bool)
		if more != (page < 2) {
			t.Fatalf("page %d has_more = %v", page, more)
		}
		if !more {
			break
		}
		after = last
	}
	if strings.Join(got, ",") != "agent-4,agent-3,agent-2,agent-1,agent-0" {
		t.Fatalf("desc pages: %v", got)
	}
	asc := must(t, env.agents(http.MethodGet, "?order=asc&limit=3", nil), http.StatusOK)
	if strings.Join(listIDs(asc), ",") != "agent-0,agent-1,agent-2" || asc.body["has_more"] != true || asc.body["first_id"] != "agent-0" || asc.body["last_id"] != "agent-2" {
		t.Fatalf("asc: %s", asc.raw)
	}
	before := must(t, env.agents(http.MethodGet, "?order=asc&limit=2&before=agent-3", nil), http.StatusOK)
	if strings.Join(listIDs(before), ",") != "agent-1,agent-2" || before.body["has_more"] != true {
		t.Fatalf("before: %s", before.raw)
	}
	empty := must(t, env.agents(http.MethodGet, "?order=asc&after=agent-4", nil), http.StatusOK)
	if len(listIDs(empty)) != 0 || empty.body["has_more"] != false || empty.body["last_id"] != nil {
		t.Fatalf("past the end: %s", empty.raw)
	}
	oaiErr(t, env.agents(http.MethodGet, "?limit=0", nil), http.StatusBadRequest, "invalid_value", "limit")
	oaiErr(t, env.agents(http.MethodGet, "?limit=101", nil), http.StatusBadRequest, "invalid_value", "limit")
	oaiErr(t, env.agents(http.MethodGet, "?order=up", nil), http.StatusBadRequest, "invalid_value", "order")
	if k := must(t, env.agents(http.MethodGet, "?kind=hosted", nil), http.StatusOK); len(listIDs(k)) != 0 {
		t.Fatalf("kind filter: %s", k.raw)
	}
}

func TestAgents_ValidationAndPreviewGating(t *testing.T) {
	t.Parallel()
	env := newAgentEnv(t, emulator.Options{GrantSeededClientsFoundryUser: true}, "valid")
	post := func(body map[string]any, headers ...string) result {
		return env.agents(http.MethodPost, "", body, headers...)
	}
	def := func(kv ...any) map[string]any {
		d := map[string]any{"kind": "prompt", "model": "chat"}
		for i := 0; i+1 < len(kv); i += 2 {
			d[kv[i].(string)] = kv[i+1]
		}
		return d
	}
	// api-version: only v1.
	r := must(t, env.agents(http.MethodGet, "?api-version=2025-05-01", nil), http.StatusBadRequest)
	if !strings.Contains(errMessage(r), "'v1'") {
		t.Fatalf("api-version: %s", r.raw)
	}
	oaiErr(t, post(map[string]any{"definition": def()}), http.StatusBadRequest, "missing_required_parameter", "name")
	for _, bad := range []string{"-x", "x-", "a_b", strings.Repeat("a", 64), ""} {
		oaiErr(t, post(map[string]any{"name": bad, "definition": def()}), http.StatusBadRequest, "invalid_value", "name")
	}
	must(t, post(map[string]any{"name": strings.Repeat("a", 63), "definition": def()}), http.StatusOK)
	oaiErr(t, post(map[string]any{"name": "n"}), http.StatusBadRequest, "missing_required_parameter", "definition")
	oaiErr(t, post(map[string]any{"name": "n", "definition": map[string]any{"model": "chat"}}), http.StatusBadRequest, "missing_required_parameter", "definition.kind")
	oaiErr(t, post(map[string]any{"name": "n", "definition": map[string]any{"kind": "robot"}}), http.StatusBadRequest, "invalid_value", "definition.kind")
	oaiErr(t, post(map[string]any{"name": "n", "definition": map[string]any{"kind": "prompt"}}), http.StatusBadRequest, "missing_required_parameter", "definition.model")
	e := oaiErr(t, post(map[string]any{"name": "n", "definition": def("model", "gpt-4o")}), http.StatusBadRequest, "invalid_value", "definition.model")
	if !strings.Contains(errMessage(e), "'gpt-4o'") {
		t.Fatalf("model message: %s", e.raw)
	}
	oaiErr(t, post(map[string]any{"name": "n", "definition": def("temperature", 2.5)}), http.StatusBadRequest, "invalid_value", "definition.temperature")
	oaiErr(t, post(map[string]any{"name": "n", "definition": def("top_p", -0.1)}), http.StatusBadRequest, "invalid_value", "definition.top_p")
	oaiErr(t, post(map[string]any{"name": "n", "definition": def(), "description": strings.Repeat("d", 513)}), http.StatusBadRequest, "invalid_value", "description")
	meta := map[string]any{}
	for i := range 17 {
		meta[fmt.Sprint("k", i)] = "v"
	}
	oaiErr(t, post(map[string]any{"name": "n", "definition": def(), "metadata": meta}), http.StatusBadRequest, "invalid_value", "metadata")
	oaiErr(t, post(map[string]any{"name": "n", "definition": def(), "metadata": map[string]any{strings.Repeat("k", 65): "v"}}), http.StatusBadRequest, "invalid_value", "metadata")
	oaiErr(t, post(map[string]any{"name": "n", "definition": def(), "metadata": map[string]any{"k": strings.Repeat("v", 513)}}), http.StatusBadRequest, "invalid_value", "metadata.k")
	// Tools: unknown types and bad shapes are refused; preview types need Foundry-Features.
	oaiErr(t, post(map[string]any{"name": "n", "definition": def("tools", []any{map[string]any{"type": "teleport"}})}), http.StatusBadRequest, "invalid_value", "definition.tools[0].type")
	oaiErr(t, post(map[string]any{"name": "n", "definition": def("tools", []any{map[string]any{"type": "mcp", "server_url": "https://x"}})}), http.StatusBadRequest,
		"missing_required_parameter", "definition.tools[0].server_label")
	oaiErr(t, post(map[string]any{"name": "n", "definition": def("tools", []any{map[string]any{"type": "function"}})}), http.StatusBadRequest,
		"missing_required_parameter", "definition.tools[0].name")
	preview := map[string]any{"name": "n", "definition": def("tools", []any{map[string]any{"type": "browser_automation_preview"}})}
	oaiErr(t, post(preview), http.StatusBadRequest, "preview_feature_required", "definition.tools[0].type")
	must(t, post(preview, "Foundry-Features", "BrowserAutomation=V1Preview"), http.StatusOK)
	hosted := map[string]any{"name": "h", "definition": map[string]any{"kind": "hosted", "cpu": "0.25", "memory": "0.5Gi", "container_configuration": map[string]any{"image": "x"}}}
	oaiErr(t, post(hosted), http.StatusBadRequest, "preview_feature_required", "definition.kind")
	must(t, post(hosted, "Foundry-Features", "HostedAgents=V1Preview"), http.StatusOK)
}

func TestAgents_EveryGAToolRoundTrips(t *testing.T) {
	t.Parallel()
	env := newAgentEnv(t, emulator.Options{GrantSeededClientsFoundryUser: true}, "tools")
	conn := env.project + "/connections/c1"
	tools := []any{
		map[string]any{"type": "function", "name": "get_weather", "description": "Weather", "strict": true,
			"parameters": map[string]any{"type": "object", "properties": map[string]any{"city": map[string]any{"type": "string"}}, "required": []any{"city"}}},
		map[string]any{"type": "file_search", "vector_store_ids": []any{"vs_1"}, "max_num_results": 5, "ranking_options": map[string]any{"ranker": "auto", "score_threshold": 0.5}},
		map[string]any{"type": "code_interpreter", "container": map[string]any{"type": "auto", "file_ids": []any{"f1"}}},
		map[string]any{"type": "web_search", "custom_search_configuration": map[string]any{"project_connection_id": conn, "instance_name": "i"}},
		map[string]any{"type": "mcp", "server_label": "docs", "server_url": "https://mcp.example", "require_approval": "never", "allowed_tools": []any{"search"}, "headers": map[string]any{"X-K": "v"}},
		map[string]any{"type": "azure_ai_search", "azure_ai_search": map[string]any{"indexes": []any{map[string]any{"project_connection_id": conn, "index_name": "idx", "query_type": "vector_semantic_hybrid", "top_k": 5, "filter": ""}}}},
		map[string]any{"type": "bing_grounding", "bing_grounding": map[string]any{"search_configurations": []any{map[string]any{"project_connection_id": conn, "market": "en-US", "count": 5, "freshness": "Week"}}}},
		map[string]any{"type": "openapi", "openapi": map[string]any{"name": "petstore", "description": "Pets", "spec": map[string]any{"openapi": "3.0.0", "paths": map[string]any{}},
			"auth": map[string]any{"type": "managed_identity", "security_scheme": map[string]any{"audience": "https://api.example"}}, "default_params": []any{"x"}}},
		map[string]any{"type": "azure_function", "azure_function": map[string]any{"function": map[string]any{"name": "f", "description": "d", "parameters": map[string]any{"type": "object"}},
			"input_binding":  map[string]any{"type": "storage_queue", "storage_queue": map[string]any{"queue_service_endpoint": "https://q.example", "queue_name": "in"}},
			"output_binding": map[string]any{"type": "storage_queue", "storage_queue": map[string]any{"queue_service_endpoint": "https://q.example", "queue_name": "out"}}}},
		map[string]any{"type": "a2a", "base_url": "https://agent.example", "agent_card_path": "/.well-known/agent.json", "project_connection_id": conn},
		map[string]any{"type": "capture_structured_outputs", "outputs": map[string]any{"name": "o", "description": "d", "schema": map[string]any{"type": "object"}, "strict": true}},
	}
	def := map[string]any{"kind": "prompt", "model": "chat", "instructions": nil, "temperature": 0.7, "top_p": 0.9, "tools": tools,
		"tool_choice": "auto", "text": map[string]any{"format": map[string]any{"type": "json_schema", "name": "s", "schema": map[string]any{"type": "object"}}},
		"rai_config": map[string]any{"rai_policy_name": "p"}}
	r := must(t, env.agents(http.MethodPost, "", map[string]any{"name": "all-tools", "definition": def}), http.StatusOK)
	got := r.body["versions"].(map[string]any)["latest"].(map[string]any)["definition"]
	var want any
	data, _ := json.Marshal(def)
	_ = json.Unmarshal(data, &want)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("definition not echoed verbatim:\n got %v\nwant %v", got, want)
	}
	// The same definition again is no change.
	r = must(t, env.agents(http.MethodPost, "/all-tools", map[string]any{"definition": def}), http.StatusOK)
	if r.body["versions"].(map[string]any)["latest"].(map[string]any)["version"] != "1" {
		t.Fatalf("round trip made a new version: %s", r.raw)
	}
}
