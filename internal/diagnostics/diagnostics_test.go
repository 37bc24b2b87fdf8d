package diagnostics_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
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

// Issue 13: a plan-time check that cannot authenticate, or is not authorized, fails the plan; a transient failure
// only warns.
func TestCheckSkipped(t *testing.T) {
	cases := []struct {
		err     error
		isError bool
		summary string
	}{
		{&client.CredentialError{Err: errors.New("AADSTS7000215: Invalid client secret provided."), Advice: "Check client_secret (ARM_CLIENT_SECRET)."},
			true, "Unable to authenticate to Azure"},
		{armError(401, `{"error":{"code":"InvalidAuthenticationTokenAudience","message":"wrong audience"}}`), true, "Unable to authenticate to Azure"},
		{armError(403, `{"error":{"code":"AuthorizationFailed","message":"no"}}`), true, "Not authorized to check the soft-deleted accounts"},
		{armError(503, `{"error":{"code":"ServiceUnavailable","message":"busy"}}`), false, "Could not check the soft-deleted accounts"},
	}
	for _, c := range cases {
		d := diagnostics.CheckSkipped("soft-deleted accounts", "soft-deleted accounts of subscription", "s", c.err)
		if (d.Severity() == diag.SeverityError) != c.isError || d.Summary() != c.summary {
			t.Errorf("%v: %s %q", c.err, d.Severity(), d.Summary())
		}
	}
	d := diagnostics.CheckSkipped("x", "y", "z", cases[0].err)
	if !strings.Contains(d.Detail(), "Check client_secret (ARM_CLIENT_SECRET).") {
		t.Errorf("the credential's advice is missing: %q", d.Detail())
	}
}

// Issue 13: Terraform 1.8 does not place diagnostics inside nested attribute objects; the summary names the path.
func TestInvalidAttributeNamesNestedPath(t *testing.T) {
	cases := map[string]path.Path{
		"Model not offered (model.name)":                         path.Root("model").AtName("name"),
		"Model not offered":                                      path.Root("name"),
		"Model not offered (network_acls.ip_rules)":              path.Root("network_acls").AtName("ip_rules").AtSetValue(types.StringValue("x")),
		"Model not offered (definition.tools.mcp[0].server_url)": path.Root("definition").AtName("tools").AtName("mcp").AtListIndex(0).AtName("server_url"),
	}
	for want, p := range cases {
		if got := diagnostics.InvalidAttribute(p, "Model not offered", "d").Summary(); got != want {
			t.Errorf("%s: summary %q, want %q", p, got, want)
		}
	}
}
