package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	agentVersionBody = `{"object":"agent.version","id":"asst1:2","name":"helper","version":"2","description":"d","metadata":{"team":"a"},
	  "created_at":1767312000,"status":"active","definition":{"kind":"prompt","model":"gpt-4o","instructions":"be brief","temperature":0.5,
	  "top_p":1,"text":{"format":{"type":"json_schema","name":"out","schema":{"type":"object"},"strict":true}},
	  "tools":[{"type":"function","name":"f","parameters":{"type":"object"},"strict":false},
	    {"type":"code_interpreter","container":"cntr_1"},
	    {"type":"mcp","server_label":"gh","server_url":"https://mcp.example","require_approval":{"never":{"tool_names":["a"]}}},
	    {"type":"openapi","openapi":{"name":"weather","spec":{"openapi":"3.0.0"},"auth":{"type":"anonymous"},"functions":[{"name":"x"}]}}]}}`
	permissionDeniedBody = "{\"error\":{\"code\":\"PermissionDenied\",\"message\":\"The principal `p1` lacks the required data action " +
		"`Microsoft.CognitiveServices/accounts/AIServices/agents/write` to perform `POST /api/projects/{projectName}/agents/*` operation.\"}}"
	audienceBody = `{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://ai.azure.com), or have expired."}`
)

func projectClient(t *testing.T, tr *fakeTransport) (*client.ProjectClient, context.Context) {
	t.Helper()
	tr.script = append([]func(*http.Request) *http.Response{reply(200, getProjectBody)}, tr.script...)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.Project(ctx, testProjectID())
	if err != nil {
		t.Fatal(err)
	}
	return p, ctx
}

func TestAgent_createVersion(t *testing.T) {
	tr := newTransport(t, reply(200, agentVersionBody))
	p, ctx := projectClient(t, tr)
	got, err := p.CreateAgentVersion(ctx, "helper", client.AgentVersionRequest{
		Description: ptr("d"), Metadata: map[string]string{"team": "a"},
		Definition: client.AgentDefinition{Kind: "prompt", Model: "gpt-4o", Temperature: ptr(0.5),
			Text: &client.AgentText{Format: &client.AgentTextFormat{Type: "text"}}, Tools: []client.AgentTool{
				{Type: client.ToolCodeInterpreter, Container: &client.CodeInterpreterContainer{Type: "auto", FileIDs: []string{"f1"}}},
				{Type: client.ToolMCP, ServerLabel: ptr("gh"), RequireApproval: ptr(client.ApprovalPolicy("never"))},
				{Type: client.ToolAzureAISearch, AzureAISearch: &client.AzureAISearchTool{Indexes: []client.AzureAISearchIndex{{IndexName: ptr("i"), TopK: ptr(int64(5))}}}},
			}},
	})
	if err != nil {
		t.Fatal(err)
	}
	d := got.Definition
	if got.Version != "2" || got.CreatedAt != 1767312000 || d.Model != "gpt-4o" || *d.Temperature != 0.5 || string(d.Text.Format.Schema) != `{"type":"object"}` ||
		d.Tools[1].Container.ID != "cntr_1" || !strings.Contains(string(*d.Tools[2].RequireApproval), `"never"`) ||
		d.Tools[3].OpenAPI.Name != "weather" || string(d.Tools[3].OpenAPI.Spec) != `{"openapi":"3.0.0"}` {
		t.Fatalf("got %s", mustJSON(t, got))
	}
	r := tr.requests()[1]
	if r.Method != http.MethodPost || r.URL != projectEndpoint+"/agents/helper/versions?api-version=v1" {
		t.Errorf("request = %s %s", r.Method, r.URL)
	}
	want := `{"description":"d","metadata":{"team":"a"},"definition":{"kind":"prompt","model":"gpt-4o","temperature":0.5,` +
		`"text":{"format":{"type":"text"}},"tools":[{"type":"code_interpreter","container":{"type":"auto","file_ids":["f1"]}},` +
		`{"type":"mcp","server_label":"gh","require_approval":"never"},{"type":"azure_ai_search","azure_ai_search":{"indexes":[{"index_name":"i","top_k":5}]}}]}}`
	if r.Body != want {
		t.Errorf("body = %s\nwant   %s", r.Body, want)
	}
}

func TestAgent_getDeleteAndVersions(t *testing.T) {
	tr := newTransport(t,
		reply(200, `{"object":"agent","id":"asst1","name":"helper","state":"enabled","versions":{"latest":`+agentVersionBody+`}}`),
		reply(200, agentVersionBody),
		reply(200, `{"object":"agent.version.deleted","name":"helper","version":"1","deleted":true}`),
		reply(200, `{"object":"agent.deleted","name":"helper","deleted":true}`),
		reply(404, `{"error":{"code":"not_found","message":"Agent helper not found","type":"invalid_request_error"}}`),
	)
	p, ctx := projectClient(t, tr)
	a, err := p.GetAgent(ctx, "helper")
	if err != nil || a.Latest() == nil || a.Latest().Version != "2" || a.State != "enabled" {
		t.Fatalf("agent = %s, %v", mustJSON(t, a), err)
	}
	if v, err := p.GetAgentVersion(ctx, "helper", "2"); err != nil || v.Version != "2" {
		t.Fatalf("version = %v, %v", v, err)
	}
	if err := p.DeleteAgentVersion(ctx, "helper", "1"); err != nil {
		t.Fatal(err)
	}
	if err := p.DeleteAgent(ctx, "helper"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.GetAgent(ctx, "helper"); !client.IsNotFound(err) || client.ErrorCode(err) != "not_found" {
		t.Fatalf("err = %v", err)
	}
	reqs := tr.requests()
	for i, want := range []string{
		"GET /agents/helper", "GET /agents/helper/versions/2", "DELETE /agents/helper/versions/1", "DELETE /agents/helper", "GET /agents/helper",
	} {
		method, path, _ := strings.Cut(want, " ")
		if r := reqs[i+1]; r.Method != method || r.URL != projectEndpoint+path+"?api-version=v1" {
			t.Errorf("request %d = %s %s, want %s", i+1, r.Method, r.URL, want)
		}
	}
	if (client.Agent{}).Latest() != nil {
		t.Error("Latest of an agent without versions")
	}
}

func TestAgent_listCursor(t *testing.T) {
	tr := newTransport(t,
		reply(200, `{"data":[{"name":"a"},{"name":"b"}],"first_id":"a","last_id":"b","has_more":true}`),
		reply(200, `{"data":[{"name":"c"}],"first_id":"c","last_id":"c","has_more":false}`),
	)
	p, ctx := projectClient(t, tr)
	got, err := p.ListAgents(ctx)
	if err != nil || len(got) != 3 || got[2].Name != "c" {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
	reqs := tr.requests()
	if reqs[1].URL != projectEndpoint+"/agents?api-version=v1&limit=100" || reqs[2].URL != projectEndpoint+"/agents?after=b&api-version=v1&limit=100" {
		t.Errorf("urls = %s, %s", reqs[1].URL, reqs[2].URL)
	}
}

func TestAgent_listCursorGuard(t *testing.T) {
	cases := map[string][]func(*http.Request) *http.Response{
		"empty last_id": {reply(200, `{"data":[{"name":"a"}],"has_more":true}`)},
		"repeated last_id": {
			reply(200, `{"data":[{"name":"a"}],"last_id":"a","has_more":true}`),
			reply(200, `{"data":[{"name":"a"}],"last_id":"a","has_more":true}`),
		},
		"cycle": {
			reply(200, `{"data":[{"version":"1"}],"last_id":"1","has_more":true}`),
			reply(200, `{"data":[{"version":"2"}],"last_id":"2","has_more":true}`),
			reply(200, `{"data":[{"version":"1"}],"last_id":"1","has_more":true}`),
		},
	}
	for name, script := range cases {
		t.Run(name, func(t *testing.T) {
			tr := newTransport(t, script...)
			p, ctx := projectClient(t, tr)
			var err error
			if name == "cycle" {
				_, err = p.ListAgentVersions(ctx, "helper")
			} else {
				_, err = p.ListAgents(ctx)
			}
			if !errors.Is(err, client.ErrCursorLoop) {
				t.Fatalf("err = %v", err)
			}
			if n := len(tr.requests()); n != len(script)+1 {
				t.Errorf("%d requests, want %d", n, len(script)+1)
			}
		})
	}
}

func TestAgent_unauthorizedClassification(t *testing.T) {
	tr := newTransport(t, reply(401, permissionDeniedBody), reply(401, audienceBody), reply(403, `{"error":{"code":"PermissionDenied","message":"x"}}`))
	p, ctx := projectClient(t, tr)
	denied := p.ProbeAgents(ctx)
	audience := p.ProbeAgents(ctx)
	forbidden := p.ProbeAgents(ctx)
	if !client.IsPermissionDenied(denied) || client.IsTokenRejected(denied) {
		t.Errorf("PermissionDenied misclassified: %v", denied)
	}
	if got := client.DeniedDataAction(denied); got != "Microsoft.CognitiveServices/accounts/AIServices/agents/write" {
		t.Errorf("DeniedDataAction = %q", got)
	}
	if client.IsPermissionDenied(audience) || !client.IsTokenRejected(audience) || client.DeniedDataAction(audience) != "" {
		t.Errorf("audience 401 misclassified: %v", audience)
	}
	if client.IsPermissionDenied(forbidden) || client.IsTokenRejected(forbidden) {
		t.Errorf("403 misclassified: %v", forbidden)
	}
	if r := tr.requests()[1]; r.URL != projectEndpoint+"/agents?api-version=v1&limit=1" {
		t.Errorf("probe URL = %s", r.URL)
	}
}

func TestRetryPermissionDenied(t *testing.T) {
	tr := newTransport(t, reply(401, permissionDeniedBody), reply(401, permissionDeniedBody), reply(200, `{"data":[],"has_more":false}`),
		reply(401, audienceBody))
	p, ctx := projectClient(t, tr)
	var waits []int
	err := client.RetryPermissionDenied(ctx, p.ProbeAgents, func(attempt int, _ time.Duration, err error) {
		if !client.IsPermissionDenied(err) {
			t.Errorf("onWait got %v", err)
		}
		waits = append(waits, attempt)
	})
	if err != nil || len(waits) != 2 {
		t.Fatalf("err = %v, waits = %v", err, waits)
	}
	// The audience 401 is returned at once, never retried.
	if err := client.RetryPermissionDenied(ctx, p.ProbeAgents, nil); !client.IsTokenRejected(err) {
		t.Fatalf("err = %v", err)
	}
	// Bounded by the context: too little time left for the next wait returns the last PermissionDenied.
	tr.fallback = reply(401, permissionDeniedBody)
	short, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	start := time.Now()
	if err := client.RetryPermissionDenied(short, p.ProbeAgents, nil); !client.IsPermissionDenied(err) || time.Since(start) > 900*time.Millisecond {
		t.Fatalf("err = %v after %s", err, time.Since(start))
	}
}

func TestApprovalPolicyAndContainerJSON(t *testing.T) {
	var tool client.AgentTool
	if err := json.Unmarshal([]byte(`{"type":"mcp","require_approval":"always"}`), &tool); err != nil || *tool.RequireApproval != "always" {
		t.Fatalf("%v %v", tool.RequireApproval, err)
	}
	b, _ := json.Marshal(client.AgentTool{Type: "code_interpreter", Container: &client.CodeInterpreterContainer{ID: "c1"}})
	if string(b) != `{"type":"code_interpreter","container":"c1"}` {
		t.Errorf("marshal = %s", b)
	}
	b, _ = json.Marshal(client.AgentTool{Type: "mcp", RequireApproval: ptr(client.ApprovalPolicy(`{"never":{"tool_names":["x"]}}`))})
	if string(b) != `{"type":"mcp","require_approval":{"never":{"tool_names":["x"]}}}` {
		t.Errorf("marshal = %s", b)
	}
}

func TestProjectAudience(t *testing.T) {
	c, _ := newClient(t, newTransport(t))
	if c.ProjectAudience() != client.DefaultProjectAudience {
		t.Errorf("ProjectAudience() = %q", c.ProjectAudience())
	}
}

func TestParseAgentID(t *testing.T) {
	id, err := client.ParseAgentID(projectID + "/agents/helper")
	if err != nil || id.Name != "helper" || id.ProjectID != testProjectID() || id.String() != projectID+"/agents/helper" {
		t.Fatalf("got %+v, %v", id, err)
	}
	for _, bad := range []string{"helper", projectID, projectID + "/agents/", projectID + "/agents/a/b", accountID + "/agents/helper"} {
		if _, err := client.ParseAgentID(bad); err == nil {
			t.Errorf("ParseAgentID(%q) succeeded", bad)
		}
	}
}
