package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// agentPropagation is how long the emulator takes to honour a new role assignment on the data plane.
const agentPropagation = 10 * time.Second

// BenchmarkAgentExample applies examples/agent (account, project, deployment, Foundry User for the caller with
// wait_for_propagation, agent) with the real CLI against an emulator whose role assignments take agentPropagation to
// take effect, then destroys it. It prints the apply's wall time minus the propagation delay (the provider's own
// cost) and the HTTP requests by scope: Entra ID tokens, management (ARM) and the project data plane.
func BenchmarkAgentExample(b *testing.B) {
	var config strings.Builder
	for _, f := range []string{"providers.tf", "main.tf"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "agent", f))
		if err != nil {
			b.Fatal(err)
		}
		config.Write(raw)
		config.WriteString("\n")
	}
	for i := 0; i < b.N; i++ {
		w := newWorkspace(b, config.String(), 0)
		w.srv.SetRBACPropagationDelay(agentPropagation)
		ctx := context.Background()
		start := time.Now()
		if err := w.tf.Apply(ctx); err != nil {
			b.Fatalf("apply: %v", err)
		}
		elapsed := time.Since(start)
		fmt.Printf("agent example apply  wall %6.2fs  minus %s propagation = %6.2fs  requests %s\n",
			elapsed.Seconds(), agentPropagation, (elapsed - agentPropagation).Seconds(), countByScope(w.srv.Requests()))
		b.ReportMetric((elapsed - agentPropagation).Seconds(), "apply-overhead-s")

		w.srv.ResetRequests()
		start = time.Now()
		if _, err := w.tf.Plan(ctx); err != nil {
			b.Fatalf("plan: %v", err)
		}
		fmt.Printf("agent example plan   wall %6.2fs  requests %s\n", time.Since(start).Seconds(), countByScope(w.srv.Requests()))

		w.srv.ResetRequests()
		start = time.Now()
		if err := w.tf.Destroy(ctx); err != nil {
			b.Fatalf("destroy: %v", err)
		}
		fmt.Printf("agent example destroy wall %6.2fs  requests %s\n", time.Since(start).Seconds(), countByScope(w.srv.Requests()))
	}
}

// countByScope renders "41 (entra=3 management=30 dataplane=8)"; the project data plane is served under /ai/.
func countByScope(reqs []emulator.RequestRecord) string {
	var entra, mgmt, data, other int
	for _, r := range reqs {
		p := strings.ToLower(r.Path)
		switch {
		case strings.HasPrefix(p, "/ai/"):
			data++
		case strings.HasPrefix(p, "/subscriptions/") || strings.HasPrefix(p, "/providers/"):
			mgmt++
		case strings.Contains(p, "/oauth2/") || strings.Contains(p, "openid-configuration") || strings.Contains(p, "discovery"):
			entra++
		default:
			other++
		}
	}
	return fmt.Sprintf("%d (entra=%d management=%d dataplane=%d other=%d)", len(reqs), entra, mgmt, data, other)
}
