package emulator_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/cognitive"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/specvalidate"
)

// With the program's Azure-like durations, operations take time on the emulator clock and a second write under the
// same account while one runs gets 409 RequestConflict, as on Azure (issue 12: a client that failed on Azure with
// that 409 passed against the former defaults).
func TestAzureLikeDurationsShowRequestConflict(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{Durations: emulator.AzureLikeDurations(), RetryAfter: emulator.AzureLikeRetryAfter})
	c := newRaw(t, srv, armAud)
	acc := accountPath("rg-foundry", "azurelike")
	r := must(t, c.do(http.MethodPut, acc, foundryAccount("azurelike-sub")), http.StatusCreated)
	if r.header.Get("Retry-After") != "10" {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
	srv.AdvanceClock(14 * time.Second)
	if g := must(t, c.do(http.MethodGet, acc, nil), http.StatusOK); g.props()["provisioningState"] != "Accepted" {
		t.Fatalf("the account is done before its 15 s: %s", g.raw)
	}
	mustErr(t, c.do(http.MethodPut, acc+"/deployments/early", deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 10)), http.StatusConflict, "RequestConflict")
	srv.AdvanceClock(2 * time.Second)
	must(t, c.do(http.MethodPut, acc+"/deployments/first", deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 10)), http.StatusCreated)
	mustErr(t, c.do(http.MethodPut, acc+"/deployments/second", deploymentBody("OpenAI", "gpt-4o-mini", "2024-07-18", "GlobalStandard", 10)), http.StatusConflict, "RequestConflict")
	srv.AdvanceClock(11 * time.Second)
	must(t, c.do(http.MethodPut, acc+"/deployments/second", deploymentBody("OpenAI", "gpt-4o-mini", "2024-07-18", "GlobalStandard", 10)), http.StatusCreated)
	if d := srv.Durations(); d[emulator.OpDeploymentCreate] != 10*time.Second || d[emulator.OpAccountCreate] != 15*time.Second {
		t.Fatalf("durations %v", d)
	}
	srv.SetAsyncDuration(0) // one duration for all: the per-operation ones go
	if d := srv.Durations(); d[emulator.OpAccountCreate] != 0 {
		t.Fatalf("after SetAsyncDuration(0): %v", d)
	}
}

// TestServedConstraintCounts logs how many constraints of each kind the specification check enforces on the
// operations the emulator serves (the specification reduced to the paths of its routes).
func TestServedConstraintCounts(t *testing.T) {
	t.Parallel()
	var spec map[string]any
	if err := json.Unmarshal(armspec.Spec(), &spec); err != nil {
		t.Fatal(err)
	}
	served := map[string]bool{}
	for _, r := range cognitive.New(cognitive.Config{}).RouteTemplates() {
		served[r.Path] = true
	}
	paths := spec["paths"].(map[string]any)
	for p := range paths {
		if !served[p] {
			delete(paths, p)
		}
	}
	raw, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	v, err := specvalidate.New(raw)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, c := range v.Constraints() {
		t.Logf("%-5s %-70s %4d", c.In, c.Kind, c.Count)
		total += c.Count
	}
	if len(v.Operations()) < 40 || total == 0 {
		t.Fatalf("%d served operations, %d constraints", len(v.Operations()), total)
	}
	t.Logf("%d served operations", len(v.Operations()))
}
