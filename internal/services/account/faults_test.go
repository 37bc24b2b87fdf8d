package account_test

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// Throttling (429 with Retry-After) and transient 5xx answers are retried until the call succeeds.
func TestAccountResource_throttledAndServerErrorsRecovered(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	env.Server.AddFault(emulator.Fault{Method: http.MethodPut, PathPattern: `/accounts/` + name + `$`, Status: http.StatusTooManyRequests,
		Code: "TooManyRequests", Message: "Throttled by the emulator.", RetryAfter: 1, Count: 2})
	env.Server.AddFault(emulator.Fault{Method: http.MethodGet, PathPattern: `/accounts/` + name + `$`, Status: http.StatusServiceUnavailable,
		Code: "ServiceUnavailable", Message: "Transient failure injected by the emulator.", Count: 2})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderBlock("") + configBasic(name),
			Check: func(*terraform.State) error {
				if n := env.CountRequests(http.MethodPut, http.StatusTooManyRequests, name); n != 2 {
					return fmt.Errorf("expected 2 throttled PUTs to have been retried, saw %d", n)
				}
				if n := env.CountRequests(http.MethodGet, http.StatusServiceUnavailable, name); n != 2 {
					return fmt.Errorf("expected 2 failed GETs to have been retried, saw %d", n)
				}
				return nil
			},
		}},
	})
}

// An account create that ends Failed names the operation, the account ID and the state it ended in: Accounts_Create
// declares no polling header on 201, so the account (which has no error field) is all the service shows. (A failed
// operation polled through Location or Azure-AsyncOperation surfaces its ARM error code: internal/client lro_test.go.)
func TestAccountResource_failedAsyncOperation(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	env.Server.AddFault(emulator.Fault{Method: http.MethodPut, PathPattern: `/accounts/` + name + `$`, Status: http.StatusBadRequest,
		Code: "InsufficientResourcesAvailable", Message: "The region has no capacity for this account right now.", AsyncFail: true, Count: 1})
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      env.ProviderBlock("") + configBasic(name),
			ExpectError: regexp.MustCompile(`(?s)Unable to create account.*Creating account\s+"/subscriptions/.+/accounts/` + name + `"\s+failed:\s+the\s+operation\s+ended\s+with\s+provisioningState\s+"Failed"`),
		}},
	})
}

// A token for the wrong audience is refused by ARM, and the error says which setting to fix.
func TestAccountResource_wrongTokenAudience(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	name := acctest.RandomName("tfacc")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      env.ProviderBlockWithAudience("https://ai.azure.com", "") + configBasic(name),
			ExpectError: regexp.MustCompile(`(?s)InvalidAuthenticationTokenAudience.*resource_manager_audience`),
		}},
	})
}
