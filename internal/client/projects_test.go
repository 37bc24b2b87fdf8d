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
