package client_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const requestConflict = `{"error":{"code":"RequestConflict","message":"Another operation is being performed on the parent resource."}}`

func TestConflictPolicy_retriesRequestConflict(t *testing.T) {
	var logs []string
	var mu sync.Mutex
	tr := newTransport(t, reply(409, requestConflict), reply(409, requestConflict), reply(200, `{"name":"p"}`), reply(200, `{"name":"p"}`))
	c, _ := newClient(t, tr, func(o *client.Options) {
		o.Log = func(_ context.Context, msg string, _ map[string]any) {
			mu.Lock()
			defer mu.Unlock()
			logs = append(logs, msg)
		}
	})
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginCreateOrUpdateProject(ctx, client.NewProjectID(testAccountID(), "p"), client.Project{Location: ptr("westus")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	if len(reqs) != 4 {
		t.Fatalf("%d requests, want 3 PUTs and a GET", len(reqs))
	}
	for _, r := range reqs[:3] {
		if r.Method != http.MethodPut || r.Body != `{"location":"westus"}` {
			t.Errorf("resent request = %s %s", r.Method, r.Body)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	retries := 0
	for _, m := range logs {
		if m == "retrying after 409 RequestConflict" {
			retries++
		}
	}
	if retries != 2 {
		t.Errorf("logged %d conflict retries, want 2: %v", retries, logs)
	}
}

func TestConflictPolicy_givesUpAfterMaxAttempts(t *testing.T) {
	tr := newTransport(t)
	tr.fallback = reply(409, requestConflict)
	c, _ := newClient(t, tr, func(o *client.Options) { o.ConflictRetry.MaxAttempts = 4 })
	_, err := c.BeginDeleteProject(ctxTimeout(t, 10*time.Second), client.NewProjectID(testAccountID(), "p"))
	if !client.IsConflict(err) || client.ErrorCode(err) != "RequestConflict" || !strings.Contains(client.ErrorMessage(err), "parent resource") {
		t.Fatalf("err = %v", err)
	}
	if n := len(tr.requests()); n != 4 {
		t.Errorf("%d requests, want MaxAttempts = 4", n)
	}
}

func TestConflictPolicy_retriesPreconditionFailed(t *testing.T) {
	tr := newTransport(t, reply(412, `{"error":{"code":"PreconditionFailed"}}`), reply(200, `{"key1":"a"}`))
	c, _ := newClient(t, tr)
	if _, err := c.ListKeys(ctxTimeout(t, 10*time.Second), testAccountID()); err != nil {
		t.Fatal(err)
	}
	if n := len(tr.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// The data plane's busy code is not busy on ARM: an ARM 409 "conflict" is final (issue 13; the data-plane pipeline
// retries it, see TestConflictPolicy_dataPlaneConflictRetried).
func TestConflictPolicy_dataPlaneCodeFinalOnARM(t *testing.T) {
	tr := newTransport(t, reply(409, `{"error":{"code":"conflict","message":"modified concurrently. Please retry.","type":"ServiceError"}}`))
	c, _ := newClient(t, tr)
	if _, err := c.ListKeys(ctxTimeout(t, 10*time.Second), testAccountID()); !client.IsConflict(err) {
		t.Fatalf("err = %v", err)
	}
	if n := len(tr.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestConflictPolicy_usesRetryAfterAndCode(t *testing.T) {
	tr := newTransport(t,
		reply(409, ``, "x-ms-error-code", "AnotherOperationInProgress", "Retry-After", "1"),
		reply(200, `{"key1":"a"}`))
	c, _ := newClient(t, tr, func(o *client.Options) { o.ConflictRetry.MaxDelay = 2 * time.Second })
	start := time.Now()
	if _, err := c.ListKeys(ctxTimeout(t, 10*time.Second), testAccountID()); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < time.Second {
		t.Error("Retry-After not honoured")
	}
}

func TestConflictPolicy_leavesOtherResponsesAlone(t *testing.T) {
	for name, tc := range map[string]struct {
		call   func(*client.Client, context.Context) error
		status int
		body   string
	}{
		"final 409 code": {
			call: func(c *client.Client, ctx context.Context) error {
				_, err := c.BeginCreateOrUpdateAccount(ctx, testAccountID(), client.Account{})
				return err
			},
			status: 409, body: `{"error":{"code":"CustomDomainInUse"}}`,
		},
		"GET": {
			call: func(c *client.Client, ctx context.Context) error {
				_, err := c.GetAccount(ctx, testAccountID())
				return err
			},
			status: 409, body: requestConflict,
		},
	} {
		t.Run(name, func(t *testing.T) {
			tr := newTransport(t, reply(tc.status, tc.body))
			c, _ := newClient(t, tr)
			if err := tc.call(c, ctxTimeout(t, 10*time.Second)); client.StatusCode(err) != tc.status {
				t.Fatalf("err = %v", err)
			}
			if n := len(tr.requests()); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestConflictPolicy_stopsWhenContextEnds(t *testing.T) {
	tr := newTransport(t)
	tr.fallback = reply(409, requestConflict, "Retry-After", "30")
	c, _ := newClient(t, tr, func(o *client.Options) { o.ConflictRetry.MaxDelay = time.Minute })
	start := time.Now()
	_, err := c.BeginDeleteAccount(ctxTimeout(t, 100*time.Millisecond), testAccountID())
	if client.ErrorCode(err) != "RequestConflict" {
		t.Fatalf("err = %v; want the last 409", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("waited past the context")
	}
}
