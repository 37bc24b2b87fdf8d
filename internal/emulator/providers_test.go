package emulator_test

import (
	"net/http"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// GET /subscriptions/{s}/providers/Microsoft.CognitiveServices (Microsoft.Resources' Providers_Get) lists the
// resource types and the locations each is offered in: the provider checks an account's location against it at plan.
func TestProviderGet_resourceTypeLocations(t *testing.T) {
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, emulator.ARMAudience)
	r := must(t, c.do(http.MethodGet, "/subscriptions/"+emulator.DefaultSubscriptionID+"/providers/Microsoft.CognitiveServices?api-version=2021-04-01", nil), http.StatusOK)
	if r.body["registrationState"] != "Registered" || r.body["namespace"] != "Microsoft.CognitiveServices" {
		t.Fatalf("body = %v", r.body)
	}
	types, _ := r.body["resourceTypes"].([]any)
	for _, v := range types {
		rt, _ := v.(map[string]any)
		if rt["resourceType"] != "accounts" {
			continue
		}
		locs, _ := rt["locations"].([]any)
		has := map[any]bool{}
		for _, l := range locs {
			has[l] = true
		}
		if !has["eastus"] || has["mars"] || has["global"] {
			t.Errorf("accounts locations = %v", locs)
		}
		return
	}
	t.Fatalf("no accounts resource type in %v", types)
}

func TestResourceGroups_list(t *testing.T) {
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, emulator.ARMAudience)
	r := must(t, c.do(http.MethodGet, "/subscriptions/"+emulator.DefaultSubscriptionID+"/resourcegroups?api-version=2021-04-01", nil), http.StatusOK)
	if v, _ := r.body["value"].([]any); len(v) < 2 {
		t.Fatalf("body = %v", r.body)
	}
}
