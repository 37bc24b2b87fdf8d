package bench

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const accountConfig = `
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
  name                  = "bench-account"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "bench-account"
  identity              = { type = "SystemAssigned" }
}
`

// BenchmarkAccountLifecycle creates, reads (a refresh plan) and destroys one account with the real CLI and prints,
// for each phase, the wall time and the HTTP requests the emulator received by method.
func BenchmarkAccountLifecycle(b *testing.B) {
	for i := 0; i < b.N; i++ {
		w := newWorkspace(b, accountConfig, 0)
		// dev_overrides points Terraform at bin/, so there is nothing to install and no init.
		ctx := context.Background()
		phases := []struct {
			name string
			run  func() error
		}{
			{"create", func() error { return w.tf.Apply(ctx) }},
			{"read", func() error { _, err := w.tf.Plan(ctx); return err }},
			{"destroy", func() error { return w.tf.Destroy(ctx) }},
		}
		for _, p := range phases {
			w.srv.ResetRequests()
			start := time.Now()
			if err := p.run(); err != nil {
				b.Fatalf("%s: %v", p.name, err)
			}
			elapsed := time.Since(start)
			fmt.Printf("account %-8s wall %6.2fs  requests %s\n", p.name, elapsed.Seconds(), countByMethod(w.srv.Requests()))
			b.ReportMetric(elapsed.Seconds(), p.name+"-s")
			b.ReportMetric(float64(len(w.srv.Requests())), p.name+"-requests")
		}
	}
}

// workspace is a Terraform working directory wired to a fresh emulator and the built provider binary.
type workspace struct {
	srv *emulator.Server
	tf  *tfexec.Terraform
	env map[string]string // the CLI's and the provider's environment
}

func newWorkspace(b *testing.B, config string, async time.Duration) *workspace {
	b.Helper()
	tfPath := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tfPath == "" {
		b.Fatal("TF_ACC_TERRAFORM_PATH must name the Terraform binary (make bench sets it)")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		b.Fatal(err)
	}
	providerDir := filepath.Join(root, "bin")
	if _, err := os.Stat(filepath.Join(providerDir, "terraform-provider-foundry")); err != nil {
		b.Fatalf("build the provider first (make build): %v", err)
	}
	srv, err := emulator.Start(emulator.Options{AsyncDuration: async})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })

	dir := b.TempDir()
	caFile := filepath.Join(dir, "ca.pem")
	rc := filepath.Join(dir, "terraformrc")
	must(b, os.WriteFile(caFile, srv.CA().CertPEM(), 0o600))
	must(b, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600))
	must(b, os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		"registry.terraform.io/foundrytf/foundry", providerDir)), 0o600))

	tf, err := tfexec.NewTerraform(dir, tfPath)
	if err != nil {
		b.Fatal(err)
	}
	env := srv.ProviderEnv()
	maps.Copy(env, map[string]string{
		"HOME": os.Getenv("HOME"), "PATH": os.Getenv("PATH"),
		"TF_CLI_CONFIG_FILE": rc, "SSL_CERT_FILE": caFile, "CHECKPOINT_DISABLE": "1", "ARM_USE_CLI": "false",
	})
	must(b, tf.SetEnv(env))
	return &workspace{srv: srv, tf: tf, env: env}
}

// countByMethod renders "GET=5 POST=1 PUT=1" (token requests are POSTs to the Entra endpoint).
func countByMethod(reqs []emulator.RequestRecord) string {
	counts := map[string]int{}
	for _, r := range reqs {
		counts[r.Method]++
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
	return fmt.Sprintf("%d (%s)", len(reqs), strings.Join(parts, " "))
}

func must(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}
