package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// setupPropagation is how long the emulator takes to honour the project identity's new role assignments.
const setupPropagation = 10 * time.Second

// BenchmarkStandardSetupExample applies examples/standard-setup (account, project, deployment, standard setup on the
// seeded storage, Cosmos DB and search) against an emulator whose role assignments take setupPropagation to take
// effect, then destroys it. It prints the apply's wall time minus the propagation delay (the provider's own cost,
// including the back-off of the capability host retries) and the HTTP requests by method.
func BenchmarkStandardSetupExample(b *testing.B) {
	var config strings.Builder
	for _, f := range []string{"providers.tf", "main.tf"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "standard-setup", f))
		if err != nil {
			b.Fatal(err)
		}
		config.Write(raw)
		config.WriteString("\n")
	}
	for i := 0; i < b.N; i++ {
		w := newWorkspace(b, config.String(), 0)
		w.srv.SetRBACPropagationDelay(setupPropagation)
		ctx := context.Background()
		start := time.Now()
		if err := w.tf.Apply(ctx); err != nil {
			b.Fatalf("apply: %v", err)
		}
		elapsed := time.Since(start)
		fmt.Printf("standard setup apply   wall %6.2fs  minus %s propagation = %6.2fs  requests %s\n",
			elapsed.Seconds(), setupPropagation, (elapsed - setupPropagation).Seconds(), countByMethod(w.srv.Requests()))
		b.ReportMetric((elapsed - setupPropagation).Seconds(), "apply-overhead-s")
		if os.Getenv("BENCH_TIMELINE") != "" {
			for _, r := range w.srv.Requests() {
				fmt.Printf("  %6.2f %-6s %d %s\n", r.Time.Sub(start).Seconds(), r.Method, r.Status, r.Path)
			}
		}

		w.srv.ResetRequests()
		start = time.Now()
		if _, err := w.tf.Plan(ctx); err != nil {
			b.Fatalf("plan: %v", err)
		}
		fmt.Printf("standard setup plan    wall %6.2fs  requests %s\n", time.Since(start).Seconds(), countByMethod(w.srv.Requests()))

		w.srv.ResetRequests()
		start = time.Now()
		if err := w.tf.Destroy(ctx); err != nil {
			b.Fatalf("destroy: %v", err)
		}
		fmt.Printf("standard setup destroy wall %6.2fs  requests %s\n", time.Since(start).Seconds(), countByMethod(w.srv.Requests()))
	}
}
