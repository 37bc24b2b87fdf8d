package emulator_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// Issue 14: rules are not first-match. Three probabilistic rules on the same requests fire at their own rates, the same
// seed fires the same rules, and a latency-only rule adds to whatever else fires.
func TestFaultRatesComposeAndRepeat(t *testing.T) {
	t.Parallel()
	run := func(seed uint64) (map[int]int, []int) {
		srv := start(t, emulator.Options{FaultSeed: seed})
		c := newRaw(t, srv, armAud)
		srv.AddFault(emulator.Fault{Method: "GET", Status: 429, Probability: 0.2})
		srv.AddFault(emulator.Fault{Method: "GET", Status: 503, Probability: 0.1})
		srv.AddFault(emulator.Fault{Method: "GET", Status: 500, Probability: 0.1})
		counts, order := map[int]int{}, []int{}
		for i := 0; i < 1000; i++ {
			r := c.do(http.MethodGet, accountPath("rg-foundry", "none"), nil)
			counts[r.status]++
			order = append(order, r.status)
		}
		return counts, order
	}
	counts, first := run(42)
	for status, want := range map[int]float64{429: 200, 503: 100, 500: 100, 404: 600} {
		if got := float64(counts[status]); math.Abs(got-want) > want*0.25 {
			t.Errorf("status %d: %v of 1000, want about %v (%v)", status, got, want, counts)
		}
	}
	if _, again := run(42); !equalInts(first, again) {
		t.Error("the same seed fired other rules")
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A storm of a given length (forMs, on the emulator clock) with a Retry-After in milliseconds, limited to one client.
func TestFaultWindowRetryAfterMsAndClient(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	srv.AddFault(emulator.Fault{Method: "GET", Status: 429, RetryAfterMS: 250, ForMS: 60_000, ClientID: emulator.DefaultClientID})
	other := srv.AddFault(emulator.Fault{Method: "GET", Status: 503, ClientID: "99999999-9999-9999-9999-999999999999"})
	r := mustErr(t, c.do(http.MethodGet, accountPath("rg-foundry", "storm"), nil), http.StatusTooManyRequests, "TooManyRequests")
	if r.header.Get("retry-after-ms") != "250" || r.header.Get("Retry-After") != "1" {
		t.Fatalf("headers: %v", r.header)
	}
	srv.AdvanceClock(61 * time.Second)
	mustErr(t, c.do(http.MethodGet, accountPath("rg-foundry", "storm"), nil), http.StatusNotFound, "ResourceNotFound")
	if reqs := srv.Requests(); reqs[len(reqs)-1].ClientID != emulator.DefaultClientID {
		t.Fatalf("request log client: %+v", reqs[len(reqs)-1])
	}
	for _, f := range srv.Faults() {
		if f.ID == other && f.Hits != 0 {
			t.Fatalf("a rule of another client fired: %+v", f)
		}
	}
}

// asyncFail on a write that starts no operation (a connection PUT is synchronous): the write is kept and answered
// with the failure.
func TestAsyncFailOnSynchronousWrite(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := accountPath("rg-foundry", "syncfail")
	c.create(acc, foundryAccount("syncfail-sub"))
	srv.AddFault(emulator.Fault{Method: "PUT", PathPattern: "/connections/", Code: "ConnectionFailed", Message: "boom", Count: 1, AsyncFail: true})
	body := map[string]any{"properties": map[string]any{"authType": "AAD", "category": "CognitiveSearch", "target": "https://s.search.windows.net"}}
	mustErr(t, c.do(http.MethodPut, acc+"/connections/conn1", body), http.StatusBadRequest, "ConnectionFailed")
	must(t, c.do(http.MethodGet, acc+"/connections/conn1", nil), http.StatusOK)
	// A write that starts an operation still fails through its operation.
	srv.AddFault(emulator.Fault{Method: "PUT", PathPattern: "/projects/", Count: 1, AsyncFail: true})
	pr := must(t, c.do(http.MethodPut, acc+"/projects/p1", map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}}), http.StatusCreated)
	c.settle(pr)
	if g := must(t, c.do(http.MethodGet, acc+"/projects/p1", nil), http.StatusOK); g.props()["provisioningState"] != "Failed" {
		t.Fatalf("project: %s", g.raw)
	}
}

// Revoking a client's tokens refuses the tokens it holds (a new one works); denying its access refuses it with 403
// until restored; the control API issues tokens for another client and audience.
func TestRevokeTokensAndAccess(t *testing.T) {
	t.Parallel()
	seed := emulator.DefaultSeed()
	seed.Clients = append(seed.Clients, emulator.SeedClient{ClientID: "44444444-4444-4444-4444-444444444444", ClientSecret: "second", ObjectID: "55555555-5555-5555-5555-555555555555", DisplayName: "second"})
	srv := start(t, emulator.Options{Seed: seed})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "revoked")
	mustErr(t, c.do(http.MethodGet, p, nil), http.StatusNotFound, "ResourceNotFound")
	if err := srv.RevokeTokens(emulator.DefaultClientID); err != nil {
		t.Fatal(err)
	}
	mustErr(t, c.do(http.MethodGet, p, nil), http.StatusUnauthorized, "InvalidAuthenticationToken")
	c = newRaw(t, srv, armAud)
	mustErr(t, c.do(http.MethodGet, p, nil), http.StatusNotFound, "ResourceNotFound")

	post := func(path, body string) (int, []byte) {
		resp, err := srv.HTTPClient().Post(srv.URL()+"/_emulator/"+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	if code, b := post("clients/revoke", `{"clientId":"`+emulator.DefaultClientID+`","access":true}`); code != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", code, b)
	}
	mustErr(t, c.do(http.MethodGet, p, nil), http.StatusForbidden, "AuthorizationFailed")
	code, b := post("token", `{"clientId":"44444444-4444-4444-4444-444444444444","audience":"`+armAud+`"}`)
	var tok struct {
		AccessToken string `json:"accessToken"`
	}
	if code != http.StatusOK || json.Unmarshal(b, &tok) != nil || tok.AccessToken == "" {
		t.Fatalf("token: %d %s", code, b)
	}
	other := &rawClientToken{srv: srv, token: tok.AccessToken}
	if status := other.get(t, p); status != http.StatusNotFound {
		t.Fatalf("the second client is not denied: %d", status)
	}
	if reqs := srv.Requests(); reqs[len(reqs)-1].ClientID != "44444444-4444-4444-4444-444444444444" {
		t.Fatalf("request log: %+v", reqs[len(reqs)-1])
	}
	if code, _ := post("clients/restore", `{"clientId":"`+emulator.DefaultClientID+`"}`); code != http.StatusNoContent {
		t.Fatal("restore")
	}
	mustErr(t, c.do(http.MethodGet, p, nil), http.StatusNotFound, "ResourceNotFound")
}

type rawClientToken struct {
	srv   *emulator.Server
	token string
}

func (c *rawClientToken) get(t *testing.T, path string) int {
	req, _ := http.NewRequest(http.MethodGet, c.srv.URL()+path+"?api-version="+apiVersion, bytes.NewReader(nil))
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}
