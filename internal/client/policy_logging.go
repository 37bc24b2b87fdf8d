package client

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

const (
	redacted        = "REDACTED"
	maxLoggedBody   = 64 << 10
	headerRequestID = "x-ms-request-id"
)

// redactedHeaders carry credentials; their values never reach the log.
var redactedHeaders = map[string]bool{
	"authorization": true, "proxy-authorization": true, "x-ms-authorization-auxiliary": true,
	"api-key": true, "ocp-apim-subscription-key": true, "cookie": true, "set-cookie": true,
}

// secretKeys are JSON keys (compared case-insensitively) whose values are masked in logged bodies.
var secretKeys = map[string]bool{
	"key1": true, "key2": true, "key": true, "password": true, "secret": true, "clientsecret": true,
	"client_secret": true, "access_token": true, "refresh_token": true, "token": true, "sas": true, "pat": true,
	"secretaccesskey": true, "developertoken": true, "securitytoken": true, "credentials": true,
	"secretkey": true, // a RAI egress rule's secret reference (x-ms-secret)
}

// secretQueryParams are query parameters masked in logged URLs (SAS signatures, function keys).
var secretQueryParams = []string{"sig", "code", "key", "token"}

// loggingPolicy sends one "HTTP request" and one "HTTP response" entry per attempt (it runs after azcore's retry
// policy and after authentication), with credentials masked and bodies only when enabled. By the time the
// response reaches it azcore has buffered the body, so reading it here leaves it intact for the caller.
type loggingPolicy struct {
	log    LogFunc
	bodies bool
}

func newLoggingPolicy(log LogFunc, bodies bool) policy.Policy {
	return loggingPolicy{log: log, bodies: bodies}
}

// Do implements policy.Policy.
func (p loggingPolicy) Do(req *policy.Request) (*http.Response, error) {
	raw := req.Raw()
	ctx := raw.Context()
	fields := map[string]any{
		"method":            raw.Method,
		"url":               redactURL(raw.URL),
		"correlation_id":    raw.Header.Get(headerCorrelationID),
		"client_request_id": raw.Header.Get("x-ms-client-request-id"),
		"request_headers":   redactHeaders(raw.Header),
	}
	if p.bodies && req.Body() != nil {
		body, err := io.ReadAll(req.Body())
		if _, serr := req.Body().Seek(0, io.SeekStart); err == nil {
			err = serr
		}
		if err != nil {
			return nil, err
		}
		fields["request_body"] = maskBody(body, raw.URL)
	}
	p.log(ctx, "HTTP request", fields)

	start := time.Now()
	resp, err := req.Next()
	out := map[string]any{
		"method":            raw.Method,
		"url":               fields["url"],
		"correlation_id":    fields["correlation_id"],
		"client_request_id": fields["client_request_id"],
		"duration_ms":       time.Since(start).Milliseconds(),
	}
	if err != nil {
		out["error"] = err.Error()
		p.log(ctx, "HTTP request failed", out)
		return resp, err
	}
	out["status"] = resp.StatusCode
	out["x_ms_request_id"] = firstHeader(resp.Header, headerRequestID, "x-request-id")
	out["response_headers"] = redactHeaders(resp.Header)
	if p.bodies {
		if body, err := runtime.Payload(resp); err == nil && len(body) > 0 {
			out["response_body"] = maskBody(body, raw.URL)
		}
	}
	p.log(ctx, "HTTP response", out)
	return resp, nil
}

func firstHeader(h http.Header, names ...string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}

func redactHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		if redactedHeaders[strings.ToLower(k)] {
			out[k] = redacted
			continue
		}
		out[k] = strings.Join(v, ", ")
	}
	return out
}

func redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.User = nil
	q := c.Query()
	changed := false
	for k := range q {
		for _, s := range secretQueryParams {
			if strings.EqualFold(k, s) {
				q.Set(k, redacted)
				changed = true
			}
		}
	}
	if changed {
		c.RawQuery = q.Encode()
	}
	return c.String()
}

// maskBody returns body for the log with secret values masked. Non-JSON bodies and token endpoints' bodies are
// never logged verbatim, since secrets in them cannot be found reliably.
func maskBody(body []byte, u *url.URL) string {
	if isTokenEndpoint(u) {
		return "(token endpoint body not logged)"
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "(non-JSON body not logged, " + strconv.Itoa(len(body)) + " bytes)"
	}
	if m, ok := v.(map[string]any); ok {
		if _, ok := m["access_token"]; ok {
			return "(token response not logged)"
		}
	}
	masked, err := json.Marshal(maskValue(v))
	if err != nil {
		return "(body not logged: " + err.Error() + ")"
	}
	if len(masked) > maxLoggedBody {
		return string(masked[:maxLoggedBody]) + "...(truncated)"
	}
	return string(masked)
}

func maskValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		_, headerTransform := t["operation"] // a RAI egress header transform, whose static value is secret (x-ms-secret)
		for k, e := range t {
			_, isString := e.(string)
			if secretKeys[strings.ToLower(k)] || (headerTransform && isString && strings.EqualFold(k, "value")) {
				t[k] = redacted
			} else {
				t[k] = maskValue(e)
			}
		}
	case []any:
		for i, e := range t {
			t[i] = maskValue(e)
		}
	}
	return v
}

func isTokenEndpoint(u *url.URL) bool {
	if u == nil {
		return false
	}
	p := strings.ToLower(u.Path)
	return strings.Contains(p, "/oauth2/") || strings.HasSuffix(p, "/token") || strings.Contains(p, "/msi/token")
}
