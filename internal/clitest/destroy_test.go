package clitest_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const base = `
terraform {
  required_providers {
    foundry = { source = "foundrytf/foundry" }
  }
}

provider "foundry" {}

resource "foundry_account" "main" {
  name                  = "clitest-destroy"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "clitest-destroy"
  identity              = { type = "SystemAssigned" }
}
`

// A deployment the account cannot have: refused at plan.
const badDeployment = `
resource "foundry_deployment" "bad" {
  account_id = foundry_account.main.id
  name       = "chat"
  model      = { format = "OpenAI", name = "gpt-nonexistent" }
  sku        = { name = "GlobalStandard", capacity = 10 }
}
`

// Issue 13: a destroy is never blocked by a create-time check. Before a destroy Terraform runs a normal plan of the
// whole configuration, and a resource that was never created (here a deployment whose model the account cannot have,
// refused at plan) used to fail that plan, so the account created earlier could not be destroyed. The provider,
// started by the CLI, sees that the command destroys and checks nothing.
func TestDestroy_notBlockedByCreateChecks(t *testing.T) {
	w := newWorkspace(t)
	ctx := context.Background()
	w.write(t, base)
	if err := w.tf.Apply(ctx); err != nil {
		t.Fatalf("apply of the account: %v", err)
	}
	w.write(t, base+badDeployment)
	if _, err := w.tf.Plan(ctx); err == nil || !strings.Contains(err.Error(), "Model not offered") {
		t.Fatalf("the plan must refuse the deployment: %v", err)
	}
	if _, err := w.tf.Plan(ctx, tfexec.Destroy(true)); err != nil {
		t.Fatalf("terraform plan -destroy must not run the create checks: %v", err)
	}
	if err := w.tf.Destroy(ctx); err != nil {
		t.Fatalf("terraform destroy must not run the create checks: %v", err)
	}
	if n := w.count("DELETE", "/accounts/clitest-destroy"); n == 0 {
		t.Fatal("the account was not deleted")
	}
}

// Issue 13: in one apply, a new account and a deployment it cannot have: the plan refuses the deployment before the
// account is created (its location's catalog stands in for the new account's), so destroy has nothing left to fail on.
func TestDestroy_failedCreateLeavesNothing(t *testing.T) {
	w := newWorkspace(t)
	ctx := context.Background()
	w.write(t, base+badDeployment)
	if err := w.tf.Apply(ctx); err == nil || !strings.Contains(err.Error(), "Model not offered") {
		t.Fatalf("the apply must stop at plan: %v", err)
	}
	if n := w.count("PUT", "/accounts/"); n != 0 {
		t.Fatalf("%d PUTs: nothing may be written when the plan refuses", n)
	}
	if err := w.tf.Destroy(ctx); err != nil {
		t.Fatalf("destroy: %v", err)
	}
}

type workspace struct {
	dir string
	srv *emulator.Server
	tf  *tfexec.Terraform
}

// newWorkspace is a Terraform working directory wired to a fresh emulator and the built provider (dev_overrides).
func newWorkspace(t *testing.T) *workspace {
	t.Helper()
	tfPath := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tfPath == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH names the Terraform binary (make testmodules sets it)")
	}
	bin, err := filepath.Abs(filepath.Join("..", "..", "bin"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(bin, "terraform-provider-foundry")); err != nil {
		t.Fatalf("build the provider first (make build): %v", err)
	}
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	dir := t.TempDir()
	caFile, rc := filepath.Join(dir, "ca.pem"), filepath.Join(dir, "terraformrc")
	check(t, os.WriteFile(caFile, srv.CA().CertPEM(), 0o600))
	check(t, os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		"registry.terraform.io/foundrytf/foundry", bin)), 0o600))
	tf, err := tfexec.NewTerraform(dir, tfPath)
	if err != nil {
		t.Fatal(err)
	}
	env := srv.ProviderEnv()
	maps.Copy(env, map[string]string{
		"HOME": os.Getenv("HOME"), "PATH": os.Getenv("PATH"),
		"TF_CLI_CONFIG_FILE": rc, "SSL_CERT_FILE": caFile, "CHECKPOINT_DISABLE": "1", "ARM_USE_CLI": "false",
	})
	check(t, tf.SetEnv(env))
	return &workspace{dir: dir, srv: srv, tf: tf}
}

func (w *workspace) write(t *testing.T, config string) {
	t.Helper()
	check(t, os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o600))
}

// count counts the emulator's logged requests with this method whose path contains fragment.
func (w *workspace) count(method, fragment string) int {
	n := 0
	for _, r := range w.srv.Requests() {
		if r.Method == method && strings.Contains(strings.ToLower(r.Path), strings.ToLower(fragment)) {
			n++
		}
	}
	return n
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
