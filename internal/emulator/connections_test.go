package emulator_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// connEnv is an account with two projects, p1 and p2.
type connEnv struct {
	c       *rawClient
	srv     *emulator.Server
	acc     string
	p1, p2  string
	account string
}

func newConnEnv(t *testing.T, opts emulator.Options, name string) *connEnv {
	t.Helper()
	srv := start(t, opts)
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn(name, "eastus")
	e := &connEnv{c: c, srv: srv, acc: acc, p1: acc + "/projects/p1", p2: acc + "/projects/p2", account: name}
	for _, p := range []string{e.p1, e.p2} {
		c.create(p, map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}, "properties": map[string]any{}})
	}
	return e
}

// scopes are the account and the first project.
func (e *connEnv) scopes() map[string]string {
	return map[string]string{"account": e.acc, "project": e.p1}
}

func aadConnection(category, target string) map[string]any {
	return map[string]any{"properties": map[string]any{"authType": "AAD", "category": category, "target": target}}
}

func TestConnections_LifecycleAtBothScopes(t *testing.T) {
	t.Parallel()
	e := newConnEnv(t, emulator.Options{}, "connlife")
	c := e.c
	for scope, base := range e.scopes() {
		t.Run(scope, func(t *testing.T) {
			p := base + "/connections/conn-" + scope
			wantType := map[string]string{"account": "Microsoft.CognitiveServices/accounts/connections", "project": "Microsoft.CognitiveServices/accounts/projects/connections"}[scope]
			body := map[string]any{"properties": map[string]any{
				"authType": "ApiKey", "category": "AzureOpenAI", "target": "https://aoai.openai.azure.com/",
				"credentials": map[string]any{"key": "k-" + scope}, "metadata": map[string]any{"ApiType": "Azure"},
				"isSharedToAll": true, "sharedUserList": []any{"u1"}, "expiryTime": "2030-01-01T00:00:00Z",
				"peRequirement": "NotRequired", "useWorkspaceManagedIdentity": false, "group": "ignored", "bogus": 1,
			}}
			r := must(t, c.do(http.MethodPut, p, body), http.StatusOK) // 200 also on create, synchronous
			if r.header.Get("Location") != "" || r.header.Get("Azure-AsyncOperation") != "" {
				t.Fatalf("synchronous PUT sent polling headers: %v", r.header)
			}
			props := r.props()
			if r.body["type"] != wantType || !strings.HasSuffix(r.body["id"].(string), "/connections/conn-"+scope) || r.body["name"] != "conn-"+scope {
				t.Fatalf("envelope: %s", r.raw)
			}
			if props["authType"] != "ApiKey" || props["category"] != "AzureOpenAI" || props["group"] != "AzureAI" ||
				props["isSharedToAll"] != true || props["expiryTime"] != "2030-01-01T00:00:00Z" || props["peRequirement"] != "NotRequired" ||
				props["metadata"].(map[string]any)["ApiType"] != "Azure" || props["sharedUserList"].([]any)[0] != "u1" {
				t.Fatalf("properties: %s", r.raw)
			}
			if _, ok := props["credentials"]; ok {
				t.Fatalf("credentials returned: %s", r.raw)
			}
			if _, ok := props["bogus"]; ok {
				t.Fatalf("unknown property stored: %s", r.raw)
			}
			if !strings.EqualFold(props["createdByWorkspaceArmId"].(string), base) {
				t.Fatalf("createdByWorkspaceArmId = %v, want %s", props["createdByWorkspaceArmId"], base)
			}
			g := must(t, c.do(http.MethodGet, p, nil), http.StatusOK)
			if g.props()["target"] != "https://aoai.openai.azure.com/" {
				t.Fatalf("GET: %s", g.raw)
			}
			// PATCH merges properties: target changes, category and the stored key stay.
			u := must(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"authType": "ApiKey", "target": "https://other/", "metadata": map[string]any{"k": "v"}}}), http.StatusOK)
			if u.props()["target"] != "https://other/" || u.props()["category"] != "AzureOpenAI" || len(u.props()["metadata"].(map[string]any)) != 1 {
				t.Fatalf("PATCH: %s", u.raw)
			}
			creds, err := e.srv.ConnectionCredentials(r.body["id"].(string))
			if err != nil || creds["key"] != "k-"+scope {
				t.Fatalf("stored credentials after PATCH = %v, %v", creds, err)
			}
			// PATCH needs authType (it is the discriminator); a PATCH without properties changes nothing.
			mustErr(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"target": "x"}}), http.StatusBadRequest, "ValidationError")
			must(t, c.do(http.MethodPatch, p, map[string]any{}), http.StatusOK)
			// PATCH to another authType needs that type's credentials; the old ones do not carry over.
			mustErr(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"authType": "PAT"}}), http.StatusBadRequest, "ValidationError")
			must(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"authType": "AAD", "expiryTime": nil}}), http.StatusOK)
			g = must(t, c.do(http.MethodGet, p, nil), http.StatusOK)
			if g.props()["authType"] != "AAD" || g.props()["expiryTime"] != nil {
				t.Fatalf("after PATCH to AAD: %s", g.raw)
			}
			if creds, _ := e.srv.ConnectionCredentials(r.body["id"].(string)); creds != nil {
				t.Fatalf("AAD connection kept credentials %v", creds)
			}
			// PUT replaces the whole connection.
			must(t, c.do(http.MethodPut, p, aadConnection("CognitiveSearch", "https://s.search.windows.net")), http.StatusOK)
			g = must(t, c.do(http.MethodGet, p, nil), http.StatusOK)
			if g.props()["metadata"] != nil || g.props()["group"] != "AzureAI" || g.props()["category"] != "CognitiveSearch" {
				t.Fatalf("after PUT: %s", g.raw)
			}
			must(t, c.do(http.MethodDelete, p, nil), http.StatusOK)
			mustErr(t, c.do(http.MethodGet, p, nil), http.StatusNotFound, "ResourceNotFound")
			mustErr(t, c.do(http.MethodPatch, p, aadConnection("CosmosDb", "x")), http.StatusNotFound, "ResourceNotFound")
			must(t, c.do(http.MethodDelete, p, nil), http.StatusNoContent)
			// Only 2026-09-01 is served.
			mustErr(t, c.do(http.MethodGet, base+"/connections?api-version=2025-06-01", nil), http.StatusBadRequest, "NoRegisteredProviderFound")
		})
	}
}

func TestConnections_ValidationRules(t *testing.T) {
	t.Parallel()
	e := newConnEnv(t, emulator.Options{}, "connrules")
	props := func(kv ...any) map[string]any {
		p := map[string]any{"category": "CustomKeys", "target": "https://t"}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(p, kv[i].(string))
			} else {
				p[kv[i].(string)] = kv[i+1]
			}
		}
		return map[string]any{"properties": p}
	}
	creds := func(m map[string]any) map[string]any { return m }
	cases := []struct {
		name, conn string
		body       any
		status     int
		code, msg  string
	}{
		{"name too short", "ab", props("authType", "AAD"), 400, "InvalidResourceName", "'ab'"},
		{"name with a dot", "a.bc", props("authType", "AAD"), 400, "InvalidResourceName", "regular expression"},
		{"name too long", strings.Repeat("a", 34), props("authType", "AAD"), 400, "InvalidResourceName", "regular expression"},
		{"name starting with _", "_abc", props("authType", "AAD"), 400, "InvalidResourceName", "regular expression"},
		{"no body", "c-nobody", nil, 400, "ValidationError", "authType"},
		{"properties not an object", "c-props", map[string]any{"properties": "x"}, 400, "InvalidRequestContent", "properties"},
		{"authType missing", "c-noauth", props(), 400, "BadRequest", "properties.authType"},
		{"authType unknown", "c-badauth", props("authType", "Password"), 400, "InvalidRequestContent", "Password"},
		{"authType in other case", "c-lower", props("authType", "aad"), 400, "InvalidRequestContent", "aad"},
		{"category missing", "c-nocat", props("authType", "AAD", "category", nil), 400, "ValidationError", "properties.category"},
		{"target missing", "c-notarget", props("authType", "AAD", "target", nil), 400, "ValidationError", "properties.target"},
		{"target empty", "c-emptytarget", props("authType", "AAD", "target", ""), 400, "ValidationError", "properties.target"},
		{"metadata not strings", "c-meta", props("authType", "AAD", "metadata", map[string]any{"a": 1}), 400, "InvalidRequestContent", "metadata"},
		{"isSharedToAll not bool", "c-shared", props("authType", "AAD", "isSharedToAll", "yes"), 400, "InvalidRequestContent", "isSharedToAll"},
		{"expiryTime not a date", "c-expiry", props("authType", "AAD", "expiryTime", "tomorrow"), 400, "InvalidRequestContent", "expiryTime"},
		{"sharedUserList not strings", "c-users", props("authType", "AAD", "sharedUserList", []any{1}), 400, "InvalidRequestContent", "sharedUserList"},
		{"ApiKey without key", "c-apikey", props("authType", "ApiKey"), 400, "ValidationError", "credentials.key"},
		{"ApiKey with empty key", "c-apikey2", props("authType", "ApiKey", "credentials", creds(map[string]any{"key": ""})), 400, "ValidationError", "credentials.key"},
		{"credentials not an object", "c-credobj", props("authType", "ApiKey", "credentials", "k"), 400, "InvalidRequestContent", "credentials"},
		{"AccountKey without key", "c-acckey", props("authType", "AccountKey", "credentials", creds(map[string]any{})), 400, "ValidationError", "credentials.key"},
		{"AccessKey without secret", "c-access", props("authType", "AccessKey", "credentials", creds(map[string]any{"accessKeyId": "id"})), 400, "ValidationError", "credentials.secretAccessKey"},
		{"ServicePrincipal without tenant", "c-sp", props("authType", "ServicePrincipal", "credentials", creds(map[string]any{"clientId": "c", "clientSecret": "s"})), 400, "ValidationError", "credentials.tenantId"},
		{"ServicePrincipal without secret", "c-sp2", props("authType", "ServicePrincipal", "credentials", creds(map[string]any{"clientId": "c", "tenantId": "t"})), 400, "ValidationError", "credentials.clientSecret"},
		{"OAuth2 without secret", "c-oauth", props("authType", "OAuth2", "credentials", creds(map[string]any{"clientId": "22222222-2222-2222-2222-222222222222"})), 400, "ValidationError", "credentials.clientSecret"},
		{"OAuth2 clientId not a UUID", "c-oauth2", props("authType", "OAuth2", "credentials", creds(map[string]any{"clientId": "app", "clientSecret": "s"})), 400, "InvalidRequestContent", "Guid"},
		{"UsernamePassword without password", "c-up", props("authType", "UsernamePassword", "credentials", creds(map[string]any{"username": "u"})), 400, "ValidationError", "credentials.password"},
		{"PAT without pat", "c-pat", props("authType", "PAT"), 400, "ValidationError", "credentials.pat"},
		{"SAS without sas", "c-sas", props("authType", "SAS", "credentials", creds(map[string]any{})), 400, "ValidationError", "credentials.sas"},
		{"CustomKeys without keys", "c-ck", props("authType", "CustomKeys", "credentials", creds(map[string]any{})), 400, "ValidationError", "credentials.keys"},
		{"CustomKeys empty keys", "c-ck2", props("authType", "CustomKeys", "credentials", creds(map[string]any{"keys": map[string]any{}})), 400, "ValidationError", "credentials.keys"},
		{"CustomKeys non-string value", "c-ck3", props("authType", "CustomKeys", "credentials", creds(map[string]any{"keys": map[string]any{"a": 1}})), 400, "InvalidRequestContent", "credentials.keys"},
		{"ManagedIdentity without ids", "c-mi", props("authType", "ManagedIdentity", "credentials", creds(map[string]any{})), 400, "ValidationError", "credentials.clientId"},
		// Accepted shapes.
		{"AAD", "c-aad", props("authType", "AAD"), 200, "", ""},
		{"None", "c-none", props("authType", "None"), 200, "", ""},
		{"unknown category is accepted (extensible)", "c-newcat", props("authType", "AAD", "category", "SomethingNew"), 200, "", ""},
		{"ManagedIdentity with resourceId only", "c-mi-ok", props("authType", "ManagedIdentity", "credentials", creds(map[string]any{"resourceId": "/subscriptions/x"})), 200, "", ""},
		{"AccessKey", "c-access-ok", props("authType", "AccessKey", "credentials", creds(map[string]any{"accessKeyId": "id", "secretAccessKey": "s"})), 200, "", ""},
		{"preview authType without subtype", "c-agentic", props("authType", "AgenticIdentityToken"), 200, "", ""},
		{"33-character name", strings.Repeat("b", 33), props("authType", "AAD"), 200, "", ""},
		{"3-character name", "a_1", props("authType", "AAD"), 200, "", ""},
	}
	for scope, base := range e.scopes() {
		for _, tc := range cases {
			name := tc.conn
			if tc.status == 200 && scope == "project" {
				name = "p" + name[1:] // names are unique across the account
			}
			r := e.c.do(http.MethodPut, base+"/connections/"+name, tc.body)
			if tc.status == 200 {
				must(t, r, http.StatusOK)
				continue
			}
			mustErr(t, r, tc.status, tc.code)
			if !strings.Contains(errMessage(r), tc.msg) {
				t.Errorf("%s/%s: message %q does not mention %q", scope, tc.name, errMessage(r), tc.msg)
			}
			if tc.code == "InvalidResourceName" { // any request naming it is refused
				mustErr(t, e.c.do(http.MethodGet, base+"/connections/"+name, nil), http.StatusBadRequest, "InvalidResourceName")
				continue
			}
			mustErr(t, e.c.do(http.MethodGet, base+"/connections/"+name, nil), http.StatusNotFound, "ResourceNotFound")
		}
	}
	// AAD ignores credentials; the unknown category has no group.
	r := must(t, e.c.do(http.MethodPut, e.acc+"/connections/aad-creds", map[string]any{"properties": map[string]any{
		"authType": "AAD", "category": "CosmosDb", "target": "https://x", "credentials": map[string]any{"key": "dropped-secret"}}}), http.StatusOK)
	if creds, _ := e.srv.ConnectionCredentials(r.body["id"].(string)); creds != nil || r.props()["group"] != "NoSQL" {
		t.Fatalf("AAD credentials kept (%v) or group wrong: %s", creds, r.raw)
	}
	g := must(t, e.c.do(http.MethodGet, e.acc+"/connections/c-newcat", nil), http.StatusOK)
	if _, ok := g.props()["group"]; ok {
		t.Fatalf("group for an unknown category: %s", g.raw)
	}
	// Methods.
	mustErr(t, e.c.do(http.MethodPost, e.acc+"/connections", nil), http.StatusMethodNotAllowed, "MethodNotAllowed")
}

func TestConnections_SecretsNeverReturned(t *testing.T) {
	t.Parallel()
	e := newConnEnv(t, emulator.Options{}, "connsecret")
	type secretCase struct {
		authType string
		creds    map[string]any
		secrets  []string
	}
	cases := []secretCase{
		{"ApiKey", map[string]any{"key": "SECRET-apikey-1"}, []string{"SECRET-apikey-1"}},
		{"AccountKey", map[string]any{"key": "SECRET-acckey-2"}, []string{"SECRET-acckey-2"}},
		{"AccessKey", map[string]any{"accessKeyId": "AKID", "secretAccessKey": "SECRET-sak-3"}, []string{"SECRET-sak-3"}},
		{"ServicePrincipal", map[string]any{"clientId": "cid", "clientSecret": "SECRET-sp-4", "tenantId": "tid"}, []string{"SECRET-sp-4"}},
		{"OAuth2", map[string]any{"clientId": "44444444-4444-4444-4444-444444444444", "clientSecret": "SECRET-oa-5",
			"developerToken": "SECRET-dev-6", "password": "SECRET-pw-7", "refreshToken": "SECRET-rt-8", "username": "bob"},
			[]string{"SECRET-oa-5", "SECRET-dev-6", "SECRET-pw-7", "SECRET-rt-8"}},
		{"PAT", map[string]any{"pat": "SECRET-pat-9"}, []string{"SECRET-pat-9"}},
		{"SAS", map[string]any{"sas": "SECRET-sas-10"}, []string{"SECRET-sas-10"}},
		{"UsernamePassword", map[string]any{"username": "u", "password": "SECRET-up-11", "securityToken": "SECRET-st-12"}, []string{"SECRET-up-11", "SECRET-st-12"}},
		{"CustomKeys", map[string]any{"keys": map[string]any{"x-api-key": "SECRET-ck-13", "other": "SECRET-ck-14"}}, []string{"SECRET-ck-13", "SECRET-ck-14"}},
	}
	var all []string
	for scope, base := range e.scopes() {
		for i, tc := range cases {
			name := scope + "-" + strconv.Itoa(i)
			creds := map[string]any{}
			var secrets []string
			for k, v := range tc.creds {
				creds[k] = v
				if m, ok := v.(map[string]any); ok {
					keys := map[string]any{}
					for kk, vv := range m {
						keys[kk] = vv.(string) + "-" + scope
					}
					creds[k] = keys
				} else if strings.HasPrefix(v.(string), "SECRET-") {
					creds[k] = v.(string) + "-" + scope
				}
			}
			for _, s := range tc.secrets {
				secrets = append(secrets, s+"-"+scope)
			}
			all = append(all, secrets...)
			body := map[string]any{"properties": map[string]any{"authType": tc.authType, "category": "CustomKeys", "target": "https://t", "credentials": creds}}
			p := base + "/connections/" + name
			put := must(t, e.c.do(http.MethodPut, p, body), http.StatusOK)
			patch := must(t, e.c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"authType": tc.authType, "credentials": creds}}), http.StatusOK)
			get := must(t, e.c.do(http.MethodGet, p, nil), http.StatusOK)
			for _, r := range []result{put, patch, get} {
				for _, s := range secrets {
					if strings.Contains(string(r.raw), s) {
						t.Fatalf("%s %s: secret %s in a response: %s", scope, tc.authType, s, r.raw)
					}
				}
				if _, ok := r.props()["credentials"]; ok {
					t.Fatalf("%s %s: credentials object returned: %s", scope, tc.authType, r.raw)
				}
			}
			stored, err := e.srv.ConnectionCredentials(put.body["id"].(string))
			if err != nil {
				t.Fatal(err)
			}
			data, _ := json.Marshal(stored)
			for _, s := range secrets {
				if !strings.Contains(string(data), s) {
					t.Fatalf("%s %s: secret %s not stored: %s", scope, tc.authType, s, data)
				}
			}
		}
	}
	// Lists (both scopes, with includeAll) and the state dump never carry them either.
	for _, path := range []string{e.acc + "/connections", e.p1 + "/connections?includeAll=true", "/_emulator/state"} {
		r := must(t, e.c.do(http.MethodGet, path, nil), http.StatusOK)
		for _, s := range all {
			if strings.Contains(string(r.raw), s) {
				t.Fatalf("%s: secret %s in the body", path, s)
			}
		}
	}
	// The control API mirrors ConnectionCredentials.
	r := must(t, e.c.do(http.MethodPost, "/_emulator/connections/credentials", map[string]any{"id": e.acc + "/connections/account-0"}), http.StatusOK)
	if r.body["credentials"].(map[string]any)["key"] != "SECRET-apikey-1-account" {
		t.Fatalf("control credentials: %s", r.raw)
	}
	mustErr(t, e.c.do(http.MethodPost, "/_emulator/connections/credentials", map[string]any{"id": e.acc + "/connections/none"}), http.StatusNotFound, "NotFound")
}

func TestConnections_NamesUniqueAcrossAccount(t *testing.T) {
	t.Parallel()
	e := newConnEnv(t, emulator.Options{}, "connnames")
	c := e.c
	must(t, c.do(http.MethodPut, e.acc+"/connections/shared", aadConnection("CosmosDb", "https://a")), http.StatusOK)
	must(t, c.do(http.MethodPut, e.p1+"/connections/only-p1", aadConnection("CosmosDb", "https://a")), http.StatusOK)
	for _, tc := range []struct{ path, where string }{
		{e.p1 + "/connections/shared", "an account connection"},
		{e.p2 + "/connections/SHARED", "an account connection"},
		{e.p2 + "/connections/only-p1", "project 'p1'"},
		{e.acc + "/connections/Only-P1", "project 'p1'"},
	} {
		r := mustErr(t, c.do(http.MethodPut, tc.path, aadConnection("CosmosDb", "https://b")), http.StatusConflict, "Conflict")
		if !strings.Contains(errMessage(r), tc.where) || !strings.Contains(errMessage(r), "/connections/") {
			t.Errorf("PUT %s: message %q does not name %s", tc.path, errMessage(r), tc.where)
		}
		mustErr(t, c.do(http.MethodGet, tc.path, nil), http.StatusNotFound, "ResourceNotFound")
	}
	// Re-PUT at the same scope (other casing) updates the existing connection.
	must(t, c.do(http.MethodPut, e.acc+"/connections/Shared", aadConnection("CosmosDb", "https://c")), http.StatusOK)
	if n := len(c.listAll(e.acc + "/connections")); n != 1 {
		t.Fatalf("account connections = %d, want 1", n)
	}
	// Another account has its own namespace.
	other := c.foundryIn("connnames2", "eastus")
	must(t, c.do(http.MethodPut, other+"/connections/shared", aadConnection("CosmosDb", "https://a")), http.StatusOK)
	// Deleting frees the name; deleting a project deletes its connections.
	must(t, c.do(http.MethodDelete, e.acc+"/connections/shared", nil), http.StatusOK)
	must(t, c.do(http.MethodPut, e.p2+"/connections/shared", aadConnection("CosmosDb", "https://a")), http.StatusOK)
	c.remove(e.p2)
	must(t, c.do(http.MethodPut, e.acc+"/connections/shared", aadConnection("CosmosDb", "https://a")), http.StatusOK)
	c.create(e.p2, map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}, "properties": map[string]any{}})
	if n := len(c.listAll(e.p2 + "/connections")); n != 0 {
		t.Fatalf("a re-created project has %d connections", n)
	}
	// Deleting the account removes every connection (a restored account comes back without them).
	c.remove(e.acc)
	c.create(e.acc, map[string]any{"location": "eastus", "kind": "AIServices", "sku": map[string]any{"name": "S0"}, "properties": map[string]any{"restore": true}})
	mustErr(t, c.do(http.MethodGet, e.acc+"/connections/shared", nil), http.StatusNotFound, "ResourceNotFound")
	if n := len(c.listAll(e.acc + "/connections")); n != 0 {
		t.Fatalf("a restored account has %d connections", n)
	}
}

func TestConnections_ListFiltersIncludeAllAndPaging(t *testing.T) {
	t.Parallel()
	e := newConnEnv(t, emulator.Options{}, "connlist")
	c := e.c
	put := func(path, category, target string, shared bool) {
		b := aadConnection(category, target)
		b["properties"].(map[string]any)["isSharedToAll"] = shared
		must(t, c.do(http.MethodPut, path, b), http.StatusOK)
	}
	put(e.acc+"/connections/acc-shared", "CosmosDb", "https://cosmos", true)
	put(e.acc+"/connections/acc-private", "CosmosDb", "https://cosmos", false)
	put(e.acc+"/connections/acc-search", "CognitiveSearch", "https://search", true)
	put(e.p1+"/connections/p1-cosmos", "CosmosDb", "https://cosmos", false)
	put(e.p1+"/connections/p1-storage", "AzureStorageAccount", "https://blob", false)
	put(e.p2+"/connections/p2-cosmos", "CosmosDb", "https://cosmos", false)
	names := func(path string) string {
		var out []string
		for _, it := range c.listAll(path) {
			out = append(out, it["name"].(string))
		}
		return strings.Join(out, ",")
	}
	for path, want := range map[string]string{
		e.acc + "/connections":                                        "acc-shared,acc-private,acc-search",
		e.acc + "/connections?includeAll=true":                        "acc-shared,acc-private,acc-search",
		e.acc + "/connections?category=cosmosdb":                      "acc-shared,acc-private",
		e.acc + "/connections?target=https://search":                  "acc-search",
		e.p1 + "/connections":                                         "p1-cosmos,p1-storage",
		e.p1 + "/connections?includeAll=false":                        "p1-cosmos,p1-storage",
		e.p1 + "/connections?includeAll=true":                         "p1-cosmos,p1-storage,acc-shared,acc-search",
		e.p1 + "/connections?includeAll=true&category=CosmosDb":       "p1-cosmos,acc-shared",
		e.p1 + "/connections?category=CosmosDb&target=https://cosmos": "p1-cosmos",
		e.p2 + "/connections":                                         "p2-cosmos",
		e.p2 + "/connections?category=AzureStorageAccount":            "",
	} {
		if got := names(path); got != want {
			t.Errorf("GET %s = %q, want %q", path, got, want)
		}
	}
	// Account connections listed by a project keep their own id and type.
	items := c.listAll(e.p1 + "/connections?includeAll=true")
	if last := items[len(items)-1]; last["type"] != "Microsoft.CognitiveServices/accounts/connections" || strings.Contains(last["id"].(string), "/projects/") {
		t.Fatalf("shared account connection: %v", last)
	}
	mustErr(t, c.do(http.MethodGet, e.p1+"/connections?includeAll=maybe", nil), http.StatusBadRequest, "InvalidParameter")
	// Paging with nextLink.
	e.srv.SetPageSize(2)
	r := must(t, c.do(http.MethodGet, e.p1+"/connections?includeAll=true", nil), http.StatusOK)
	if len(r.body["value"].([]any)) != 2 || r.body["nextLink"] == nil || !strings.Contains(r.body["nextLink"].(string), "includeAll=true") {
		t.Fatalf("first page: %s", r.raw)
	}
	if got := names(e.p1 + "/connections?includeAll=true"); got != "p1-cosmos,p1-storage,acc-shared,acc-search" {
		t.Fatalf("paged list = %q", got)
	}
}

func TestConnections_ParentsAndBusyAccount(t *testing.T) {
	t.Parallel()
	e := newConnEnv(t, emulator.Options{}, "connbusy")
	c := e.c
	missingAcc := accountPath("rg-foundry", "nope")
	mustErr(t, c.do(http.MethodPut, missingAcc+"/connections/abc", aadConnection("CosmosDb", "x")), http.StatusNotFound, "ParentResourceNotFound")
	mustErr(t, c.do(http.MethodGet, missingAcc+"/connections", nil), http.StatusNotFound, "ParentResourceNotFound")
	mustErr(t, c.do(http.MethodPut, e.acc+"/projects/nope/connections/abc", aadConnection("CosmosDb", "x")), http.StatusNotFound, "ParentResourceNotFound")
	mustErr(t, c.do(http.MethodGet, e.acc+"/projects/nope/connections", nil), http.StatusNotFound, "ParentResourceNotFound")
	must(t, c.do(http.MethodDelete, missingAcc+"/connections/abc", nil), http.StatusNoContent)
	must(t, c.do(http.MethodDelete, e.acc+"/projects/nope/connections/abc", nil), http.StatusNoContent)
	mustErr(t, c.do(http.MethodGet, accountPath("rg-missing", "x")+"/connections", nil), http.StatusNotFound, "ResourceGroupNotFound")

	must(t, c.do(http.MethodPut, e.p1+"/connections/busy", aadConnection("CosmosDb", "x")), http.StatusOK)
	// Connection writes are synchronous and never hold the account, even with a WriteHold.
	e.srv.SetWriteHold(time.Hour)
	must(t, c.do(http.MethodPut, e.acc+"/connections/first", aadConnection("CosmosDb", "x")), http.StatusOK)
	must(t, c.do(http.MethodPut, e.acc+"/connections/second", aadConnection("CosmosDb", "x")), http.StatusOK)
	e.srv.SetWriteHold(0)
	// While another operation runs on the account (here a project update), connection writes get 409.
	e.srv.SetAsyncDuration(10 * time.Minute)
	must(t, c.do(http.MethodPatch, e.p2, map[string]any{"tags": map[string]any{"a": "b"}}), http.StatusAccepted)
	for _, r := range []result{
		c.do(http.MethodPut, e.acc+"/connections/third", aadConnection("CosmosDb", "x")),
		c.do(http.MethodPut, e.p1+"/connections/busy", aadConnection("CosmosDb", "y")),
		c.do(http.MethodPatch, e.p1+"/connections/busy", map[string]any{"properties": map[string]any{"authType": "AAD", "target": "z"}}),
		c.do(http.MethodDelete, e.p1+"/connections/busy", nil),
	} {
		mustErr(t, r, http.StatusConflict, "RequestConflict")
	}
	must(t, c.do(http.MethodGet, e.p1+"/connections/busy", nil), http.StatusOK)
	must(t, c.do(http.MethodGet, e.p1+"/connections", nil), http.StatusOK)
	e.srv.AdvanceClock(11 * time.Minute)
	must(t, c.do(http.MethodDelete, e.p1+"/connections/busy", nil), http.StatusOK)
}

// TestConformance_ReplayConnectionExamples replays the AccountConnection and ProjectConnection examples.
func TestConformance_ReplayConnectionExamples(t *testing.T) {
	t.Parallel()
	for _, scope := range []string{"AccountConnection", "ProjectConnection"} {
		for _, op := range []string{"create", "get", "list", "update", "delete"} {
			t.Run(scope+"/"+op, func(t *testing.T) {
				t.Parallel()
				raw, err := readExampleFile(scope + "/" + op + ".json")
				if err != nil {
					t.Fatal(err)
				}
				var ex example
				if err := json.Unmarshal(raw, &ex); err != nil {
					t.Fatal(err)
				}
				srv := start(t, emulator.Options{Seed: conformanceSeed(raw, &ex)})
				replayConnection(t, newRaw(t, srv, armAud), &ex)
			})
		}
	}
}

func replayConnection(t *testing.T, c *rawClient, ex *example) {
	t.Helper()
	sub, rg, acc := ex.param("subscriptionId"), ex.param("resourceGroupName"), ex.param("accountName")
	accPath := "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.CognitiveServices/accounts/" + acc
	c.create(accPath, enableProjects(map[string]any{"location": "westus"}, "sub-"+strings.ToLower(acc)))
	base := accPath
	if prj := ex.param("projectName"); prj != "" {
		base = accPath + "/projects/" + prj
		c.create(base, map[string]any{"location": "westus", "identity": map[string]any{"type": "SystemAssigned"}, "properties": map[string]any{}})
	}
	name := ex.param("connectionName")
	// Preconditions: the connections the example reads, with the credentials their auth type needs.
	var existing []any
	if v, ok := ex.responseBody(200)["value"].([]any); ok {
		existing = v
	} else if ex.responseBody(200) != nil && strings.HasSuffix(ex.OperationID, "_Get") {
		existing = []any{ex.responseBody(200)}
	}
	if strings.HasSuffix(ex.OperationID, "_Update") || strings.HasSuffix(ex.OperationID, "_Delete") {
		existing = []any{map[string]any{"name": name, "properties": map[string]any{"authType": "None", "category": "ContainerRegistry", "target": "[target url]"}}}
	}
	for _, it := range existing {
		item := it.(map[string]any)
		props := map[string]any{}
		for k, v := range item["properties"].(map[string]any) {
			props[k] = v
		}
		if props["authType"] == "PAT" {
			props["credentials"] = map[string]any{"pat": "example-pat"}
		}
		must(t, c.do(http.MethodPut, base+"/connections/"+item["name"].(string), map[string]any{"properties": props}), http.StatusOK)
	}
	method, path := map[string]string{"Create": http.MethodPut, "Get": http.MethodGet, "List": http.MethodGet, "Update": http.MethodPatch, "Delete": http.MethodDelete}[ex.OperationID[strings.Index(ex.OperationID, "_")+1:]], base+"/connections/"+name
	if strings.HasSuffix(ex.OperationID, "_List") {
		path = base + "/connections?category=" + ex.param("category") + "&target=" + strings.ReplaceAll(ex.param("target"), " ", "%20")
	}
	body := ex.bodyParam("connection")
	var sent any
	if body != nil {
		sent = body
	}
	got := c.do(method, path, sent)
	if _, ok := ex.Responses[strconv.Itoa(got.status)]; !ok {
		t.Fatalf("%s %s: status %d is not documented; body: %s", method, path, got.status, got.raw)
	}
	want := ex.responseBody(got.status)
	if want == nil {
		if len(strings.TrimSpace(string(got.raw))) != 0 {
			t.Fatalf("the example has no body for %d but the emulator sent %s", got.status, got.raw)
		}
		return
	}
	compareShape(t, ex.OperationID, "", want, got.body)
	// The update example returns no credentials although it sends secretAccessKey.
	if strings.Contains(string(got.raw), "credentials") || strings.Contains(string(got.raw), "some_string\",\"secretAccessKey") {
		t.Fatalf("credentials in the answer: %s", got.raw)
	}
}

// Key Vault connections (Learn, "Set up an Azure Key Vault connection in Microsoft Foundry"): at account scope only,
// and only while the account and its projects have no other connection; the seven auth types without credentials
// are stored without them.
func TestConnections_KeyVaultRulesAndAuthTypesWithoutCredentials(t *testing.T) {
	t.Parallel()
	e := newConnEnv(t, emulator.Options{}, "connkv")
	c := e.c
	vault := "/subscriptions/" + subID + "/resourceGroups/rg-foundry/providers/Microsoft.KeyVault/vaults/kv1"
	kv := map[string]any{"properties": map[string]any{"authType": "AccountManagedIdentity", "category": "AzureKeyVault", "target": vault,
		"isSharedToAll": true, "metadata": map[string]any{"ApiType": "Azure", "ResourceId": vault}}}

	r := mustErr(t, c.do(http.MethodPut, e.p1+"/connections/kv1", kv), http.StatusBadRequest, "ValidationError")
	if !strings.Contains(errMessage(r), "belongs to the Foundry resource") {
		t.Errorf("project-scope Key Vault connection: %s", r.raw)
	}
	must(t, c.do(http.MethodPut, e.p1+"/connections/other", aadConnection("AzureBlob", "https://sa.blob.core.windows.net/")), http.StatusOK)
	r = mustErr(t, c.do(http.MethodPut, e.acc+"/connections/kv1", kv), http.StatusBadRequest, "ValidationError")
	if !strings.Contains(errMessage(r), "found 'other'") {
		t.Errorf("Key Vault connection after another connection: %s", r.raw)
	}
	must(t, c.do(http.MethodDelete, e.p1+"/connections/other", nil), http.StatusOK)
	got := must(t, c.do(http.MethodPut, e.acc+"/connections/kv1", kv), http.StatusOK)
	if got.props()["authType"] != "AccountManagedIdentity" {
		t.Fatalf("Key Vault connection: %s", got.raw)
	}
	must(t, c.do(http.MethodPut, e.acc+"/connections/kv1", kv), http.StatusOK) // updating it is fine
	mustErr(t, c.do(http.MethodPut, e.acc+"/connections/kv2x", kv), http.StatusBadRequest, "ValidationError")

	// Other connections follow it, with every auth type that takes no credentials: credentials sent are dropped.
	for _, at := range []string{"ProjectManagedIdentity", "UserEntraToken", "DelegatedSAS", "AgentUserImpersonation", "AgenticIdentityToken", "AgenticUser"} {
		body := map[string]any{"properties": map[string]any{"authType": at, "category": "RemoteTool", "target": "https://mcp.contoso.example/",
			"credentials": map[string]any{"key": "ignored"}}}
		got := must(t, c.do(http.MethodPut, e.p1+"/connections/c-"+strings.ToLower(at), body), http.StatusOK)
		if got.props()["authType"] != at {
			t.Errorf("%s: %s", at, got.raw)
		}
		creds, err := e.srv.ConnectionCredentials(e.p1 + "/connections/c-" + strings.ToLower(at))
		if err != nil || creds != nil {
			t.Errorf("%s kept credentials %v (%v)", at, creds, err)
		}
	}
}
