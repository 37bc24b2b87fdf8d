package client_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	projectPath     = accountPath + "/projects/myProject"
	projectEndpoint = "https://mysub.services.ai.azure.com/api/projects/myProject"
	getProjectBody  = `{"id":"` + projectID + `","name":"myProject","type":"Microsoft.CognitiveServices/accounts/projects",
	  "location":"westus","identity":{"type":"SystemAssigned","principalId":"pp"},
	  "properties":{"provisioningState":"Succeeded","displayName":"My project","description":"d","isDefault":true,
	    "endpoints":{"AI Foundry API":"` + projectEndpoint + `"}}}`
)

func testProjectID() client.ProjectID {
	return client.NewProjectID(testAccountID(), "myProject")
}

func TestGetProject(t *testing.T) {
	tr := newTransport(t, reply(200, getProjectBody))
	c, _ := newClient(t, tr)
	got, err := c.GetProject(ctxTimeout(t, 10*time.Second), testProjectID())
	if err != nil {
		t.Fatal(err)
	}
	wantURL(t, tr.requests()[0], http.MethodGet, projectPath)
	if *got.Properties.DisplayName != "My project" || !*got.Properties.IsDefault ||
		got.Properties.Endpoints[client.ProjectEndpointKey] != projectEndpoint || *got.Identity.PrincipalID != "pp" {
		t.Errorf("decoded project is wrong: %s", mustJSON(t, got))
	}
}

func TestBeginCreateOrUpdateProject(t *testing.T) {
	tr := newTransport(t,
		reply(202, "", "Location", armEndpoint+"/op", "Retry-After", "0"),
		reply(200, ""),
		reply(200, getProjectBody),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	var in client.Project
	mustUnmarshal(t, getProjectBody, &in)
	p, err := c.BeginCreateOrUpdateProject(ctx, testProjectID(), in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil || *got.Name != "myProject" {
		t.Fatalf("got %+v, %v", got, err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodPut, projectPath)
	want := `{"location":"westus","identity":{"type":"SystemAssigned"},"properties":{"displayName":"My project","description":"d"}}`
	if reqs[0].Body != want {
		t.Errorf("PUT body = %s\nwant        %s", reqs[0].Body, want)
	}
}

func TestBeginUpdateProject(t *testing.T) {
	poll := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationResults/op3?api-version=" + client.APIVersion
	tr := newTransport(t,
		reply(202, "", "Location", poll, "Retry-After", "0"),
		reply(202, "", "Location", poll),
		reply(200, ""),
		reply(200, getProjectBody),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	body := client.Project{Tags: map[string]string{}, Properties: &client.ProjectProperties{Description: ptr("new description."),
		IsDefault: ptr(true), InternalID: ptr("0123456789abcdef0123456789abcdef")}}
	p, err := c.BeginUpdateProject(ctx, testProjectID(), body)
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil {
		t.Fatal(err)
	}
	if *got.ID != projectID {
		t.Errorf("result is not the project read after the operation: %s", mustJSON(t, got))
	}
	reqs := tr.requests()
	if len(reqs) != 4 {
		t.Fatalf("%d requests, want PATCH, 2 polls, GET", len(reqs))
	}
	wantURL(t, reqs[0], http.MethodPatch, projectPath)
	if reqs[0].Body != `{"tags":{},"properties":{"description":"new description."}}` {
		t.Errorf("PATCH body = %s", reqs[0].Body)
	}
	if reqs[1].URL != poll || reqs[2].URL != poll {
		t.Errorf("polls went to %s, %s; want %s", reqs[1].URL, reqs[2].URL, poll)
	}
	wantURL(t, reqs[3], http.MethodGet, projectPath)
}

func TestBeginUpdateProject_failed(t *testing.T) {
	tr := newTransport(t,
		reply(202, "", "Location", armEndpoint+"/op"),
		reply(400, `{"error":{"code":"InvalidData","message":"The description cannot be cleared."}}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginUpdateProject(ctx, testProjectID(), client.Project{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); client.ErrorCode(err) != "InvalidData" || len(tr.requests()) != 2 {
		t.Fatalf("err = %v", err)
	}
}

func TestProject_internalID(t *testing.T) {
	tr := newTransport(t, reply(200, `{"name":"p","properties":{"internalId":"0123456789abcdef0123456789abcdef"}}`))
	c, _ := newClient(t, tr)
	got, err := c.GetProject(ctxTimeout(t, 10*time.Second), testProjectID())
	if err != nil || got.Properties.InternalID == nil || *got.Properties.InternalID != "0123456789abcdef0123456789abcdef" {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
}

func TestBeginDeleteProject(t *testing.T) {
	tr := newTransport(t, reply(202, "", "Location", armEndpoint+"/op"), reply(204, ""))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginDeleteProject(ctx, testProjectID())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); err != nil {
		t.Fatal(err)
	}
	wantURL(t, tr.requests()[0], http.MethodDelete, projectPath)
}

func TestDeletedAccounts(t *testing.T) {
	deletedPath := "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/resourceGroups/myRG/deletedAccounts/myAccount"
	deleted := `{"id":"` + deletedPath + `","name":"myAccount","location":"westus",
	  "properties":{"deletionDate":"2026-01-01T00:00:00Z","scheduledPurgeDate":"2026-01-03T00:00:00Z"}}`
	tr := newTransport(t,
		reply(200, deleted),
		reply(200, `{"value":[`+deleted+`]}`),
		reply(202, "", "Location", armEndpoint+"/op"),
		reply(200, ""),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	id := testAccountID().Deleted("westus")
	got, err := c.GetDeletedAccount(ctx, id)
	if err != nil || *got.Properties.ScheduledPurgeDate != "2026-01-03T00:00:00Z" {
		t.Fatalf("GetDeletedAccount = %+v, %v", got, err)
	}
	all, err := c.ListDeletedAccounts(ctx, sub)
	if err != nil || len(all) != 1 {
		t.Fatalf("ListDeletedAccounts = %+v, %v", all, err)
	}
	if parsed, err := client.ParseDeletedAccountID(*all[0].ID); err != nil || parsed != id {
		t.Errorf("listed ID %q parses to %+v, %v", *all[0].ID, parsed, err)
	}
	p, err := c.BeginPurgeDeletedAccount(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, deletedPath)
	wantURL(t, reqs[1], http.MethodGet, "/subscriptions/"+sub+"/providers/Microsoft.CognitiveServices/deletedAccounts")
	wantURL(t, reqs[2], http.MethodDelete, deletedPath)
	if !strings.HasSuffix(reqs[3].URL, "/op") {
		t.Errorf("purge poll = %s", reqs[3].URL)
	}
}

func mustUnmarshal(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatal(err)
	}
}
