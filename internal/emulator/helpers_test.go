package emulator_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const (
	apiVersion = "2026-09-01"
	armAud     = "https://management.core.windows.net/"
	subID      = emulator.DefaultSubscriptionID
)

var (
	caOnce   sync.Once
	sharedCA *emulator.CA
	caErr    error
)

// start runs a fresh emulator sharing one CA per test process.
func start(t *testing.T, opts emulator.Options) *emulator.Server {
	t.Helper()
	caOnce.Do(func() { sharedCA, caErr = emulator.NewCA() })
	if caErr != nil {
		t.Fatal(caErr)
	}
	if opts.CA == nil && !opts.PlainHTTP {
		opts.CA = sharedCA
	}
	srv, err := emulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// rawClient sends hand-built requests with a token of one audience.
type rawClient struct {
	t     *testing.T
	srv   *emulator.Server
	hc    *http.Client
	token string
}

func newRaw(t *testing.T, srv *emulator.Server, aud string) *rawClient {
	t.Helper()
	tok, err := srv.Token(aud)
	if err != nil {
		t.Fatal(err)
	}
	return &rawClient{t: t, srv: srv, hc: srv.HTTPClient(), token: tok}
}

type result struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

func (r result) errCode() string {
	e, _ := r.body["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

func (r result) props() map[string]any {
	p, _ := r.body["properties"].(map[string]any)
	return p
}

// do sends a request; path may be relative (api-version is added when absent) or absolute.
func (c *rawClient) do(method, path string, body any, headers ...string) result {
	c.t.Helper()
	u := path
	if !strings.HasPrefix(u, "http") {
		u = c.srv.URL() + path
		if !strings.Contains(path, "api-version=") && strings.HasPrefix(path, "/subscriptions") {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			u += sep + "api-version=" + apiVersion
		}
	}
	var rd io.Reader
	if body != nil {
		if s, ok := body.(string); ok {
			rd = strings.NewReader(s)
		} else {
			data, err := json.Marshal(body)
			if err != nil {
				c.t.Fatal(err)
			}
			rd = bytes.NewReader(data)
		}
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, _ := io.ReadAll(resp.Body)
	res := result{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(bytes.TrimSpace(raw)) > 0 {
		_ = json.Unmarshal(raw, &res.body)
	}
	return res
}

// must asserts the status code of a result.
func must(t *testing.T, r result, status int) result {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body: %s", r.status, status, r.raw)
	}
	return r
}

// mustErr asserts an error status and code.
func mustErr(t *testing.T, r result, status int, code string) result {
	t.Helper()
	must(t, r, status)
	if r.errCode() != code {
		t.Fatalf("error code = %q, want %q; body: %s", r.errCode(), code, r.raw)
	}
	if got := r.header.Get("x-ms-error-code"); got != code {
		t.Fatalf("x-ms-error-code = %q, want %q", got, code)
	}
	return r
}

func accountPath(rg, name string) string {
	return "/subscriptions/" + subID + "/resourceGroups/" + rg + "/providers/Microsoft.CognitiveServices/accounts/" + name
}

// foundryAccount is a valid AIServices account body with project management enabled.
func foundryAccount(subdomain string) map[string]any {
	return map[string]any{
		"location": "eastus", "kind": "AIServices", "sku": map[string]any{"name": "S0"},
		"identity": map[string]any{"type": "SystemAssigned"},
		"properties": map[string]any{
			"customSubDomainName": subdomain, "allowProjectManagement": true,
		},
	}
}

// settle polls an LRO response's monitor until it stops answering 202 and returns the final poll. A PUT's 200 or
// 201 without a monitor header (Accounts_Create and Projects_Create declare only Retry-After) is settled as azcore's
// body poller does: GET the resource until its provisioningState is terminal.
func (c *rawClient) settle(r result) result {
	c.t.Helper()
	loc := r.header.Get("Location")
	if loc == "" {
		loc = r.header.Get("Azure-AsyncOperation")
	}
	if id, _ := r.body["id"].(string); loc == "" && id != "" && (r.status == http.StatusOK || r.status == http.StatusCreated) {
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			g := c.do(http.MethodGet, id, nil)
			if ps, _ := g.props()["provisioningState"].(string); g.status != http.StatusOK || ps == "" || ps == "Succeeded" || ps == "Failed" || ps == "Canceled" {
				return g
			}
		}
		c.t.Fatal("resource did not reach a terminal provisioningState")
	}
	if loc == "" {
		c.t.Fatalf("no polling header on %d response", r.status)
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		p := c.do(http.MethodGet, loc, nil)
		if p.status != http.StatusAccepted && p.body["status"] != "InProgress" {
			return p
		}
	}
	c.t.Fatal("operation did not finish")
	return result{}
}

// create PUTs a resource and waits for its operation.
func (c *rawClient) create(path string, body any) result {
	c.t.Helper()
	r := c.do(http.MethodPut, path, body)
	if r.status != http.StatusCreated && r.status != http.StatusOK {
		c.t.Fatalf("PUT %s: %d %s", path, r.status, r.raw)
	}
	c.settle(r)
	return must(c.t, c.do(http.MethodGet, path, nil), http.StatusOK)
}

// remove DELETEs a resource and waits for its operation.
func (c *rawClient) remove(path string) {
	c.t.Helper()
	r := c.do(http.MethodDelete, path, nil)
	if r.status == http.StatusNoContent {
		return
	}
	must(c.t, r, http.StatusAccepted)
	must(c.t, c.settle(r), http.StatusOK)
}

func stringsReader(s string) io.Reader { return strings.NewReader(s) }
