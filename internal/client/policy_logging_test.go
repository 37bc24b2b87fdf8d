package client_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

type logEntry struct {
	msg    string
	fields map[string]any
}

type logSink struct {
	mu      sync.Mutex
	entries []logEntry
}

func (s *logSink) log(_ context.Context, msg string, fields map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = append(s.entries, logEntry{msg, fields})
}

func (s *logSink) all(t *testing.T) ([]logEntry, string) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var text strings.Builder
	for _, e := range s.entries {
		f, _ := json.Marshal(e.fields)
		text.WriteString(e.msg + " " + string(f) + "\n")
	}
	return append([]logEntry(nil), s.entries...), text.String()
}

func TestLoggingPolicy_masksSecretsAndKeepsBodies(t *testing.T) {
	sink := &logSink{}
	tr := newTransport(t, reply(200, `{"key1":"super-secret-1","key2":"super-secret-2"}`, "x-ms-request-id", "rid-1", "Set-Cookie", "session=abc"))
	c, _ := newClient(t, tr, func(o *client.Options) {
		o.Log = sink.log
		o.LogBodies = true
		o.CorrelationID = "corr-1"
	})
	keys, err := c.ListKeys(ctxTimeout(t, 10*time.Second), testAccountID())
	if err != nil {
		t.Fatal(err)
	}
	if *keys.Key1 != "super-secret-1" {
		t.Fatalf("the body did not reach the caller intact: %+v", keys)
	}
	entries, text := sink.all(t)
	for _, leak := range []string{"secret-test-token", "Bearer", "super-secret", "session=abc"} {
		if strings.Contains(text, leak) {
			t.Errorf("log contains %q:\n%s", leak, text)
		}
	}
	if len(entries) != 2 || entries[0].msg != "HTTP request" || entries[1].msg != "HTTP response" {
		t.Fatalf("entries:\n%s", text)
	}
	req, resp := entries[0].fields, entries[1].fields
	if req["method"] != "POST" || !strings.Contains(req["url"].(string), "/listKeys?api-version=") || req["correlation_id"] != "corr-1" {
		t.Errorf("request fields: %v", req)
	}
	if h := req["request_headers"].(map[string]string); h["Authorization"] != "REDACTED" {
		t.Errorf("Authorization header = %q", h["Authorization"])
	}
	if resp["status"] != 200 || resp["x_ms_request_id"] != "rid-1" || resp["correlation_id"] != "corr-1" {
		t.Errorf("response fields: %v", resp)
	}
	if _, ok := resp["duration_ms"].(int64); !ok {
		t.Errorf("duration_ms = %#v", resp["duration_ms"])
	}
	if body := resp["response_body"]; body != `{"key1":"REDACTED","key2":"REDACTED"}` {
		t.Errorf("response_body = %v", body)
	}
}

func TestLoggingPolicy_requestBodyMaskedAndStillSent(t *testing.T) {
	sink := &logSink{}
	tr := newTransport(t, reply(200, `{}`), reply(200, `{}`))
	c, _ := newClient(t, tr, func(o *client.Options) { o.Log, o.LogBodies = sink.log, true })
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginCreateOrUpdateProject(ctx, client.NewProjectID(testAccountID(), "p"),
		client.Project{Tags: map[string]string{"token": "tag-secret", "owner": "me"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); err != nil {
		t.Fatal(err)
	}
	if got := tr.requests()[0].Body; got != `{"tags":{"owner":"me","token":"tag-secret"}}` {
		t.Errorf("sent body = %s", got)
	}
	entries, text := sink.all(t)
	if strings.Contains(text, "tag-secret") {
		t.Errorf("secret logged:\n%s", text)
	}
	if got := entries[0].fields["request_body"]; got != `{"tags":{"owner":"me","token":"REDACTED"}}` {
		t.Errorf("request_body = %v", got)
	}
}

func TestLoggingPolicy_bodiesOffByDefault(t *testing.T) {
	sink := &logSink{}
	tr := newTransport(t, reply(200, getAccountBody))
	c, _ := newClient(t, tr, func(o *client.Options) { o.Log = sink.log })
	if _, err := c.GetAccount(ctxTimeout(t, 10*time.Second), testAccountID()); err != nil {
		t.Fatal(err)
	}
	entries, _ := sink.all(t)
	for _, e := range entries {
		if _, ok := e.fields["response_body"]; ok {
			t.Errorf("%s logged a body", e.msg)
		}
	}
}
