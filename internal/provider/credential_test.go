package provider

import (
	"errors"
	"strings"
	"testing"
)

// Issue 13: a credential that cannot get a token names the setting to check.
func TestCredentialAdvice(t *testing.T) {
	s := settings{Method: authSecret, TenantID: "t1", ClientID: "c1"}
	cases := map[string]string{
		"AADSTS7000215: Invalid client secret provided.":     "client_secret (ARM_CLIENT_SECRET)",
		"AADSTS700016: Application with identifier 'c1' was": "client_id (ARM_CLIENT_ID)",
		"AADSTS90002: Tenant 't1' not found.":                "tenant_id (ARM_TENANT_ID)",
		"connection refused":                                 "tenant_id, client_id and client_secret",
	}
	for msg, want := range cases {
		if got := credentialAdvice(s)(errors.New(msg)); !strings.Contains(got, want) {
			t.Errorf("%s: advice %q does not name %q", msg, got, want)
		}
	}
	if got := credentialAdvice(settings{Method: authCLI})(errors.New("az: not logged in")); !strings.Contains(got, "az login") {
		t.Errorf("CLI advice = %q", got)
	}
}
