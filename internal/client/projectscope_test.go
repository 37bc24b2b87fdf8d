package client_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

func TestProject_listDeployments(t *testing.T) {
	next := projectEndpoint + "/deployments?api-version=v1&skip=1"
	tr := newTransport(t,
		reply(200, getProjectBody),
		reply(200, `{"value":[{"type":"ModelDeployment","name":"gpt","modelName":"gpt-4o","modelVersion":"2024-11-20",
		  "modelPublisher":"OpenAI","capabilities":{"chat_completion":"true"},"sku":{"name":"GlobalStandard","capacity":10},
		  "connectionName":"conn"}],"nextLink":"`+next+`"}`),
		reply(200, `{"value":[{"type":"ModelDeployment","name":"emb"}]}`),
	)
	c, cred := newClient(t, tr, func(o *client.Options) { o.UserAgent = "tf-test/1" })
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.Project(ctx, testProjectID())
	if err != nil {
		t.Fatal(err)
	}
	if p.Endpoint() != projectEndpoint || p.ID() != testProjectID() {
		t.Fatalf("Endpoint() = %q", p.Endpoint())
	}
	got, err := p.ListDeployments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ModelName != "gpt-4o" || got[0].SKU.Capacity != 10 || got[0].Capabilities["chat_completion"] != "true" ||
		got[0].ConnectionName != "conn" || got[1].Name != "emb" {
		t.Fatalf("got %s", mustJSON(t, got))
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, projectPath)
	if reqs[1].Method != http.MethodGet || reqs[1].URL != projectEndpoint+"/deployments?api-version=v1" {
		t.Errorf("first data-plane request = %s %s", reqs[1].Method, reqs[1].URL)
	}
	if reqs[2].URL != next {
		t.Errorf("nextLink not followed as given: %s", reqs[2].URL)
	}
	for _, r := range reqs[1:] {
		if r.Header.Get("Authorization") != "Bearer secret-test-token" || !strings.HasSuffix(r.Header.Get("User-Agent"), "tf-test/1") ||
			r.Header.Get("x-ms-correlation-request-id") != reqs[0].Header.Get("x-ms-correlation-request-id") {
			t.Errorf("data-plane headers: %v", r.Header)
		}
	}
	scopes := cred.requested()
	if len(scopes) != 2 || scopes[0] != "https://management.core.windows.net//.default" || scopes[1] != "https://ai.azure.com/.default" {
		t.Errorf("token scopes = %q; want ARM then https://ai.azure.com/.default", scopes)
	}
}

func TestProject_customAudience(t *testing.T) {
	tr := newTransport(t, reply(200, getProjectBody), reply(200, `{"value":[]}`))
	c, cred := newClient(t, tr, func(o *client.Options) { o.ProjectAudience = "https://ai.azure.us/" })
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.Project(ctx, testProjectID())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ListDeployments(ctx); err != nil {
		t.Fatal(err)
	}
	if s := cred.requested(); s[len(s)-1] != "https://ai.azure.us/.default" {
		t.Errorf("scopes = %q", s)
	}
}

func TestProject_missingEndpoint(t *testing.T) {
	tr := newTransport(t, reply(200, `{"name":"myProject","properties":{"provisioningState":"Succeeded","endpoints":{}}}`))
	c, _ := newClient(t, tr)
	_, err := c.Project(ctxTimeout(t, 10*time.Second), testProjectID())
	if err == nil || !strings.Contains(err.Error(), projectID) || !strings.Contains(err.Error(), "custom subdomain") {
		t.Fatalf("err = %v", err)
	}
}

func TestProject_gatewayUnauthorized(t *testing.T) {
	tr := newTransport(t, reply(200, getProjectBody),
		reply(401, `{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://ai.azure.com), or have expired."}`))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.Project(ctx, testProjectID())
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.ListDeployments(ctx)
	if client.StatusCode(err) != 401 || client.ErrorCode(err) != "" || !strings.HasPrefix(client.ErrorMessage(err), "Unauthorized. Access token") {
		t.Fatalf("err = %v", err)
	}
}
