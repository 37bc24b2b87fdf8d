package emulator_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const (
	caphostAsync  = time.Minute
	caphostSuffix = "@aml_aiagentservice"
)

// agentSetup is an account with a project and the three standard-setup connections.
type agentSetup struct {
	c         *rawClient
	acc, prj  string // ARM paths
	principal string // the project's system-assigned identity
}

// standardSetup creates account, project and connections with operations done at once, then makes operations last
// caphostAsync (finish them with finish).
func standardSetup(t *testing.T, srv *emulator.Server, name string) *agentSetup {
	t.Helper()
	c := newRaw(t, srv, armAud)
	srv.SetAsyncDuration(0)
	a := &agentSetup{c: c, acc: accountPath("rg-foundry", name)}
	a.prj = a.acc + "/projects/" + name + "-prj"
	c.create(a.acc, foundryAccount(name))
	got := c.create(a.prj, map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}})
	a.principal = got.body["identity"].(map[string]any)["principalId"].(string)
	a.connection(a.prj, "cosmos-foundry-agents", "CosmosDb", "https://cosmos-foundry-agents.documents.azure.com:443/", cosmosID)
	a.connection(a.prj, "stfoundryagents", "AzureStorageAccount", "https://stfoundryagents.blob.core.windows.net/", storageID)
	a.connection(a.prj, "srch-foundry-agents", "CognitiveSearch", "https://srch-foundry-agents.search.windows.net", searchID)
	srv.SetAsyncDuration(caphostAsync)
	return a
}

// connection PUTs a connection (synchronous) as the samples do (arm-neighbours.md §3.2).
func (a *agentSetup) connection(scope, name, category, target, resourceID string, extra ...any) {
	a.c.t.Helper()
	props := map[string]any{"category": category, "target": target, "authType": "AAD",
		"metadata": map[string]any{"ApiType": "Azure", "ResourceId": resourceID, "location": "eastus"}}
	for i := 0; i+1 < len(extra); i += 2 {
		props[extra[i].(string)] = extra[i+1]
	}
	must(a.c.t, a.c.do(http.MethodPut, scope+"/connections/"+name, map[string]any{"properties": props}), http.StatusOK)
}

// grantAll gives the project identity the four roles of arm-neighbours.md §3.1 step 4.
func (a *agentSetup) grantAll(t *testing.T) {
	t.Helper()
	for _, g := range [][2]string{{cosmosID, emulator.RoleCosmosDBOperator}, {storageID, emulator.RoleStorageBlobDataContributor},
		{searchID, emulator.RoleSearchIndexDataContributor}, {searchID, emulator.RoleSearchServiceContributor}} {
		if _, err := a.c.srv.AssignRole(g[0], g[1], a.principal); err != nil {
			t.Fatal(err)
		}
	}
}

func standardHost() map[string]any {
	return map[string]any{"properties": map[string]any{"capabilityHostKind": "Agents",
		"vectorStoreConnections": []any{"srch-foundry-agents"}, "storageConnections": []any{"stfoundryagents"},
		"threadStorageConnections": []any{"cosmos-foundry-agents"}}}
}

// finish advances the clock past the operation behind r's polling header and returns the final poll
// (the Azure-AsyncOperation status, or the Location monitor's answer).
func (c *rawClient) finish(r result) result {
	c.t.Helper()
	if mon := r.header.Get("Azure-AsyncOperation"); mon != "" {
		if st := must(c.t, c.do(http.MethodGet, mon, nil), http.StatusOK); st.body["status"] != "InProgress" {
			c.t.Fatalf("operation already %v before its duration", st.body["status"])
		}
		c.advance(caphostAsync + time.Second)
		return must(c.t, c.do(http.MethodGet, mon, nil), http.StatusOK)
	}
	mon := r.header.Get("Location")
	if id, _ := r.body["id"].(string); mon == "" && r.status == http.StatusOK && id != "" {
		// A 200 (a Failed host provisioned again) declares no monitor: the client GETs the host; the operation's
		// status and error are read from the state dump.
		c.advance(caphostAsync + time.Second)
		st := must(c.t, c.do(http.MethodGet, c.srv.URL()+"/_emulator/state", nil), http.StatusOK)
		var last map[string]any
		for _, op := range st.body["operations"].([]any) {
			if o := op.(map[string]any); strings.EqualFold(o["resourceId"].(string), id) {
				last = o
			}
		}
		return result{status: http.StatusOK, body: last}
	}
	if mon == "" {
		c.t.Fatalf("no polling header on %d: %v", r.status, r.header)
	}
	must(c.t, c.do(http.MethodGet, mon, nil), http.StatusAccepted)
	c.advance(caphostAsync + time.Second)
	return must(c.t, c.do(http.MethodGet, mon, nil), http.StatusOK)
}

func TestCapabilityHost_ProjectLifecycle(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	a := standardSetup(t, srv, "caplife")
	c := a.c
	a.grantAll(t)
	host := a.prj + "/capabilityHosts/caphost"

	put := must(t, c.do(http.MethodPut, host, standardHost()), http.StatusCreated)
	if put.header.Get("Azure-AsyncOperation") == "" || put.header.Get("x-ms-async-operation-timeout") == "" || put.header.Get("Location") != "" {
		t.Fatalf("pattern C headers: %v", put.header)
	}
	if put.props()["provisioningState"] != "Accepted" || put.body["type"] != "Microsoft.CognitiveServices/accounts/projects/capabilityHosts" ||
		put.body["id"] != a.prj+"/capabilityHosts/caphost" {
		t.Fatalf("PUT body: %s", put.raw)
	}
	// While the operation runs: the same host → Conflict, another name → Conflict, other account writes → RequestConflict.
	r := mustErr(t, c.do(http.MethodPut, host, standardHost()), http.StatusConflict, "Conflict")
	if !strings.Contains(r.raw2(), "currently in Accepted state") {
		t.Fatalf("message: %s", r.raw)
	}
	r = mustErr(t, c.do(http.MethodPut, a.prj+"/capabilityHosts/other", standardHost()), http.StatusConflict, "Conflict")
	if !strings.Contains(r.raw2(), "existing Capability Host with name: caphost") {
		t.Fatalf("message: %s", r.raw)
	}
	mustErr(t, c.do(http.MethodDelete, host, nil), http.StatusConflict, "Conflict")
	mustErr(t, c.do(http.MethodPut, a.acc+"/deployments/d", map[string]any{}), http.StatusConflict, "RequestConflict")

	if st := c.finish(put); st.body["status"] != "Succeeded" {
		t.Fatalf("operation: %s", st.raw)
	}
	got := must(t, c.do(http.MethodGet, host, nil), http.StatusOK)
	if got.props()["provisioningState"] != "Succeeded" || got.props()["threadStorageConnections"].([]any)[0] != "cosmos-foundry-agents" {
		t.Fatalf("GET: %s", got.raw)
	}
	// Idempotent re-PUT: 200 at once, no operation.
	again := must(t, c.do(http.MethodPut, host, standardHost()), http.StatusOK)
	if again.header.Get("Azure-AsyncOperation") != "" || again.props()["provisioningState"] != "Succeeded" {
		t.Fatalf("idempotent PUT: %v %s", again.header, again.raw)
	}
	// One per scope, immutable, no PATCH.
	mustErr(t, c.do(http.MethodPut, a.prj+"/capabilityHosts/other", standardHost()), http.StatusConflict, "Conflict")
	changed := standardHost()
	delete(changed["properties"].(map[string]any), "vectorStoreConnections")
	mustErr(t, c.do(http.MethodPut, host, changed), http.StatusBadRequest, "InvalidData")
	mustErr(t, c.do(http.MethodPatch, host, changed), http.StatusMethodNotAllowed, "MethodNotAllowed")
	list := must(t, c.do(http.MethodGet, a.prj+"/capabilityHosts", nil), http.StatusOK)
	if items := list.body["value"].([]any); len(items) != 1 || list.body["nextLink"] != nil {
		t.Fatalf("list: %s", list.raw)
	}
	if acc := must(t, c.do(http.MethodGet, a.acc+"/capabilityHosts", nil), http.StatusOK); len(acc.body["value"].([]any)) != 0 {
		t.Fatalf("the account lists the project's host: %s", acc.raw)
	}

	// Delete order: neither the project nor the account can go while the project host exists.
	mustErr(t, c.do(http.MethodDelete, a.prj, nil), http.StatusConflict, "Conflict")
	mustErr(t, c.do(http.MethodDelete, a.acc, nil), http.StatusConflict, "Conflict")

	del := must(t, c.do(http.MethodDelete, host, nil), http.StatusAccepted)
	if del.header.Get("Location") == "" || del.header.Get("Azure-AsyncOperation") != "" || del.header.Get("Retry-After") != "" || del.header.Get("x-ms-async-operation-timeout") == "" {
		t.Fatalf("DELETE headers: %v", del.header)
	}
	if g := must(t, c.do(http.MethodGet, host, nil), http.StatusOK); g.props()["provisioningState"] != "Deleting" {
		t.Fatalf("during delete: %s", g.raw)
	}
	if st := c.finish(del); st.status != http.StatusOK { // the Location monitor: 200 once the host is gone
		t.Fatalf("delete operation: %d %s", st.status, st.raw)
	}
	mustErr(t, c.do(http.MethodGet, host, nil), http.StatusNotFound, "ResourceNotFound")
	must(t, c.do(http.MethodDelete, host, nil), http.StatusNoContent)
	must(t, c.do(http.MethodDelete, a.prj, nil), http.StatusAccepted)
}

func TestCapabilityHost_Rules(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{EnforceCapabilityHostRBAC: new(bool)})
	a := standardSetup(t, srv, "caprules")
	c := a.c
	srv.SetAsyncDuration(0)
	a.connection(a.prj, "blob-conn", "AzureBlob", "https://stfoundryagents.blob.core.windows.net/", storageID)
	a.connection(a.acc, "acc-private", "CosmosDb", "https://cosmos-foundry-agents.documents.azure.com:443/", cosmosID)
	with := func(k string, v any) map[string]any {
		b := standardHost()
		if v == nil {
			delete(b["properties"].(map[string]any), k)
		} else {
			b["properties"].(map[string]any)[k] = v
		}
		return b
	}
	for _, tc := range []struct {
		name, path string
		body       any
		status     int
		code, msg  string
	}{
		{"name pattern", a.prj + "/capabilityHosts/bad.name", standardHost(), 400, "InvalidResourceName", "capabilityHostName"},
		{"platform name at project scope", a.prj + "/capabilityHosts/caprules" + caphostSuffix, standardHost(), 400, "InvalidResourceName", "reserved"},
		{"platform name without injection", a.acc + "/capabilityHosts/caprules" + caphostSuffix, map[string]any{"properties": map[string]any{}}, 400, "InvalidResourceName", "reserved"},
		{"no properties", a.prj + "/capabilityHosts/h", map[string]any{}, 400, "BadRequest", "properties"},
		{"kind", a.prj + "/capabilityHosts/h", with("capabilityHostKind", "Inference"), 400, "InvalidData", "capabilityHostKind"},
		{"two vector stores", a.prj + "/capabilityHosts/h", with("vectorStoreConnections", []any{"srch-foundry-agents", "x"}), 400, "InvalidData", "single, non empty value for vectorStoreConnections"},
		{"empty storage", a.prj + "/capabilityHosts/h", with("storageConnections", []any{""}), 400, "InvalidData", "single, non empty value for storageConnections"},
		{"not a list", a.prj + "/capabilityHosts/h", with("threadStorageConnections", "cosmos-foundry-agents"), 400, "InvalidRequestContent", "Array"},
		{"missing connection", a.prj + "/capabilityHosts/h", with("threadStorageConnections", []any{"nope"}), 400, "InvalidData", "'nope'"},
		{"account connection not shared", a.prj + "/capabilityHosts/h", with("threadStorageConnections", []any{"acc-private"}), 400, "InvalidData", "isSharedToAll is false"},
		{"wrong category", a.prj + "/capabilityHosts/h", with("threadStorageConnections", []any{"stfoundryagents"}), 400, "InvalidData", "category 'AzureStorageAccount'"},
		{"ai services category", a.prj + "/capabilityHosts/h", with("aiServicesConnections", []any{"stfoundryagents"}), 400, "InvalidData", "AzureOpenAI or AIServices"},
		{"account host connection", a.acc + "/capabilityHosts/h", map[string]any{"properties": map[string]any{"storageConnections": []any{"stfoundryagents"}}}, 400, "InvalidData", "account 'caprules'"},
		{"customer subnet", a.acc + "/capabilityHosts/h", map[string]any{"properties": map[string]any{"customerSubnet": "snet-agents"}}, 400, "LinkedInvalidPropertyId", "customerSubnet"},
		{"unknown project", a.acc + "/projects/nope/capabilityHosts/h", standardHost(), 404, "ParentResourceNotFound", "nope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustErr(t, c.do(http.MethodPut, tc.path, tc.body), tc.status, tc.code)
			if !strings.Contains(r.raw2(), tc.msg) {
				t.Fatalf("message lacks %q: %s", tc.msg, r.raw)
			}
		})
	}
	// AzureBlob fits storage; an account connection shared to all projects is visible to the project.
	a.connection(a.acc, "acc-shared", "CosmosDb", "https://cosmos-foundry-agents.documents.azure.com:443/", cosmosID, "isSharedToAll", true)
	ok := with("storageConnections", []any{"blob-conn"})
	ok["properties"].(map[string]any)["threadStorageConnections"] = []any{"acc-shared"}
	c.create(a.prj+"/capabilityHosts/h", ok)
	must(t, c.do(http.MethodDelete, a.prj+"/capabilityHosts/nothing", nil), http.StatusNoContent)
	must(t, c.do(http.MethodDelete, a.acc+"/projects/nope/capabilityHosts/h", nil), http.StatusNoContent)
}

func TestCapabilityHost_RBACPropagation(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{RBACPropagationDelay: 30 * time.Second})
	a := standardSetup(t, srv, "caprbac")
	c := a.c
	host := a.prj + "/capabilityHosts/caphost"

	// No roles: the operation ends Failed and the host stays, Failed.
	st := c.finish(must(t, c.do(http.MethodPut, host, standardHost()), http.StatusCreated))
	e, _ := st.body["error"].(map[string]any)
	if st.body["status"] != "Failed" || e["code"] != "CapabilityHostProvisioningFailed" {
		t.Fatalf("operation: %s", st.raw)
	}
	for _, want := range []string{a.principal, "Cosmos DB Operator (" + emulator.RoleCosmosDBOperator + ") on " + cosmosID,
		"Storage Blob Data Contributor", "Search Index Data Contributor", "Search Service Contributor", "is not assigned"} {
		if !strings.Contains(e["message"].(string), want) {
			t.Fatalf("message lacks %q: %s", want, e["message"])
		}
	}
	if g := must(t, c.do(http.MethodGet, host, nil), http.StatusOK); g.props()["provisioningState"] != "Failed" {
		t.Fatalf("host after failure: %s", g.raw)
	}
	// Roles assigned but not yet propagated: Failed again (same body re-provisions the Failed host: 200 without a
	// monitor, as the specification declares; the host shows Accepted, then Failed).
	a.grantAll(t)
	again := must(t, c.do(http.MethodPut, host, standardHost()), http.StatusOK)
	if again.header.Get("Azure-AsyncOperation") != "" || again.props()["provisioningState"] != "Accepted" {
		t.Fatalf("PUT of a Failed host: %v %s", again.header, again.raw)
	}
	st = c.finish(again)
	if e, _ := st.body["error"].(map[string]any); st.body["status"] != "Failed" || !strings.Contains(e["message"].(string), "not yet effective") {
		t.Fatalf("operation before propagation: %s", st.raw)
	}
	// finish advanced the clock by more than a minute: the assignments are effective now.
	if st = c.finish(must(t, c.do(http.MethodPut, host, standardHost()), http.StatusOK)); st.body["status"] != "Succeeded" {
		t.Fatalf("operation after propagation: %s", st.raw)
	}
	// Roles at a parent scope count; Owner does not grant the data roles.
	b := standardSetup(t, srv, "caprbac2")
	srv.SetRBACPropagationDelay(0)
	for _, role := range []string{emulator.RoleOwner, emulator.RoleStorageBlobDataOwner, emulator.RoleSearchIndexDataContributor} {
		if _, err := srv.AssignRole("/subscriptions/"+subID+"/resourceGroups/rg-foundry", role, b.principal); err != nil {
			t.Fatal(err)
		}
	}
	if st = c.finish(must(t, c.do(http.MethodPut, b.prj+"/capabilityHosts/h", standardHost()), http.StatusCreated)); st.body["status"] != "Succeeded" {
		t.Fatalf("roles at the resource group: %s", st.raw)
	}
	// Turned off through the control API: no roles needed.
	d := standardSetup(t, srv, "caprbac3")
	must(t, c.do(http.MethodPut, "/_emulator/config", map[string]any{"enforceCapabilityHostRbac": false}), http.StatusOK)
	if cfg := must(t, c.do(http.MethodGet, "/_emulator/config", nil), http.StatusOK); cfg.body["enforceCapabilityHostRbac"] != false {
		t.Fatalf("config: %s", cfg.raw)
	}
	if st = c.finish(must(t, c.do(http.MethodPut, d.prj+"/capabilityHosts/h", standardHost()), http.StatusCreated)); st.body["status"] != "Succeeded" {
		t.Fatalf("enforcement off: %s", st.raw)
	}
}

func TestCapabilityHost_UnresolvableDependencyAndNoIdentity(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	a := standardSetup(t, srv, "capres")
	c := a.c
	a.grantAll(t)
	srv.SetAsyncDuration(0)
	a.connection(a.prj, "cosmos-elsewhere", "CosmosDb", "https://unknown-cosmos.documents.azure.com:443/", "")
	a.connection(a.prj, "cosmos-gone", "CosmosDb", "https://cosmos-foundry-agents.documents.azure.com:443/", cosmosID+"-gone")
	a.connection(a.prj, "cosmos-by-endpoint", "CosmosDb", "https://cosmos-foundry-agents.documents.azure.com:443/", "")
	// Without metadata.ResourceId the seeded account is found by its endpoint.
	byEndpoint := standardHost()
	byEndpoint["properties"].(map[string]any)["threadStorageConnections"] = []any{"cosmos-by-endpoint"}
	c.create(a.prj+"/capabilityHosts/h", byEndpoint)
	c.remove(a.prj + "/capabilityHosts/h")
	gone := standardHost()
	gone["properties"].(map[string]any)["threadStorageConnections"] = []any{"cosmos-gone"}
	c.create(a.prj+"/capabilityHosts/h", gone)
	if g := must(t, c.do(http.MethodGet, a.prj+"/capabilityHosts/h", nil), http.StatusOK); g.props()["provisioningState"] != "Failed" {
		t.Fatalf("a ResourceId that does not exist: %s", g.raw)
	}
	c.remove(a.prj + "/capabilityHosts/h")
	body := standardHost()
	body["properties"].(map[string]any)["threadStorageConnections"] = []any{"cosmos-elsewhere"}
	srv.SetAsyncDuration(caphostAsync)
	st := c.finish(must(t, c.do(http.MethodPut, a.prj+"/capabilityHosts/h", body), http.StatusCreated))
	if e, _ := st.body["error"].(map[string]any); st.body["status"] != "Failed" || !strings.Contains(e["message"].(string), "could not be resolved") {
		t.Fatalf("unresolvable: %s", st.raw)
	}
	// A project without a managed identity cannot reach its dependencies.
	srv.SetAsyncDuration(0)
	noID := a.acc + "/projects/noid"
	c.create(noID, map[string]any{"location": "eastus"})
	for _, n := range []string{"cos2", "sto2", "vec2"} {
		cat := map[string]string{"cos2": "CosmosDb", "sto2": "AzureStorageAccount", "vec2": "CognitiveSearch"}[n]
		id := map[string]string{"cos2": cosmosID, "sto2": storageID, "vec2": searchID}[n]
		a.connection(noID, n, cat, "https://x.example/", id)
	}
	srv.SetAsyncDuration(caphostAsync)
	st = c.finish(must(t, c.do(http.MethodPut, noID+"/capabilityHosts/h", map[string]any{"properties": map[string]any{
		"threadStorageConnections": []any{"cos2"}, "storageConnections": []any{"sto2"}, "vectorStoreConnections": []any{"vec2"}}}), http.StatusCreated))
	if e, _ := st.body["error"].(map[string]any); st.body["status"] != "Failed" || !strings.Contains(e["message"].(string), "no managed identity") {
		t.Fatalf("no identity: %s", st.raw)
	}
}

func TestCapabilityHost_AccountScope(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	a := standardSetup(t, srv, "capacc")
	c := a.c
	a.grantAll(t)
	accHost := a.acc + "/capabilityHosts/acchost"
	body := map[string]any{"properties": map[string]any{"capabilityHostKind": "Agents", "customerSubnet": agentSubnet2}}
	put := must(t, c.do(http.MethodPut, accHost, body), http.StatusCreated)
	if put.header.Get("Azure-AsyncOperation") == "" || put.header.Get("x-ms-async-operation-timeout") == "" {
		t.Fatalf("headers: %v", put.header)
	}
	if st := c.finish(put); st.body["status"] != "Succeeded" {
		t.Fatalf("account host: %s", st.raw)
	}
	got := must(t, c.do(http.MethodGet, accHost, nil), http.StatusOK)
	if got.props()["customerSubnet"] != agentSubnet2 || got.body["type"] != "Microsoft.CognitiveServices/accounts/capabilityHosts" {
		t.Fatalf("GET: %s", got.raw)
	}
	must(t, c.do(http.MethodPut, accHost, body), http.StatusOK)
	mustErr(t, c.do(http.MethodPut, a.acc+"/capabilityHosts/second", body), http.StatusConflict, "Conflict")
	// A project host does not need the account host, and the account host cannot go before the project host.
	c.finish(must(t, c.do(http.MethodPut, a.prj+"/capabilityHosts/prjhost", standardHost()), http.StatusCreated))
	r := mustErr(t, c.do(http.MethodDelete, accHost, nil), http.StatusConflict, "Conflict")
	if !strings.Contains(r.raw2(), "prjhost") {
		t.Fatalf("message: %s", r.raw)
	}
	c.finish(must(t, c.do(http.MethodDelete, a.prj+"/capabilityHosts/prjhost", nil), http.StatusAccepted))
	c.finish(must(t, c.do(http.MethodDelete, accHost, nil), http.StatusAccepted))
	mustErr(t, c.do(http.MethodGet, accHost, nil), http.StatusNotFound, "ResourceNotFound")
	// The account's own host does not block the account delete (the purge cleans it up, arm-foundry.md §8.7).
	c.finish(must(t, c.do(http.MethodPut, accHost, body), http.StatusCreated))
	c.finish(must(t, c.do(http.MethodDelete, a.prj, nil), http.StatusAccepted))
	must(t, c.do(http.MethodDelete, a.acc, nil), http.StatusAccepted)
}

func TestCapabilityHost_ImplicitHostOfInjectedAccount(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "capinj")
	c.create(p, injected("capinj", agentSubnet))
	implicit := p + "/capabilityHosts/capinj" + caphostSuffix
	r := mustErr(t, c.do(http.MethodPut, p+"/capabilityHosts/mine", map[string]any{"properties": map[string]any{"capabilityHostKind": "Agents"}}),
		http.StatusConflict, "Conflict")
	if !strings.Contains(r.raw2(), "capinj"+caphostSuffix) {
		t.Fatalf("message: %s", r.raw)
	}
	// The implicit name is accepted for the implicit host: same body → 200, other body → InvalidData.
	same := must(t, c.do(http.MethodPut, implicit, map[string]any{"properties": map[string]any{"customerSubnet": agentSubnet}}), http.StatusOK)
	if same.header.Get("Azure-AsyncOperation") != "" {
		t.Fatalf("idempotent PUT started an operation: %v", same.header)
	}
	mustErr(t, c.do(http.MethodPut, implicit, map[string]any{"properties": map[string]any{"customerSubnet": agentSubnet2}}), http.StatusBadRequest, "InvalidData")
}

func TestCapabilityHost_OutOfBandProjectDeleteDropsHost(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{EnforceCapabilityHostRBAC: new(bool)})
	a := standardSetup(t, srv, "capoob")
	c := a.c
	srv.SetAsyncDuration(0)
	c.create(a.prj+"/capabilityHosts/h", standardHost())
	if err := srv.DeleteOutOfBand(a.prj, false); err != nil {
		t.Fatal(err)
	}
	c.create(a.prj, map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}})
	if l := must(t, c.do(http.MethodGet, a.prj+"/capabilityHosts", nil), http.StatusOK); len(l.body["value"].([]any)) != 0 {
		t.Fatalf("a re-created project inherited the old host: %s", l.raw)
	}
}
