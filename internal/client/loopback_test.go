package client_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// An emulator on the loopback interface may be plain HTTP: tokens are then sent without TLS. Any other HTTP host
// is refused by azcore before a token leaves the process.
func TestLoopbackHTTPCarriesTokens(t *testing.T) {
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = append(auth, r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(r.URL.Path, "/deployments") {
			_, _ = w.Write([]byte(`{"value":[]}`))
			return
		}
		_, _ = w.Write([]byte(`{"properties":{"endpoints":{"AI Foundry API":"http://` + r.Host + `/api/projects/myProject"}}}`))
	}))
	defer srv.Close()
	cred := &credential{}
	c, err := client.New(client.Options{Credential: cred, Cloud: testCloud(srv.URL), DisableRPRegistration: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.Project(ctx, testProjectID())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ListDeployments(ctx); err != nil {
		t.Fatal(err)
	}
	if len(auth) != 2 || auth[0] != "Bearer secret-test-token" || auth[1] != "Bearer secret-test-token" {
		t.Errorf("Authorization headers = %q", auth)
	}
}

func TestNonLoopbackHTTPRefusesTokens(t *testing.T) {
	tr := newTransport(t)
	c, _ := newClient(t, tr, func(o *client.Options) { o.Cloud = testCloud("http://management.example.test") })
	if _, err := c.GetAccount(ctxTimeout(t, 10*time.Second), testAccountID()); err == nil {
		t.Fatal("a token was allowed over plain HTTP to a remote host")
	}
	if n := len(tr.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
