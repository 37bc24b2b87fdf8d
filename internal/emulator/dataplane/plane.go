// Package dataplane is the Foundry project data plane ({URL}/ai/{subdomain}/api/projects/{project}/...): the
// model deployments a project sees and its versioned agents, with the data-plane RBAC of the agent routes. It asks
// the rest of the emulator for projects, deployments and role assignments through the hooks of its Config.
package dataplane

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/catalog"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Audiences are the token audiences the project data plane accepts.
func Audiences() []string { return []string{"https://ai.azure.com", "https://ai.azure.com/"} }

// apiVersions are the api-versions accepted by the project routes.
func apiVersions() []string { return []string{"v1", "2025-05-01"} }

// Data actions of the agent routes.
const (
	dataActionAgentsRead   = "Microsoft.CognitiveServices/accounts/AIServices/agents/read"
	dataActionAgentsWrite  = "Microsoft.CognitiveServices/accounts/AIServices/agents/write"
	dataActionAgentsDelete = "Microsoft.CognitiveServices/accounts/AIServices/agents/delete"
)

// Plane serves the project routes and keeps the agents of every project.
type Plane struct {
	cfg    Config
	agents map[string]*agentSet // by Project.Key
	seq    int64
}

// Config is what the data plane asks the rest of the emulator.
type Config struct {
	// Authenticate checks the request's token against the audiences.
	Authenticate func(r *http.Request, audiences []string) (entra.Principal, *entra.TokenError)
	// Locked runs serve with the emulator's state lock held, after due operations are settled; the hooks below
	// and Plane's state are used only inside it.
	Locked func(serve func())
	// Now is the emulator clock (the lock held).
	Now func() time.Time
	// Project finds a project by its account's custom subdomain and its name ("_project" is the account's default
	// project); nil when there is none.
	Project func(subdomain, name string) *Project
	// HasDataAction reports whether a principal holds an effective role granting a data action at a scope.
	HasDataAction func(principalID, scopeID, dataAction string, now time.Time) bool
	// Permissive skips the data-plane RBAC of the agent routes.
	Permissive bool
}

// Project is a project as the data plane sees it.
type Project struct {
	ID          string // ARM ID: the scope of its role assignments
	Key         string // this incarnation of the project: a re-created project starts without agents
	AccountName string
	// Deployments are the account's Succeeded model deployments, in creation order.
	Deployments []Deployment
}

// Deployment is a Succeeded model deployment of the project's account.
type Deployment struct {
	Name string
	Doc  map[string]any // the ARM document (read-only)
}

// New creates the data plane without agents.
func New(cfg Config) *Plane {
	p := &Plane{cfg: cfg}
	p.Reset()
	return p
}

// Reset drops every agent.
func (p *Plane) Reset() { p.agents, p.seq = map[string]*agentSet{}, 0 }

func (p *Plane) nextSeq() int64 {
	p.seq++
	return p.seq
}

// apiError is an error in the data plane's ARM-like envelope.
type apiError struct {
	status        int
	code, message string
}

func errorf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

func writeError(w http.ResponseWriter, e *apiError) {
	w.Header().Set("x-ms-error-code", e.code)
	wire.WriteJSON(w, e.status, map[string]any{"error": map[string]any{"code": e.code, "message": e.message}})
}

// ServeHTTP serves {URL}/ai/{subdomain}/api/projects/{project}/...
func (p *Plane) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	who, te := p.cfg.Authenticate(r, Audiences())
	if te != nil {
		wire.WriteJSON(w, http.StatusUnauthorized, map[string]any{
			"statusCode": http.StatusUnauthorized,
			"message":    "Unauthorized. Access token is missing, invalid, audience is incorrect (https://ai.azure.com), or have expired.",
		})
		return
	}
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(segs) < 5 || lower(segs[2]) != "api" || lower(segs[3]) != "projects" {
		writeError(w, errorf(http.StatusNotFound, "NotFound", "Resource not found."))
		return
	}
	v := r.URL.Query().Get("api-version")
	if v == "" {
		writeError(w, errorf(http.StatusBadRequest, "BadRequest", "The 'api-version' query parameter is required."))
		return
	}
	if !slices.ContainsFunc(apiVersions(), func(x string) bool { return strings.EqualFold(x, v) }) {
		writeError(w, errorf(http.StatusBadRequest, "BadRequest",
			"Unsupported api-version '%s'. The supported api-versions are '%s'.", v, strings.Join(apiVersions(), "', '")))
		return
	}
	p.cfg.Locked(func() { p.serveProject(w, r, who, segs) })
}

// serveProject routes below one project. GET /deployments needs only .../deployments/read, which most roles on the
// account carry, so it is not checked; the agent routes enforce their data actions.
func (p *Plane) serveProject(w http.ResponseWriter, r *http.Request, who entra.Principal, segs []string) {
	project := p.cfg.Project(segs[1], segs[4])
	if project == nil {
		writeError(w, errorf(http.StatusNotFound, "NotFound", "The project does not exist."))
		return
	}
	rest := segs[5:]
	switch {
	case len(rest) == 1 && lower(rest[0]) == "deployments" && r.Method == http.MethodGet:
		q := r.URL.Query()
		items := []map[string]any{}
		for _, d := range project.Deployments {
			dd := renderDeployment(d)
			if matchQuery(q.Get("modelPublisher"), dd["modelPublisher"]) && matchQuery(q.Get("modelName"), dd["modelName"]) && matchQuery(q.Get("deploymentType"), dd["type"]) {
				items = append(items, dd)
			}
		}
		wire.WriteJSON(w, http.StatusOK, map[string]any{"value": items})
	case len(rest) >= 1 && lower(rest[0]) == "agents":
		p.serveAgents(w, r, who, project, rest[1:])
	case len(rest) == 2 && lower(rest[0]) == "deployments" && r.Method == http.MethodGet:
		for _, d := range project.Deployments {
			if strings.EqualFold(d.Name, rest[1]) {
				wire.WriteJSON(w, http.StatusOK, renderDeployment(d))
				return
			}
		}
		writeError(w, errorf(http.StatusNotFound, "NotFound", "Deployment '%s' not found.", rest[1]))
	default:
		writeError(w, errorf(http.StatusNotFound, "NotFound", "The route '%s %s' is not served by the emulator.", r.Method, r.URL.Path))
	}
}

// authorizeAgents enforces the agent routes' data actions; nil means allowed.
func (p *Plane) authorizeAgents(who entra.Principal, project *Project, method, route string) *apiError {
	if p.cfg.Permissive {
		return nil
	}
	action := dataActionAgentsRead
	switch method {
	case "POST", "PATCH", "PUT":
		action = dataActionAgentsWrite
	case "DELETE":
		action = dataActionAgentsDelete
	}
	if p.cfg.HasDataAction(who.ObjectID, project.ID, action, p.cfg.Now()) {
		return nil
	}
	return errorf(http.StatusUnauthorized, "PermissionDenied",
		"The principal `%s` lacks the required data action `%s` to perform `%s %s` operation. For instructions on granting the necessary permissions, see https://aka.ms/FoundryPermissions.",
		who.ObjectID, action, method, route)
}

func renderDeployment(d Deployment) map[string]any {
	props, _ := d.Doc["properties"].(map[string]any)
	model, _ := props["model"].(map[string]any)
	str := func(k string) string { v, _ := model[k].(string); return v }
	publisher := str("publisher")
	if publisher == "" {
		publisher = catalog.Publisher(str("format"), str("name"))
	}
	sku := map[string]any{}
	if s, ok := d.Doc["sku"].(map[string]any); ok {
		sku = wire.DeepCopy(s)
	}
	caps := map[string]any{}
	if c, ok := props["capabilities"].(map[string]any); ok {
		caps = wire.DeepCopy(c)
	}
	return map[string]any{
		"type": "ModelDeployment", "name": d.Name, "modelName": str("name"), "modelVersion": str("version"),
		"modelPublisher": publisher, "capabilities": caps, "sku": sku, "connectionName": "",
	}
}

// matchQuery is an optional, case-insensitive equality filter of a data-plane list.
func matchQuery(want string, got any) bool {
	s, _ := got.(string)
	return want == "" || strings.EqualFold(want, s)
}

func lower(s string) string { return strings.ToLower(s) }
