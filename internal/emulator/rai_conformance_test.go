package emulator_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// The specification's RAI policy examples, replayed: the request is sent to a fresh account and the answer must
// have a documented status, the example's shape, and the example's properties exactly (the emulator echoes a
// policy as written, adding only the read-only type). The list example shows one custom policy; the emulator
// also lists the two built-in ones (type SystemManaged), which the comparison leaves out. DeleteRaiPolicy's example
// shows azure-asyncoperation on its 202; the specification declares Location, which the emulator sends.
func TestConformance_ReplayRAIExamples(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"PutRaiPolicy", "GetRaiPolicy", "ListRaiPolicies", "DeleteRaiPolicy"} {
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
			srv := start(t, emulator.Options{Seed: conformanceSeed(raw, &ex)})
			c := newRaw(t, srv, armAud)
			acc := "/subscriptions/" + ex.param("subscriptionId") + "/resourceGroups/" + ex.param("resourceGroupName") +
				"/providers/Microsoft.CognitiveServices/accounts/" + ex.param("accountName")
			c.create(acc, map[string]any{"location": "westus", "kind": "AIServices", "sku": map[string]any{"name": "S0"}})
			policy := acc + "/raiPolicies/" + ex.param("raiPolicyName")
			put := func(body map[string]any) {
				must(t, c.do(http.MethodPut, acc+"/raiPolicies/"+body["name"].(string), asPutBody(body)), http.StatusCreated)
			}
			var got result
			switch ex.OperationID {
			case "RaiPolicies_CreateOrUpdate":
				got = c.do(http.MethodPut, policy, ex.bodyParam("raiPolicy"))
			case "RaiPolicies_Get":
				put(ex.responseBody(200))
				got = c.do(http.MethodGet, policy, nil)
			case "RaiPolicies_List":
				for _, it := range ex.responseBody(200)["value"].([]any) {
					put(it.(map[string]any))
				}
				got = c.do(http.MethodGet, acc+"/raiPolicies", nil)
				var custom []any
				for _, it := range got.body["value"].([]any) {
					if it.(map[string]any)["properties"].(map[string]any)["type"] != "SystemManaged" {
						custom = append(custom, it)
					}
				}
				got.body["value"] = custom
			case "RaiPolicies_Delete":
				put(map[string]any{"name": ex.param("raiPolicyName"), "properties": map[string]any{"basePolicyName": "Microsoft.Default"}})
				got = c.do(http.MethodDelete, policy, nil)
				if got.status == http.StatusAccepted && got.header.Get("Location") == "" {
					t.Fatalf("202 without Location: %v", got.header)
				}
			}
			var documented []int
			for code := range ex.Responses {
				n, _ := strconv.Atoi(code)
				documented = append(documented, n)
			}
			if !slices.Contains(documented, got.status) {
				t.Fatalf("status %d is not one of the documented %v; body: %s", got.status, documented, got.raw)
			}
			want := ex.responseBody(got.status)
			if want == nil {
				if len(got.raw) != 0 {
					t.Fatalf("the example has no body for %d but the emulator sent %s", got.status, got.raw)
				}
				return
			}
			compareShape(t, ex.OperationID, "", want, got.body)
			wantItems, gotItems := []any{want}, []any{got.body}
			if v, ok := want["value"].([]any); ok {
				wantItems, gotItems = v, got.body["value"].([]any)
			}
			for i := range wantItems {
				w := wantItems[i].(map[string]any)["properties"].(map[string]any)
				g := gotItems[i].(map[string]any)["properties"].(map[string]any)
				if g["type"] != "UserManaged" {
					t.Errorf("type = %v, want UserManaged", g["type"])
				}
				delete(g, "type")
				if !reflect.DeepEqual(w, g) {
					t.Errorf("properties differ from the example:\n got %v\nwant %v", g, w)
				}
			}
		})
	}
}
