package client_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// The coalesced refresh (issue 18): siblings' reads share one list of every page; a child the list lacks is read with
// a GET before anyone calls it gone; a write under the parent drops the list; coalescing off reads each with a GET.
func TestReadDeployment_coalesced(t *testing.T) {
	next := armEndpoint + "/page2"
	page1 := `{"value":[{"name":"d1","properties":{"provisioningState":"Succeeded"}},{"name":"d2"}],"nextLink":"` + next + `"}`
	page2 := `{"value":[{"name":"D3"}]}`
	tr := newTransport(t,
		reply(200, page1), reply(200, page2), // the list, both pages, for d1, d2 and d3
		reply(404, `{"error":{"code":"DeploymentNotFound","message":"gone"}}`), // d4: not listed, so a GET
		reply(202, "", "Location", armEndpoint+"/op"), reply(200, ""),          // a delete under the account drops the list
		reply(200, page2), // the next read lists again
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	id := func(n string) client.DeploymentID { return client.NewDeploymentID(testAccountID(), n) }
	var wg sync.WaitGroup
	for _, n := range []string{"d1", "d2", "d3"} {
		wg.Go(func() {
			got, err := c.ReadDeployment(ctx, id(n))
			if err != nil || got.Name == nil || !strings.EqualFold(*got.Name, n) {
				t.Errorf("%s: %v, %v", n, got.Name, err)
			}
		})
	}
	wg.Wait()
	if _, err := c.ReadDeployment(ctx, id("d4")); !client.IsNotFound(err) {
		t.Fatalf("d4: %v", err)
	}
	p, err := c.BeginDeleteDeployment(ctx, id("d1"))
	if err == nil {
		_, err = client.Wait(ctx, c, p)
	}
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.ReadDeployment(ctx, id("d3")); err != nil || *got.Name != "D3" {
		t.Fatalf("d3 after the write: %v, %v", got, err)
	}
	reqs := tr.requests()
	if len(reqs) != 6 {
		t.Fatalf("%d requests, want the list (2 pages), a GET, the delete and its poll, the list again", len(reqs))
	}
	wantURL(t, reqs[0], http.MethodGet, accountPath+"/deployments")
	wantURL(t, reqs[2], http.MethodGet, accountPath+"/deployments/d4")
	wantURL(t, reqs[5], http.MethodGet, accountPath+"/deployments")
}

func TestReadDeployment_coalescingOff(t *testing.T) {
	tr := newTransport(t, reply(200, `{"name":"d1"}`), reply(200, `{"name":"d2"}`))
	c, _ := newClient(t, tr, func(o *client.Options) { o.CoalesceWindow = -1 })
	ctx := ctxTimeout(t, 10*time.Second)
	for _, n := range []string{"d1", "d2"} {
		if _, err := c.ReadDeployment(ctx, client.NewDeploymentID(testAccountID(), n)); err != nil {
			t.Fatal(err)
		}
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, accountPath+"/deployments/d1")
	wantURL(t, reqs[1], http.MethodGet, accountPath+"/deployments/d2")
}

// A list that fails is not kept: each read falls back to its GET.
func TestReadProject_listFails(t *testing.T) {
	tr := newTransport(t, reply(403, `{"error":{"code":"AuthorizationFailed","message":"no list"}}`), reply(200, `{"name":"p1"}`))
	c, _ := newClient(t, tr)
	got, err := c.ReadProject(ctxTimeout(t, 10*time.Second), client.NewProjectID(testAccountID(), "p1"))
	if err != nil || *got.Name != "p1" {
		t.Fatalf("%v, %v", got, err)
	}
	wantURL(t, tr.requests()[1], http.MethodGet, accountPath+"/projects/p1")
}

// Role assignments are read from the list at their scope ($filter=atScope(), the Authorization api-version); an item
// with the same name but another ID (a scope above) does not answer: the GET does.
func TestReadRoleAssignment_coalesced(t *testing.T) {
	id := client.NewRoleAssignmentID(accountID, assignmentGUID)
	other := "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleAssignments/" + otherGUID
	tr := newTransport(t,
		reply(200, `{"value":[{"id":"`+id.String()+`","name":"`+assignmentGUID+`","properties":{"principalId":"p"}},`+
			`{"id":"`+other+`","name":"`+otherGUID+`"}]}`),
		reply(200, `{"id":"`+accountID+`/providers/Microsoft.Authorization/roleAssignments/`+otherGUID+`","name":"`+otherGUID+`"}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := c.ReadRoleAssignment(ctx, id)
	if err != nil || got.Properties == nil || *got.Properties.PrincipalID != "p" {
		t.Fatalf("%+v, %v", got, err)
	}
	if _, err := c.ReadRoleAssignment(ctx, client.NewRoleAssignmentID(accountID, otherGUID)); err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	if len(reqs) != 2 || !strings.Contains(reqs[0].URL, "atScope") || !strings.Contains(reqs[0].URL, client.AuthorizationAPIVersion) {
		t.Fatalf("requests: %+v", reqs)
	}
	if !strings.Contains(reqs[1].URL, accountPath+"/providers/Microsoft.Authorization/roleAssignments/"+otherGUID) {
		t.Errorf("the fallback GET: %s", reqs[1].URL)
	}
}

const otherGUID = "99999999-8888-7777-6666-555555555555"
