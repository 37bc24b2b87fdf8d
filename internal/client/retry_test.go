package client_test

import (
	"context"
	"errors"
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
