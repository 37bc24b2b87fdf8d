package dataplane

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// agentAPIVersions are the api-versions of the versioned-agents routes.
func agentAPIVersions() []string { return []string{"v1"} }

// agentSet is the versioned agents of one project.
type agentSet struct {
	agents map[string]*agentRecord // by lower-case name
}

// agentRecord is one agent (its name is its key) with its live versions in creation order.
type agentRecord struct {
	name     string
	seq      int64
	state    string
	versions []*agentVersion
	next     int            // last version number handed out; numbers are never reused
	extra    map[string]any // agent_endpoint / agent_card set through PATCH (AgentEndpoints preview)
}

// agentVersion is one immutable version of an agent.
type agentVersion struct {
	version     string
	seq         int64
	createdAt   int64
	description string
	metadata    map[string]any
	definition  map[string]any
}

// oaiError is an error in the agents (OpenAI-style) envelope.
type oaiError struct {
	status  int
	code    string
	message string
	param   string
}

func oaiErrf(status int, code, param, format string, args ...any) *oaiError {
	e := &oaiError{status: status, code: code, param: param}
	e.message = fmt.Sprintf(format, args...)
	return e
}

func writeOAIError(w http.ResponseWriter, e *oaiError) {
	wire.WriteJSON(w, e.status, map[string]any{"error": map[string]any{
		"code": e.code, "message": e.message, "param": e.param, "type": "invalid_request_error",
		"additionalInfo": map[string]any{"request_id": w.Header().Get("x-request-id")},
	}})
}

// agentsOf returns the agent set of a project (by its key, so a re-created project starts empty).
func (p *Plane) agentsOf(project *Project) *agentSet {
	set := p.agents[project.Key]
	if set == nil {
		set = &agentSet{agents: map[string]*agentRecord{}}
		p.agents[project.Key] = set
	}
	return set
}

// agentRoute is the route template named in PermissionDenied messages.
func agentRoute(rest []string) string {
	route := "/api/projects/{projectName}/agents"
	if len(rest) >= 1 {
		route += "/{agentName}"
	}
	if len(rest) >= 2 {
		route += "/versions"
	}
	if len(rest) >= 3 {
		route += "/{agentVersion}"
	}
	return route
}

// serveAgents serves {project}/agents[/{name}[/versions[/{version}]]]; the state lock is held.
func (p *Plane) serveAgents(w http.ResponseWriter, r *http.Request, who entra.Principal, project *Project, rest []string) {
	if v := r.URL.Query().Get("api-version"); !slices.Contains(agentAPIVersions(), v) {
		writeError(w, errorf(http.StatusBadRequest, "BadRequest",
			"Unsupported api-version '%s'. The supported api-versions are '%s'.", v, strings.Join(agentAPIVersions(), "', '")))
		return
	}
	if e := p.authorizeAgents(who, project, r.Method, agentRoute(rest)); e != nil {
		writeError(w, e)
		return
	}
	a := &agentCall{p: p, w: w, r: r, project: project, set: p.agentsOf(project), features: r.Header.Get("Foundry-Features")}
	var e *oaiError
	switch {
	case len(rest) == 0 && r.Method == http.MethodGet:
		e = a.listAgents()
	case len(rest) == 0 && r.Method == http.MethodPost:
		e = a.createAgent()
	case len(rest) == 1 && r.Method == http.MethodGet:
		e = a.getAgent(rest[0])
	case len(rest) == 1 && r.Method == http.MethodPost:
		e = a.updateAgent(rest[0])
	case len(rest) == 1 && r.Method == http.MethodPatch:
		e = a.patchAgent(rest[0])
	case len(rest) == 1 && r.Method == http.MethodDelete:
		e = a.deleteAgent(rest[0])
	case len(rest) == 2 && lower(rest[1]) == "versions" && r.Method == http.MethodGet:
		e = a.listVersions(rest[0])
	case len(rest) == 2 && lower(rest[1]) == "versions" && r.Method == http.MethodPost:
		e = a.createVersion(rest[0])
	case len(rest) == 3 && lower(rest[1]) == "versions" && r.Method == http.MethodGet:
		e = a.getVersion(rest[0], rest[2])
	case len(rest) == 3 && lower(rest[1]) == "versions" && r.Method == http.MethodDelete:
		e = a.deleteVersion(rest[0], rest[2])
	case len(rest) <= 1 || (len(rest) <= 3 && lower(rest[1]) == "versions"):
		e = oaiErrf(http.StatusMethodNotAllowed, "method_not_allowed", "", "The method '%s' is not allowed on '%s'.", r.Method, r.URL.Path)
	default:
		e = oaiErrf(http.StatusNotFound, "not_found", "", "The route '%s %s' is not served by the emulator.", r.Method, r.URL.Path)
	}
	if e != nil {
		writeOAIError(w, e)
	}
}

type agentCall struct {
	p        *Plane
	w        http.ResponseWriter
	r        *http.Request
	project  *Project
	set      *agentSet
	features string
}

func (a *agentCall) readBody() (map[string]any, *oaiError) {
	data, err := io.ReadAll(io.LimitReader(a.r.Body, 4<<20+1))
	if err != nil || len(data) > 4<<20 {
		return nil, oaiErrf(http.StatusBadRequest, "invalid_request_body", "", "The request body could not be read or exceeds 4 MB.")
	}
	var body map[string]any
	if err := json.Unmarshal(data, &body); err != nil || body == nil {
		return nil, oaiErrf(http.StatusBadRequest, "invalid_json", "", "The request body must be a JSON object.")
	}
	return body, nil
}

func (a *agentCall) notFound(name string) *oaiError {
	return oaiErrf(http.StatusNotFound, "not_found", "name", "Agent '%s' not found.", name)
}

func (a *agentCall) find(name string) *agentRecord { return a.set.agents[lower(name)] }

func (a *agentCall) createAgent() *oaiError {
	body, e := a.readBody()
	if e != nil {
		return e
	}
	name, _ := body["name"].(string)
	if raw, ok := body["name"]; !ok || raw == nil {
		return oaiErrf(http.StatusBadRequest, "missing_required_parameter", "name", "Missing required parameter: 'name'.")
	}
	if e := validateAgentName(name, "name"); e != nil {
		return e
	}
	state := "enabled"
	if raw, ok := body["state"]; ok && raw != nil {
		st, _ := raw.(string)
		if st != "enabled" && st != "disabled" {
			return oaiErrf(http.StatusBadRequest, "invalid_value", "state", "Invalid value for 'state': expected one of 'enabled', 'disabled'.")
		}
		state = st
	}
	v, e := a.parseVersion(body, name)
	if e != nil {
		return e
	}
	ag := a.find(name)
	if ag == nil {
		ag = &agentRecord{name: name, seq: a.p.nextSeq(), state: state}
		a.set.agents[lower(name)] = ag
		a.addVersion(ag, v)
	} else if !ag.latest().same(v) {
		a.addVersion(ag, v)
	}
	wire.WriteJSON(a.w, http.StatusOK, a.renderAgent(ag))
	return nil
}

// findWithBody finds an agent, then reads the request body.
func (a *agentCall) findWithBody(name string) (*agentRecord, map[string]any, *oaiError) {
	ag := a.find(name)
	if ag == nil {
		return nil, nil, a.notFound(name)
	}
	body, e := a.readBody()
	if e != nil {
		return nil, nil, e
	}
	return ag, body, nil
}

func (a *agentCall) updateAgent(name string) *oaiError {
	ag, body, e := a.findWithBody(name)
	if e != nil {
		return e
	}
	v, e := a.parseVersion(body, ag.name)
	if e != nil {
		return e
	}
	if !ag.latest().same(v) {
		a.addVersion(ag, v)
	}
	wire.WriteJSON(a.w, http.StatusOK, a.renderAgent(ag))
	return nil
}

// patchAgent merges agent_endpoint / agent_card (AgentEndpoints preview) into the agent.
func (a *agentCall) patchAgent(name string) *oaiError {
	if !hasFeature(a.features, "AgentEndpoints") {
		return oaiErrf(http.StatusBadRequest, "preview_feature_required", "",
			"PATCH on an agent is a preview operation; send the 'Foundry-Features: AgentEndpoints=V1Preview' header.")
	}
	ag, body, e := a.findWithBody(name)
	if e != nil {
		return e
	}
	if ag.extra == nil {
		ag.extra = map[string]any{}
	}
	for _, k := range []string{"agent_endpoint", "agent_card"} {
		v, ok := body[k]
		switch {
		case !ok:
		case v == nil:
			delete(ag.extra, k)
		default:
			pm, isMap := v.(map[string]any)
			if !isMap {
				return oaiErrf(http.StatusBadRequest, "invalid_type", k, "Invalid type for '%s': expected an object.", k)
			}
			cur, _ := ag.extra[k].(map[string]any)
			if cur == nil {
				cur = map[string]any{}
			}
			wire.MergePatch(cur, pm)
			ag.extra[k] = cur
		}
	}
	wire.WriteJSON(a.w, http.StatusOK, a.renderAgent(ag))
	return nil
}

func (a *agentCall) getAgent(name string) *oaiError {
	ag := a.find(name)
	if ag == nil {
		return a.notFound(name)
	}
	wire.WriteJSON(a.w, http.StatusOK, a.renderAgent(ag))
	return nil
}

func (a *agentCall) deleteAgent(name string) *oaiError {
	ag := a.find(name)
	if ag == nil {
		return a.notFound(name)
	}
	delete(a.set.agents, lower(name))
	wire.WriteJSON(a.w, http.StatusOK, map[string]any{"object": "agent.deleted", "name": ag.name, "deleted": true})
	return nil
}

// createVersion always adds a version; it creates the agent when absent (what the GA SDK relies on).
func (a *agentCall) createVersion(name string) *oaiError {
	if e := validateAgentName(name, "agent_name"); e != nil {
		return e
	}
	body, e := a.readBody()
	if e != nil {
		return e
	}
	v, e := a.parseVersion(body, name)
	if e != nil {
		return e
	}
	ag := a.find(name)
	if ag == nil {
		ag = &agentRecord{name: name, seq: a.p.nextSeq(), state: "enabled"}
		a.set.agents[lower(name)] = ag
	}
	a.addVersion(ag, v)
	wire.WriteJSON(a.w, http.StatusOK, renderAgentVersion(ag, v))
	return nil
}

// findVersion finds an agent and one of its versions.
func (a *agentCall) findVersion(name, version string) (*agentRecord, *agentVersion, *oaiError) {
	ag := a.find(name)
	if ag == nil {
		return nil, nil, a.notFound(name)
	}
	v := ag.version(version)
	if v == nil {
		return nil, nil, oaiErrf(http.StatusNotFound, "not_found", "version", "Version '%s' of agent '%s' not found.", version, ag.name)
	}
	return ag, v, nil
}

func (a *agentCall) getVersion(name, version string) *oaiError {
	ag, v, e := a.findVersion(name, version)
	if e != nil {
		return e
	}
	wire.WriteJSON(a.w, http.StatusOK, renderAgentVersion(ag, v))
	return nil
}

// deleteVersion removes one version; removing the last one removes the agent.
func (a *agentCall) deleteVersion(name, version string) *oaiError {
	ag, v, e := a.findVersion(name, version)
	if e != nil {
		return e
	}
	ag.versions = slices.DeleteFunc(ag.versions, func(x *agentVersion) bool { return x == v })
	if len(ag.versions) == 0 {
		delete(a.set.agents, lower(ag.name))
	}
	wire.WriteJSON(a.w, http.StatusOK, map[string]any{"object": "agent.version.deleted", "name": ag.name, "version": v.version, "deleted": true})
	return nil
}

func (a *agentCall) listAgents() *oaiError {
	q := a.r.URL.Query()
	kind := q.Get("kind")
	if kind != "" && !slices.Contains([]string{"prompt", "hosted", "workflow", "external"}, kind) {
		return oaiErrf(http.StatusBadRequest, "invalid_value", "kind", "Invalid value for 'kind': expected one of 'prompt', 'hosted', 'workflow', 'external'.")
	}
	var all []*agentRecord
	for _, ag := range a.set.agents {
		if k, _ := ag.latest().definition["kind"].(string); kind == "" || k == kind {
			all = append(all, ag)
		}
	}
	slices.SortFunc(all, func(x, y *agentRecord) int { return int(x.seq - y.seq) })
	ids := make([]string, len(all))
	for i, ag := range all {
		ids[i] = ag.name
	}
	page, e := paginate(q, ids, func(c string) string { return c })
	if e != nil {
		return e
	}
	data := []any{}
	for _, i := range page.indexes {
		data = append(data, a.renderAgent(all[i]))
	}
	wire.WriteJSON(a.w, http.StatusOK, page.body(data, ids))
	return nil
}

func (a *agentCall) listVersions(name string) *oaiError {
	ag := a.find(name)
	if ag == nil {
		return a.notFound(name)
	}
	ids := make([]string, len(ag.versions))
	for i, v := range ag.versions {
		ids[i] = ag.name + ":" + v.version
	}
	page, e := paginate(a.r.URL.Query(), ids, func(c string) string {
		if !strings.Contains(c, ":") {
			return ag.name + ":" + c
		}
		return c
	})
	if e != nil {
		return e
	}
	data := []any{}
	for _, i := range page.indexes {
		data = append(data, renderAgentVersion(ag, ag.versions[i]))
	}
	wire.WriteJSON(a.w, http.StatusOK, page.body(data, ids))
	return nil
}

// cursorPage is the result of OpenAI cursor pagination over ids sorted by creation (oldest first).
type cursorPage struct {
	indexes []int
	hasMore bool
}

func (p cursorPage) body(data []any, ids []string) map[string]any {
	out := map[string]any{"object": "list", "data": data, "first_id": nil, "last_id": nil, "has_more": p.hasMore}
	if len(p.indexes) > 0 {
		out["first_id"], out["last_id"] = ids[p.indexes[0]], ids[p.indexes[len(p.indexes)-1]]
	}
	return out
}

// paginate applies limit (1-100, default 20), order (asc|desc by creation, default desc), after and before.
func paginate(q url.Values, ids []string, cursor func(string) string) (cursorPage, *oaiError) {
	limit := 20
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 100 {
			return cursorPage{}, oaiErrf(http.StatusBadRequest, "invalid_value", "limit", "Invalid value for 'limit': expected an integer between 1 and 100, got '%s'.", l)
		}
		limit = n
	}
	order := q.Get("order")
	if order == "" {
		order = "desc"
	}
	if order != "asc" && order != "desc" {
		return cursorPage{}, oaiErrf(http.StatusBadRequest, "invalid_value", "order", "Invalid value for 'order': expected 'asc' or 'desc', got '%s'.", order)
	}
	seq := make([]int, len(ids))
	for i := range ids {
		seq[i] = i
	}
	if order == "desc" {
		slices.Reverse(seq)
	}
	pos := func(param string) (int, *oaiError) {
		c := cursor(q.Get(param))
		for i, k := range seq {
			if strings.EqualFold(ids[k], c) {
				return i, nil
			}
		}
		return 0, oaiErrf(http.StatusBadRequest, "invalid_value", param, "Invalid value for '%s': no object with id '%s' in this list.", param, q.Get(param))
	}
	lo, hi := 0, len(seq)
	if q.Get("after") != "" {
		i, e := pos("after")
		if e != nil {
			return cursorPage{}, e
		}
		lo = i + 1
	}
	if q.Get("before") != "" {
		i, e := pos("before")
		if e != nil {
			return cursorPage{}, e
		}
		hi = min(hi, i)
	}
	if lo >= hi {
		return cursorPage{indexes: []int{}}, nil
	}
	window := seq[lo:hi]
	p := cursorPage{}
	if q.Get("before") != "" && q.Get("after") == "" {
		start := max(0, len(window)-limit)
		p.indexes, p.hasMore = window[start:], start > 0
	} else {
		end := min(len(window), limit)
		p.indexes, p.hasMore = window[:end], end < len(window)
	}
	return p, nil
}

func (ag *agentRecord) latest() *agentVersion {
	if len(ag.versions) == 0 {
		return nil
	}
	return ag.versions[len(ag.versions)-1]
}

func (ag *agentRecord) version(v string) *agentVersion {
	for _, x := range ag.versions {
		if x.version == v {
			return x
		}
	}
	return nil
}

// same reports whether a requested version equals this one (definition with defaults, description, metadata).
func (v *agentVersion) same(o *agentVersion) bool {
	if v == nil {
		return false
	}
	return v.description == o.description && reflect.DeepEqual(v.metadata, o.metadata) && reflect.DeepEqual(v.definition, o.definition)
}

func (a *agentCall) addVersion(ag *agentRecord, v *agentVersion) {
	ag.next++
	v.version = strconv.Itoa(ag.next)
	v.seq = a.p.nextSeq()
	v.createdAt = a.p.cfg.Now().Unix()
	ag.versions = append(ag.versions, v)
}

func (a *agentCall) renderAgent(ag *agentRecord) map[string]any {
	out := map[string]any{
		"object": "agent", "id": ag.name, "name": ag.name, "state": ag.state,
		"versions": map[string]any{"latest": renderAgentVersion(ag, ag.latest())},
	}
	for k, v := range ag.extra {
		out[k] = v
	}
	return out
}

func renderAgentVersion(ag *agentRecord, v *agentVersion) map[string]any {
	var desc, meta any
	if v.description != "" {
		desc = v.description
	}
	if len(v.metadata) > 0 {
		meta = v.metadata
	}
	return map[string]any{
		"object": "agent.version", "id": ag.name + ":" + v.version, "name": ag.name, "version": v.version,
		"description": desc, "metadata": meta, "created_at": v.createdAt, "definition": wire.DeepCopy(v.definition), "status": "active",
	}
}

// hasFeature reports whether a Foundry-Features header names a feature (values such as "=V1Preview" ignored).
func hasFeature(header, feature string) bool {
	for _, f := range strings.Split(header, ",") {
		name, _, _ := strings.Cut(strings.TrimSpace(f), "=")
		if strings.EqualFold(strings.TrimSpace(name), feature) {
			return true
		}
	}
	return false
}
