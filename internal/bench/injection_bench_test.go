package bench

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// linkReleaseDelay is the emulated time the service takes to release the agent subnet after a purge; the run with
// no delay is the baseline (delete, purge and Terraform's own start-up and refresh).
var linkReleaseDelays = []time.Duration{0, 10 * time.Second}

const injectionConfig = `
terraform {
  required_providers {
    foundry = { source = "foundrytf/foundry" }
  }
}

provider "foundry" {
  features {
    account {
      purge_soft_delete_on_destroy = true
    }
  }
}

resource "foundry_account" "bench" {
  name                  = "bench-injected"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "bench-injected"
  identity              = { type = "SystemAssigned" }

  network_injection = {
    scenario  = "agent"
    subnet_id = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.Network/virtualNetworks/vnet-foundry/subnets/snet-agents"
  }
}
`

// BenchmarkInjectedAccountDestroy destroys a network-injected account with purge on while the emulator holds the
// subnet's service association link for linkReleaseDelay after the purge, and prints the wall time of the destroy
// minus that delay: the cost of waiting by polling (and of the delete and purge themselves) over the release.
func BenchmarkInjectedAccountDestroy(b *testing.B) {
	for _, delay := range linkReleaseDelays {
		b.Run(fmt.Sprintf("release-%s", delay), func(b *testing.B) { benchInjectedDestroy(b, delay) })
	}
}

func benchInjectedDestroy(b *testing.B, linkReleaseDelay time.Duration) {
	for i := 0; i < b.N; i++ {
		w := newWorkspace(b, injectionConfig, 0)
		w.srv.SetLinkReleaseDelay(linkReleaseDelay)
		ctx := context.Background()
		if err := w.tf.Apply(ctx); err != nil {
			b.Fatalf("create: %v", err)
		}
		w.srv.ResetRequests()
		start := time.Now()
		if err := w.tf.Destroy(ctx); err != nil {
			b.Fatalf("destroy: %v", err)
		}
		elapsed := time.Since(start)
		over := elapsed - linkReleaseDelay
		fmt.Printf("injected account destroy wall %6.2fs  link release %4.1fs  wall-minus-release %5.2fs  requests %s\n",
			elapsed.Seconds(), linkReleaseDelay.Seconds(), over.Seconds(), countByMethod(w.srv.Requests()))
		b.ReportMetric(elapsed.Seconds(), "destroy-s")
		b.ReportMetric(over.Seconds(), "over-release-s")
		b.ReportMetric(float64(len(w.srv.Requests())), "destroy-requests")
	}
}
