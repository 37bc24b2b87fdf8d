package clitest_test

import (
	"context"
	"strings"
	"testing"
)

const stackChildren = `
resource "foundry_project" "main" {
  account_id = foundry_account.main.id
  name       = "p1"
  identity   = { type = "SystemAssigned" }
}

resource "foundry_deployment" "main" {
  account_id = foundry_account.main.id
  name       = "chat"
  model      = { format = "OpenAI", name = "gpt-4o-mini" }
  sku        = { name = "GlobalStandard", capacity = 2 }
}
`

// Issue 18: one terraform apply of account + project + deployment runs the plan-time checks once: Terraform calls
// ModifyPlan again at apply, in another provider process, and the provider, started by the same CLI command, finds
// the note its plan left for the same configuration. The children do not read the new account at plan, a create ends
// with one read, and a destroy reads nothing after a delete whose operation succeeded.
func TestApply_planChecksOnce(t *testing.T) {
	w := newWorkspace(t)
	ctx := context.Background()
	w.write(t, base+stackChildren)
	if err := w.tf.Apply(ctx); err != nil {
		t.Fatalf("apply: %v", err)
	}
	for _, c := range []struct {
		method, fragment string
		want             int
	}{
		{"GET", "/deletedAccounts", 1},
		{"POST", "/checkDomainAvailability", 1},
		{"GET", "/locations/eastus/models", 1},
		{"GET", "/locations/eastus/usages", 1},
		{"GET", "/resourcegroups", 1},
	} {
		if n := w.countExact(c.method, c.fragment); n != c.want {
			t.Errorf("%s %s: %d requests, want %d", c.method, c.fragment, n, c.want)
		}
	}
	// The account: its claim (404) and the create's poll, which is the result; nothing read before (the children
	// know it from the plan) or after.
	if n := w.countExact("GET", "/accounts/clitest-destroy"); n != 2 {
		t.Errorf("%d GETs of the account, want 2 (the claim, the create's poll)", n)
	}
	if n := w.countExact("GET", "/accounts/clitest-destroy/projects/p1"); n != 1 {
		t.Errorf("%d GETs of the project, want 1 (the create's poll)", n)
	}
	w.srv.ResetRequests()
	if err := w.tf.Destroy(ctx); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	// The refresh reads the account and its lists of projects and deployments (the coalesced refresh); each delete's
	// operation reports the end, and no read follows it.
	for p, want := range map[string]int{
		"/accounts/clitest-destroy": 1, "/accounts/clitest-destroy/projects": 1, "/accounts/clitest-destroy/deployments": 1,
		"/accounts/clitest-destroy/projects/p1": 0, "/accounts/clitest-destroy/deployments/chat": 0,
	} {
		if n := w.countExact("GET", p); n != want {
			t.Errorf("GET %s: %d requests in the destroy, want %d", p, n, want)
		}
	}
}

// countExact counts the logged requests with this method whose path ends with suffix.
func (w *workspace) countExact(method, suffix string) int {
	n := 0
	for _, r := range w.srv.Requests() {
		if r.Method == method && len(r.Path) >= len(suffix) && strings.EqualFold(r.Path[len(r.Path)-len(suffix):], suffix) {
			n++
		}
	}
	return n
}
