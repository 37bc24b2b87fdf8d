package bench

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
)

const benchBlocklistItems = 2000

// BenchmarkRAIBlocklist2000 applies a blocklist of 2,000 items (inline items, written 100 per request) on an existing
// account, then plans again (the refresh reads the items back) and destroys it, reporting each phase's wall time
// and requests.
func BenchmarkRAIBlocklist2000(b *testing.B) {
	for i := 0; i < b.N; i++ {
		w := newWorkspace(b, accountConfig, 0)
		ctx := context.Background()
		if err := w.tf.Apply(ctx); err != nil {
			b.Fatalf("creating the account: %v", err)
		}
		must(b, writeConfig(w, accountConfig+blocklistConfig(benchBlocklistItems)))
		phase := func(name string, run func() error) {
			w.srv.ResetRequests()
			start := time.Now()
			if err := run(); err != nil {
				b.Fatalf("%s: %v", name, err)
			}
			elapsed := time.Since(start)
			reqs := w.srv.Requests()
			fmt.Printf("blocklist x%d  %-7s wall %6.2fs  requests %s\n", benchBlocklistItems, name, elapsed.Seconds(), countByMethod(reqs))
			b.ReportMetric(elapsed.Seconds(), name+"-s")
			b.ReportMetric(float64(len(reqs)), name+"-requests")
		}
		phase("apply", func() error { return w.tf.Apply(ctx) })
		phase("plan", func() error {
			changed, err := w.tf.Plan(ctx)
			if err == nil && changed {
				err = fmt.Errorf("the second plan is not empty")
			}
			return err
		})
		phase("destroy", func() error { return w.tf.Destroy(ctx, tfexec.Target("foundry_rai_blocklist.bench")) })
		if err := w.tf.Destroy(ctx); err != nil {
			b.Fatalf("destroy: %v", err)
		}
	}
}

func blocklistConfig(n int) string {
	var parts []string
	for lo := 0; lo < n; lo += 1000 { // range makes at most 1,024 values
		parts = append(parts, fmt.Sprintf(`{ for i in range(%d, %d) : format("term-%%04d", i) => "blocked term ${i}" }`, lo, min(lo+1000, n)))
	}
	return fmt.Sprintf(`
resource "foundry_rai_blocklist" "bench" {
  account_id = foundry_account.bench.id
  name       = "bench"
  items      = merge(%s)
}
`, strings.Join(parts, ", "))
}
