package emulator_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

func TestProjects_UpdatesIdentityAndNonClearableText(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("prj", "eastus")
	p := acc + "/projects/p1"
	r := must(t, c.do(http.MethodPut, p, map[string]any{"location": "East US", "identity": map[string]any{"type": "SystemAssigned"},
		"properties": map[string]any{"displayName": "one", "description": "first"}}), http.StatusCreated)
	if r.header.Get("Location") != "" || r.header.Get("Retry-After") == "" || r.props()["provisioningState"] != "Accepted" {
		t.Fatalf("create: %v %s", r.header, r.raw)
	}
	must(t, c.settle(r), http.StatusOK)
	g := must(t, c.do(http.MethodGet, p, nil), http.StatusOK)
	principal := g.body["identity"].(map[string]any)["principalId"]
	internalID, _ := g.props()["internalId"].(string)
	if principal == nil || !hex32.MatchString(internalID) || g.props()["isDefault"] != true || g.body["location"] != "eastus" {
		t.Fatalf("project: %s", g.raw)
	}
	text := func() (any, any) {
		g := must(t, c.do(http.MethodGet, p, nil), http.StatusOK)
		if g.body["identity"].(map[string]any)["principalId"] != principal || g.props()["internalId"] != internalID {
			t.Fatalf("principalId/internalId changed: %s", g.raw)
		}
		return g.props()["displayName"], g.props()["description"]
	}
	// A PUT without the texts, a PUT with "" and a PATCH with null all keep them.
	up := must(t, c.do(http.MethodPut, p, map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}}), http.StatusOK)
	if up.header.Get("Location") != "" || up.header.Get("Retry-After") != "" || up.props()["provisioningState"] != "Accepted" { // 200: no headers
		t.Fatalf("update PUT: %v %s", up.header, up.raw)
	}
	c.settle(up)
	c.settle(must(t, c.do(http.MethodPut, p, map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"},
		"properties": map[string]any{"displayName": "", "description": ""}}), http.StatusOK))
	pa := must(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"displayName": nil, "description": ""}}), http.StatusAccepted)
	if pa.header.Get("Location") == "" || pa.header.Get("Retry-After") != "" { // Projects_Update declares only location on 202
		t.Fatalf("PATCH headers: %v", pa.header)
	}
	c.settle(pa)
	if dn, d := text(); dn != "one" || d != "first" {
		t.Fatalf("texts were cleared: %v %v", dn, d)
	}
	c.settle(must(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"displayName": "uno"}}), http.StatusAccepted))
	if dn, d := text(); dn != "uno" || d != "first" {
		t.Fatalf("texts after PATCH: %v %v", dn, d)
	}
	// User-assigned identities.
	uai := "/subscriptions/" + subID + "/resourceGroups/rg-foundry/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"
	p2 := c.create(acc+"/projects/p2", map[string]any{"location": "eastus", "identity": map[string]any{"type": "UserAssigned", "userAssignedIdentities": map[string]any{uai: map[string]any{}}}})
	ua := p2.body["identity"].(map[string]any)["userAssignedIdentities"].(map[string]any)[uai].(map[string]any)
	if ua["principalId"] == nil || ua["clientId"] == nil || p2.props()["isDefault"] != false {
		t.Fatalf("user-assigned project: %s", p2.raw)
	}
	e := mustErr(t, c.do(http.MethodPut, acc+"/projects/p3", map[string]any{"location": "westus"}), http.StatusBadRequest, "InvalidProjectLocation")
	if !strings.Contains(errMessage(e), "must match the location 'eastus'") {
		t.Fatalf("message: %s", e.raw)
	}
}

func TestProjects_DefaultProjectAndDelete(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("dflt", "eastus")
	c.create(acc+"/projects/first", map[string]any{"location": "eastus"})
	c.create(acc+"/projects/second", map[string]any{"location": "eastus"})
	a := must(t, c.do(http.MethodGet, acc, nil), http.StatusOK)
	if a.props()["defaultProject"] != "first" || len(a.props()["associatedProjects"].([]any)) != 2 {
		t.Fatalf("account: %s", a.raw)
	}
	e := mustErr(t, c.do(http.MethodDelete, acc+"/projects/first", nil), http.StatusConflict, "CannotDeleteDefaultProject")
	if !strings.Contains(errMessage(e), "is the default project of account 'dflt' and cannot be deleted while other projects exist (second)") {
		t.Fatalf("message: %s", e.raw)
	}
	// Deleting shows Deleting until the operation ends.
	srv.SetAsyncDuration(5 * time.Second)
	r := must(t, c.do(http.MethodDelete, acc+"/projects/second", nil), http.StatusAccepted)
	if r.header.Get("Location") == "" || len(r.raw) != 0 {
		t.Fatalf("DELETE: %v %q", r.header, r.raw)
	}
	if g := must(t, c.do(http.MethodGet, acc+"/projects/second", nil), http.StatusOK); g.props()["provisioningState"] != "Deleting" {
		t.Fatalf("during delete: %s", g.raw)
	}
	must(t, c.do(http.MethodGet, r.header.Get("Location"), nil), http.StatusAccepted)
	srv.AdvanceClock(6 * time.Second)
	must(t, c.do(http.MethodGet, r.header.Get("Location"), nil), http.StatusOK)
	mustErr(t, c.do(http.MethodGet, acc+"/projects/second", nil), http.StatusNotFound, "ResourceNotFound")
	srv.SetAsyncDuration(0)
	// The last project may go, default or not.
	c.remove(acc + "/projects/first")
	a = must(t, c.do(http.MethodGet, acc, nil), http.StatusOK)
	if _, ok := a.props()["associatedProjects"]; ok || a.props()["defaultProject"] != nil {
		t.Fatalf("account after deleting all projects: %s", a.raw)
	}
	if list := c.listAll(acc + "/projects"); len(list) != 0 {
		t.Fatalf("projects: %v", list)
	}
}
