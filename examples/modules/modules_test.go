// Package modules_test runs the example modules' own `terraform test` suites with the real Terraform CLI and the
// built provider against a fresh local emulator, the way a module author runs them offline.
//
// The provider is installed by `terraform init` from a filesystem mirror holding bin/terraform-provider-foundry, not
// through dev_overrides: with dev_overrides `terraform init` still asks the registry for the provider, and the test
// files' modules are only installed by init.
package modules_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const providerAddress = "registry.terraform.io/foundrytf/foundry"

func TestModules_terraformTest(t *testing.T) {
	tfPath := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tfPath == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH names the Terraform binary (make testmodules sets it)")
	}
	provider, err := filepath.Abs(filepath.Join("..", "..", "bin", "terraform-provider-foundry"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(provider); err != nil {
		t.Fatalf("build the provider first (make build): %v", err)
	}
	modules, err := filepath.Glob(filepath.Join("*", "versions.tf"))
	if err != nil || len(modules) == 0 {
		t.Fatalf("no modules under examples/modules: %v", err)
	}
	for _, m := range modules {
		dir := filepath.Dir(m)
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			runTerraformTest(t, tfPath, provider, dir)
		})
	}
}

// runTerraformTest copies the module to a temporary directory (init writes .terraform and a lock file), runs
// `terraform init` and `terraform test` there against its own emulator, and checks that every run block passed.
func runTerraformTest(t *testing.T, tfPath, provider, module string) {
	t.Helper()
	runs := countRuns(t, module)
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })

	tmp := t.TempDir()
	work := filepath.Join(tmp, "module")
	copyTree(t, module, work)
	mirror := filepath.Join(tmp, "mirror", providerAddress, "0.0.1", runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(mirror, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(provider, filepath.Join(mirror, "terraform-provider-foundry")); err != nil {
		t.Fatal(err)
	}
	rc := fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = [%q]
  }
  direct {
    exclude = [%q]
  }
}
`, filepath.Join(tmp, "mirror"), providerAddress, providerAddress)
	for name, body := range map[string][]byte{"terraformrc": []byte(rc), "ca.pem": srv.CA().CertPEM()} {
		if err := os.WriteFile(filepath.Join(tmp, name), body, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	// What `foundry-emulator -env-out` writes, plus the CLI configuration; nothing else from the caller's environment.
	env := []string{
		"HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH"),
		"TF_CLI_CONFIG_FILE=" + filepath.Join(tmp, "terraformrc"), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"SSL_CERT_FILE=" + filepath.Join(tmp, "ca.pem"),
	}
	for k, v := range srv.ProviderEnv() {
		env = append(env, k+"="+v)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	terraform := func(args ...string) string {
		start := time.Now()
		cmd := exec.CommandContext(ctx, tfPath, append(args, "-no-color")...)
		cmd.Dir, cmd.Env = work, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		t.Logf("terraform %s (%s):\n%s", args[0], time.Since(start).Round(100*time.Millisecond), out.String())
		if err != nil {
			t.Fatalf("terraform %s failed: %v", strings.Join(args, " "), err)
		}
		return out.String()
	}
	terraform("init", "-input=false")
	out := terraform("test")

	// A run that Terraform skipped is not a pass: all run blocks must be counted as passed.
	m := regexp.MustCompile(`Success! (\d+) passed, 0 failed\.`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("terraform test did not report success")
	}
	if passed, _ := strconv.Atoi(m[1]); passed != runs {
		t.Errorf("terraform test passed %d run blocks, the test files have %d", passed, runs)
	}
}

// countRuns counts the run blocks in the module's test files.
func countRuns(t *testing.T, module string) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(module, "tests", "*.tftest.hcl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("%s has no tests/*.tftest.hcl: %v", module, err)
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n += len(regexp.MustCompile(`(?m)^run "`).FindAll(b, -1))
	}
	return n
}

// copyTree copies the module's files, leaving out anything a local `terraform init` or run left behind.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		switch {
		case d.IsDir() && d.Name() == ".terraform":
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		case d.Name() == ".terraform.lock.hcl" || strings.HasSuffix(d.Name(), ".tfstate"):
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}
