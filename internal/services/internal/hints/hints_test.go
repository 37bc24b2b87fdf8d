package hints_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/hints"
)

func apiError(status int, body string) error {
	req, _ := http.NewRequest(http.MethodGet, "https://p.services.ai.azure.com/api/projects/p/agents", nil)
	return runtime.NewResponseError(&http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewBufferString(body)), Request: req})
}

// A 401 without a code is a token the project endpoint refused: the hint names the audience setting, the data action
// and the role. A 401 PermissionDenied is missing RBAC. Other errors without a code get no data-plane advice (before
// issue 11, a bodiless 5xx from the role propagation probe was explained as a refused token).
func TestDataPlane(t *testing.T) {
	h := hints.DataPlane("Microsoft.CognitiveServices/accounts/AIServices/agents/read")
	if got := h.Hint(apiError(401, `{"message":"Unauthorized"}`)); !strings.Contains(got, "endpoints.project_audience") ||
		!strings.Contains(got, "agents/read") || !strings.Contains(got, hints.FoundryUserRoleID) {
		t.Errorf("401 without a code: %q", got)
	}
	if got := h.Hint(apiError(401, `{"error":{"code":"PermissionDenied","message":"no role"}}`)); !strings.Contains(got, "Grant it Foundry User") {
		t.Errorf("401 PermissionDenied: %q", got)
	}
	if got := h.Hint(apiError(503, ``)); got != "" {
		t.Errorf("503 without a code: %q, want no hint", got)
	}
}

// A 409 on a connection write names the account-wide namespace, unless it is the busy account the client retries.
func TestConnectionNameTaken(t *testing.T) {
	if got := hints.ConnectionNameTaken.Hint(apiError(409, `{"error":{"code":"Conflict","message":"taken"}}`)); !strings.Contains(got, "unique across the whole account") {
		t.Errorf("409 Conflict: %q", got)
	}
	if got := hints.ConnectionNameTaken.Hint(apiError(409, `{"error":{"code":"RequestConflict","message":"busy"}}`)); got != "" {
		t.Errorf("409 RequestConflict: %q, want no hint", got)
	}
}
