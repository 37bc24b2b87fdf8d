package soak_test

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/clitest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// secret is a value that must not be written anywhere but the documented sensitive-fallback places.
type secret struct {
	what  string
	value string
	// fallback: the value is a connection secret given in its sensitive (not write-only) form, which the
	// write-only-secrets guide says is stored in the state, in plans and in saved plans, under the connection's
	// credentials block.
	fallback bool
}

// needles are what to look for: the value, and the value in base64 (standard and URL alphabets) at each of the three
// offsets it can have in an encoded stream.
func (s secret) needles() []string {
	out := []string{s.value}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		for k := 0; k < 3; k++ {
			b := enc.EncodeToString(append(make([]byte, k), s.value...))
			lo, hi := (k+2)/3*4, (k+len(s.value))/3*4
			if hi-lo >= 8 {
				out = append(out, b[lo:hi])
			}
		}
	}
	return out
}

// secretScan applies a configuration with a connection secret in its sensitive form (Terraform 1.8 has no write-only
// attributes) with a full TRACE log, saves a plan and its JSON, and looks for every secret and token of the run: the
// clients' secrets, the bearer tokens the emulator issued, the account's keys, the connection's key.
func secretScan(r *run) {
	w := r.workspace("")
	logPath := filepath.Join(w.Dir, "trace.log")
	key := "soak-key-" + randomHex(16)
	w.Write(r.t, small("soak-secrets", "me", 1)+`
variable "search_key" {
  type      = string
  sensitive = true
}

resource "foundry_project_connection" "search" {
  project_id = foundry_project.proj.id
  name       = "search-key"
  category   = "CognitiveSearch"
  target     = "https://soak.search.windows.net"

  api_key {
    key = var.search_key
  }
}
`)
	w.SetEnv(map[string]string{"TF_LOG": "TRACE", "TF_LOG_PATH": logPath, "TF_VAR_search_key": key})
	r.res.converged = r.applyUntilConverged(w, 0)
	if _, err := w.Run(r.ctx, "plan", "-out=tfplan", "-input=false"); err != nil {
		r.note("plan -out: %v", err)
	}
	planJSON, err := w.Run(r.ctx, "show", "-json", "tfplan")
	if err != nil {
		r.note("show -json: %v", err)
	}
	secrets := []secret{
		{what: "client secret", value: emulator.DefaultClientSecret},
		{what: "second client secret", value: clitest.SecondClientSecret},
		{what: "connection key", value: key, fallback: true},
	}
	for _, k := range r.accountKeys(accountID("soak-secrets")) {
		secrets = append(secrets, secret{what: "account key", value: k})
	}
	for _, tok := range r.srv.IssuedTokens() {
		secrets = append(secrets, secret{what: "bearer token", value: tok})
	}
	state, _ := os.ReadFile(filepath.Join(w.Dir, "terraform.tfstate"))
	r.scanJSON("state", state, secrets)
	r.scanJSON("plan JSON", []byte(planJSON), secrets)
	r.scanSavedPlan(filepath.Join(w.Dir, "tfplan"), secrets)
	trace, err := os.ReadFile(logPath)
	if err != nil || len(trace) == 0 {
		r.note("no TRACE log: %v", err)
	}
	r.scan("TRACE log", trace, secrets, false)
	r.checkConverged(map[*clitest.Workspace]string{w: ""})
	r.destroyUntilDone(w)
	trace, _ = os.ReadFile(logPath)
	r.scan("TRACE log (with the destroy)", trace, secrets, false)
	r.checkClean()
	r.note("scanned %d secrets and tokens (%d TRACE log bytes)", len(secrets), len(trace))
}

// accountKeys reads an account's keys as another tool would (ARM listKeys).
func (r *run) accountKeys(id string) []string {
	tok, err := r.srv.TokenFor("", emulator.ARMAudience)
	if err != nil {
		r.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL()+id+"/listKeys?api-version=2026-09-01", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := r.srv.HTTPClient().Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var keys struct{ Key1, Key2 string }
	if err := json.NewDecoder(resp.Body).Decode(&keys); err != nil || keys.Key1 == "" {
		r.note("listKeys: HTTP %d %v", resp.StatusCode, err)
		return nil
	}
	return []string{keys.Key1, keys.Key2}
}

// scan fails the run for each needle in data (allowFallback: a fallback secret may be there).
func (r *run) scan(where string, data []byte, secrets []secret, allowFallback bool) {
	for _, s := range secrets {
		if s.fallback && allowFallback {
			continue
		}
		for _, n := range s.needles() {
			if bytes.Contains(data, []byte(n)) {
				r.secretHit(where, s, n)
				break
			}
		}
	}
}

// scanJSON looks through a JSON document (state, plan JSON): a fallback secret may be only in the credentials block
// of a connection (a path through "api_key" ending in "key"); any other hit fails the run.
func (r *run) scanJSON(where string, data []byte, secrets []secret) {
	var doc any
	if len(bytes.TrimSpace(data)) == 0 {
		return
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		r.scan(where, data, secrets, false)
		return
	}
	var walk func(path []string, v any)
	walk = func(path []string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				walk(append(path, k), c)
			}
		case []any:
			for i, c := range v {
				walk(append(path, fmt.Sprint(i)), c)
			}
		case string:
			// The connection's credentials block, and the variable that gives it (Terraform keeps a plan's variables).
			joined := strings.Join(path, ".")
			allowed := len(path) > 0 && path[len(path)-1] == "key" && strings.Contains(joined, "api_key") ||
				strings.HasPrefix(joined, "variables.search_key.")
			for _, s := range secrets {
				if s.fallback && allowed {
					continue
				}
				for _, n := range s.needles() {
					if strings.Contains(v, n) {
						r.secretHit(where+" at "+strings.Join(path, "."), s, n)
						break
					}
				}
			}
		}
	}
	walk(nil, doc)
}

// scanSavedPlan looks through every file of a saved plan (a zip): the fallback secret is in the plan's own data, where
// the guide says saved plans keep it.
func (r *run) scanSavedPlan(path string, secrets []secret) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		r.note("saved plan: %v", err)
		return
	}
	defer func() { _ = zr.Close() }()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			continue
		}
		data, _ := io.ReadAll(rc)
		_ = rc.Close()
		fallbackAllowed := f.Name == "tfplan" || f.Name == "tfstate" || f.Name == "tfstate-prev"
		r.scan("saved plan "+f.Name, data, secrets, fallbackAllowed)
	}
}

func (r *run) secretHit(where string, s secret, needle string) {
	form := "in clear"
	if needle != s.value {
		form = "in base64"
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.secretHits = append(r.res.secretHits, fmt.Sprintf("%s %s in %s", s.what, form, where))
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
