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
	// A service passes its own hints; the constructor knows no service.
	hints := diagnostics.Codes{"FlagMustBeSetForRestore": "Recover it with features { account { recover_soft_deleted = true } }."}
	d := diagnostics.APIError(diagnostics.Creating, "account", id, err, hints)
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
	d = diagnostics.APIError(diagnostics.Reading, "account", id, armError(502, `{"message":"bad gateway"}`), hints)
	if !strings.Contains(d.Detail(), "HTTP 502: bad gateway") || strings.Contains(d.Detail(), "\n\n") {
		t.Errorf("detail = %q", d.Detail())
	}
}

// Codes any ARM call returns get their hint without the service asking; a service's hints follow, in order.
func TestAPIErrorHints(t *testing.T) {
	err := armError(403, `{"error":{"code":"AuthorizationFailed","message":"no"}}`)
	byStatus := diagnostics.HintFunc(func(err error) string { return "second" })
	d := diagnostics.APIError(diagnostics.Deleting, "project", "/p", err, diagnostics.Codes{"AuthorizationFailed": "first"}, byStatus)
	want := "Deleting project \"/p\" failed: AuthorizationFailed: no\n\nThe signed-in principal lacks permission"
	if !strings.HasPrefix(d.Detail(), want) || !strings.HasSuffix(d.Detail(), "\n\nfirst\n\nsecond") {
		t.Errorf("detail = %q", d.Detail())
	}
}
