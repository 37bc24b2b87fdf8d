package emulator_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const (
	authzVersion = "2022-04-01"
	subScope     = "/subscriptions/" + subID
	foundryUser  = emulator.RoleFoundryUser
)

func roleDefPath(scope, guid string) string {
	return strings.TrimSuffix(scope, "/") + "/providers/Microsoft.Authorization/roleDefinitions/" + guid + "?api-version=" + authzVersion
}

func assignmentPath(scope, name string) string {
	return scope + "/providers/Microsoft.Authorization/roleAssignments/" + name + "?api-version=" + authzVersion
}

func assignmentBody(role, principal string, extra ...string) map[string]any {
	p := map[string]any{"roleDefinitionId": subScope + "/providers/Microsoft.Authorization/roleDefinitions/" + role, "principalId": principal}
	for i := 0; i+1 < len(extra); i += 2 {
		p[extra[i]] = extra[i+1]
	}
	return map[string]any{"properties": p}
}

func permissions(r map[string]any) map[string]any {
	return r["properties"].(map[string]any)["permissions"].([]any)[0].(map[string]any)
}

func TestRoleDefinitions_ByIDAndNameAtAnyScope(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := accountPath("rg-foundry", "roles")
	// Built-ins resolve at every scope, with the subscription form of the ID (tenant form at the root).
	for _, scope := range []string{subScope, subScope + "/resourceGroups/rg-foundry", acc + "/projects/p", ""} {
		r := must(t, c.do(http.MethodGet, roleDefPath(scope, foundryUser), nil), http.StatusOK)
		want := subScope + "/providers/Microsoft.Authorization/roleDefinitions/" + foundryUser
		if scope == "" {
			want = "/providers/Microsoft.Authorization/roleDefinitions/" + foundryUser
		}
		if r.body["id"] != want || r.props()["roleName"] != "Foundry User" || r.props()["type"] != "BuiltInRole" {
			t.Fatalf("scope %q: %s", scope, r.raw)
		}
		if da := permissions(r.body)["dataActions"].([]any); len(da) != 1 || da[0] != "Microsoft.CognitiveServices/*" {
			t.Fatalf("Foundry User dataActions: %v", da)
		}
	}
	owner := must(t, c.do(http.MethodGet, roleDefPath(subScope, emulator.RoleFoundryAccountOwner), nil), http.StatusOK)
	if owner.props()["roleName"] != "Foundry Account Owner" || len(permissions(owner.body)["dataActions"].([]any)) != 0 {
		t.Fatalf("Foundry Account Owner: %s", owner.raw)
	}
	dev := must(t, c.do(http.MethodGet, roleDefPath(subScope, emulator.RoleAzureAIDeveloper), nil), http.StatusOK)
	for _, a := range permissions(dev.body)["dataActions"].([]any) {
		if strings.Contains(a.(string), "AIServices") || a == "Microsoft.CognitiveServices/*" {
			t.Fatalf("Azure AI Developer grants agents: %v", a)
		}
	}
	for _, guid := range []string{emulator.RoleOwner, emulator.RoleContributor, emulator.RoleKeyVaultCryptoServiceEncryptionUser, emulator.RoleSearchServiceContributor} {
		must(t, c.do(http.MethodGet, roleDefPath(subScope, guid), nil), http.StatusOK)
	}
	mustErr(t, c.do(http.MethodGet, roleDefPath(subScope, "00000000-0000-0000-0000-00000000dead"), nil), http.StatusNotFound, "RoleDefinitionDoesNotExist")

	// Lists by current name (any accepted api-version); former names match nothing.
	list := func(scope, filter, version string) []any {
		r := must(t, c.do(http.MethodGet, scope+"/providers/Microsoft.Authorization/roleDefinitions?api-version="+version+"&$filter="+
			strings.ReplaceAll(filter, " ", "%20"), nil), http.StatusOK)
		return r.body["value"].([]any)
	}
	for _, v := range []string{"2022-04-01", "2022-05-01-preview", "2020-04-01-preview"} {
		got := list(subScope+"/resourceGroups/rg-foundry", "roleName eq 'Foundry User'", v)
		if len(got) != 1 || got[0].(map[string]any)["name"] != foundryUser {
			t.Fatalf("%s: %v", v, got)
		}
	}
	if got := list(subScope, "roleName eq 'Azure AI User'", authzVersion); len(got) != 0 {
		t.Fatalf("former name matched: %v", got)
	}
	if got := list(subScope, "roleName eq 'Azure AI Developer'", authzVersion); len(got) != 1 || got[0].(map[string]any)["name"] != emulator.RoleAzureAIDeveloper {
		t.Fatalf("Azure AI Developer: %v", got)
	}
	mustErr(t, c.do(http.MethodGet, subScope+"/providers/Microsoft.Authorization/roleDefinitions?api-version=2019-01-01", nil), http.StatusBadRequest, "NoRegisteredProviderFound")
	mustErr(t, c.do(http.MethodGet, subScope+"/providers/Microsoft.Authorization/roleAssignments?api-version=2022-05-01-preview", nil),
		http.StatusBadRequest, "NoRegisteredProviderFound")
}

func TestRoleAssignments_Lifecycle(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("ra", "eastus")
	proj := acc + "/projects/pp"
	c.create(proj, map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}})
	name := "0c1b2a3d-1111-4222-8333-444455556666"
	body := assignmentBody(foundryUser, emulator.DefaultObjectID, "principalType", "ServicePrincipal", "description", "ci")

	r := must(t, c.do(http.MethodPut, assignmentPath(acc, name), body), http.StatusCreated)
	p := r.props()
	if r.body["id"] != acc+"/providers/Microsoft.Authorization/roleAssignments/"+name || r.body["type"] != "Microsoft.Authorization/roleAssignments" ||
		p["scope"] != acc || p["principalId"] != emulator.DefaultObjectID || p["principalType"] != "ServicePrincipal" ||
		p["roleDefinitionId"] != subScope+"/providers/Microsoft.Authorization/roleDefinitions/"+foundryUser || p["createdOn"] == nil || p["description"] != "ci" {
		t.Fatalf("create: %s", r.raw)
	}
	// The same body again is an idempotent 200; description may change.
	body2 := assignmentBody(foundryUser, emulator.DefaultObjectID, "principalType", "ServicePrincipal", "description", "changed")
	if r := must(t, c.do(http.MethodPut, assignmentPath(acc, name), body2), http.StatusOK); r.props()["description"] != "changed" {
		t.Fatalf("update: %s", r.raw)
	}
	// The same trio under another name.
	e := mustErr(t, c.do(http.MethodPut, assignmentPath(acc, "9c1b2a3d-1111-4222-8333-444455556666"), body), http.StatusConflict, "RoleAssignmentExists")
	if !strings.Contains(errMessage(e), "The ID of the existing role assignment is 0c1b2a3d111142228333444455556666.") {
		t.Fatalf("message: %s", e.raw)
	}
	// Changing role or principal of an existing name, or reusing the name at another scope.
	mustErr(t, c.do(http.MethodPut, assignmentPath(acc, name), assignmentBody(emulator.RoleCognitiveServicesUser, emulator.DefaultObjectID)), http.StatusBadRequest, "RoleAssignmentUpdateNotPermitted")
	mustErr(t, c.do(http.MethodPut, assignmentPath(proj, name), body), http.StatusBadRequest, "RoleAssignmentUpdateNotPermitted")
	// Request validation.
	mustErr(t, c.do(http.MethodPut, assignmentPath(acc, "not-a-guid"), body), http.StatusBadRequest, "InvalidRoleAssignmentId")
	mustErr(t, c.do(http.MethodPut, assignmentPath(acc, "1c1b2a3d-1111-4222-8333-444455556666"), map[string]any{"properties": map[string]any{"principalId": emulator.DefaultObjectID}}),
		http.StatusBadRequest, "InvalidRequestContent")
	mustErr(t, c.do(http.MethodPut, assignmentPath(acc, "1c1b2a3d-1111-4222-8333-444455556666"), assignmentBody("00000000-0000-0000-0000-00000000dead", emulator.DefaultObjectID)),
		http.StatusBadRequest, "RoleDefinitionDoesNotExist")
	e = mustErr(t, c.do(http.MethodPut, assignmentPath(acc, "1c1b2a3d-1111-4222-8333-444455556666"), assignmentBody(foundryUser, "44444444-4444-4444-4444-444444444444", "principalType", "ServicePrincipal")),
		http.StatusBadRequest, "PrincipalNotFound")
	if !strings.Contains(errMessage(e), "does not exist in the directory "+emulator.DefaultTenantID) {
		t.Fatalf("message: %s", e.raw)
	}
	mustErr(t, c.do(http.MethodPut, assignmentPath(acc, "1c1b2a3d-1111-4222-8333-444455556666"), assignmentBody(emulator.RoleCognitiveServicesUser, emulator.DefaultObjectID, "principalType", "User")),
		http.StatusBadRequest, "UnmatchedPrincipalType")
	mustErr(t, c.do(http.MethodPut, assignmentPath(accountPath("rg-foundry", "nope"), "1c1b2a3d-1111-4222-8333-444455556666"), body), http.StatusNotFound, "ResourceNotFound")
	mustErr(t, c.do(http.MethodPut, assignmentPath(subScope+"/resourceGroups/rg-nope", "1c1b2a3d-1111-4222-8333-444455556666"), body), http.StatusNotFound, "ResourceGroupNotFound")

	// The project's system-assigned identity is a known principal; principalType may be omitted (filled in).
	pid := must(t, c.do(http.MethodGet, proj, nil), http.StatusOK).body["identity"].(map[string]any)["principalId"].(string)
	mi := "2c1b2a3d-1111-4222-8333-444455556666"
	if r := must(t, c.do(http.MethodPut, assignmentPath(acc, mi), assignmentBody(foundryUser, pid)), http.StatusCreated); r.props()["principalType"] != "ServicePrincipal" {
		t.Fatalf("MI assignment: %s", r.raw)
	}
	rgAssign := "3c1b2a3d-1111-4222-8333-444455556666"
	must(t, c.do(http.MethodPut, assignmentPath(subScope+"/resourceGroups/rg-foundry", rgAssign), assignmentBody(emulator.RoleCognitiveServicesUser, emulator.DefaultObjectID)), http.StatusCreated)

	names := func(path string) []string {
		var out []string
		for _, it := range c.listAll(path) {
			out = append(out, it["name"].(string))
		}
		return out
	}
	list := func(scope, filter string) []string {
		u := scope + "/providers/Microsoft.Authorization/roleAssignments?api-version=" + authzVersion
		if filter != "" {
			u += "&$filter=" + strings.ReplaceAll(strings.ReplaceAll(filter, " ", "%20"), "'", "%27")
		}
		return names(u)
	}
	eq := func(got []string, want ...string) {
		t.Helper()
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	// atScope(): at and above the scope; no filter: also below; principalId: that principal everywhere related.
	eq(list(proj, "atScope()"), name, mi, rgAssign)
	eq(list(subScope+"/resourceGroups/rg-foundry", "atScope()"), rgAssign)
	eq(list(subScope+"/resourceGroups/rg-foundry", ""), name, mi, rgAssign)
	eq(list(subScope, "principalId eq '"+pid+"'"), mi)
	eq(list(acc, "atScope() and principalId eq '"+emulator.DefaultObjectID+"'"), name, rgAssign)
	mustErr(t, c.do(http.MethodGet, subScope+"/providers/Microsoft.Authorization/roleAssignments?api-version="+authzVersion+"&$filter=roleName%20eq%20%27x%27", nil),
		http.StatusBadRequest, "UnsupportedQuery")

	// GET, DELETE (200 with the body, then 204), GET 404.
	must(t, c.do(http.MethodGet, assignmentPath(acc, name), nil), http.StatusOK)
	mustErr(t, c.do(http.MethodGet, assignmentPath(proj, name), nil), http.StatusNotFound, "RoleAssignmentNotFound")
	if d := must(t, c.do(http.MethodDelete, assignmentPath(acc, name), nil), http.StatusOK); d.body["name"] != name {
		t.Fatalf("delete: %s", d.raw)
	}
	must(t, c.do(http.MethodDelete, assignmentPath(acc, name), nil), http.StatusNoContent)
	mustErr(t, c.do(http.MethodGet, assignmentPath(acc, name), nil), http.StatusNotFound, "RoleAssignmentNotFound")

	// Writes are in the request log.
	found := false
	for _, rec := range srv.Requests() {
		if rec.Method == http.MethodPut && strings.HasSuffix(rec.Path, "/roleAssignments/"+mi) && rec.Status == http.StatusCreated {
			found = true
		}
	}
	if !found {
		t.Fatal("role assignment PUT missing from the request log")
	}
	// Deleting the project removes the assignments at its scope.
	must(t, c.do(http.MethodPut, assignmentPath(proj, "4c1b2a3d-1111-4222-8333-444455556666"), body), http.StatusCreated)
	c.remove(proj)
	mustErr(t, c.do(http.MethodGet, assignmentPath(proj, "4c1b2a3d-1111-4222-8333-444455556666"), nil), http.StatusNotFound, "ResourceNotFound")
	eq(list(acc, "atScope()"), mi, rgAssign)
}

func TestRoleAssignments_PrincipalReplicationDelay(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{PrincipalReplicationDelay: time.Hour})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("repl", "eastus")
	pid := must(t, c.do(http.MethodGet, acc, nil), http.StatusOK).body["identity"].(map[string]any)["principalId"].(string)
	// A fresh identity is unknown without principalType, accepted with principalType ServicePrincipal.
	mustErr(t, c.do(http.MethodPut, assignmentPath(acc, "5c1b2a3d-1111-4222-8333-444455556666"), assignmentBody(foundryUser, pid)), http.StatusBadRequest, "PrincipalNotFound")
	must(t, c.do(http.MethodPut, assignmentPath(acc, "5c1b2a3d-1111-4222-8333-444455556666"), assignmentBody(foundryUser, pid, "principalType", "ServicePrincipal")), http.StatusCreated)
	// Seeded user-assigned identities are replicated from the start.
	uai := emulator.UserAssignedPrincipalID(emulator.UserAssignedIdentityID(subID, "rg-foundry", "id-foundry"))
	must(t, c.do(http.MethodPut, assignmentPath(acc, "8c1b2a3d-1111-4222-8333-444455556666"), assignmentBody(foundryUser, uai)), http.StatusCreated)
	// Once replicated, principalType may be omitted.
	srv.AdvanceClock(time.Hour + time.Second)
	c = newRaw(t, srv, armAud)
	must(t, c.do(http.MethodPut, assignmentPath(acc, "6c1b2a3d-1111-4222-8333-444455556666"), assignmentBody(emulator.RoleCognitiveServicesUser, pid)), http.StatusCreated)
	// AddPrincipal registers a fresh directory principal; the control config changes the delay.
	srv.AddPrincipal("55555555-5555-4555-8555-555555555555")
	mustErr(t, c.do(http.MethodPut, assignmentPath(acc, "7c1b2a3d-1111-4222-8333-444455556666"), assignmentBody(foundryUser, "55555555-5555-4555-8555-555555555555")),
		http.StatusBadRequest, "PrincipalNotFound")
	ctl := newRaw(t, srv, armAud)
	cfg := must(t, ctl.do(http.MethodPut, srv.URL()+"/_emulator/config", map[string]any{"principalReplicationMs": 0}), http.StatusOK)
	if cfg.body["principalReplicationMs"] != float64(0) || cfg.body["rbacPropagationMs"] != float64(0) {
		t.Fatalf("config: %s", cfg.raw)
	}
	must(t, c.do(http.MethodPut, assignmentPath(acc, "7c1b2a3d-1111-4222-8333-444455556666"), assignmentBody(foundryUser, "55555555-5555-4555-8555-555555555555")), http.StatusCreated)
}
