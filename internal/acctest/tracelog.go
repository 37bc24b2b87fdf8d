package acctest

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var clientSecretLine = regexp.MustCompile(`(?m)^\s*client_secret\s*=.*$`)

// TraceLog turns the in-process provider's TRACE log on for t, with HTTP bodies, into a file that read returns, and
// returns a provider block for this emulator without the client secret, which comes from the environment instead:
// the test harness logs the configuration text, so a secret written in it would reach the log for the wrong reason.
// Not for parallel tests: it sets process environment.
func (e *Env) TraceLog(t *testing.T) (providerBlock string, read func() string) {
	t.Helper()
	logFile := filepath.Join(t.TempDir(), "provider.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("FOUNDRY_LOG_HTTP_BODIES", "1")
	t.Setenv("ARM_CLIENT_SECRET", e.ClientSecret)
	return clientSecretLine.ReplaceAllString(e.ProviderBlock(""), ""), func() string {
		t.Helper()
		raw, err := os.ReadFile(logFile)
		if err != nil {
			t.Fatalf("reading the provider log: %v", err)
		}
		return string(raw)
	}
}
