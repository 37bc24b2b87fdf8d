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

// provisionDelays are how long the emulator takes to provision a managed network; the run with no delay is the
// baseline (Terraform's start-up, the writes of the account, network, four rules and project, and their polls).
var provisionDelays = []time.Duration{0, 10 * time.Second}

// BenchmarkManagedNetworkExample applies examples/managed-network (account, managed network with approved-only
// outbound traffic, one rule of each kind, a project) against an emulator whose provision action takes
// provisionDelay, then destroys it. It prints, for each phase, the wall time, the wall time minus the provisioning
// delay (the provider's own cost, its polling overshoot included) and the HTTP requests by method.
func BenchmarkManagedNetworkExample(b *testing.B) {
	var config strings.Builder
	for _, f := range []string{"providers.tf", "main.tf"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "managed-network", f))
		if err != nil {
			b.Fatal(err)
		}
		config.Write(raw)
		config.WriteString("\n")
	}
	for _, delay := range provisionDelays {
		b.Run(fmt.Sprintf("provision-%s", delay), func(b *testing.B) { benchManagedNetwork(b, config.String(), delay) })
	}
}

func benchManagedNetwork(b *testing.B, config string, delay time.Duration) {
	for i := 0; i < b.N; i++ {
		w := newWorkspace(b, config, 0)
		w.srv.SetDurations(map[string]time.Duration{emulator.OpManagedNetworkProvision: delay})
		ctx := context.Background()
		for _, p := range []struct {
			name  string
			run   func() error
			delay time.Duration // the part of the wall time that is the emulated service's
		}{
			{"apply", func() error { return w.tf.Apply(ctx) }, delay},
			{"destroy", func() error { return w.tf.Destroy(ctx) }, 0}, // nothing is provisioned on destroy
		} {
			w.srv.ResetRequests()
			start := time.Now()
			if err := p.run(); err != nil {
				b.Fatalf("%s: %v", p.name, err)
			}
			elapsed := time.Since(start)
			fmt.Printf("managed network %-7s wall %6.2fs  provisioning %4.1fs  wall-minus-provisioning %5.2fs  requests %s\n",
				p.name, elapsed.Seconds(), p.delay.Seconds(), (elapsed - p.delay).Seconds(), countByMethod(w.srv.Requests()))
			b.ReportMetric(elapsed.Seconds(), p.name+"-s")
			b.ReportMetric((elapsed - p.delay).Seconds(), p.name+"-over-provisioning-s")
			b.ReportMetric(float64(len(w.srv.Requests())), p.name+"-requests")
		}
	}
}
