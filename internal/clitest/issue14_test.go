package clitest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/clitest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// threeObjects is an account (named name, tagged with its owner), a project and a deployment.
func threeObjects(name, owner string) string {
	return clitest.ProviderBlock + clitest.Account(name, owner) + `
resource "foundry_deployment" "d" {
  account_id = foundry_account.main.id
  name       = "chat"
  model      = { format = "OpenAI", name = "gpt-4o" }
  sku        = { name = "GlobalStandard", capacity = 10 }
}
`
}

func startEmulator(t *testing.T, opts emulator.Options) *emulator.Server {
	t.Helper()
	if opts.Seed == nil {
		opts.Seed = clitest.Seed()
	}
	srv, err := emulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func accountID(name string) string {
	return "/subscriptions/" + emulator.DefaultSubscriptionID + "/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/" + name
}

// Issue 14: a second configuration (another working directory, an empty state) naming the same objects is refused with
// the import block and command; it writes nothing (the first one's tags stay), and destroying it deletes nothing of
// the first. Importing, the explicit act, then works.
func TestSecondConfigurationRefused(t *testing.T) {
	srv := startEmulator(t, emulator.Options{})
	ctx := context.Background()
	first, second := clitest.NewWorkspace(t, srv, nil), clitest.NewWorkspace(t, srv, nil)
	first.Write(t, threeObjects("clitest-owned", "first"))
	second.Write(t, threeObjects("clitest-owned", "second"))
	if _, err := first.Apply(ctx); err != nil {
		t.Fatal(err)
	}
	puts := countRequests(srv, http.MethodPut, "/accounts/clitest-owned", "")
	out, err := second.Apply(ctx)
	id := accountID("clitest-owned")
	for _, want := range []string{"Error: Unable to create account", "already exists, and this configuration did not create it",
		"import { to = foundry_account.<name> id = \"" + id + "\" }", "terraform import foundry_account.<name> \"" + id + "\"", "with foundry_account.main"} {
		if err == nil || !strings.Contains(clitest.Flat(out), want) {
			t.Fatalf("the second apply must be refused with %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "1 added") || countRequests(srv, http.MethodPut, "/accounts/clitest-owned", "") != puts {
		t.Fatalf("the second configuration wrote to the first's objects:\n%s", out)
	}
	if _, err := second.Destroy(ctx); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{id, id + "/projects/proj", id + "/deployments/chat"} {
		if status := armGet(t, srv, path); status != http.StatusOK {
			t.Fatalf("destroying the second configuration removed %s (HTTP %d)", path, status)
		}
	}
	// Taking it over is the user's explicit act: an import block.
	second.Write(t, threeObjects("clitest-owned", "first")+fmt.Sprintf(`
import {
  to = foundry_account.main
  id = %q
}
import {
  to = foundry_project.proj
  id = "%s/projects/proj"
}
import {
  to = foundry_deployment.d
  id = "%s/deployments/chat"
}
`, id, id, id))
	if out, err := second.Apply(ctx); err != nil || !strings.Contains(clitest.Flat(out), "3 imported") {
		t.Fatalf("import: %v\n%s", err, out)
	}
}

// Issue 14: Terraform killed (SIGKILL, with the provider) after the account's create request and before the state was
// saved: the same working directory's next apply resumes the create instead of refusing the account, and ends with one
// account. An object made by somebody else under the name of a create that was killed before its request reached the
// service (its journal entry written, nothing created) is not taken for the killed create: it is refused.
func TestKilledCreateResumedWithoutAdoptingAStranger(t *testing.T) {
	srv := startEmulator(t, emulator.Options{Durations: map[string]time.Duration{emulator.OpAccountCreate: 4 * time.Second}})
	ctx := context.Background()
	w := clitest.NewWorkspace(t, srv, nil)
	w.Write(t, threeObjects("clitest-killed", "killed"))
	cmd, out := w.Command(ctx, "apply", "-auto-approve", "-input=false", "-no-color")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 60*time.Second, out, func() bool { return countRequests(srv, http.MethodPut, "/accounts/clitest-killed", "201") > 0 })
	time.Sleep(500 * time.Millisecond) // polling the account's creation
	clitest.Kill(cmd)
	if ids := w.StateIDs(t); len(ids) != 0 || w.JournalEntries() != 1 {
		t.Fatalf("after the kill: state %v, %d journal entries; want none and 1", ids, w.JournalEntries())
	}
	applied, err := w.Apply(ctx)
	if err != nil || !strings.Contains(clitest.Flat(applied), "Resumed an interrupted create") {
		t.Fatalf("the re-apply must resume the killed create: %v\n%s", err, applied)
	}
	if empty, plan, err := w.PlanIsEmpty(ctx); err != nil || !empty {
		t.Fatalf("not converged: %v\n%s", err, plan)
	}
	if n := countAccounts(t, srv); n != 1 || w.JournalEntries() != 0 {
		t.Fatalf("%d accounts, %d journal entries; want 1 and 0", n, w.JournalEntries())
	}

	// A create killed while its request had not reached the service; then a stranger (another client) makes the object.
	stranger := clitest.NewWorkspace(t, srv, nil)
	stranger.Write(t, threeObjects("clitest-stranger", "mine"))
	srv.AddFault(emulator.Fault{Method: http.MethodPut, PathPattern: "/accounts/clitest-stranger$", LatencyMS: 60_000, Count: 1})
	cmd, out = stranger.Command(ctx, "apply", "-auto-approve", "-input=false", "-no-color")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 60*time.Second, out, func() bool { return stranger.JournalEntries() == 1 })
	time.Sleep(300 * time.Millisecond) // the PUT is held by the latency fault
	clitest.Kill(cmd)
	if status := armGet(t, srv, accountID("clitest-stranger")); status != http.StatusNotFound {
		t.Fatalf("the killed create reached the service (HTTP %d)", status)
	}
	armPut(t, srv, clitest.SecondClientID, accountID("clitest-stranger"), `{"location":"eastus","kind":"AIServices","sku":{"name":"S0"},
		"identity":{"type":"SystemAssigned"},"properties":{"customSubDomainName":"clitest-stranger","allowProjectManagement":true}}`)
	refused, err := stranger.Apply(ctx)
	if err == nil || !strings.Contains(clitest.Flat(refused), "did not create it") || !strings.Contains(clitest.Flat(refused), clitest.SecondClientID) {
		t.Fatalf("the stranger's account must be refused, naming its creator: %v\n%s", err, refused)
	}
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPut && strings.Contains(r.Path, "/accounts/clitest-stranger") && r.ClientID == emulator.DefaultClientID && r.Status < 300 {
			t.Fatalf("the configuration wrote the stranger's account: %+v", r)
		}
	}
}

func waitFor(t *testing.T, limit time.Duration, out *bytes.Buffer, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting after %s; terraform said:\n%s", limit, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// countRequests counts logged requests with this method whose path contains fragment (and whose status starts with
// status, when given).
func countRequests(srv *emulator.Server, method, fragment, status string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && strings.Contains(strings.ToLower(r.Path), strings.ToLower(fragment)) &&
			(status == "" || strings.HasPrefix(fmt.Sprint(r.Status), status)) {
			n++
		}
	}
	return n
}

func countAccounts(t *testing.T, srv *emulator.Server) int {
	t.Helper()
	var st struct {
		Resources []struct {
			Type string `json:"type"`
		} `json:"resources"`
	}
	b, _ := json.Marshal(srv.State())
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range st.Resources {
		if strings.EqualFold(r.Type, "Microsoft.CognitiveServices/accounts") {
			n++
		}
	}
	return n
}

func armGet(t *testing.T, srv *emulator.Server, path string) int {
	t.Helper()
	return armDo(t, srv, emulator.DefaultClientID, http.MethodGet, path, "")
}

func armPut(t *testing.T, srv *emulator.Server, clientID, path, body string) {
	t.Helper()
	if status := armDo(t, srv, clientID, http.MethodPut, path, body); status >= 300 {
		t.Fatalf("PUT %s: HTTP %d", path, status)
	}
}

func armDo(t *testing.T, srv *emulator.Server, clientID, method, path, body string) int {
	t.Helper()
	tok, err := srv.TokenFor(clientID, emulator.ARMAudience)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(method, srv.URL()+path+"?api-version=2026-09-01", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}
