package account_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// With TRACE logging on, the HTTP traffic is logged, but neither the client secret nor any bearer token is.
// Not parallel: it sets process environment for the in-process provider's log sink.
func TestAccountResource_traceLogHasNoSecrets(t *testing.T) {
	env := acctest.NewEnv(t)
	logFile := filepath.Join(t.TempDir(), "provider.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("FOUNDRY_LOG_HTTP_BODIES", "1")
	// The test harness itself logs the configuration, so the secret comes from the environment, as in real use.
	t.Setenv("ARM_CLIENT_SECRET", env.ClientSecret)
	providerBlock := regexp.MustCompile(`(?m)^\s*client_secret\s*=.*$`).ReplaceAllString(env.ProviderBlock(""), "")
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: providerBlock + configBasic(name),
		}},
	})
	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the provider log: %v", err)
	}
	log := string(raw)
	if !strings.Contains(log, "HTTP request") || !strings.Contains(log, "/accounts/"+name) {
		t.Fatalf("the trace log has no HTTP traffic for the account; the test would prove nothing (%d bytes)", len(raw))
	}
	if strings.Contains(log, env.ClientSecret) {
		t.Error("the client secret appears in the provider's trace log")
	}
	if m := regexp.MustCompile(`Bearer\s+ey[A-Za-z0-9_-]{10,}`).FindString(log); m != "" {
		t.Errorf("a bearer token appears in the provider's trace log: %.40s…", m)
	}
}
