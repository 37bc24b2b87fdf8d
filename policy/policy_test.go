// Package policy_test checks the policy kit against real plans: for every fixture under fixtures/<rule>/{pass,fail}
// it plans the configuration with the real Terraform CLI and the built provider against a fresh emulator, and runs
// conftest on the plan. With POLICY_FIXTURES_WRITE=1 (make policy-fixtures) it also rewrites the fixture's plan.json,
// which the Rego unit tests (conftest verify) read.
package policy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

func TestPolicies_realPlans(t *testing.T) {
	tfPath, conftest := os.Getenv("TF_ACC_TERRAFORM_PATH"), os.Getenv("CONFTEST")
	if tfPath == "" || conftest == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH and CONFTEST name the Terraform and conftest binaries (make testpolicy sets them)")
	}
	providerDir, err := filepath.Abs(filepath.Join("..", "bin"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(providerDir, "terraform-provider-foundry")); err != nil {
		t.Fatalf("build the provider first (make build): %v", err)
	}
	fixtures, err := filepath.Glob(filepath.Join("fixtures", "*", "*", "main.tf"))
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	write := os.Getenv("POLICY_FIXTURES_WRITE") == "1"
	for _, f := range fixtures {
		dir := filepath.Dir(f)
		rule, kind := filepath.Base(filepath.Dir(dir)), filepath.Base(dir)
		t.Run(rule+"/"+kind, func(t *testing.T) {
			t.Parallel()
			plan := realPlan(t, tfPath, providerDir, f)
			committed := filepath.Join(dir, "plan.json")
			if write {
				if err := os.WriteFile(committed, plan, 0o600); err != nil {
					t.Fatal(err)
				}
			} else if !sameChanges(t, plan, committed) {
				t.Errorf("%s is stale: the real plan's resource_changes differ; run make policy-fixtures", committed)
			}
			failures := runConftest(t, conftest, rule, plan)
			switch {
			case kind == "pass" && len(failures) > 0:
				t.Errorf("policy %s denies its passing fixture: %s", rule, strings.Join(failures, "; "))
			case kind == "fail" && len(failures) == 0:
				t.Errorf("policy %s accepts its failing fixture", rule)
			}
		})
	}
}

// realPlan runs terraform plan -out and terraform show -json for the configuration in mainTF against a fresh
// emulator, and returns the plan JSON, indented and without its timestamp, as the fixtures store it.
func realPlan(t *testing.T, tfPath, providerDir, mainTF string) []byte {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	dir := t.TempDir()
	config, err := os.ReadFile(mainTF)
	if err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(dir, "terraformrc")
	caFile := filepath.Join(dir, "ca.pem")
	for name, body := range map[string][]byte{
		"main.tf": config, "ca.pem": srv.CA().CertPEM(),
		"terraformrc": fmt.Appendf(nil, "provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
			"registry.terraform.io/foundrytf/foundry", providerDir),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tf, err := tfexec.NewTerraform(dir, tfPath)
	if err != nil {
		t.Fatal(err)
	}
	env := srv.ProviderEnv()
	maps.Copy(env, map[string]string{
		"HOME": os.Getenv("HOME"), "PATH": os.Getenv("PATH"),
		"TF_CLI_CONFIG_FILE": rc, "SSL_CERT_FILE": caFile, "CHECKPOINT_DISABLE": "1", "ARM_USE_CLI": "false",
	})
	if err := tf.SetEnv(env); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := tf.Plan(ctx, tfexec.Out("plan.bin")); err != nil {
		t.Fatalf("terraform plan: %v", err)
	}
	// tfexec has no raw `show -json`, and its typed plan drops fields: run the CLI directly.
	show := exec.CommandContext(ctx, tfPath, "show", "-json", "plan.bin")
	show.Dir = dir
	for k, v := range env {
		show.Env = append(show.Env, k+"="+v)
	}
	raw, err := show.Output()
	if err != nil {
		t.Fatalf("terraform show -json: %v", err)
	}
	var plan map[string]any
	if err := json.Unmarshal(raw, &plan); err != nil {
		t.Fatal(err)
	}
	delete(plan, "timestamp")
	out, err := json.MarshalIndent(plan, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// sameChanges compares the resource_changes of a fresh plan with those of the committed fixture.
func sameChanges(t *testing.T, fresh []byte, committed string) bool {
	t.Helper()
	old, err := os.ReadFile(committed)
	if err != nil {
		return false
	}
	var a, b struct {
		ResourceChanges any `json:"resource_changes"`
	}
	if json.Unmarshal(fresh, &a) != nil || json.Unmarshal(old, &b) != nil {
		return false
	}
	return reflect.DeepEqual(a.ResourceChanges, b.ResourceChanges)
}

// runConftest runs the rule's namespace on the plan and returns the failure messages.
func runConftest(t *testing.T, conftest, rule string, plan []byte) []string {
	t.Helper()
	input := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(input, plan, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(conftest, "test", "--no-fail", "-o", "json", "-p", ".", "-d", "data", "-n", "foundry."+rule, input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("conftest: %v: %s", err, stderr.String())
	}
	var results []struct {
		Failures []struct {
			Msg string `json:"msg"`
		} `json:"failures"`
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("conftest output: %v: %s", err, out)
	}
	var msgs []string
	for _, r := range results {
		for _, f := range r.Failures {
			msgs = append(msgs, f.Msg)
		}
	}
	sort.Strings(msgs)
	return msgs
}
