package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// readLatency is the time every ARM read takes in the refresh benches (AddFault's latency).
const readLatency = 100

// children is how many projects, deployments and account connections a refresh bench seeds under one account.
type children struct{ projects, deployments, connections int }

func (c children) total() int { return c.projects + c.deployments + c.connections }

// BenchmarkRefreshCoalesced refreshes (terraform plan -refresh-only) one account with 200 children (projects,
// deployments, connections) twice in one run, with the coalesced refresh off (FOUNDRY_COALESCE_READS=off: one GET per
// child) and on (each parent's list answers its children), and prints the wall time and ARM reads of each; then one
// with 1,000 children and the emulator's read limit on (ARM's bucket of 250 reads refilled at 25 per second),
// coalescing on and off, printing the 429s the emulator answered, whether any reached the user (the refresh failing),
// and the time. Issue 18's targets: at most 0.1 reads per child, and at most half the wall time of the GET-per-child
// run. Every ARM read takes readLatency milliseconds.
//
// The children are not created through Terraform (a thousand creates, one write at a time per account, would take
// most of the bench): the account is applied, its children are PUT straight to the emulator's ARM API, and the state
// gets one entry per child holding its ID, name and parent (what an import records); the refresh reads the rest.
func BenchmarkRefreshCoalesced(b *testing.B) {
	for i := 0; i < b.N; i++ {
		small := children{projects: 60, deployments: 70, connections: 70}
		n := float64(small.total())
		w := seededWorkspace(b, small)
		off := w.refresh(b, "200 children, coalescing off", "off")
		on := w.refresh(b, "200 children, coalescing on ", "")
		fmt.Printf("refresh 200 children: reads per child %.3f (off %.3f), wall %.2f of the GET-per-child run\n",
			float64(on.reads)/n, float64(off.reads)/n, on.wall.Seconds()/off.wall.Seconds())
		b.ReportMetric(float64(on.reads)/n, "reads/child")
		b.ReportMetric(on.wall.Seconds()/off.wall.Seconds(), "wall-ratio")

		big := seededWorkspace(b, children{projects: 300, deployments: 350, connections: 350})
		big.srv.SetReadLimit(emulator.DefaultReadLimit())
		big.refresh(b, "1000 children, read limit, coalescing on ", "")
		big.srv.SetReadLimit(emulator.DefaultReadLimit()) // a full bucket again
		big.refresh(b, "1000 children, read limit, coalescing off", "off")
	}
}

type refreshRun struct {
	wall  time.Duration
	reads int
}

// refresh runs terraform plan -refresh-only with FOUNDRY_COALESCE_READS=coalesce and prints what it cost.
func (w *workspace) refresh(b *testing.B, label, coalesce string) refreshRun {
	b.Helper()
	env := maps.Clone(w.env)
	env["FOUNDRY_COALESCE_READS"] = coalesce
	must(b, w.tf.SetEnv(env))
	w.srv.ResetRequests()
	before := w.srv.Throttled()
	start := time.Now()
	_, err := w.tf.Plan(context.Background(), tfexec.RefreshOnly(true), tfexec.Parallelism(10))
	wall := time.Since(start)
	arm := armRequests(w.srv.Requests())
	reads := 0
	for _, r := range arm {
		if r.Method == http.MethodGet {
			reads++
		}
	}
	failed := "none"
	if err != nil {
		failed = "the refresh FAILED: " + err.Error()
	}
	fmt.Printf("refresh %s  wall %6.2fs  ARM reads %d  requests %s  429s absorbed %d  reaching the user: %s\n",
		label, wall.Seconds(), reads, countByMethod(arm), w.srv.Throttled()-before, failed)
	must(b, w.tf.SetEnv(w.env))
	return refreshRun{wall: wall, reads: reads}
}

// seededWorkspace applies the bench account, PUTs n children under it straight to the emulator and records them in
// the state, with configuration blocks for them.
func seededWorkspace(b *testing.B, n children) *workspace {
	b.Helper()
	w := newWorkspace(b, accountConfig, 0)
	ctx := context.Background()
	if err := w.tf.Apply(ctx); err != nil {
		b.Fatalf("creating the account: %v", err)
	}
	w.srv.SetQuota(emulator.DefaultSubscriptionID, "eastus", "OpenAI.GlobalStandard.gpt-4o-mini", 1e6)
	account := "/subscriptions/" + emulator.DefaultSubscriptionID + "/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/bench-account"
	put := armPutter(b, w.srv)
	var entries []stateEntry
	var config strings.Builder
	config.WriteString(accountConfig)
	add := func(typ, key, collection string, body map[string]any) {
		id := account + "/" + collection + "/" + key
		put(id, body)
		entries = append(entries, stateEntry{typ: typ, key: key, id: id, account: account})
	}
	for i := range n.projects {
		add("foundry_project", fmt.Sprintf("p%04d", i), "projects", map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}})
	}
	for i := range n.deployments {
		add("foundry_deployment", fmt.Sprintf("d%04d", i), "deployments", map[string]any{
			"sku":        map[string]any{"name": "GlobalStandard", "capacity": 1},
			"properties": map[string]any{"model": map[string]any{"format": "OpenAI", "name": "gpt-4o-mini", "version": "2024-07-18"}}})
	}
	for i := range n.connections {
		add("foundry_account_connection", fmt.Sprintf("c%04d", i), "connections", map[string]any{
			"properties": map[string]any{"category": "AzureBlob", "authType": "AAD", "target": "https://st1.blob.core.windows.net/"}})
	}
	fmt.Fprintf(&config, `
locals {
  projects    = toset([for i in range(%d) : format("p%%04d", i)])
  deployments = toset([for i in range(%d) : format("d%%04d", i)])
  connections = toset([for i in range(%d) : format("c%%04d", i)])
}

resource "foundry_project" "c" {
  for_each   = local.projects
  account_id = foundry_account.bench.id
  name       = each.key
  identity   = { type = "SystemAssigned" }
}

resource "foundry_deployment" "c" {
  for_each   = local.deployments
  account_id = foundry_account.bench.id
  name       = each.key
  model      = { format = "OpenAI", name = "gpt-4o-mini", version = "2024-07-18" }
  sku        = { name = "GlobalStandard", capacity = 1 }
}

resource "foundry_account_connection" "c" {
  for_each   = local.connections
  account_id = foundry_account.bench.id
  name       = each.key
  category   = "AzureBlob"
  target     = "https://st1.blob.core.windows.net/"
  aad {}
}
`, n.projects, n.deployments, n.connections)
	// An ARM read takes a while on Azure (tens to hundreds of milliseconds); in process it takes none, and Terraform's
	// own work would hide what a read costs.
	w.srv.AddFault(emulator.Fault{Method: http.MethodGet, PathPattern: "^/subscriptions/", LatencyMS: readLatency})
	must(b, writeConfig(w, config.String()))
	must(b, addToState(filepath.Join(w.tf.WorkingDir(), "terraform.tfstate"), entries))
	return w
}

// armPutter returns a function that PUTs body at an ARM ID of the emulator, then reads it once: in the fast mode an
// operation completes at the next request, and the account takes one write at a time.
func armPutter(b *testing.B, srv *emulator.Server) func(id string, body map[string]any) {
	token, err := srv.Token("https://management.core.windows.net/")
	must(b, err)
	hc := srv.HTTPClient()
	do := func(method, id string, body []byte) {
		req, err := http.NewRequest(method, srv.URL()+id+"?api-version=2026-09-01", bytes.NewReader(body))
		must(b, err)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		must(b, err)
		msg, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode >= 300 {
			b.Fatalf("%s %s: %d %s", method, id, resp.StatusCode, msg)
		}
	}
	return func(id string, body map[string]any) {
		raw, err := json.Marshal(body)
		must(b, err)
		do(http.MethodPut, id, raw)
		do(http.MethodGet, id, nil)
	}
}

// stateEntry is one seeded child for the state: its resource type, for_each key, ARM ID and account.
type stateEntry struct{ typ, key, id, account string }

// addToState adds the entries to a local state file as instances of <type>.c, each with the attributes an import
// records (id, name, account_id); the other attributes are null until the refresh reads them.
func addToState(file string, entries []stateEntry) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var st map[string]any
	if err := json.Unmarshal(raw, &st); err != nil {
		return err
	}
	byType := map[string][]any{}
	var order []string
	for _, e := range entries {
		if _, ok := byType[e.typ]; !ok {
			order = append(order, e.typ)
		}
		byType[e.typ] = append(byType[e.typ], map[string]any{
			"index_key": e.key, "schema_version": 0,
			"attributes": map[string]any{"id": e.id, "name": e.key, "account_id": e.account},
		})
	}
	resources, _ := st["resources"].([]any)
	for _, typ := range order {
		resources = append(resources, map[string]any{
			"mode": "managed", "type": typ, "name": "c",
			"provider":  `provider["registry.terraform.io/foundrytf/foundry"]`,
			"instances": byType[typ],
		})
	}
	st["resources"] = resources
	st["serial"] = st["serial"].(float64) + 1
	out, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, 0o600)
}
