package client_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const locationPrefix = "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus"

// listCase is one paged list operation: list returns the names (or keys) of what it decoded.
type listCase struct {
	path string
	item func(name string) string
	list func(ctx context.Context, c *client.Client) ([]string, error)
}

func names[T any](items []T, err error, name func(T) *string) ([]string, error) {
	var out []string
	for _, it := range items {
		if n := name(it); n != nil {
			out = append(out, *n)
		} else {
			out = append(out, "<nil>")
		}
	}
	return out, err
}

func listCases() map[string]listCase {
	named := func(n string) string { return `{"name":"` + n + `"}` }
	return map[string]listCase{
		"ListDeployments": {
			path: deploymentPath[:strings.LastIndex(deploymentPath, "/")], item: named,
			list: func(ctx context.Context, c *client.Client) ([]string, error) {
				got, err := c.ListDeployments(ctx, testAccountID())
				return names(got, err, func(d client.Deployment) *string { return d.Name })
			},
		},
		"ListProjects": {
			path: accountPath + "/projects", item: named,
			list: func(ctx context.Context, c *client.Client) ([]string, error) {
				got, err := c.ListProjects(ctx, testAccountID())
				return names(got, err, func(p client.Project) *string { return p.Name })
			},
		},
		"ListAccountModels": {
			path: accountPath + "/models", item: named,
			list: func(ctx context.Context, c *client.Client) ([]string, error) {
				got, err := c.ListAccountModels(ctx, testAccountID())
				return names(got, err, func(m client.AccountModel) *string { return m.Name })
			},
		},
		"ListLocationModels": {
			path: locationPrefix + "/models",
			item: func(n string) string { return `{"kind":"AIServices","skuName":"S0","model":{"name":"` + n + `"}}` },
			list: func(ctx context.Context, c *client.Client) ([]string, error) {
				got, err := c.ListLocationModels(ctx, sub, "westus")
				return names(got, err, func(m client.Model) *string { return m.Model.Name })
			},
		},
		"ListUsages": {
			path: locationPrefix + "/usages",
			item: func(n string) string { return `{"name":{"value":"` + n + `"},"limit":10,"currentValue":1}` },
			list: func(ctx context.Context, c *client.Client) ([]string, error) {
				got, err := c.ListUsages(ctx, sub, "westus", "")
				return names(got, err, func(u client.Usage) *string { return u.Name.Value })
			},
		},
		"ListAccountUsages": {
			path: accountPath + "/usages",
			item: func(n string) string { return `{"name":{"value":"` + n + `"}}` },
			list: func(ctx context.Context, c *client.Client) ([]string, error) {
				got, err := c.ListAccountUsages(ctx, testAccountID(), "")
				return names(got, err, func(u client.Usage) *string { return u.Name.Value })
			},
		},
	}
}

func TestLists_followNextLink(t *testing.T) {
	for name, tc := range listCases() {
		t.Run(name, func(t *testing.T) {
			next := armEndpoint + tc.path + "?api-version=" + client.APIVersion + "&%24skipToken=abc"
			tr := newTransport(t,
				reply(200, `{"value":[`+tc.item("a")+`],"nextLink":"`+next+`"}`),
				reply(200, `{"value":[],"nextLink":"`+next+`2"}`),
				reply(200, `{"value":[`+tc.item("b")+`,`+tc.item("c")+`],"nextLink":""}`),
			)
			c, _ := newClient(t, tr)
			got, err := tc.list(ctxTimeout(t, 10*time.Second), c)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, ",") != "a,b,c" {
				t.Fatalf("got %v, want a,b,c", got)
			}
			reqs := tr.requests()
			wantURL(t, reqs[0], http.MethodGet, tc.path)
			if u, _ := url.Parse(reqs[0].URL); len(u.Query()) != 1 {
				t.Errorf("first page query = %q, want only api-version", u.RawQuery)
			}
			if reqs[1].URL != next || reqs[2].URL != next+"2" {
				t.Errorf("nextLink not followed as given: %s, %s", reqs[1].URL, reqs[2].URL)
			}
		})
	}
}

func TestLists_emptyAndErrors(t *testing.T) {
	for name, tc := range listCases() {
		t.Run(name, func(t *testing.T) {
			tr := newTransport(t,
				reply(200, `{"value":[]}`),
				reply(404, `{"error":{"code":"ResourceNotFound","message":"The account was not found."}}`),
			)
			c, _ := newClient(t, tr)
			ctx := ctxTimeout(t, 10*time.Second)
			if got, err := tc.list(ctx, c); err != nil || len(got) != 0 {
				t.Fatalf("empty list = %v, %v", got, err)
			}
			if _, err := tc.list(ctx, c); !client.IsNotFound(err) || client.ErrorCode(err) != "ResourceNotFound" {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

func TestListUsages_filter(t *testing.T) {
	const filter = "name.value eq 'OpenAI.Standard.gpt-4o' or name.value eq 'AccountCount&x=1'"
	tr := newTransport(t,
		reply(200, `{"value":[{"name":{"value":"OpenAI.Standard.gpt-4o"}}]}`),
		reply(200, `{"value":[{"name":{"value":"AccountCount"}}]}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	if _, err := c.ListUsages(ctx, sub, "West US", filter); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListAccountUsages(ctx, testAccountID(), filter); err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, "/subscriptions/"+sub+"/providers/Microsoft.CognitiveServices/locations/West%20US/usages")
	wantURL(t, reqs[1], http.MethodGet, accountPath+"/usages")
	for _, r := range reqs {
		u, err := url.Parse(r.URL)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		if q.Get("$filter") != filter || len(q) != 2 {
			t.Errorf("query %q decodes to %v; want $filter=%q and api-version", u.RawQuery, q, filter)
		}
		if strings.ContainsAny(u.RawQuery, " '") || strings.Count(u.RawQuery, "&") != 1 {
			t.Errorf("query not encoded: %q", u.RawQuery)
		}
	}
}

func TestListLocationModels_escapesLocation(t *testing.T) {
	tr := newTransport(t, reply(200, `{"value":[]}`))
	c, _ := newClient(t, tr)
	if _, err := c.ListLocationModels(ctxTimeout(t, 10*time.Second), "s/x", "west us"); err != nil {
		t.Fatal(err)
	}
	if got := tr.requests()[0].URL; !strings.Contains(got, "/subscriptions/s%2Fx/providers/Microsoft.CognitiveServices/locations/west%20us/models?") {
		t.Fatalf("URL not escaped: %s", got)
	}
}
