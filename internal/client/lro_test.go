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

func TestLRO_azureAsyncOperation(t *testing.T) {
	async := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationStatuses/op1"
	tr := newTransport(t,
		reply(201, `{"properties":{"provisioningState":"Accepted"}}`, "Azure-AsyncOperation", async, "Location", armEndpoint+"/ignored"),
		reply(200, `{"status":"InProgress"}`),
		reply(200, `{"status":"Succeeded"}`),
		reply(200, getAccountBody), // azcore's final GET of the original URL: the result, no second read (issue 18)
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginCreateOrUpdateAccount(ctx, testAccountID(), client.Account{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil {
		t.Fatal(err)
	}
	if *got.Name != "myAccount" {
		t.Errorf("got %s", mustJSON(t, got))
	}
	reqs := tr.requests()
	if reqs[1].URL != async || reqs[2].URL != async {
		t.Errorf("Azure-AsyncOperation not preferred: %s", reqs[1].URL)
	}
}

// Accounts_Create and Projects_Create declare only Retry-After on 201: azcore polls the resource until its
// provisioningState is terminal, and that last read is the result (issue 18: no second read); a Failed resource has
// no error field, and the error says which state it ended in.
func TestLRO_createWithoutMonitor(t *testing.T) {
	for _, tc := range []struct {
		final  string
		then   []func(*http.Request) *http.Response
		failed bool
	}{
		{"Succeeded", nil, false},
		{"Failed", nil, true},
	} {
		t.Run(tc.final, func(t *testing.T) {
			tr := newTransport(t, append([]func(*http.Request) *http.Response{
				reply(201, `{"properties":{"provisioningState":"Accepted"}}`, "Retry-After", "0"),
				reply(200, `{"properties":{"provisioningState":"Creating"}}`),
				reply(200, `{"name":"myAccount","properties":{"provisioningState":"`+tc.final+`"}}`),
			}, tc.then...)...)
			c, _ := newClient(t, tr)
			ctx := ctxTimeout(t, 10*time.Second)
			p, err := c.BeginCreateOrUpdateAccount(ctx, testAccountID(), client.Account{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := client.Wait(ctx, c, p)
			var pf *client.ProvisioningFailedError
			switch {
			case !tc.failed && (err != nil || *got.Name != "myAccount"):
				t.Fatalf("got %v, %v", got, err)
			case tc.failed && (!errors.As(err, &pf) || pf.State != "Failed" || client.StatusCode(err) != 200 || !strings.Contains(err.Error(), `provisioningState "Failed"`)):
				t.Fatalf("err = %v", err)
			}
			if n := len(tr.requests()); n != 3+len(tc.then) {
				t.Errorf("%d requests", n)
			}
		})
	}
}

func TestLRO_failedLocationPollGivesARMCode(t *testing.T) {
	tr := newTransport(t,
		reply(202, "", "Location", armEndpoint+"/op"),
		reply(202, "", "Location", armEndpoint+"/op"),
		reply(400, `{"error":{"code":"InvalidSubnet","message":"The subnet is not delegated."}}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginCreateOrUpdateAccount(ctx, testAccountID(), client.Account{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.Wait(ctx, c, p)
	if client.ErrorCode(err) != "InvalidSubnet" || client.ErrorMessage(err) != "The subnet is not delegated." || client.StatusCode(err) != 400 {
		t.Fatalf("err = %v (code %q)", err, client.ErrorCode(err))
	}
	if n := len(tr.requests()); n != 3 {
		t.Errorf("%d requests; no GET may follow a failed operation", n)
	}
}

func TestLRO_failedAsyncOperationGivesARMCode(t *testing.T) {
	for _, status := range []string{"Failed", "Canceled"} {
		t.Run(status, func(t *testing.T) {
			tr := newTransport(t,
				reply(201, `{}`, "Azure-AsyncOperation", armEndpoint+"/status"),
				reply(200, `{"status":"`+status+`","error":{"code":"QuotaExceeded","message":"No quota left."}}`),
			)
			c, _ := newClient(t, tr)
			ctx := ctxTimeout(t, 10*time.Second)
			p, err := c.BeginCreateOrUpdateProject(ctx, client.NewProjectID(testAccountID(), "p"), client.Project{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = client.Wait(ctx, c, p)
			if err == nil || client.ErrorCode(err) != "QuotaExceeded" || client.ErrorMessage(err) != "No quota left." {
				t.Fatalf("err = %v (code %q)", err, client.ErrorCode(err))
			}
		})
	}
}

func TestLRO_bodyPollingWithoutHeaders(t *testing.T) {
	tr := newTransport(t,
		reply(201, `{"properties":{"provisioningState":"Creating"}}`),
		reply(200, `{"properties":{"provisioningState":"Creating"}}`),
		reply(200, `{"name":"p","properties":{"provisioningState":"Succeeded"}}`),
		reply(200, `{"name":"p","properties":{"provisioningState":"Succeeded"}}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginCreateOrUpdateProject(ctx, client.NewProjectID(testAccountID(), "p"), client.Project{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil || *got.Name != "p" {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestLRO_contextBoundsPolling(t *testing.T) {
	tr := newTransport(t, reply(202, "", "Location", armEndpoint+"/op"))
	tr.fallback = reply(202, "", "Location", armEndpoint+"/op")
	c, _ := newClient(t, tr)
	p, err := c.BeginDeleteAccount(ctxTimeout(t, 10*time.Second), testAccountID())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := client.Wait(ctx, c, p); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
}

func TestLRO_deleteWithoutPollingURLIsAnError(t *testing.T) {
	tr := newTransport(t, reply(202, ""))
	c, _ := newClient(t, tr)
	if _, err := c.BeginDeleteAccount(ctxTimeout(t, 10*time.Second), testAccountID()); err == nil {
		t.Fatal("a 202 to DELETE without a polling URL was accepted")
	}
}
