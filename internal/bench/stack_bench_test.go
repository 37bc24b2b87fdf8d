package bench

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// stackConfig is the 3-object stack of issue 18: an account, a project and a deployment.
const stackConfig = `
terraform {
  required_providers {
    foundry = { source = "foundrytf/foundry" }
  }
}

# Default features: destroy soft-deletes the account (no purge), as the figures of issue 18 were taken.
provider "foundry" {}

resource "foundry_account" "bench" {
  name                  = "bench-account"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "bench-account"
  identity              = { type = "SystemAssigned" }
}

resource "foundry_project" "bench" {
  account_id = foundry_account.bench.id
  name       = "bench-project"
  identity   = { type = "SystemAssigned" }
}

resource "foundry_deployment" "bench" {
  account_id = foundry_account.bench.id
  name       = "chat"
  model      = { format = "OpenAI", name = "gpt-4o-mini" }
  sku        = { name = "GlobalStandard", capacity = 2 }
}
`

// BenchmarkStackLifecycle creates, refreshes (a plan) and destroys the account + project + deployment stack with the
// real CLI and prints, per phase, the ARM requests by method (token requests and the data plane left out) and, with
// BENCH_REQUESTS set, every ARM request. Issue 18's targets: create ≤ 13, destroy ≤ 9.
func BenchmarkStackLifecycle(b *testing.B) {
	for i := 0; i < b.N; i++ {
		w := newWorkspace(b, stackConfig, 0)
		ctx := context.Background()
		phases := []struct {
			name string
			run  func() error
		}{
			{"create", func() error { return w.tf.Apply(ctx) }},
			{"refresh", func() error { _, err := w.tf.Plan(ctx); return err }},
			{"destroy", func() error { return w.tf.Destroy(ctx) }},
		}
		for _, p := range phases {
			w.srv.ResetRequests()
			start := time.Now()
			if err := p.run(); err != nil {
				b.Fatalf("%s: %v", p.name, err)
			}
			elapsed := time.Since(start)
			arm := armRequests(w.srv.Requests())
			fmt.Printf("stack %-8s wall %6.2fs  ARM requests %s  (before issue 18: %s)\n", p.name, elapsed.Seconds(), countByMethod(arm), stackBefore[p.name])
			if benchVerbose() {
				for _, r := range arm {
					fmt.Printf("    %-6s %d %s?%s\n", r.Method, r.Status, r.Path, r.Query)
				}
			}
			b.ReportMetric(float64(len(arm)), p.name+"-arm-requests")
		}
	}
}

// stackBefore are the figures of BenchmarkStackLifecycle at f5526b0, before issue 18 (the same benchmark run there).
var stackBefore = map[string]string{
	"create":  "28 (GET=23 POST=2 PUT=3)",
	"refresh": "3 (GET=3)",
	"destroy": "11 (DELETE=3 GET=8)",
}

// armRequests keeps the requests to ARM: not Entra ID's token endpoint, not the project data plane.
func armRequests(reqs []emulator.RequestRecord) []emulator.RequestRecord {
	var out []emulator.RequestRecord
	for _, r := range reqs {
		if strings.HasPrefix(r.Path, "/subscriptions/") || strings.HasPrefix(strings.ToLower(r.Path), "/providers/") {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out
}

// benchVerbose says whether to print every ARM request of a phase (BENCH_REQUESTS=1).
func benchVerbose() bool { return os.Getenv("BENCH_REQUESTS") != "" }
