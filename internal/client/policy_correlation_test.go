package client_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestCorrelationPolicy_generatedOncePerClient(t *testing.T) {
	tr := newTransport(t, reply(503, "", "retry-after-ms", "1"), reply(200, `{}`), reply(200, `{}`))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	for range 2 {
		if _, err := c.GetAccount(ctx, testAccountID()); err != nil {
			t.Fatal(err)
		}
	}
	reqs := tr.requests()
	corr := reqs[0].Header.Get("x-ms-correlation-request-id")
	if !uuidV4.MatchString(corr) {
		t.Fatalf("correlation ID %q is not a UUID v4", corr)
	}
	for _, r := range reqs {
		if r.Header.Get("x-ms-correlation-request-id") != corr {
			t.Errorf("correlation ID changed: %q", r.Header.Get("x-ms-correlation-request-id"))
		}
	}
	// x-ms-client-request-id: one per call, kept across the retry of that call.
	first, retry, second := reqs[0].Header.Get("x-ms-client-request-id"), reqs[1].Header.Get("x-ms-client-request-id"), reqs[2].Header.Get("x-ms-client-request-id")
	if first == "" || first != retry || first == second {
		t.Errorf("client request IDs = %q, %q, %q", first, retry, second)
	}
}

func TestCorrelationPolicy_callerID(t *testing.T) {
	tr := newTransport(t, reply(200, `{}`))
	c, _ := newClient(t, tr, func(o *client.Options) { o.CorrelationID = "run-42" })
	if _, err := c.GetAccount(ctxTimeout(t, 10*time.Second), testAccountID()); err != nil {
		t.Fatal(err)
	}
	if got := tr.requests()[0].Header.Get("x-ms-correlation-request-id"); got != "run-42" {
		t.Errorf("correlation ID = %q", got)
	}
}
