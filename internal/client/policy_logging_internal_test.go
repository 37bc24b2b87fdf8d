package client

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestMaskBody(t *testing.T) {
	u, _ := url.Parse("https://management.example.test/x")
	in := `{"properties":{"credentials":{"clientSecret":"s1"},"Password":"s2","list":[{"SAS":"s3","PAT":"s4"}],
		"secretAccessKey":"s5","developerToken":"s6","securityToken":"s7","client_secret":"s8","refresh_token":"s9",
		"secret":"s10","key":"s11","keep":"visible","n":12345678901234567890}}`
	got := maskBody([]byte(in), u)
	for i := 1; i <= 11; i++ {
		if strings.Contains(got, `"s`+strconv.Itoa(i)+`"`) {
			t.Errorf("s%d not masked: %s", i, got)
		}
	}
	if !strings.Contains(got, `"keep":"visible"`) || !strings.Contains(got, "12345678901234567890") {
		t.Errorf("non-secret changed: %s", got)
	}
	// RAI egress headers: a header's value and a secret reference's secretKey; a list's "value" array stays.
	egress := `{"value":[{"properties":{"egressPolicy":{"rules":[{"action":{"headers":[` +
		`{"operation":"Set","name":"Authorization","value":"Bearer e1"},` +
		`{"operation":"Insert","name":"X","valueRef":{"secretRef":{"secretId":"kv","secretKey":"e2"}}}]}}]}}}]}`
	got = maskBody([]byte(egress), u)
	if strings.Contains(got, "e1") || strings.Contains(got, "e2") || !strings.Contains(got, `"secretId":"kv"`) || !strings.Contains(got, `"name":"Authorization"`) {
		t.Errorf("egress secrets: %s", got)
	}
	if got := maskBody([]byte(`{"access_token":"eyJ","token_type":"Bearer"}`), u); strings.Contains(got, "eyJ") {
		t.Errorf("token response logged: %s", got)
	}
	tok, _ := url.Parse("https://login.example.test/tenant/oauth2/v2.0/token")
	if got := maskBody([]byte(`{"x":"leakval"}`), tok); strings.Contains(got, "leakval") {
		t.Errorf("token endpoint body logged: %s", got)
	}
	if got := maskBody([]byte(`client_secret=abc&grant_type=x`), u); strings.Contains(got, "abc") {
		t.Errorf("non-JSON body logged: %s", got)
	}
}

func TestRedactURL(t *testing.T) {
	u, _ := url.Parse("https://x.blob.core.windows.net/c?sv=1&sig=abc&api-version=2026-09-01")
	if got := redactURL(u); strings.Contains(got, "abc") || !strings.Contains(got, "api-version=2026-09-01") {
		t.Errorf("redactURL = %s", got)
	}
}
