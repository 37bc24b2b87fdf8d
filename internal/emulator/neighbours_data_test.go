package emulator_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const (
	storageID     = "/subscriptions/" + subID + "/resourceGroups/rg-foundry/providers/Microsoft.Storage/storageAccounts/stfoundryagents"
	cosmosID      = "/subscriptions/" + subID + "/resourceGroups/rg-foundry/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-foundry-agents"
	searchID      = "/subscriptions/" + subID + "/resourceGroups/rg-foundry/providers/Microsoft.Search/searchServices/srch-foundry-agents"
	cosmosWestID  = "/subscriptions/" + subID + "/resourceGroups/rg-other/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-foundry-agents-westus"
	storageWestID = "/subscriptions/" + subID + "/resourceGroups/rg-other/providers/Microsoft.Storage/storageAccounts/stfoundryagentswestus"
	searchWestID  = "/subscriptions/" + subID + "/resourceGroups/rg-other/providers/Microsoft.Search/searchServices/srch-foundry-agents-westus"
)

func TestDataNeighbours_SeededShapes(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	if got := emulator.StorageAccountID(subID, "rg-foundry", "stfoundryagents"); got != storageID {
		t.Fatalf("StorageAccountID = %s", got)
	}
	if emulator.CosmosDBAccountID(subID, "rg-foundry", "cosmos-foundry-agents") != cosmosID || emulator.SearchServiceID(subID, "rg-foundry", "srch-foundry-agents") != searchID {
		t.Fatal("ID helpers")
	}
	for _, v := range []string{"2026-09-01", "2023-05-01"} {
		r := must(t, c.do(http.MethodGet, storageID+"?api-version="+v, nil), http.StatusOK)
		p := r.props()
		if r.body["kind"] != "StorageV2" || r.body["location"] != "eastus" || r.body["type"] != "Microsoft.Storage/storageAccounts" ||
			p["primaryEndpoints"].(map[string]any)["blob"] != "https://stfoundryagents.blob.core.windows.net/" ||
			p["allowSharedKeyAccess"] != false || p["provisioningState"] != "Succeeded" || r.body["sku"].(map[string]any)["name"] != "Standard_LRS" {
			t.Fatalf("storage @%s: %s", v, r.raw)
		}
	}
	for _, v := range []string{"2026-07-15", "2025-10-15", "2024-11-15", "2024-12-01-preview", "2022-05-15"} {
		r := must(t, c.do(http.MethodGet, cosmosID+"?api-version="+v, nil), http.StatusOK)
		p := r.props()
		locs := p["locations"].([]any)
		if r.body["kind"] != "GlobalDocumentDB" || p["documentEndpoint"] != "https://cosmos-foundry-agents.documents.azure.com:443/" ||
			p["disableLocalAuth"] != true || p["provisioningState"] != "Succeeded" || len(locs) != 1 ||
			locs[0].(map[string]any)["locationName"] != "East US" || len(p["capabilities"].([]any)) != 0 {
			t.Fatalf("cosmos @%s: %s", v, r.raw)
		}
	}
	for _, v := range []string{"2025-05-01", "2024-06-01-preview"} {
		r := must(t, c.do(http.MethodGet, searchID+"?api-version="+v, nil), http.StatusOK)
		p := r.props()
		id := r.body["identity"].(map[string]any)
		if r.body["sku"].(map[string]any)["name"] != "standard" || p["endpoint"] != "https://srch-foundry-agents.search.windows.net" ||
			p["provisioningState"] != "succeeded" || p["publicNetworkAccess"] != "enabled" || p["status"] != "running" ||
			p["authOptions"].(map[string]any)["aadOrApiKey"].(map[string]any)["aadAuthFailureMode"] != "http401WithBearerChallenge" ||
			id["type"] != "SystemAssigned" || id["principalId"] != emulator.SearchServicePrincipalID(searchID) {
			t.Fatalf("search @%s: %s", v, r.raw)
		}
	}
	// The westus set.
	for id, loc := range map[string]string{storageWestID: "westus", cosmosWestID: "westus", searchWestID: "westus"} {
		v := map[bool]string{true: "2026-09-01", false: ""}[strings.Contains(id, "Storage")]
		if v == "" {
			v = map[bool]string{true: "2026-07-15", false: "2025-05-01"}[strings.Contains(id, "DocumentDB")]
		}
		r := must(t, c.do(http.MethodGet, id+"?api-version="+v, nil), http.StatusOK)
		if r.body["location"] != loc {
			t.Fatalf("%s: %s", id, r.raw)
		}
	}
	// Lists by resource group and subscription.
	for path, want := range map[string]int{
		"/subscriptions/" + subID + "/resourceGroups/rg-foundry/providers/Microsoft.Storage/storageAccounts?api-version=2026-09-01":    1,
		"/subscriptions/" + subID + "/providers/Microsoft.Storage/storageAccounts?api-version=2026-09-01":                              2,
		"/subscriptions/" + subID + "/resourceGroups/rg-other/providers/Microsoft.DocumentDB/databaseAccounts?api-version=2026-07-15":  1,
		"/subscriptions/" + subID + "/providers/Microsoft.DocumentDB/databaseAccounts?api-version=2026-07-15":                          2,
		"/subscriptions/" + subID + "/resourceGroups/rg-foundry/providers/Microsoft.Search/searchServices?api-version=2025-05-01":      1,
		"/subscriptions/" + subID + "/providers/Microsoft.Search/searchServices?api-version=2025-05-01":                                2,
		"/subscriptions/" + subID + "/resourceGroups/myResourceGroup/providers/Microsoft.Search/searchServices?api-version=2025-05-01": 0,
	} {
		if got := len(c.listAll(path)); got != want {
			t.Errorf("GET %s: %d items, want %d", path, got, want)
		}
	}
	// Strict api-versions, read-only, not found.
	mustErr(t, c.do(http.MethodGet, storageID+"?api-version=2021-01-01", nil), http.StatusBadRequest, "NoRegisteredProviderFound")
	mustErr(t, c.do(http.MethodGet, cosmosID+"?api-version=2026-09-01", nil), http.StatusBadRequest, "NoRegisteredProviderFound")
	mustErr(t, c.do(http.MethodGet, searchID+"?api-version=2026-07-15", nil), http.StatusBadRequest, "NoRegisteredProviderFound")
	mustErr(t, c.do(http.MethodPut, storageID+"?api-version=2026-09-01", map[string]any{}), http.StatusMethodNotAllowed, "MethodNotAllowed")
	mustErr(t, c.do(http.MethodDelete, cosmosID+"?api-version=2026-07-15", nil), http.StatusMethodNotAllowed, "MethodNotAllowed")
	mustErr(t, c.do(http.MethodGet, strings.Replace(searchID, "srch-foundry-agents", "nope", 1)+"?api-version=2025-05-01", nil), http.StatusNotFound, "ResourceNotFound")
	mustErr(t, c.do(http.MethodGet, strings.Replace(storageID, "rg-foundry", "rg-missing", 1)+"?api-version=2026-09-01", nil), http.StatusNotFound, "ResourceGroupNotFound")
	// The state dump lists them.
	st := must(t, c.do(http.MethodGet, "/_emulator/state", nil), http.StatusOK)
	ds := st.body["dataServices"].(map[string]any)
	if len(ds["storageAccounts"].([]any)) != 2 || len(ds["cosmosDbAccounts"].([]any)) != 2 || len(ds["searchServices"].([]any)) != 2 {
		t.Fatalf("state dump: %v", ds)
	}
}

func TestDataNeighbours_AddAndSeedValidation(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	r := must(t, c.do(http.MethodPost, "/_emulator/storageaccounts", map[string]any{"resourceGroup": "rg-other", "name": "stextra", "location": "westus", "allowSharedKeyAccess": true}), http.StatusCreated)
	g := must(t, c.do(http.MethodGet, r.body["id"].(string)+"?api-version=2026-09-01", nil), http.StatusOK)
	if g.props()["allowSharedKeyAccess"] != true {
		t.Fatalf("added storage: %s", g.raw)
	}
	must(t, c.do(http.MethodPost, "/_emulator/cosmosdbaccounts", map[string]any{"resourceGroup": "rg-other", "name": "cosmos-extra", "location": "westus", "disableLocalAuth": false, "serverless": true}), http.StatusCreated)
	g = must(t, c.do(http.MethodGet, "/subscriptions/"+subID+"/resourceGroups/rg-other/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-extra?api-version=2026-07-15", nil), http.StatusOK)
	if g.props()["disableLocalAuth"] != false || g.props()["capabilities"].([]any)[0].(map[string]any)["name"] != "EnableServerless" {
		t.Fatalf("added cosmos: %s", g.raw)
	}
	if _, err := srv.AddSearchService(emulator.SeedSearchService{ResourceGroup: "rg-other", Name: "srch-extra", Location: "westus", DisableLocalAuth: true, Sku: "Basic"}); err != nil {
		t.Fatal(err)
	}
	g = must(t, c.do(http.MethodGet, "/subscriptions/"+subID+"/resourceGroups/rg-other/providers/Microsoft.Search/searchServices/srch-extra?api-version=2025-05-01", nil), http.StatusOK)
	if g.props()["authOptions"] != nil || g.body["sku"].(map[string]any)["name"] != "basic" {
		t.Fatalf("added search: %s", g.raw)
	}
	for name, body := range map[string]map[string]any{
		"storageaccounts":  {"resourceGroup": "rg-other", "name": "stfoundryagents", "location": "westus"}, // globally unique
		"cosmosdbaccounts": {"resourceGroup": "rg-other", "name": "Cosmos_Bad", "location": "westus"},
		"searchservices":   {"resourceGroup": "rg-missing", "name": "srch-x", "location": "westus"},
	} {
		mustErr(t, c.do(http.MethodPost, "/_emulator/"+name, body), http.StatusBadRequest, "BadRequest")
	}
	// Reset returns to the seed.
	srv.Reset()
	mustErr(t, c.do(http.MethodGet, "/subscriptions/"+subID+"/resourceGroups/rg-other/providers/Microsoft.Search/searchServices/srch-extra?api-version=2025-05-01", nil), http.StatusNotFound, "ResourceNotFound")
	must(t, c.do(http.MethodGet, searchID+"?api-version=2025-05-01", nil), http.StatusOK)

	for name, mutate := range map[string]func(*emulator.Seed){
		"storage name with capitals":     func(s *emulator.Seed) { s.StorageAccounts[0].Name = "StFoundry" },
		"duplicate storage name":         func(s *emulator.Seed) { s.StorageAccounts[1].Name = "stfoundryagents" },
		"cosmos in an unknown group":     func(s *emulator.Seed) { s.CosmosDBAccounts[0].ResourceGroup = "rg-missing" },
		"search with an unknown sku":     func(s *emulator.Seed) { s.SearchServices[0].Sku = "gold" },
		"search in an unknown location":  func(s *emulator.Seed) { s.SearchServices[0].Location = "mars" },
		"storage public access unknown":  func(s *emulator.Seed) { s.StorageAccounts[0].PublicNetworkAccess = "Maybe" },
		"cosmos name ending with a dash": func(s *emulator.Seed) { s.CosmosDBAccounts[0].Name = "cosmos-" },
	} {
		seed := emulator.DefaultSeed()
		mutate(seed)
		if srv, err := emulator.Start(emulator.Options{Seed: seed, PlainHTTP: true}); err == nil {
			_ = srv.Close()
			t.Errorf("%s: the seed was accepted", name)
		}
	}
}

func sqlAssignmentPath(account, name string) string { return account + "/sqlRoleAssignments/" + name }

func sqlAssignment(roleGUID, scope, principal string) map[string]any {
	return map[string]any{"properties": map[string]any{
		"roleDefinitionId": cosmosID + "/sqlRoleDefinitions/" + roleGUID, "scope": scope, "principalId": principal}}
}

func TestCosmosRBAC_DefinitionsAndAssignments(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	q := "?api-version=2025-10-15"
	defs := must(t, c.do(http.MethodGet, cosmosID+"/sqlRoleDefinitions"+q, nil), http.StatusOK)
	if v := defs.body["value"].([]any); len(v) != 2 || defs.body["nextLink"] != nil {
		t.Fatalf("role definitions: %s", defs.raw)
	}
	d := must(t, c.do(http.MethodGet, cosmosID+"/sqlRoleDefinitions/"+emulator.CosmosDataContributorRoleID+q, nil), http.StatusOK)
	if d.props()["roleName"] != "Cosmos DB Built-in Data Contributor" || d.props()["type"] != "BuiltInRole" ||
		d.body["type"] != "Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions" || d.body["id"] != cosmosID+"/sqlRoleDefinitions/"+emulator.CosmosDataContributorRoleID {
		t.Fatalf("contributor: %s", d.raw)
	}
	reader := must(t, c.do(http.MethodGet, cosmosID+"/sqlRoleDefinitions/"+emulator.CosmosDataReaderRoleID+q, nil), http.StatusOK)
	if reader.props()["roleName"] != "Cosmos DB Built-in Data Reader" {
		t.Fatalf("reader: %s", reader.raw)
	}
	mustErr(t, c.do(http.MethodGet, cosmosID+"/sqlRoleDefinitions/00000000-0000-0000-0000-000000000009"+q, nil), http.StatusNotFound, "ResourceNotFound")
	mustErr(t, c.do(http.MethodPut, cosmosID+"/sqlRoleDefinitions/00000000-0000-0000-0000-000000000009"+q, map[string]any{}), http.StatusMethodNotAllowed, "MethodNotAllowed")

	principal := "66666666-6666-6666-6666-666666666666"
	name := "77777777-7777-7777-7777-777777777777"
	// Database scope before the database exists (the agent service creates enterprise_memory later).
	r := must(t, c.do(http.MethodPut, sqlAssignmentPath(cosmosID, name)+q, sqlAssignment(emulator.CosmosDataContributorRoleID, cosmosID+"/dbs/enterprise_memory", principal)), http.StatusAccepted)
	if r.header.Get("Azure-AsyncOperation") == "" || r.header.Get("Location") == "" || r.header.Get("Retry-After") == "" ||
		r.header.Get("Content-Type") != "" || len(r.raw) != 0 { // no body: no Content-Type
		t.Fatalf("202 headers: %v %q", r.header, r.raw)
	}
	if p := must(t, c.do(http.MethodGet, r.header.Get("Azure-AsyncOperation"), nil), http.StatusOK); p.body["status"] != "Succeeded" {
		t.Fatalf("poll: %s", p.raw)
	}
	loc := must(t, c.do(http.MethodGet, r.header.Get("Location"), nil), http.StatusOK)
	if loc.props()["scope"] != cosmosID+"/dbs/enterprise_memory" {
		t.Fatalf("operation result: %s", loc.raw)
	}
	g := must(t, c.do(http.MethodGet, sqlAssignmentPath(cosmosID, name)+q, nil), http.StatusOK)
	if g.body["type"] != "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments" || g.body["name"] != name ||
		g.props()["principalId"] != principal || g.props()["roleDefinitionId"] != cosmosID+"/sqlRoleDefinitions/"+emulator.CosmosDataContributorRoleID {
		t.Fatalf("assignment: %s", g.raw)
	}
	// Account and container scopes are fine too.
	for i, scope := range []string{cosmosID, cosmosID + "/dbs/enterprise_memory/colls/p-thread-message-store", strings.ToUpper(cosmosID) + "/dbs/x"} {
		n := "8888888" + string(rune('0'+i)) + "-8888-8888-8888-888888888888"
		c.settle(must(t, c.do(http.MethodPut, sqlAssignmentPath(cosmosID, n)+q, sqlAssignment(emulator.CosmosDataReaderRoleID, scope, principal)), http.StatusAccepted))
	}
	list := must(t, c.do(http.MethodGet, cosmosID+"/sqlRoleAssignments"+q, nil), http.StatusOK)
	if len(list.body["value"].([]any)) != 4 {
		t.Fatalf("list: %s", list.raw)
	}
	// Validation.
	bad := "99999999-9999-9999-9999-999999999999"
	for _, tc := range []struct {
		name string
		path string
		body map[string]any
		msg  string
	}{
		{"name not a GUID", sqlAssignmentPath(cosmosID, "not-a-guid"), sqlAssignment(emulator.CosmosDataReaderRoleID, cosmosID, principal), "GUID"},
		{"unknown role", sqlAssignmentPath(cosmosID, bad), sqlAssignment("00000000-0000-0000-0000-000000000009", cosmosID, principal), "Role Definition"},
		{"role of another account", sqlAssignmentPath(cosmosID, bad), map[string]any{"properties": map[string]any{
			"roleDefinitionId": cosmosWestID + "/sqlRoleDefinitions/" + emulator.CosmosDataReaderRoleID, "scope": cosmosID, "principalId": principal}}, "Role Definition"},
		{"scope of another account", sqlAssignmentPath(cosmosID, bad), sqlAssignment(emulator.CosmosDataReaderRoleID, cosmosWestID+"/dbs/x", principal), "scope"},
		{"relative scope", sqlAssignmentPath(cosmosID, bad), sqlAssignment(emulator.CosmosDataReaderRoleID, "/dbs/x", principal), "scope"},
		{"scope below a container", sqlAssignmentPath(cosmosID, bad), sqlAssignment(emulator.CosmosDataReaderRoleID, cosmosID+"/dbs/x/colls/y/docs/z", principal), "scope"},
		{"scope with another segment", sqlAssignmentPath(cosmosID, bad), sqlAssignment(emulator.CosmosDataReaderRoleID, cosmosID+"/tables/x", principal), "scope"},
		{"missing scope", sqlAssignmentPath(cosmosID, bad), sqlAssignment(emulator.CosmosDataReaderRoleID, "", principal), "properties.scope"},
		{"missing principal", sqlAssignmentPath(cosmosID, bad), sqlAssignment(emulator.CosmosDataReaderRoleID, cosmosID, ""), "properties.principalId"},
		{"principal not a GUID", sqlAssignmentPath(cosmosID, bad), sqlAssignment(emulator.CosmosDataReaderRoleID, cosmosID, "bob"), "principal"},
	} {
		r := mustErr(t, c.do(http.MethodPut, tc.path+q, tc.body), http.StatusBadRequest, "BadRequest")
		if !strings.Contains(errMessage(r), tc.msg) {
			t.Errorf("%s: message %q does not mention %q", tc.name, errMessage(r), tc.msg)
		}
	}
	mustErr(t, c.do(http.MethodGet, sqlAssignmentPath(cosmosID, bad)+q, nil), http.StatusNotFound, "ResourceNotFound")
	missing := strings.Replace(cosmosID, "cosmos-foundry-agents", "cosmos-missing", 1)
	mustErr(t, c.do(http.MethodGet, missing+"/sqlRoleAssignments"+q, nil), http.StatusNotFound, "ParentResourceNotFound")
	must(t, c.do(http.MethodDelete, sqlAssignmentPath(missing, bad)+q, nil), http.StatusNoContent)

	// One write at a time per Cosmos account: 412 while an assignment write runs.
	srv.SetAsyncDuration(10 * time.Minute)
	first := must(t, c.do(http.MethodDelete, sqlAssignmentPath(cosmosID, name)+q, nil), http.StatusAccepted)
	r = mustErr(t, c.do(http.MethodPut, sqlAssignmentPath(cosmosID, bad)+q, sqlAssignment(emulator.CosmosDataReaderRoleID, cosmosID, principal)), http.StatusPreconditionFailed, "PreconditionFailed")
	if !strings.Contains(errMessage(r), "exclusive lock on [cosmos-foundry-agents]") {
		t.Fatalf("412 message: %s", errMessage(r))
	}
	// Other Cosmos accounts are not locked.
	must(t, c.do(http.MethodPut, sqlAssignmentPath(cosmosWestID, bad)+q, map[string]any{"properties": map[string]any{
		"roleDefinitionId": cosmosWestID + "/sqlRoleDefinitions/" + emulator.CosmosDataReaderRoleID, "scope": cosmosWestID, "principalId": principal}}), http.StatusAccepted)
	st := must(t, c.do(http.MethodGet, first.header.Get("Azure-AsyncOperation"), nil), http.StatusOK)
	if st.body["status"] != "InProgress" {
		t.Fatalf("status while running: %s", st.raw)
	}
	must(t, c.do(http.MethodGet, first.header.Get("Location"), nil), http.StatusAccepted)
	srv.AdvanceClock(11 * time.Minute)
	must(t, c.do(http.MethodGet, first.header.Get("Location"), nil), http.StatusNoContent)
	mustErr(t, c.do(http.MethodGet, sqlAssignmentPath(cosmosID, name)+q, nil), http.StatusNotFound, "ResourceNotFound")
	must(t, c.do(http.MethodDelete, sqlAssignmentPath(cosmosID, name)+q, nil), http.StatusNoContent)
	must(t, c.do(http.MethodPut, sqlAssignmentPath(cosmosID, bad)+q, sqlAssignment(emulator.CosmosDataReaderRoleID, cosmosID, principal)), http.StatusAccepted)
	// Assignments show in the state dump with their account and never in Microsoft.Authorization.
	dump := must(t, c.do(http.MethodGet, "/_emulator/state", nil), http.StatusOK)
	if !strings.Contains(string(dump.raw), "sqlRoleAssignments/"+bad) {
		t.Fatal("state dump lacks the assignment")
	}
	ra := must(t, c.do(http.MethodGet, "/subscriptions/"+subID+"/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01", nil), http.StatusOK)
	if strings.Contains(string(ra.raw), bad) {
		t.Fatal("a Cosmos SQL role assignment is listed by Microsoft.Authorization")
	}
}
