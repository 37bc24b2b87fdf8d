package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

func TestRetry_throttledHonoursRetryAfter(t *testing.T) {
	tr := newTransport(t,
		reply(429, `{"error":{"code":"TooManyRequests"}}`, "Retry-After", "1"),
		reply(200, getAccountBody),
	)
	c, _ := newClient(t, tr)
	start := time.Now()
	if _, err := c.GetAccount(ctxTimeout(t, 30*time.Second), testAccountID()); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < time.Second {
		t.Errorf("retried after %s, before Retry-After", waited)
	}
	if n := len(tr.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestRetry_serverErrorThenSuccess(t *testing.T) {
	tr := newTransport(t,
		reply(500, `{"error":{"code":"InternalServerError"}}`, "retry-after-ms", "10"),
		reply(503, ``, "retry-after-ms", "10"),
		reply(200, getAccountBody),
	)
	c, _ := newClient(t, tr)
	if _, err := c.GetAccount(ctxTimeout(t, 30*time.Second), testAccountID()); err != nil {
		t.Fatal(err)
	}
	if n := len(tr.requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestRetry_longRetryAfterIsStillHonoured(t *testing.T) {
	// A Retry-After above azcore's MaxRetryDelay makes azcore give up at once; ours is minutes, so a 2-minute
	// throttle is waited for (here until the context ends) rather than surfaced immediately.
	tr := newTransport(t, reply(429, ``, "Retry-After", "120"))
	c, _ := newClient(t, tr)
	start := time.Now()
	_, err := c.GetAccount(ctxTimeout(t, 200*time.Millisecond), testAccountID())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context deadline (still waiting)", err)
	}
	if time.Since(start) < 200*time.Millisecond {
		t.Error("gave up before the context ended")
	}
}

func TestRetry_stopsAtContextDeadline(t *testing.T) {
	tr := newTransport(t)
	tr.fallback = reply(503, ``, "retry-after-ms", "20")
	c, _ := newClient(t, tr)
	_, err := c.GetAccount(ctxTimeout(t, 300*time.Millisecond), testAccountID())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if n := len(tr.requests()); n < 2 {
		t.Errorf("only %d requests; the 503 was not retried", n)
	}
}

func TestRetry_notFoundIsNotRetried(t *testing.T) {
	tr := newTransport(t, reply(404, `{"error":{"code":"ResourceGroupNotFound","message":"no rg"}}`))
	c, _ := newClient(t, tr)
	_, err := c.GetAccount(ctxTimeout(t, 10*time.Second), testAccountID())
	if !client.IsNotFound(err) || client.ErrorCode(err) != "ResourceGroupNotFound" {
		t.Fatalf("err = %v", err)
	}
}

// Issue 14: retries are bounded by the call's deadline, not by a number of attempts. A storm of 60 throttled answers
// (the old limit gave up after 51 attempts) is waited out within the deadline, honouring retry-after-ms.
func TestRetry_boundedByTimeNotCount(t *testing.T) {
	script := make([]func(*http.Request) *http.Response, 0, 61)
	for i := 0; i < 60; i++ {
		script = append(script, reply(429, `{"error":{"code":"TooManyRequests","message":"Throttled."}}`, "retry-after-ms", "5"))
	}
	tr := newTransport(t, append(script, reply(200, getAccountBody))...)
	c, _ := newClient(t, tr)
	if _, err := c.GetAccount(ctxTimeout(t, 30*time.Second), testAccountID()); err != nil {
		t.Fatalf("a storm of 60 throttled answers within the deadline failed: %v", err)
	}
	if n := len(tr.requests()); n != 61 {
		t.Errorf("%d requests, want 61", n)
	}
}

// When the deadline ends the retries, the error names the last answer (code, status) and still says the deadline ended.
func TestRetry_deadlineNamesTheLastAnswer(t *testing.T) {
	tr := newTransport(t)
	tr.fallback = reply(429, `{"error":{"code":"TooManyRequests","message":"Throttled."}}`, "retry-after-ms", "20")
	c, _ := newClient(t, tr)
	_, err := c.GetAccount(ctxTimeout(t, 300*time.Millisecond), testAccountID())
	var ended *client.RetriesEndedError
	if !errors.As(err, &ended) || !errors.Is(err, context.DeadlineExceeded) || client.ErrorCode(err) != "TooManyRequests" ||
		client.Classify(err) != client.Transient || ended.Attempts < 2 {
		t.Fatalf("err = %#v", err)
	}
	if !strings.Contains(err.Error(), "until the timeout ended") {
		t.Errorf("message: %v", err)
	}
}

// A call made without a deadline (a plan-time check) is bounded by Options.CallTimeout.
func TestRetry_callWithoutDeadlineIsBounded(t *testing.T) {
	tr := newTransport(t)
	tr.fallback = reply(503, ``, "retry-after-ms", "20")
	c, _ := newClient(t, tr, func(o *client.Options) { o.CallTimeout = 300 * time.Millisecond })
	start := time.Now()
	_, err := c.GetAccount(context.Background(), testAccountID())
	if !errors.Is(err, context.DeadlineExceeded) || client.StatusCode(err) != 503 {
		t.Fatalf("err = %v", err)
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Errorf("waited %s", waited)
	}
}
