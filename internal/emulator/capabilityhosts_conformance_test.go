package emulator_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// TestConformance_CapabilityHostExamples replays the AccountCapabilityHost/ and ProjectCapabilityHost/ examples
// (the capability-host rows of the conformance table) with the RBAC requirement off: the examples' connections point
// at no real dependency. PUT answers 201 (the example's 201 carries Location, the spec and the emulator
// Azure-AsyncOperation), DELETE 202, GET and list 200; bodies are compared with compareShape.
func TestConformance_CapabilityHostExamples(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		"AccountCapabilityHost/createOrUpdate", "AccountCapabilityHost/get", "AccountCapabilityHost/list", "AccountCapabilityHost/delete",
		"ProjectCapabilityHost/createOrUpdate", "ProjectCapabilityHost/get", "ProjectCapabilityHost/list", "ProjectCapabilityHost/delete",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			raw, err := readExampleFile(name + ".json")
			if err != nil {
				t.Fatal(err)
			}
			var ex example
			if err := json.Unmarshal(raw, &ex); err != nil {
				t.Fatal(err)
			}
			srv := start(t, emulator.Options{Seed: conformanceSeed(raw, &ex), EnforceCapabilityHostRBAC: new(bool)})
			replayCapabilityHost(t, newRaw(t, srv, armAud), &ex)
		})
	}
}

func replayCapabilityHost(t *testing.T, c *rawClient, ex *example) {
	sub, rg, acc := ex.param("subscriptionId"), ex.param("resourceGroupName"), ex.param("accountName")
	accPath := "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.CognitiveServices/accounts/" + acc
	c.create(accPath, enableProjects(map[string]any{"location": "westus"}, "sub-"+strings.ToLower(acc)))
	scope := accPath
	if strings.HasPrefix(ex.OperationID, "ProjectCapabilityHosts_") {
		scope = accPath + "/projects/" + ex.param("projectName")
		c.create(scope, map[string]any{"location": "westus", "identity": map[string]any{"type": "SystemAssigned"}})
		for name, cat := range map[string]string{"aoai_connection": "AzureOpenAI", "blob_connection": "AzureBlob", "aca_connection": "CosmosDb", "acs_connection": "CognitiveSearch"} {
			must(t, c.do(http.MethodPut, scope+"/connections/"+name, map[string]any{"properties": map[string]any{
				"category": cat, "target": "https://" + strings.ReplaceAll(name, "_", "-") + ".example.com/", "authType": "AAD"}}), http.StatusOK)
		}
	}
	hosts := scope + "/capabilityHosts"
	var items []any
	if b := ex.responseBody(200); b != nil {
		items, _ = b["value"].([]any)
		if items == nil {
			items = []any{b}
		}
	}
	method, path := http.MethodGet, hosts+"/"+ex.param("capabilityHostName")
	var body any
	switch {
	case strings.HasSuffix(ex.OperationID, "_CreateOrUpdate"):
		method, body = http.MethodPut, ex.bodyParam("capabilityHost")
	case strings.HasSuffix(ex.OperationID, "_List"):
		path = hosts
		fallthrough
	case strings.HasSuffix(ex.OperationID, "_Get"):
		for _, it := range items {
			item, _ := it.(map[string]any)
			c.create(hosts+"/"+item["name"].(string), asPutBody(item))
		}
	case strings.HasSuffix(ex.OperationID, "_Delete"):
		host := map[string]any{"properties": map[string]any{}}
		if scope != accPath {
			host = map[string]any{"properties": map[string]any{"threadStorageConnections": []any{"aca_connection"}}}
		}
		c.create(path, host)
		method = http.MethodDelete
	default:
		t.Fatalf("no replay for %s", ex.OperationID)
	}
	got := c.do(method, path, body)
	var documented []int
	for code := range ex.Responses {
		n, _ := strconv.Atoi(code)
		documented = append(documented, n)
	}
	if !slices.Contains(documented, got.status) {
		t.Fatalf("%s %s: status %d is not one of the documented %v; body: %s", method, path, got.status, documented, got.raw)
	}
	want := ex.responseBody(got.status)
	if want == nil {
		if len(strings.TrimSpace(string(got.raw))) != 0 {
			t.Fatalf("the example has no body for %d but the emulator sent %s", got.status, got.raw)
		}
		return
	}
	compareShape(t, ex.OperationID, "", want, got.body)
	if strings.HasSuffix(ex.OperationID, "_List") {
		if _, ok := got.body["nextLink"]; ok && got.body["nextLink"] != nil {
			t.Fatalf("nextLink on a one-page list: %s", got.raw)
		}
	}
}
