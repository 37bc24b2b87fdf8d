package clitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// SecondClientID is the second client of Seed: another identity (another pipeline, another team) against the same
// subscription, told apart in the emulator's request log and in systemData.createdBy.
const (
	SecondClientID     = "44444444-4444-4444-4444-444444444444"
	SecondClientSecret = "second-client-secret"
	secondObjectID     = "55555555-5555-5555-5555-555555555555"
)

// ProviderBlock starts a configuration for the built provider (dev_overrides) with purge on destroy, so that what a
// test destroys leaves nothing soft-deleted behind.
const ProviderBlock = `
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
`

// Account is an account resource "main" with a tag naming its owner, and a project "proj" in it.
func Account(name, owner string) string {
	return fmt.Sprintf(`
resource "foundry_account" "main" {
  name                  = %[1]q
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = %[1]q
  identity              = { type = "SystemAssigned" }
  tags                  = { owner = %[2]q }
}

resource "foundry_project" "proj" {
  account_id = foundry_account.main.id
  name       = "proj"
  identity   = { type = "SystemAssigned" }
}
`, name, owner)
}

// Seed is the emulator's default seed with a second client.
func Seed() *emulator.Seed {
	s := emulator.DefaultSeed()
	s.Clients = append(s.Clients, emulator.SeedClient{ClientID: SecondClientID, ClientSecret: SecondClientSecret, ObjectID: secondObjectID,
		DisplayName: "second"})
	return s
}

// TerraformPath is the Terraform binary the tests drive (TF_ACC_TERRAFORM_PATH, which make sets); without it the
// test is skipped.
func TerraformPath(t testing.TB) string {
	t.Helper()
	p := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if p == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH names the Terraform binary (make testmodules and make soak set it)")
	}
	return p
}

// ProviderDir is the repository's bin/, where make build puts the provider binary the CLI starts.
func ProviderDir(t testing.TB) string {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(self), "..", "..", "bin")
	if _, err := os.Stat(filepath.Join(dir, "terraform-provider-foundry")); err != nil {
		t.Fatalf("build the provider first (make build): %v", err)
	}
	return dir
}

// Workspace is one Terraform working directory wired to an emulator and the built provider (dev_overrides): its own
// state and its own data directory (.terraform, where the provider keeps its journal of creates).
type Workspace struct {
	Dir string
	Srv *emulator.Server
	tf  string
	env []string
}

// NewWorkspace makes a working directory for srv in a temporary folder, signing in as the emulator's first client;
// extra environment variables (ARM_CLIENT_ID and ARM_CLIENT_SECRET for another client, TF_LOG, ...) override.
func NewWorkspace(t testing.TB, srv *emulator.Server, extra map[string]string) *Workspace {
	t.Helper()
	tf, bin := TerraformPath(t), ProviderDir(t)
	dir := t.TempDir()
	caFile, rc := filepath.Join(dir, "ca.pem"), filepath.Join(dir, "terraformrc")
	must(t, os.WriteFile(caFile, srv.CA().CertPEM(), 0o600))
	must(t, os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		"registry.terraform.io/foundrytf/foundry", bin)), 0o600))
	env := srv.ProviderEnv()
	maps.Copy(env, map[string]string{
		"HOME": os.Getenv("HOME"), "PATH": os.Getenv("PATH"), "TF_IN_AUTOMATION": "1",
		"TF_CLI_CONFIG_FILE": rc, "SSL_CERT_FILE": caFile, "CHECKPOINT_DISABLE": "1", "ARM_USE_CLI": "false",
	})
	maps.Copy(env, extra)
	w := &Workspace{Dir: dir, Srv: srv, tf: tf}
	for k, v := range env {
		w.env = append(w.env, k+"="+v)
	}
	return w
}

// SetEnv sets (or overrides) environment variables of the workspace's later commands.
func (w *Workspace) SetEnv(env map[string]string) {
	for k, v := range env {
		w.env = append(w.env, k+"="+v) // the last one of a name wins
	}
}

// Write sets the configuration (main.tf).
func (w *Workspace) Write(t testing.TB, config string) {
	t.Helper()
	must(t, os.WriteFile(filepath.Join(w.Dir, "main.tf"), []byte(config), 0o600))
}

// Command is a Terraform command of the workspace, in a process group of its own so that Kill can end the CLI and the
// provider processes it started at once, as a runner that dies does.
func (w *Workspace) Command(ctx context.Context, args ...string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.CommandContext(ctx, w.tf, args...)
	cmd.Dir, cmd.Env = w.Dir, w.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	return cmd, &out
}

// Run runs a Terraform command to its end and returns its output; err is non-nil when it failed.
func (w *Workspace) Run(ctx context.Context, args ...string) (string, error) {
	cmd, out := w.Command(ctx, append(args, "-no-color")...)
	err := cmd.Run()
	if err != nil {
		err = fmt.Errorf("terraform %s: %w\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String(), err
}

// Apply runs terraform apply -auto-approve.
func (w *Workspace) Apply(ctx context.Context, args ...string) (string, error) {
	return w.Run(ctx, append([]string{"apply", "-auto-approve", "-input=false"}, args...)...)
}

// Destroy runs terraform destroy -auto-approve.
func (w *Workspace) Destroy(ctx context.Context, args ...string) (string, error) {
	return w.Run(ctx, append([]string{"destroy", "-auto-approve", "-input=false"}, args...)...)
}

// PlanIsEmpty runs terraform plan -detailed-exitcode and reports whether it plans no change.
func (w *Workspace) PlanIsEmpty(ctx context.Context) (bool, string, error) {
	cmd, out := w.Command(ctx, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return true, out.String(), nil
	case errors.As(err, &ee) && ee.ExitCode() == 2:
		return false, out.String(), nil
	}
	return false, out.String(), fmt.Errorf("terraform plan: %w\n%s", err, out.String())
}

// Kill ends a started command and every process of its group with SIGKILL: nothing gets to save anything.
func Kill(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	_ = cmd.Wait()
}

// StateIDs returns the IDs of the objects in the workspace's state (terraform.tfstate), by resource address.
func (w *Workspace) StateIDs(t testing.TB) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(w.Dir, "terraform.tfstate"))
	if os.IsNotExist(err) || err == nil && len(bytes.TrimSpace(b)) == 0 {
		return map[string]string{}
	}
	must(t, err)
	var st struct {
		Resources []struct {
			Module, Mode, Type, Name string
			Instances                []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	must(t, json.Unmarshal(b, &st))
	out := map[string]string{}
	for _, r := range st.Resources {
		if r.Mode != "managed" {
			continue
		}
		for i, in := range r.Instances {
			addr := r.Type + "." + r.Name
			if r.Module != "" {
				addr = r.Module + "." + addr
			}
			if len(r.Instances) > 1 {
				addr += fmt.Sprintf("[%d]", i)
			}
			id, _ := in.Attributes["id"].(string)
			out[addr] = id
		}
	}
	return out
}

// JournalEntries counts the provider's journal entries of the workspace (creates Terraform may not have saved).
func (w *Workspace) JournalEntries() int {
	files, _ := filepath.Glob(filepath.Join(w.Dir, ".terraform", "foundry-creates", "*", "*.json"))
	return len(files)
}

// Flat is Terraform's output with every run of white space made one space: Terraform wraps long lines.
func Flat(out string) string { return strings.Join(strings.Fields(out), " ") }

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
