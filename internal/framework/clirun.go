package framework

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// CLIRun names the Terraform or OpenTofu command that started the provider (the parent process: its PID, start time
// and command line, hashed), or "" when the parent is not a Terraform CLI that can be named (a test harness serving
// the provider in process, a debugger, a platform without /proc). Terraform serves one `terraform apply` with two
// provider processes, one for the plan and one for the apply, and calls ModifyPlan in both, with nothing in the plugin
// protocol to tell them apart or to carry the plan's findings to the apply-time plan (the planned private state only
// reaches ApplyResourceChange): the two processes share this name, so the plan can leave a note the apply-time plan
// reads (providerdata.Data.PlanChecked).
func CLIRun() string {
	pid := os.Getppid()
	argv := parentArgs(pid)
	start := processStart(pid)
	if len(argv) == 0 || start == "" {
		return ""
	}
	base := strings.ToLower(filepath.Base(argv[0]))
	if !strings.HasPrefix(base, "terraform") && !strings.HasPrefix(base, "tofu") {
		return ""
	}
	sum := sha256.Sum256([]byte(strconv.Itoa(pid) + "\x00" + start + "\x00" + strings.Join(argv, "\x00")))
	return hex.EncodeToString(sum[:16])
}
