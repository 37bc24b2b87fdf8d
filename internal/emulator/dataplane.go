package emulator

import (
	"net/http"

	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/catalog"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// dataPlaneAPIVersions are the api-versions accepted by the project routes.
var dataPlaneAPIVersions = []string{"v1", "2025-05-01"}

// dataPlaneAuthorizer decides whether a principal may call a project route; nil allows everything.
// The agent routes enforce RBAC themselves (rbac.go authorizeAgents); GET /deployments stays exempt
// (the hook is unset) because it needs only .../deployments/read, which most roles on the account carry.
type dataPlaneAuthorizer func(s *Server, who entra.Principal, project *resource, action string) *arm.Error

var authorizeDataPlane dataPlaneAuthorizer

// serveDataPlane serves {URL}/ai/{subdomain}/api/projects/{project}/...
func (s *Server) serveDataPlane(w http.ResponseWriter, r *http.Request) {
	who, te := s.dir.Authenticate(r, dataPlaneAudiences)
	if te != nil {
		wire.WriteJSON(w, http.StatusUnauthorized, map[string]any{
			"statusCode": http.StatusUnauthorized,
			"message":    "Unauthorized. Access token is missing, invalid, audience is incorrect (https://ai.azure.com), or have expired.",
		})
		return
	}
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(segs) < 5 || lower(segs[2]) != "api" || lower(segs[3]) != "projects" {
		writeDataPlaneError(w, arm.Errorf(http.StatusNotFound, "NotFound", "Resource not found."))
		return
	}
	v := r.URL.Query().Get("api-version")
	if v == "" {
		writeDataPlaneError(w, arm.Errorf(http.StatusBadRequest, "BadRequest", "The 'api-version' query parameter is required."))
		return
	}
	if !containsFoldString(dataPlaneAPIVersions, v) {
		writeDataPlaneError(w, arm.Errorf(http.StatusBadRequest, "BadRequest",
			"Unsupported api-version '%s'. The supported api-versions are '%s'.", v, strings.Join(dataPlaneAPIVersions, "', '")))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked(s.nowLocked())
	acc, project := s.findProject(segs[1], segs[4])
	if project == nil {
		writeDataPlaneError(w, arm.Errorf(http.StatusNotFound, "NotFound", "The project does not exist."))
		return
	}
	rest := segs[5:]
	switch {
	case len(rest) == 1 && lower(rest[0]) == "deployments" && r.Method == http.MethodGet:
		if e := s.authorizeDataPlane(who, project, "Microsoft.CognitiveServices/accounts/AIServices/deployments/read"); e != nil {
			writeDataPlaneError(w, e)
			return
		}
		q := r.URL.Query()
		items := []map[string]any{}
		for _, d := range s.st.children(acc, childTypes["deployments"]) {
			if d.provisioningState() != "Succeeded" {
				continue
			}
			dd := dataPlaneDeployment(d)
			if matchQuery(q.Get("modelPublisher"), dd["modelPublisher"]) && matchQuery(q.Get("modelName"), dd["modelName"]) && matchQuery(q.Get("deploymentType"), dd["type"]) {
				items = append(items, dd)
			}
		}
		wire.WriteJSON(w, http.StatusOK, map[string]any{"value": items})
	case len(rest) >= 1 && lower(rest[0]) == "agents":
		s.serveAgents(w, r, who, acc, project, rest[1:])
	case len(rest) == 2 && lower(rest[0]) == "deployments" && r.Method == http.MethodGet:
		for _, d := range s.st.children(acc, childTypes["deployments"]) {
			if strings.EqualFold(d.name(), rest[1]) && d.provisioningState() == "Succeeded" {
				wire.WriteJSON(w, http.StatusOK, dataPlaneDeployment(d))
				return
			}
		}
		writeDataPlaneError(w, arm.Errorf(http.StatusNotFound, "NotFound", "Deployment '%s' not found.", rest[1]))
	default:
		writeDataPlaneError(w, arm.Errorf(http.StatusNotFound, "NotFound", "The route '%s %s' is not served by the emulator.", r.Method, r.URL.Path))
	}
}

func (s *Server) authorizeDataPlane(who entra.Principal, project *resource, action string) *arm.Error {
	if authorizeDataPlane == nil {
		return nil
	}
	return authorizeDataPlane(s, who, project, action)
}

// findProject resolves a subdomain and a project name ("_project" = the default project).
func (s *Server) findProject(subdomain, name string) (*resource, *resource) {
	for _, acc := range s.st.resources {
		if acc.typ != accountType || !strings.EqualFold(subdomainOf(acc), subdomain) {
			continue
		}
		if name == "_project" {
			name = defaultProjectName(s, acc)
		}
		for _, p := range s.st.children(acc, childTypes["projects"]) {
			if strings.EqualFold(p.name(), name) {
				return acc, p
			}
		}
		return acc, nil
	}
	return nil, nil
}

func dataPlaneDeployment(d *resource) map[string]any {
	props := d.props()
	model, _ := props["model"].(map[string]any)
	str := func(k string) string { v, _ := model[k].(string); return v }
	publisher := str("publisher")
	if publisher == "" {
		publisher = catalog.Publisher(str("format"), str("name"))
	}
	sku := map[string]any{}
	if s, ok := d.doc["sku"].(map[string]any); ok {
		sku = wire.DeepCopy(s)
	}
	caps := map[string]any{}
	if c, ok := props["capabilities"].(map[string]any); ok {
		caps = wire.DeepCopy(c)
	}
	return map[string]any{
		"type": "ModelDeployment", "name": d.name(), "modelName": str("name"), "modelVersion": str("version"),
		"modelPublisher": publisher, "capabilities": caps, "sku": sku, "connectionName": "",
	}
}

// matchQuery is an optional, case-insensitive equality filter of a data-plane list.
func matchQuery(want string, got any) bool {
	s, _ := got.(string)
	return want == "" || strings.EqualFold(want, s)
}

func writeDataPlaneError(w http.ResponseWriter, e *arm.Error) {
	w.Header().Set("x-ms-error-code", e.Code)
	wire.WriteJSON(w, e.Status, map[string]any{"error": map[string]any{"code": e.Code, "message": e.Message}})
}
