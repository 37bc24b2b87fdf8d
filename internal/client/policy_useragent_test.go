package client_test

import (
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

func TestUserAgentPolicy(t *testing.T) {
	const ua = "terraform-provider-foundry/0.1.0 terraform/1.8.5"
	tr := newTransport(t, reply(200, `{}`), reply(200, `{}`))
	c, _ := newClient(t, tr, func(o *client.Options) { o.UserAgent = ua })
	ctx := ctxTimeout(t, 10*time.Second)
	for range 2 {
		if _, err := c.GetAccount(ctx, testAccountID()); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range tr.requests() {
		got := r.Header.Get("User-Agent")
		if !strings.HasPrefix(got, "azsdk-go-foundry/") || !strings.HasSuffix(got, " "+ua) || strings.Count(got, ua) != 1 {
			t.Errorf("User-Agent = %q", got)
		}
	}
}
