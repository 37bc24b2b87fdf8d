package emulator_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

func TestSoftDeleteRestoreAndPurge(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "acct1")
	body := foundryAccount("acct1-sub")
	body["tags"] = map[string]any{"env": "test"}
	c.create(p, body)
	c.remove(p)
	mustErr(t, c.do(http.MethodGet, p, nil), http.StatusNotFound, "ResourceNotFound")

	delPath := "/subscriptions/" + subID + "/providers/Microsoft.CognitiveServices/locations/eastus/resourceGroups/rg-foundry/deletedAccounts/acct1"
	d := must(t, c.do(http.MethodGet, delPath, nil), http.StatusOK)
	if d.body["id"] != delPath || d.props()["deletionDate"] == nil || d.props()["scheduledPurgeDate"] == nil {
		t.Fatalf("deleted account: %s", d.raw)
	}
	del, _ := time.Parse(time.RFC3339, d.props()["deletionDate"].(string))
	purge, _ := time.Parse(time.RFC3339, d.props()["scheduledPurgeDate"].(string))
	if purge.Sub(del) != 48*time.Hour {
		t.Fatalf("purge date %v is not deletion + 48h (%v)", purge, del)
	}

	r := mustErr(t, c.do(http.MethodPut, p, foundryAccount("acct1-sub")), http.StatusConflict, "FlagMustBeSetForRestore")
	if !strings.Contains(r.body["error"].(map[string]any)["message"].(string), "has been soft-deleted") {
		t.Fatalf("message: %s", r.raw)
	}
	restore := foundryAccount("acct1-sub")
	restore["properties"].(map[string]any)["restore"] = true
	got := c.create(p, restore)
	if _, ok := got.props()["restore"]; ok {
		t.Fatal("restore must not be returned")
	}
	if got.body["tags"].(map[string]any)["env"] != "test" {
		t.Fatalf("restored account lost its properties: %s", got.raw)
	}
	mustErr(t, c.do(http.MethodGet, delPath, nil), http.StatusNotFound, "ResourceNotFound")

	// Restore without anything soft-deleted.
	restore2 := foundryAccount("other-sub")
	restore2["properties"].(map[string]any)["restore"] = true
	mustErr(t, c.do(http.MethodPut, accountPath("rg-foundry", "nothing"), restore2), http.StatusBadRequest, "SoftDeletedResourceNotFound")

	// Purge frees name and subdomain.
	c.remove(p)
	pr := must(t, c.do(http.MethodDelete, delPath, nil), http.StatusAccepted)
	must(t, c.settle(pr), http.StatusOK)
	mustErr(t, c.do(http.MethodGet, delPath, nil), http.StatusNotFound, "ResourceNotFound")
	c.create(p, foundryAccount("acct1-sub"))
}

func TestCustomDomainInUseAndImmutable(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	c.create(accountPath("rg-foundry", "a1"), foundryAccount("taken"))
	mustErr(t, c.do(http.MethodPut, accountPath("rg-other", "a2"), foundryAccount("TAKEN")), http.StatusConflict, "CustomDomainInUse")

	c.remove(accountPath("rg-foundry", "a1"))
	r := mustErr(t, c.do(http.MethodPut, accountPath("rg-other", "a2"), foundryAccount("taken")), http.StatusConflict, "CustomDomainInUse")
	if msg := r.body["error"].(map[string]any)["message"].(string); !strings.Contains(msg, "soft-deleted") || !strings.Contains(msg, "48 hours") {
		t.Fatalf("message does not mention the soft-delete window: %s", msg)
	}
	chk := must(t, c.do(http.MethodPost, "/subscriptions/"+subID+"/providers/Microsoft.CognitiveServices/checkDomainAvailability",
		map[string]any{"subdomainName": "taken", "type": "Microsoft.CognitiveServices/accounts"}), http.StatusOK)
	if chk.body["isSubdomainAvailable"] != false || chk.body["reason"] == nil {
		t.Fatalf("checkDomainAvailability: %s", chk.raw)
	}
	chk = must(t, c.do(http.MethodPost, "/subscriptions/"+subID+"/providers/Microsoft.CognitiveServices/checkDomainAvailability",
		map[string]any{"subdomainName": "free-name", "type": "Microsoft.CognitiveServices/accounts", "kind": "AIServices"}), http.StatusOK)
	if chk.body["isSubdomainAvailable"] != true || chk.body["kind"] != "AIServices" {
		t.Fatalf("checkDomainAvailability: %s", chk.raw)
	}

	c.create(accountPath("rg-other", "a3"), foundryAccount("mine"))
	mustErr(t, c.do(http.MethodPut, accountPath("rg-other", "a3"), foundryAccount("changed")), http.StatusBadRequest, "CustomSubDomainNameUpdateNotAllowed")
	mustErr(t, c.do(http.MethodPatch, accountPath("rg-other", "a3"), map[string]any{"properties": map[string]any{"customSubDomainName": "changed"}}),
		http.StatusBadRequest, "CustomSubDomainNameUpdateNotAllowed")
}

func TestParallelWritesUnderOneAccount(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := accountPath("rg-foundry", "busy")
	c.create(acc, foundryAccount("busy-sub"))
	srv.SetAsyncDuration(time.Hour)
	const n = 6
	results := make([]result, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = c.do(http.MethodPut, acc+"/deployments/d"+string(rune('a'+i)), map[string]any{
				"sku": map[string]any{"name": "Standard", "capacity": 1}, "properties": map[string]any{"model": map[string]any{"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"}},
			})
		}(i)
	}
	wg.Wait()
	ok := 0
	for _, r := range results {
		switch r.status {
		case http.StatusCreated:
			ok++
			if r.header.Get("Azure-AsyncOperation") == "" || r.props()["provisioningState"] != "Accepted" {
				t.Fatalf("deployment PUT: %v %s", r.header, r.raw)
			}
		default:
			mustErr(t, r, http.StatusConflict, "RequestConflict")
			if !strings.Contains(r.raw2(), "Another operation is being performed on the parent resource") {
				t.Fatalf("message: %s", r.raw)
			}
		}
	}
	if ok != 1 {
		t.Fatalf("%d writes succeeded, want exactly 1", ok)
	}
	// Account writes and project writes are blocked too, reads are not.
	mustErr(t, c.do(http.MethodPatch, acc, map[string]any{"tags": map[string]any{"a": "b"}}), http.StatusConflict, "RequestConflict")
	mustErr(t, c.do(http.MethodDelete, acc, nil), http.StatusConflict, "RequestConflict")
	must(t, c.do(http.MethodGet, acc, nil), http.StatusOK)
	srv.AdvanceClock(2 * time.Hour)
	mustErr(t, c.do(http.MethodGet, acc, nil), http.StatusUnauthorized, "ExpiredAuthenticationToken")
	c = newRaw(t, srv, armAud)
	must(t, c.do(http.MethodPatch, acc, map[string]any{"tags": map[string]any{"a": "b"}}), http.StatusAccepted)
}

func (r result) raw2() string { return string(r.raw) }

func TestListKeysAndRegenerate(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "keys")
	c.create(p, foundryAccount("keys-sub"))
	k1 := must(t, c.do(http.MethodPost, p+"/listKeys", nil), http.StatusOK)
	k2 := must(t, c.do(http.MethodPost, p+"/regenerateKey", map[string]any{"keyName": "Key2"}), http.StatusOK)
	if k1.body["key1"] != k2.body["key1"] || k1.body["key2"] == k2.body["key2"] {
		t.Fatalf("regenerateKey Key2 changed the wrong key: %s -> %s", k1.raw, k2.raw)
	}
	mustErr(t, c.do(http.MethodPost, p+"/regenerateKey", map[string]any{"keyName": "Key3"}), http.StatusBadRequest, "BadRequest")
	mustErr(t, c.do(http.MethodPost, p+"/regenerateKey", map[string]any{"keyName": "key1"}), http.StatusBadRequest, "BadRequest") // the enum is closed and case-sensitive
	r := must(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"disableLocalAuth": true}}), http.StatusAccepted)
	c.settle(r)
	e := mustErr(t, c.do(http.MethodPost, p+"/listKeys", nil), http.StatusBadRequest, "BadRequest")
	if !strings.Contains(e.raw2(), "disableLocalAuth is set to be true") {
		t.Fatalf("message: %s", e.raw)
	}
}

func TestAPIVersionAndRoutingErrors(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "xx")
	mustErr(t, c.do(http.MethodGet, srv.URL()+p, nil), http.StatusBadRequest, "MissingApiVersionParameter")
	r := mustErr(t, c.do(http.MethodGet, p+"?api-version=2023-05-01", nil), http.StatusBadRequest, "NoRegisteredProviderFound")
	if !strings.Contains(r.raw2(), "2026-09-01") || !strings.Contains(r.raw2(), "for type 'accounts'") {
		t.Fatalf("message does not list supported versions or name the type: %s", r.raw)
	}
	r = mustErr(t, c.do(http.MethodGet, "/subscriptions/"+subID+"/providers/Microsoft.CognitiveServices/locations/eastus/models?api-version=2023-05-01", nil),
		http.StatusBadRequest, "NoRegisteredProviderFound")
	if !strings.Contains(r.raw2(), "for type 'locations/models'") {
		t.Fatalf("the subscription-scope type: %s", r.raw)
	}
	mustErr(t, c.do(http.MethodGet, "/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/x", nil), http.StatusNotFound, "SubscriptionNotFound")
	mustErr(t, c.do(http.MethodGet, accountPath("nope", "x"), nil), http.StatusNotFound, "ResourceGroupNotFound")
	nf := mustErr(t, c.do(http.MethodGet, p, nil), http.StatusNotFound, "ResourceNotFound")
	if !strings.Contains(nf.raw2(), "The Resource 'Microsoft.CognitiveServices/accounts/xx' under resource group 'rg-foundry' was not found.") {
		t.Fatalf("message: %s", nf.raw)
	}
	mustErr(t, c.do(http.MethodGet, p+"/projects/pp", nil), http.StatusNotFound, "ParentResourceNotFound")
	mustErr(t, c.do(http.MethodPut, p+"/projects/pp", map[string]any{"location": "eastus"}), http.StatusNotFound, "ParentResourceNotFound")
	mustErr(t, c.do(http.MethodPatch, p, map[string]any{}), http.StatusNotFound, "ResourceNotFound")
	must(t, c.do(http.MethodDelete, p, nil), http.StatusNoContent)
	mustErr(t, c.do(http.MethodPut, p, "{not json"), http.StatusBadRequest, "InvalidRequestContent")

	// Headers on every response.
	h := c.do(http.MethodGet, p, nil, "x-ms-client-request-id", "abc", "x-ms-return-client-request-id", "true", "x-ms-correlation-request-id", "corr-1")
	if h.header.Get("x-ms-request-id") == "" || h.header.Get("Date") == "" || h.header.Get("x-ms-client-request-id") != "abc" ||
		h.header.Get("x-ms-correlation-request-id") != "corr-1" || !strings.HasPrefix(h.header.Get("Content-Type"), "application/json") {
		t.Fatalf("headers: %v", h.header)
	}
	// No token at all.
	c2 := newRaw(t, srv, armAud)
	c2.token = ""
	mustErr(t, c2.do(http.MethodGet, p, nil), http.StatusUnauthorized, "AuthenticationFailed")
	c2.token = c.token[:len(c.token)-4] + "AAAA"
	mustErr(t, c2.do(http.MethodGet, p, nil), http.StatusUnauthorized, "InvalidAuthenticationToken")
}

func TestAccountValidation(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "vv")
	with := func(mut func(m map[string]any)) map[string]any {
		b := foundryAccount("v-sub")
		mut(b)
		return b
	}
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { delete(m, "location") })), http.StatusBadRequest, "LocationRequired")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { m["location"] = "moon" })), http.StatusBadRequest, "LocationNotAvailableForResourceType")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { m["location"] = "global" })), http.StatusBadRequest, "LocationNotAvailableForResourceType")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { delete(m, "kind") })), http.StatusBadRequest, "KindRequired")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { m["kind"] = "NoSuchKind" })), http.StatusBadRequest, "InvalidApiSetId")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { m["kind"] = "Emotion" })), http.StatusBadRequest, "ApiSetDisabledForCreation")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { m["sku"] = map[string]any{"name": "S9"} })), http.StatusBadRequest, "InvalidSkuName")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { m["identity"] = map[string]any{"type": "Magic"} })), http.StatusBadRequest, "BadRequest")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { delete(m, "identity") })), http.StatusBadRequest, "IdentityRequired")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { delete(m["properties"].(map[string]any), "customSubDomainName") })), http.StatusBadRequest, "CustomSubDomainNameRequired")
	mustErr(t, c.do(http.MethodPut, p, map[string]any{"location": "eastus", "kind": "AIServices", "sku": map[string]any{"name": "S0"},
		"properties": map[string]any{"networkAcls": map[string]any{"defaultAction": "Deny"}}}), http.StatusBadRequest, "CustomSubDomainNameRequired")

	uai := "/subscriptions/" + subID + "/resourceGroups/rg-foundry/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"
	got := c.create(p, with(func(m map[string]any) {
		m["location"] = "East US"
		m["identity"] = map[string]any{"type": "SystemAssigned, UserAssigned", "userAssignedIdentities": map[string]any{uai: map[string]any{}}}
	}))
	id := got.body["identity"].(map[string]any)
	ua := id["userAssignedIdentities"].(map[string]any)[uai].(map[string]any)
	if id["principalId"] == nil || id["tenantId"] != srv.TenantID() || ua["principalId"] == nil || ua["clientId"] == nil {
		t.Fatalf("identity: %v", id)
	}
	if got.body["location"] != "eastus" || got.props()["endpoint"] != srv.URL()+"/cs/v-sub/" ||
		got.props()["endpoints"].(map[string]any)["AI Foundry API"] != srv.URL()+"/ai/v-sub/" || len(got.props()["internalId"].(string)) != 32 {
		t.Fatalf("computed fields: %s", got.raw)
	}
	mustErr(t, c.do(http.MethodPatch, p, map[string]any{"location": "westus"}), http.StatusBadRequest, "InvalidResourceLocation")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { m["kind"] = "OpenAI" })), http.StatusBadRequest, "UpdateKindNotAllowed")
	mustErr(t, c.do(http.MethodPut, p, with(func(m map[string]any) { m["properties"].(map[string]any)["provisioningState"] = "Creating" })), http.StatusBadRequest, "InvalidProvisioningState")

	// PATCH merges properties and replaces tags.
	c.settle(must(t, c.do(http.MethodPatch, p, map[string]any{"tags": map[string]any{"a": "1"}}), http.StatusAccepted))
	c.settle(must(t, c.do(http.MethodPatch, p, map[string]any{"tags": map[string]any{"b": "2"}, "properties": map[string]any{"publicNetworkAccess": "Disabled"}}), http.StatusAccepted))
	g := must(t, c.do(http.MethodGet, p, nil), http.StatusOK)
	if tags := g.body["tags"].(map[string]any); len(tags) != 1 || tags["b"] != "2" || g.props()["publicNetworkAccess"] != "Disabled" || g.props()["allowProjectManagement"] != true {
		t.Fatalf("after PATCH: %s", g.raw)
	}
}

func TestProjectsAndDataPlane(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := accountPath("rg-foundry", "proj")
	c.create(accountPath("rg-foundry", "plain"), map[string]any{"location": "eastus", "kind": "AIServices", "sku": map[string]any{"name": "S0"}})
	mustErr(t, c.do(http.MethodPut, accountPath("rg-foundry", "plain")+"/projects/p0", map[string]any{"location": "eastus"}), http.StatusBadRequest, "ProjectManagementNotAllowed")
	c.create(acc, foundryAccount("Proj-Sub"))
	mustErr(t, c.do(http.MethodPut, acc+"/projects/p1", map[string]any{"location": "westus"}), http.StatusBadRequest, "InvalidProjectLocation")
	p1 := c.create(acc+"/projects/p1", map[string]any{"location": "eastus", "properties": map[string]any{"displayName": "one"}})
	p2 := c.create(acc+"/projects/P2", map[string]any{"location": "eastus"})
	if p1.props()["isDefault"] != true || p2.props()["isDefault"] != false {
		t.Fatalf("isDefault: %v %v", p1.props()["isDefault"], p2.props()["isDefault"])
	}
	if ep := p1.props()["endpoints"].(map[string]any)["AI Foundry API"]; ep != srv.URL()+"/ai/proj-sub/api/projects/p1" {
		t.Fatalf("project endpoint %v", ep)
	}
	a := must(t, c.do(http.MethodGet, acc, nil), http.StatusOK)
	if a.props()["defaultProject"] != "p1" || len(a.props()["associatedProjects"].([]any)) != 2 {
		t.Fatalf("account projects: %s", a.raw)
	}
	list := must(t, c.do(http.MethodGet, acc+"/projects", nil), http.StatusOK)
	if len(list.body["value"].([]any)) != 2 {
		t.Fatalf("list: %s", list.raw)
	}

	dp := newRaw(t, srv, "https://ai.azure.com/")
	nf := must(t, dp.do(http.MethodGet, srv.URL()+"/ai/proj-sub/api/projects/nope/deployments?api-version=v1", nil), http.StatusNotFound)
	if nf.errCode() != "NotFound" || !strings.Contains(nf.raw2(), "The project does not exist.") {
		t.Fatalf("unknown project: %s", nf.raw)
	}
	must(t, dp.do(http.MethodGet, srv.URL()+"/ai/proj-sub/api/projects/p1/deployments?api-version=2024-01-01", nil), http.StatusBadRequest)
	empty := must(t, dp.do(http.MethodGet, srv.URL()+"/ai/proj-sub/api/projects/_project/deployments?api-version=2025-05-01", nil), http.StatusOK)
	if v := empty.body["value"].([]any); len(v) != 0 {
		t.Fatalf("deployments: %s", empty.raw)
	}

	// Account DELETE cascades to its projects.
	c.remove(acc)
	mustErr(t, c.do(http.MethodGet, acc+"/projects/p1", nil), http.StatusNotFound, "ParentResourceNotFound")
}
