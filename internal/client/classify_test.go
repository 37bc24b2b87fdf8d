package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

func classifiedError(status int, code, path string) error {
	req, _ := http.NewRequest(http.MethodPut, "https://example.test"+path, nil)
	body := fmt.Sprintf(`{"error":{"code":%q,"message":"m"}}`, code)
	return runtime.NewResponseError(reply(status, body)(req))
}

// The classification table of the package documentation, row by row.
func TestClassify(t *testing.T) {
	arm, dp := "/subscriptions/s/providers/x", "/ai/sub/api/projects/p/agents/a"
	cases := []struct {
		err  error
		want client.Class
	}{
		{classifiedError(409, "RequestConflict", arm), client.Transient},
		{classifiedError(409, "AnotherOperationInProgress", arm), client.Transient},
		{classifiedError(409, "RetryableErrorDueToAnotherOperation", arm), client.Transient},
		{classifiedError(409, "Conflict", arm), client.Final}, // issue 13: a connection name taken is not a busy account
		{classifiedError(409, "conflict", dp), client.Transient},
		{classifiedError(409, "CustomDomainInUse", arm), client.Final},
		{classifiedError(409, "RoleAssignmentExists", arm), client.Final},
		{classifiedError(412, "PreconditionFailed", arm), client.Transient},
		{classifiedError(429, "TooManyRequests", arm), client.Transient},
		{classifiedError(503, "ServiceUnavailable", arm), client.Transient},
		{classifiedError(400, "PrincipalNotFound", arm), client.Propagation},
		{classifiedError(401, "PermissionDenied", dp), client.Propagation},
		{classifiedError(401, "InvalidAuthenticationTokenAudience", arm), client.Authentication},
		{classifiedError(403, "AuthorizationFailed", arm), client.Authorization},
		{classifiedError(400, "InvalidData", arm), client.Final},
		{classifiedError(404, "ResourceNotFound", arm), client.Final},
		{&client.CredentialError{Err: errors.New("AADSTS7000215")}, client.Authentication},
		{fmt.Errorf("reading: %w", context.DeadlineExceeded), client.Transient},
		{errors.New("something else"), client.Final},
	}
	for _, c := range cases {
		if got := client.Classify(c.err); got != c.want {
			t.Errorf("Classify(%v) = %s, want %s", c.err, got, c.want)
		}
	}
	if !client.IsAuthFailure(classifiedError(403, "AuthorizationFailed", arm)) || client.IsAuthFailure(classifiedError(503, "x", arm)) {
		t.Error("IsAuthFailure")
	}
}

// Issue 13: ARM's 409 Conflict (a connection name taken elsewhere in the account) is final: one PUT, not eleven
// over three minutes.
func TestConflictPolicy_nameTakenIsFinal(t *testing.T) {
	tr := newTransport(t, reply(409, `{"error":{"code":"Conflict","message":"A connection named 'x' already exists in account 'a'."}}`))
	c, _ := newClient(t, tr)
	id := client.NewProjectConnectionID(testProjectID(), "x")
	start := time.Now()
	_, err := c.CreateOrUpdateConnection(ctxTimeout(t, 10*time.Second), id, client.Connection{})
	if !client.IsConflict(err) || client.ErrorCode(err) != "Conflict" || client.Classify(err) != client.Final {
		t.Fatalf("err = %v", err)
	}
	if n := len(tr.requests()); n != 1 {
		t.Errorf("%d requests, want 1: a taken name is not retried", n)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s", d)
	}
}

// The data plane's lower-case "conflict" ("modified concurrently. Please retry.") is retried there, and only there.
func TestConflictPolicy_dataPlaneConflictRetried(t *testing.T) {
	busy := `{"error":{"type":"ServiceError","code":"conflict","message":"The resource already exists or was modified concurrently. Please retry."}}`
	tr := newTransport(t, reply(409, busy), reply(200, agentVersionBody))
	p, ctx := projectClient(t, tr)
	if _, err := p.CreateAgentVersion(ctx, "helper", client.AgentVersionRequest{}); err != nil {
		t.Fatal(err)
	}
	if n := len(tr.requests()); n != 3 {
		t.Errorf("%d requests, want the project GET and two POSTs", n)
	}
}

type failingCredential struct{ err error }

func (f failingCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, f.err
}

// A credential that cannot get a token fails the call at once as a *CredentialError carrying the provider's advice.
func TestCredentialError(t *testing.T) {
	tr := newTransport(t)
	c, _ := newClient(t, tr, func(o *client.Options) {
		o.Credential = failingCredential{errors.New("AADSTS7000215: Invalid client secret provided.")}
		o.CredentialAdvice = func(err error) string {
			if strings.Contains(err.Error(), "7000215") {
				return "Check client_secret."
			}
			return ""
		}
	})
	_, err := c.GetProject(ctxTimeout(t, 10*time.Second), testProjectID())
	var ce *client.CredentialError
	if !errors.As(err, &ce) || ce.Advice != "Check client_secret." || client.Classify(err) != client.Authentication {
		t.Fatalf("err = %#v", err)
	}
	if n := len(tr.requests()); n != 0 {
		t.Errorf("%d requests sent without a token", n)
	}
}

func TestResourceGroupAndProvider(t *testing.T) {
	tr := newTransport(t,
		reply(200, `{"id":"/subscriptions/s/resourceGroups/rg","name":"rg","location":"eastus"}`),
		reply(404, `{"error":{"code":"ResourceGroupNotFound","message":"Resource group 'nope' could not be found."}}`),
		reply(200, `{"namespace":"Microsoft.CognitiveServices","registrationState":"Registered",
		  "resourceTypes":[{"resourceType":"accounts","locations":["East US","West Europe"]}]}`))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	if g, err := c.GetResourceGroup(ctx, "s", "rg"); err != nil || *g.Location != "eastus" {
		t.Fatalf("%v %v", g, err)
	}
	if _, err := c.GetResourceGroup(ctx, "s", "nope"); !client.IsNotFound(err) {
		t.Fatalf("err = %v", err)
	}
	p, err := c.GetResourceProvider(ctx, "s", "Microsoft.CognitiveServices")
	if err != nil {
		t.Fatal(err)
	}
	if locs, ok := p.Locations("Accounts"); !ok || len(locs) != 2 {
		t.Errorf("locations = %v %v", locs, ok)
	}
	reqs := tr.requests()
	if !strings.HasSuffix(reqs[0].URL, "/subscriptions/s/resourcegroups/rg?api-version=2021-04-01") &&
		!strings.HasSuffix(reqs[0].URL, "/subscriptions/s/resourceGroups/rg?api-version=2021-04-01") {
		t.Errorf("url = %s", reqs[0].URL)
	}
	if !strings.HasSuffix(reqs[2].URL, "/subscriptions/s/providers/Microsoft.CognitiveServices?api-version=2021-04-01") {
		t.Errorf("url = %s", reqs[2].URL)
	}
}
