package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// Shared checks for the managed network, outbound rule and RAI operations.

// checkBeginDelete runs a long-running delete against each response sequence the spec allows (202 + Location or
// Azure-AsyncOperation, 204 when absent) and checks the request.
func checkBeginDelete(t *testing.T, path string, begin func(context.Context, *client.Client) (*runtime.Poller[struct{}], error)) {
	t.Helper()
	poll := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationResults/op1?api-version=" + client.APIVersion
	for name, script := range map[string][]func(*http.Request) *http.Response{
		"already gone":    {reply(204, "")},
		"location":        {reply(202, "", "Location", poll, "Retry-After", "0"), reply(202, "", "Location", poll), reply(200, "")},
		"poll 204":        {reply(202, "", "Location", poll), reply(204, "")},
		"async operation": {reply(202, "", "azure-asyncoperation", armEndpoint+"/status"), reply(200, `{"status":"Succeeded"}`)},
	} {
		t.Run(name, func(t *testing.T) {
			tr := newTransport(t, script...)
			c, _ := newClient(t, tr)
			ctx := ctxTimeout(t, 10*time.Second)
			p, err := begin(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := client.Wait(ctx, c, p); err != nil {
				t.Fatal(err)
			}
			reqs := tr.requests()
			wantURL(t, reqs[0], http.MethodDelete, path)
			if reqs[0].Body != "" {
				t.Errorf("DELETE sent a body: %s", reqs[0].Body)
			}
			if len(reqs) != len(script) {
				t.Errorf("%d requests, want %d", len(reqs), len(script))
			}
			if len(reqs) > 1 && !strings.HasPrefix(reqs[1].URL, armEndpoint+"/") {
				t.Errorf("poll went to %s", reqs[1].URL)
			}
		})
	}
	t.Run("refused", func(t *testing.T) {
		checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
			_, err := begin(ctx, c)
			return err
		})
	})
	t.Run("failed", func(t *testing.T) {
		tr := newTransport(t, reply(202, "", "Location", poll), reply(409, `{"error":{"code":"Conflict","message":"In use."}}`))
		c, _ := newClient(t, tr, func(o *client.Options) { o.ConflictRetry.MaxAttempts = 1 })
		ctx := ctxTimeout(t, 10*time.Second)
		p, err := begin(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.Wait(ctx, c, p); client.ErrorCode(err) != "Conflict" || client.StatusCode(err) != 409 {
			t.Fatalf("err = %v", err)
		}
	})
}

// checkErrorPassThrough checks that op returns the service's 404 and 400 as the unchanged *azcore.ResponseError.
func checkErrorPassThrough(t *testing.T, op func(context.Context, *client.Client) error) {
	t.Helper()
	tr := newTransport(t,
		reply(404, `{"error":{"code":"ResourceNotFound","message":"Not found."}}`),
		reply(400, `{"error":{"code":"InvalidResourceProperties","message":"Bad."}}`, "x-ms-error-code", "InvalidResourceProperties"),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	err := op(ctx, c)
	var re *azcore.ResponseError
	if !client.IsNotFound(err) || client.ErrorCode(err) != "ResourceNotFound" || !errors.As(err, &re) || re.StatusCode != 404 {
		t.Errorf("404: err = %v", err)
	}
	err = op(ctx, c)
	if client.IsNotFound(err) || client.ErrorCode(err) != "InvalidResourceProperties" || client.ErrorMessage(err) != "Bad." ||
		!errors.As(err, &re) || re.StatusCode != 400 {
		t.Errorf("400: err = %v", err)
	}
}

// checkPagedList checks that list GETs path, follows nextLink as given and returns every item's name in order, and
// that an empty list and a 404 come through.
func checkPagedList(t *testing.T, path string, item func(name string) string, list func(context.Context, *client.Client) ([]string, error)) {
	t.Helper()
	next := armEndpoint + path + "?api-version=" + client.APIVersion + "&%24skipToken=abc"
	tr := newTransport(t,
		reply(200, `{"value":[`+item("a")+`],"nextLink":"`+next+`"}`),
		reply(200, `{"value":[],"nextLink":"`+next+`2"}`),
		reply(200, `{"value":[`+item("b")+`,`+item("c")+`]}`),
		reply(200, `{"value":[]}`),
		reply(404, `{"error":{"code":"ParentResourceNotFound","message":"No parent."}}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := list(ctx, c)
	if err != nil || strings.Join(got, ",") != "a,b,c" {
		t.Fatalf("got %v, %v; want a,b,c", got, err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, path)
	if u, _ := url.Parse(reqs[0].URL); len(u.Query()) != 1 {
		t.Errorf("first page query = %q, want only api-version", u.RawQuery)
	}
	if reqs[1].URL != next || reqs[2].URL != next+"2" {
		t.Errorf("nextLink not followed as given: %s, %s", reqs[1].URL, reqs[2].URL)
	}
	if got, err := list(ctx, c); err != nil || len(got) != 0 {
		t.Errorf("empty list = %v, %v", got, err)
	}
	if _, err := list(ctx, c); !client.IsNotFound(err) || client.ErrorCode(err) != "ParentResourceNotFound" {
		t.Errorf("err = %v", err)
	}
}

// namesOf returns the names of items, "<nil>" for a missing one.
func namesOf[T any](items []T, err error, name func(T) *string) ([]string, error) {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if n := name(it); n != nil {
			out = append(out, *n)
		} else {
			out = append(out, "<nil>")
		}
	}
	return out, err
}

// sentJSON decodes a recorded request body.
func sentJSON(t *testing.T, r request) map[string]any {
	t.Helper()
	var m map[string]any
	mustUnmarshal(t, r.Body, &m)
	return m
}
