package diagnostics_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
)

func armError(status int, body string) error {
	req, _ := http.NewRequest(http.MethodPut, "https://management.azure.com/x", nil)
	resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewBufferString(body)), Request: req}
	return runtime.NewResponseError(resp)
}

func TestAPIError(t *testing.T) {
	id := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"
	err := armError(409, `{"error":{"code":"FlagMustBeSetForRestore","message":"An existing resource has been soft-deleted."}}`)
	d := diagnostics.APIError(diagnostics.Creating, "account", id, err)
	if d.Summary() != "Unable to create account" {
		t.Errorf("summary = %q", d.Summary())
	}
	for _, want := range []string{
		`Creating account "` + id + `" failed: FlagMustBeSetForRestore: An existing resource has been soft-deleted.`,
		"recover_soft_deleted = true",
	} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("detail %q does not contain %q", d.Detail(), want)
		}
	}
	// No code in the body: the HTTP status stands in, and no hint is guessed.
	d = diagnostics.APIError(diagnostics.Reading, "account", id, armError(502, `{"message":"bad gateway"}`))
	if !strings.Contains(d.Detail(), "HTTP 502: bad gateway") {
		t.Errorf("detail = %q", d.Detail())
	}
}
