package client_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const armEndpoint = "https://management.example.test"

// request is what the fake transport saw.
type request struct {
	Method string
	URL    string
	Header http.Header
	Body   string
}

// fakeTransport answers requests from a script (one handler per request, in order) and records them.
type fakeTransport struct {
	t      *testing.T
	mu     sync.Mutex
	reqs   []request
	script []func(*http.Request) *http.Response
	// fallback answers once the script is used up; nil fails the test.
	fallback func(*http.Request) *http.Response
}

func newTransport(t *testing.T, script ...func(*http.Request) *http.Response) *fakeTransport {
	return &fakeTransport{t: t, script: script}
}

func (f *fakeTransport) Do(req *http.Request) (*http.Response, error) {
	var body string
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		body = string(b)
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, request{Method: req.Method, URL: req.URL.String(), Header: req.Header.Clone(), Body: body})
	var h func(*http.Request) *http.Response
	if len(f.script) > 0 {
		h, f.script = f.script[0], f.script[1:]
	} else {
		h = f.fallback
	}
	f.mu.Unlock()
	if h == nil {
		f.t.Errorf("unexpected request %s %s", req.Method, req.URL)
		return reply(http.StatusTeapot, "")(req), nil
	}
	return h(req), nil
}

func (f *fakeTransport) requests() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.reqs...)
}

// reply returns a handler answering status with body and header pairs ("Name", "value", ...).
func reply(status int, body string, headers ...string) func(*http.Request) *http.Response {
	return func(req *http.Request) *http.Response {
		h := http.Header{}
		for i := 0; i+1 < len(headers); i += 2 {
			h.Set(headers[i], headers[i+1])
		}
		if body != "" && h.Get("Content-Type") == "" {
			h.Set("Content-Type", "application/json")
		}
		return &http.Response{
			StatusCode: status, Status: http.StatusText(status), Header: h, Request: req,
			Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)),
		}
	}
}

// credential is a static token credential that records the scopes it was asked for.
type credential struct {
	mu     sync.Mutex
	scopes []string
}

func (c *credential) GetToken(_ context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.scopes = append(c.scopes, strings.Join(opts.Scopes, " "))
	return azcore.AccessToken{Token: "secret-test-token", ExpiresOn: time.Now().Add(time.Hour)}, nil
}

func (c *credential) requested() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.scopes...)
}

func testCloud(endpoint string) cloud.Configuration {
	return cloud.Configuration{
		ActiveDirectoryAuthorityHost: "https://login.example.test/",
		Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Endpoint: endpoint, Audience: "https://management.core.windows.net/"},
		},
	}
}

// newClient returns a client on tr with fast polling and conflict retries; edit adjusts the options.
func newClient(t *testing.T, tr *fakeTransport, edit ...func(*client.Options)) (*client.Client, *credential) {
	t.Helper()
	cred := &credential{}
	opts := client.Options{
		Credential:            cred,
		Cloud:                 testCloud(armEndpoint),
		Transport:             tr,
		DisableRPRegistration: true,
		PollFrequency:         time.Millisecond,
		ConflictRetry:         client.ConflictRetryOptions{InitialDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
	}
	for _, e := range edit {
		e(&opts)
	}
	c, err := client.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c, cred
}

func ctxTimeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), d)
	t.Cleanup(cancel)
	return ctx
}

func testAccountID() client.AccountID {
	return client.NewAccountID(sub, "myRG", "myAccount")
}

func ptr[T any](v T) *T { return &v }
