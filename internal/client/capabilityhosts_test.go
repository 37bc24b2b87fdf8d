package client_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

func TestParseCapabilityHostIDs(t *testing.T) {
	acc := accountID + "/capabilityHosts/myAccount@aml_aiagentservice"
	a, err := client.ParseAccountCapabilityHostID(acc)
	if err != nil || a.String() != acc || !a.IsImplicit() || a.AccountID != testAccountID() {
		t.Fatalf("got %+v, %v", a, err)
	}
	prj := accountID + "/projects/p1/capabilityHosts/agents"
	p, err := client.ParseProjectCapabilityHostID(strings.Replace(prj, "capabilityHosts", "capabilityhosts", 1))
	if err != nil || p.String() != prj || p.ProjectID.Name != "p1" || p.Name != "agents" {
		t.Fatalf("got %+v, %v", p, err)
	}
	if _, err := client.ParseProjectCapabilityHostID(acc); err == nil || !strings.Contains(err.Error(), "expected the shape") {
		t.Errorf("an account host parsed as a project host: %v", err)
	}
}

// Pattern C: 201 + Azure-AsyncOperation, poll the status, then the client's GET of the original URI.
func TestBeginCreateOrUpdateProjectCapabilityHost(t *testing.T) {
	async := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/eastus/operationStatuses/op1?api-version=" + client.APIVersion
	host := `{"id":"` + accountID + `/projects/p1/capabilityHosts/agents","name":"agents","properties":{"storageConnections":["st"],
	  "threadStorageConnections":["cosmos"],"vectorStoreConnections":["srch"],"provisioningState":"Succeeded"}}`
	tr := newTransport(t,
		reply(201, `{"properties":{"provisioningState":"Creating"}}`, "Azure-AsyncOperation", async, "Retry-After", "0"),
		reply(200, `{"status":"Succeeded"}`),
		reply(200, host), // azcore's original-URI GET
		reply(200, host), // the client's GET
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	id := client.NewProjectCapabilityHostID(client.NewProjectID(testAccountID(), "p1"), "agents")
	p, err := c.BeginCreateOrUpdateProjectCapabilityHost(ctx, id, client.ProjectCapabilityHost{
		Name: ptr("ignored"),
		Properties: &client.ProjectCapabilityHostProperties{StorageConnections: []string{"st"}, ThreadStorageConnections: []string{"cosmos"},
			VectorStoreConnections: []string{"srch"}, ProvisioningState: ptr("Succeeded")},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil || *got.Properties.ProvisioningState != "Succeeded" || got.Properties.VectorStoreConnections[0] != "srch" {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodPut, accountPath+"/projects/p1/capabilityHosts/agents")
	if strings.Contains(reqs[0].Body, "provisioningState") || strings.Contains(reqs[0].Body, "ignored") {
		t.Errorf("read-only fields sent: %s", reqs[0].Body)
	}
}

// A failed operation surfaces the status body's error code.
func TestBeginCreateOrUpdateAccountCapabilityHost_failed(t *testing.T) {
	async := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/eastus/operationStatuses/op2?api-version=" + client.APIVersion
	tr := newTransport(t,
		reply(201, `{"properties":{"provisioningState":"Creating"}}`, "Azure-AsyncOperation", async, "Retry-After", "0"),
		reply(200, `{"status":"Failed","error":{"code":"CapabilityHostOperationFailed","message":"Capability host operation failed"}}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	id := client.NewAccountCapabilityHostID(testAccountID(), "agents")
	p, err := c.BeginCreateOrUpdateAccountCapabilityHost(ctx, id, client.CapabilityHost{Properties: &client.CapabilityHostProperties{CapabilityHostKind: ptr("Agents")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); client.ErrorCode(err) != "CapabilityHostOperationFailed" {
		t.Fatalf("got %v", err)
	}
}

func TestNeighbourReads(t *testing.T) {
	tr := newTransport(t,
		reply(200, `{"location":"eastus","properties":{"primaryEndpoints":{"blob":"https://st1.blob.core.windows.net/"}}}`),
		reply(200, `{"location":"eastus","properties":{"documentEndpoint":"https://c1.documents.azure.com:443/"}}`),
		reply(200, `{"location":"eastus","properties":{"endpoint":"https://s1.search.windows.net"}}`),
		reply(200, `{"value":[{"id":"x","properties":{"scope":"s","principalId":"p"}}]}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	rg := "/subscriptions/" + sub + "/resourceGroups/myRG/providers/"
	st, _ := client.ParseStorageAccountID(rg + "Microsoft.Storage/storageAccounts/st1")
	cos, _ := client.ParseCosmosAccountID(rg + "Microsoft.DocumentDB/databaseAccounts/c1")
	srch, _ := client.ParseSearchServiceID(rg + "Microsoft.Search/searchServices/s1")
	if got, err := c.GetStorageAccount(ctx, st); err != nil || *got.Properties.PrimaryEndpoints.Blob != "https://st1.blob.core.windows.net/" {
		t.Fatalf("storage: %v", err)
	}
	if got, err := c.GetCosmosAccount(ctx, cos); err != nil || *got.Properties.DocumentEndpoint != "https://c1.documents.azure.com:443/" {
		t.Fatalf("cosmos: %v", err)
	}
	if got, err := c.GetSearchService(ctx, srch); err != nil || *got.Properties.Endpoint != "https://s1.search.windows.net" {
		t.Fatalf("search: %v", err)
	}
	if got, err := c.ListSQLRoleAssignments(ctx, cos); err != nil || len(got) != 1 {
		t.Fatalf("sql role assignments: %v", err)
	}
	reqs := tr.requests()
	for i, v := range []string{client.StorageAPIVersion, client.CosmosAPIVersion, client.SearchAPIVersion, client.CosmosAPIVersion} {
		if !strings.Contains(reqs[i].URL, "api-version="+v) {
			t.Errorf("request %d: %s, want api-version %s", i, reqs[i].URL, v)
		}
	}
	name := client.SQLRoleAssignmentName(cos.DatabaseScope("enterprise_memory"), client.CosmosDataContributorRoleID, "P")
	if !client.IsGUID(name) || name != client.SQLRoleAssignmentName(strings.ToLower(cos.DatabaseScope("enterprise_memory")), client.CosmosDataContributorRoleID, "p") {
		t.Errorf("SQL role assignment name %q is not a deterministic GUID", name)
	}
	sid := client.SQLRoleAssignmentID{Account: cos, Name: name}
	if back, err := client.ParseSQLRoleAssignmentID(sid.String()); err != nil || back != sid {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}
