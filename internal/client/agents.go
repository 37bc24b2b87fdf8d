package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
)

// Versioned ("v2") prompt agents under a project endpoint, api-version v1 (project-dataplane.md §5.1). Agent and
// version names are path segments; the definition is stored per version and versions are immutable.

// Agent is an AgentObject: the agent and its latest version.
type Agent struct {
	Object   string         `json:"object,omitempty"`
	ID       string         `json:"id,omitempty"`
	Name     string         `json:"name,omitempty"`
	State    string         `json:"state,omitempty"`
	Versions *AgentVersions `json:"versions,omitempty"`
}

// AgentVersions holds the latest version of an agent.
type AgentVersions struct {
	Latest *AgentVersion `json:"latest,omitempty"`
}

// Latest returns the agent's latest version, or nil.
func (a Agent) Latest() *AgentVersion {
	if a.Versions == nil {
		return nil
	}
	return a.Versions.Latest
}

// AgentVersion is an AgentVersionObject. Only Description, Metadata and Definition are sent on create.
type AgentVersion struct {
	Object string `json:"object,omitempty"`
	// ID is read-only ("<agent id>:<version>" in the spec's examples).
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	// Version is read-only: "1", "2", ...
	Version     string            `json:"version,omitempty"`
	Description *string           `json:"description,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
	// CreatedAt is read-only (Unix seconds).
	CreatedAt  int64            `json:"created_at,omitempty"`
	Definition *AgentDefinition `json:"definition,omitempty"`
	// Status is read-only: creating, active, failed, deleting, deleted (prompt agents are active at once).
	Status string `json:"status,omitempty"`
}

// AgentVersionRequest is the body of POST /agents/{name}/versions.
type AgentVersionRequest struct {
	Description *string           `json:"description,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
	Definition  AgentDefinition   `json:"definition"`
}

// AgentDefinition is an agent definition; this client models kind "prompt".
type AgentDefinition struct {
	Kind         string      `json:"kind"`
	Model        string      `json:"model,omitempty"`
	Instructions *string     `json:"instructions,omitempty"`
	Temperature  *float64    `json:"temperature,omitempty"`
	TopP         *float64    `json:"top_p,omitempty"`
	Text         *AgentText  `json:"text,omitempty"`
	Tools        []AgentTool `json:"tools,omitempty"`
	RAIConfig    *AgentRAI   `json:"rai_config,omitempty"`
}

// AgentRAI is the definition's responsible-AI configuration.
type AgentRAI struct {
	RAIPolicyName string `json:"rai_policy_name,omitempty"`
}

// AgentText is the definition's text configuration.
type AgentText struct {
	Format *AgentTextFormat `json:"format,omitempty"`
}

// AgentTextFormat is the response format: type text, json_object or json_schema (with Name, Schema, Strict).
type AgentTextFormat struct {
	Type        string          `json:"type"`
	Name        *string         `json:"name,omitempty"`
	Description *string         `json:"description,omitempty"`
	Schema      json.RawMessage `json:"schema,omitempty"`
	Strict      *bool           `json:"strict,omitempty"`
}

// Tool types of AgentTool.Type that this client models (GA types of api-version v1).
const (
	ToolFunction        = "function"
	ToolFileSearch      = "file_search"
	ToolCodeInterpreter = "code_interpreter"
	ToolAzureAISearch   = "azure_ai_search"
	ToolBingGrounding   = "bing_grounding"
	ToolOpenAPI         = "openapi"
	ToolMCP             = "mcp"
	ToolA2A             = "a2a"
)

// AgentTool is one entry of definition.tools: Type selects which of the other fields apply.
type AgentTool struct {
	Type string `json:"type"`

	// function: Name, Description, Parameters (JSON Schema), Strict.
	Name        *string         `json:"name,omitempty"`
	Description *string         `json:"description,omitempty"`
	Parameters  json.RawMessage `json:"parameters,omitempty"`
	Strict      *bool           `json:"strict,omitempty"`

	// file_search.
	VectorStoreIDs []string `json:"vector_store_ids,omitempty"`
	MaxNumResults  *int64   `json:"max_num_results,omitempty"`

	// code_interpreter.
	Container *CodeInterpreterContainer `json:"container,omitempty"`

	AzureAISearch *AzureAISearchTool `json:"azure_ai_search,omitempty"`
	BingGrounding *BingGroundingTool `json:"bing_grounding,omitempty"`
	OpenAPI       *OpenAPITool       `json:"openapi,omitempty"`

	// mcp: ServerLabel, ServerURL, RequireApproval, AllowedTools, Headers, ProjectConnectionID.
	ServerLabel     *string           `json:"server_label,omitempty"`
	ServerURL       *string           `json:"server_url,omitempty"`
	RequireApproval *ApprovalPolicy   `json:"require_approval,omitempty"`
	AllowedTools    []string          `json:"allowed_tools,omitempty"`
	Headers         map[string]string `json:"headers,omitempty"`

	// mcp and a2a.
	ProjectConnectionID *string `json:"project_connection_id,omitempty"`

	// a2a.
	BaseURL       *string `json:"base_url,omitempty"`
	AgentCardPath *string `json:"agent_card_path,omitempty"`
}

// ApprovalPolicy is an MCP tool's require_approval: "always", "never", or an object (kept as its JSON text).
type ApprovalPolicy string

// MarshalJSON sends a JSON object as given and anything else as a string.
func (a ApprovalPolicy) MarshalJSON() ([]byte, error) {
	if s := strings.TrimSpace(string(a)); strings.HasPrefix(s, "{") && json.Valid([]byte(s)) {
		return []byte(s), nil
	}
	return json.Marshal(string(a))
}

// UnmarshalJSON accepts a string or any other JSON value (kept as its text).
func (a *ApprovalPolicy) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*a = ApprovalPolicy(s)
		return nil
	}
	*a = ApprovalPolicy(b)
	return nil
}

// CodeInterpreterContainer is the code interpreter's container: {"type":"auto","file_ids":[...]}, or the ID of an
// existing container, which the service may send as a bare string.
type CodeInterpreterContainer struct {
	Type    string   `json:"type,omitempty"`
	FileIDs []string `json:"file_ids,omitempty"`
	// ID is set when the container was given as a string.
	ID string `json:"-"`
}

// MarshalJSON sends the ID as a string when set, else the object.
func (c CodeInterpreterContainer) MarshalJSON() ([]byte, error) {
	if c.ID != "" {
		return json.Marshal(c.ID)
	}
	type plain CodeInterpreterContainer
	return json.Marshal(plain(c))
}

// UnmarshalJSON accepts the string or the object form.
func (c *CodeInterpreterContainer) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*c = CodeInterpreterContainer{ID: s}
		return nil
	}
	type plain CodeInterpreterContainer
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*c = CodeInterpreterContainer(p)
	return nil
}

// AzureAISearchTool is the azure_ai_search tool's configuration (at most one index).
type AzureAISearchTool struct {
	Indexes []AzureAISearchIndex `json:"indexes"`
}

// AzureAISearchIndex is one index of the azure_ai_search tool.
type AzureAISearchIndex struct {
	ProjectConnectionID *string `json:"project_connection_id,omitempty"`
	IndexName           *string `json:"index_name,omitempty"`
	QueryType           *string `json:"query_type,omitempty"`
	TopK                *int64  `json:"top_k,omitempty"`
	Filter              *string `json:"filter,omitempty"`
	IndexAssetID        *string `json:"index_asset_id,omitempty"`
}

// BingGroundingTool is the bing_grounding tool's configuration (at most one search configuration).
type BingGroundingTool struct {
	SearchConfigurations []BingSearchConfiguration `json:"search_configurations"`
}

// BingSearchConfiguration is one search configuration of the bing_grounding tool.
type BingSearchConfiguration struct {
	ProjectConnectionID *string `json:"project_connection_id,omitempty"`
	Market              *string `json:"market,omitempty"`
	SetLang             *string `json:"set_lang,omitempty"`
	Count               *int64  `json:"count,omitempty"`
	Freshness           *string `json:"freshness,omitempty"`
}

// OpenAPITool is the openapi tool's configuration; Functions is read-only (derived from the spec by the service).
type OpenAPITool struct {
	Name        string          `json:"name"`
	Description *string         `json:"description,omitempty"`
	Spec        json.RawMessage `json:"spec,omitempty"`
	Auth        *OpenAPIAuth    `json:"auth,omitempty"`
	Functions   json.RawMessage `json:"functions,omitempty"`
}

// OpenAPIAuth is the openapi tool's auth: type anonymous, project_connection or managed_identity.
type OpenAPIAuth struct {
	Type           string                 `json:"type"`
	SecurityScheme *OpenAPISecurityScheme `json:"security_scheme,omitempty"`
}

// OpenAPISecurityScheme carries the connection (project_connection) or the audience (managed_identity).
type OpenAPISecurityScheme struct {
	ProjectConnectionID *string `json:"project_connection_id,omitempty"`
	Audience            *string `json:"audience,omitempty"`
}

// AgentDeleted is the body of a successful agent or agent version DELETE.
type AgentDeleted struct {
	Object  string `json:"object"`
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	Deleted bool   `json:"deleted"`
}

func (p *ProjectClient) agentURL(name string, rest ...string) string {
	u := p.endpoint + "/agents/" + url.PathEscape(name)
	for _, r := range rest {
		u += "/" + url.PathEscape(r)
	}
	return u
}

// GetAgent reads an agent with its latest version; 404 when there is none of that name.
func (p *ProjectClient) GetAgent(ctx context.Context, name string) (Agent, error) {
	var out Agent
	err := p.api.call(ctx, http.MethodGet, p.agentURL(name), nil, &out, http.StatusOK)
	return out, err
}

// CreateAgentVersion POSTs a new version of the agent name, creating the agent when it does not exist (the GA SDKs
// create agents this way). Every call adds a version, even with an unchanged definition.
func (p *ProjectClient) CreateAgentVersion(ctx context.Context, name string, body AgentVersionRequest) (AgentVersion, error) {
	var out AgentVersion
	err := p.api.call(ctx, http.MethodPost, p.agentURL(name, "versions"), body, &out, http.StatusOK, http.StatusCreated)
	return out, err
}

// getAgentVersion reads one version of an agent.
func (p *ProjectClient) getAgentVersion(ctx context.Context, name, version string) (AgentVersion, error) {
	var out AgentVersion
	err := p.api.call(ctx, http.MethodGet, p.agentURL(name, "versions", version), nil, &out, http.StatusOK)
	return out, err
}

// DeleteAgent deletes an agent and all its versions.
func (p *ProjectClient) DeleteAgent(ctx context.Context, name string) error {
	return p.api.call(ctx, http.MethodDelete, p.agentURL(name), nil, nil, http.StatusOK, http.StatusNoContent)
}

// DeleteAgentVersion deletes one version of an agent.
func (p *ProjectClient) DeleteAgentVersion(ctx context.Context, name, version string) error {
	return p.api.call(ctx, http.MethodDelete, p.agentURL(name, "versions", version), nil, nil, http.StatusOK, http.StatusNoContent)
}

// ListAgents lists every agent of the project (latest versions embedded), following the cursor.
func (p *ProjectClient) ListAgents(ctx context.Context) ([]Agent, error) {
	return cursorList[Agent](ctx, p.api, p.endpoint+"/agents", 100)
}

// ListAgentVersions lists every version of an agent, following the cursor.
func (p *ProjectClient) ListAgentVersions(ctx context.Context, name string) ([]AgentVersion, error) {
	return cursorList[AgentVersion](ctx, p.api, p.agentURL(name, "versions"), 100)
}

// ProbeAgents lists at most one agent: the cheapest call that proves the caller may read agents
// (data action Microsoft.CognitiveServices/accounts/AIServices/agents/read).
func (p *ProjectClient) ProbeAgents(ctx context.Context) error {
	var out cursorPage[json.RawMessage]
	return p.api.call(ctx, http.MethodGet, p.endpoint+"/agents?limit=1", nil, &out, http.StatusOK)
}

// cursorPage is the OpenAI list shape: {"data": [...], "first_id", "last_id", "has_more"}.
type cursorPage[T any] struct {
	Data    []T    `json:"data"`
	FirstID string `json:"first_id"`
	LastID  string `json:"last_id"`
	HasMore bool   `json:"has_more"`
}

// ErrCursorLoop is returned (wrapped) when a cursor-paged list would not advance.
var ErrCursorLoop = errors.New("the service's list cursor does not advance")

// cursorList GETs rawURL with limit and follows after=last_id while has_more is true. It stops with ErrCursorLoop
// instead of looping when has_more comes with an empty last_id or one already used (project-dataplane.md §4).
func cursorList[T any](ctx context.Context, r requester, rawURL string, limit int) ([]T, error) {
	var all []T
	seen := map[string]bool{}
	after := ""
	for {
		u, err := url.Parse(rawURL)
		if err != nil {
			return nil, err
		}
		q := u.Query()
		q.Set("limit", strconv.Itoa(limit))
		if after != "" {
			q.Set("after", after)
		}
		u.RawQuery = q.Encode()
		var page cursorPage[T]
		if err := r.call(ctx, http.MethodGet, u.String(), nil, &page, http.StatusOK); err != nil {
			return nil, err
		}
		all = append(all, page.Data...)
		if !page.HasMore {
			return all, nil
		}
		switch {
		case page.LastID == "":
			return nil, fmt.Errorf("listing %s: has_more is true but last_id is empty: %w", rawURL, ErrCursorLoop)
		case seen[page.LastID] || page.LastID == after:
			return nil, fmt.Errorf("listing %s: last_id %q was returned twice: %w", rawURL, page.LastID, ErrCursorLoop)
		}
		seen[page.LastID] = true
		after = page.LastID
	}
}

// ProjectAudience returns the token audience of project-endpoint calls (Options.ProjectAudience).
func (c *Client) ProjectAudience() string {
	return c.opts.ProjectAudience
}

// isPermissionDenied reports whether err is the data plane's 401 PermissionDenied: the caller's token is fine but
// it has no role with the data action (yet: new role assignments take minutes to reach the data plane). Matched on
// the error code, so the gateway's wrong-audience 401 is never mistaken for it.
func isPermissionDenied(err error) bool {
	return StatusCode(err) == http.StatusUnauthorized && strings.EqualFold(ErrorCode(err), "PermissionDenied")
}

// isTokenRejected reports whether err is a 401 other than PermissionDenied: the gateway rejected the token itself
// (missing, expired, or issued for another audience than the project endpoint's).
func isTokenRejected(err error) bool {
	return StatusCode(err) == http.StatusUnauthorized && !strings.EqualFold(ErrorCode(err), "PermissionDenied")
}

var dataActionPattern = regexp.MustCompile("(?i)data action `?([A-Za-z0-9./*_-]+)`?")

// DeniedDataAction returns the data action a PermissionDenied message names, or "".
func DeniedDataAction(err error) string {
	if m := dataActionPattern.FindStringSubmatch(ErrorMessage(err)); m != nil {
		return m[1]
	}
	return ""
}

// RetryPermissionDenied calls op until it succeeds or fails with something other than 401 PermissionDenied, bounded
// by ctx, on the provider's polling schedule (poll.NextDelay: a fifth of the time waited, 1 s to 30 s), so the end
// of role propagation is seen soon after it happens. onWait, when set, hears about each wait. When ctx ends, the
// last PermissionDenied error is returned, joined with the *poll.TimeoutError that says the wait ran out.
func RetryPermissionDenied(ctx context.Context, op func(context.Context) error, onWait func(attempt int, delay time.Duration, err error)) error {
	var last error
	err := poll.Until(ctx, func(ctx context.Context) (bool, error) {
		last = op(ctx)
		if isPermissionDenied(last) {
			return false, nil
		}
		return true, last
	}, func(attempt int, _, next time.Duration) {
		if onWait != nil {
			onWait(attempt, next, last)
		}
	})
	var te *poll.TimeoutError
	if errors.As(err, &te) && last != nil {
		return errors.Join(last, te) // still denied when ctx ended: the 401 says which data action is missing
	}
	return err
}

// AgentID identifies an agent for Terraform: the project's ARM ID and the agent name, written
// <project ID>/agents/<name>. It is not an ARM resource ID; agents live on the project's data plane.
type AgentID struct {
	ProjectID ProjectID
	Name      string
}

// ParseAgentID parses <project ID>/agents/<name>.
func ParseAgentID(s string) (AgentID, error) {
	i := strings.LastIndex(strings.ToLower(s), "/agents/")
	if i < 0 {
		return AgentID{}, fmt.Errorf("parsing %q as an agent ID: it has no /agents/ segment; expected <project ID>/agents/{agent}, for example %s/agents/agent1",
			s, projectShape.example)
	}
	pid, err := ParseProjectID(s[:i])
	if err != nil {
		return AgentID{}, fmt.Errorf("parsing %q as an agent ID: %w", s, err)
	}
	name := s[i+len("/agents/"):]
	if name == "" || strings.Contains(name, "/") {
		return AgentID{}, fmt.Errorf("parsing %q as an agent ID: the agent name %q is empty or contains /", s, name)
	}
	return AgentID{ProjectID: pid, Name: name}, nil
}

// String returns <project ID>/agents/<name>.
func (id AgentID) String() string {
	return id.ProjectID.String() + "/agents/" + id.Name
}

// DefinitionJSON returns the definition as the service returned it (re-encoded), for read-only display.
func (v AgentVersion) DefinitionJSON() string {
	if v.Definition == nil {
		return ""
	}
	b, err := json.Marshal(v.Definition)
	if err != nil {
		return ""
	}
	return string(b)
}

// JSONEqual reports whether a and b encode the same JSON value (ignoring whitespace and key order); invalid JSON
// compares as text.
func JSONEqual(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	xb, errX := json.Marshal(x)
	yb, errY := json.Marshal(y)
	return errX == nil && errY == nil && string(xb) == string(yb)
}

// CheckJSONObject returns why s is not a JSON object, or nil.
func CheckJSONObject(s string) error {
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return err
	}
	if m == nil {
		return errors.New("null is not an object")
	}
	return nil
}
