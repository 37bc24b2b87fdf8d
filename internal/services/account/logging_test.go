package account_test

import (
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
	// The test harness itself logs the configuration, so the secret comes from the environment, as in real use.
	providerBlock, readLog := env.TraceLog(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: providerBlock + configBasic(name),
		}},
	})
	log := readLog()
	if !strings.Contains(log, "HTTP request") || !strings.Contains(log, "/accounts/"+name) {
		t.Fatalf("the trace log has no HTTP traffic for the account; the test would prove nothing (%d bytes)", len(log))
	}
	if strings.Contains(log, env.ClientSecret) {
		t.Error("the client secret appears in the provider's trace log")
	}
	if m := regexp.MustCompile(`Bearer\s+ey[A-Za-z0-9_-]{10,}`).FindString(log); m != "" {
		t.Errorf("a bearer token appears in the provider's trace log: %.40s…", m)
	}
}
