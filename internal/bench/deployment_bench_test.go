package bench

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const (
	benchDeployments = 20
	benchAsync       = 2 * time.Second
)

// BenchmarkDeploymentsParallel applies 20 deployments on one account with -parallelism=10 while every emulated
// operation takes 2 s. Azure runs one write at a time per account, so 20 × 2 s is the floor; the ratio to it shows
// what locking, conflict retries and polling cost on top. The account is created by a first, unmeasured apply.
func BenchmarkDeploymentsParallel(b *testing.B) {
	for i := 0; i < b.N; i++ {
		w := newWorkspace(b, accountConfig, 0)
		ctx := context.Background()
		if err := w.tf.Apply(ctx); err != nil {
			b.Fatalf("creating the account: %v", err)
		}
		w.srv.SetAsyncDuration(benchAsync)
		w.srv.ResetRequests()
		must(b, writeConfig(w, accountConfig+deploymentsConfig(benchDeployments)))
		start := time.Now()
		if err := w.tf.Apply(ctx, tfexec.Parallelism(10)); err != nil {
			b.Fatalf("applying %d deployments: %v", benchDeployments, err)
		}
		elapsed := time.Since(start)
		reqs := w.srv.Requests()
		floor := time.Duration(benchDeployments) * benchAsync
		conflicts := 0
		for _, r := range reqs {
			if r.Status == http.StatusConflict {
				conflicts++
			}
		}
		fmt.Printf("deployments x%d  wall %6.2fs  serial floor %5.1fs  ratio %.2f  409s absorbed %d\n",
			benchDeployments, elapsed.Seconds(), floor.Seconds(), elapsed.Seconds()/floor.Seconds(), conflicts)
		fmt.Printf("  requests %s\n  by status %s\n", countByMethod(reqs), countByMethodStatus(reqs))
		b.ReportMetric(elapsed.Seconds(), "apply-s")
		b.ReportMetric(elapsed.Seconds()/floor.Seconds(), "x-serial-floor")
		b.ReportMetric(float64(conflicts), "409s")
		b.ReportMetric(float64(len(reqs)), "requests")
		w.srv.SetAsyncDuration(0)
		if err := w.tf.Destroy(ctx); err != nil {
			b.Fatalf("destroy: %v", err)
		}
	}
}

func writeConfig(w *workspace, config string) error {
	return os.WriteFile(filepath.Join(w.tf.WorkingDir(), "main.tf"), []byte(config), 0o600)
}

func deploymentsConfig(n int) string {
	var s strings.Builder
	for i := range n {
		fmt.Fprintf(&s, `
resource "foundry_deployment" "d%02[1]d" {
  account_id = foundry_account.bench.id
  name       = "chat-%02[1]d"
  model      = { format = "OpenAI", name = "gpt-4o-mini" }
  sku        = { name = "GlobalStandard", capacity = 2 }
}
`, i)
	}
	return s.String()
}

// countByMethodStatus renders "GET 200=40 PUT 201=20 PUT 409=3 ...".
func countByMethodStatus(reqs []emulator.RequestRecord) string {
	counts := map[string]int{}
	for _, r := range reqs {
		counts[fmt.Sprintf("%s %d", r.Method, r.Status)]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, counts[k]))
	}
	return strings.Join(parts, " ")
}
