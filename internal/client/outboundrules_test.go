package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	outboundRuleID   = managedNetworkID + "/outboundRules/storage"
	outboundRulePath = managedNetworkPath + "/outboundRules/storage"
	getRuleBody      = `{"id":"` + outboundRuleID + `","name":"storage","type":"Microsoft.CognitiveServices/accounts/managedNetworks/outboundRules",
	  "systemData":{"createdBy":"me"},
	  "properties":{"type":"PrivateEndpoint","category":"UserDefined","status":"Provisioning","fqdns":["st.blob.core.windows.net"],
	    "destination":{"serviceResourceId":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st","subresourceTarget":"blob"},
	    "parentRuleNames":["p"],"errorInformation":"none"}}`
)

func testOutboundRuleID() client.OutboundRuleID {
	return client.NewOutboundRuleID(testManagedNetworkID(), "storage")
}

func TestParseOutboundRuleID(t *testing.T) {
	got, err := client.ParseOutboundRuleID(strings.Replace(outboundRuleID, "/outboundRules/", "/outboundrules/", 1))
	if err != nil || got != testOutboundRuleID() || got.String() != outboundRuleID || got.Account() != testAccountID() ||
		got.ManagedNetworkID != testManagedNetworkID() {
		t.Fatalf("got %+v, %v", got, err)
	}
	for _, bad := range []string{managedNetworkID, managedNetworkID + "/outboundRules/", outboundRuleID + "/x/y", accountID + "/raiPolicies/p/outboundRules/r"} {
		if _, err := client.ParseOutboundRuleID(bad); err == nil {
			t.Errorf("ParseOutboundRuleID(%q) succeeded", bad)
		}
	}
}

func TestOutboundRuleProperties_decode(t *testing.T) {
	for name, tc := range map[string]struct {
		in    string
		check func(client.OutboundRuleProperties) bool
	}{
		"FQDN": {`{"type":"FQDN","destination":"*.openai.azure.com","category":"UserDefined"}`, func(p client.OutboundRuleProperties) bool {
			r, ok := p.(*client.FQDNOutboundRule)
			return ok && *r.Destination == "*.openai.azure.com" && r.Common().Type == client.OutboundRuleTypeFQDN
		}},
		"type matched case-insensitively": {`{"type":"fqdn","destination":"x.example.com"}`, func(p client.OutboundRuleProperties) bool {
			r, ok := p.(*client.FQDNOutboundRule)
			return ok && *r.Destination == "x.example.com" && r.Common().Type == client.OutboundRuleTypeFQDN
		}},
		"PrivateEndpoint": {`{"type":"PrivateEndpoint","destination":{"serviceResourceId":"/x","subresourceTarget":"vault"},"fqdns":["a","b"]}`,
			func(p client.OutboundRuleProperties) bool {
				r, ok := p.(*client.PrivateEndpointOutboundRule)
				return ok && *r.Destination.ServiceResourceID == "/x" && *r.Destination.SubresourceTarget == "vault" && len(r.FQDNs) == 2
			}},
		"ServiceTag": {`{"type":"ServiceTag","status":"Failed","errorInformation":"bad tag","destination":{"serviceTag":"Storage",
		  "protocol":"TCP","portRanges":"443,8000-8080","action":"Deny","addressPrefixes":["10.0.0.0/8"]}}`,
			func(p client.OutboundRuleProperties) bool {
				r, ok := p.(*client.ServiceTagOutboundRule)
				d := r.Destination
				return ok && *d.ServiceTag == "Storage" && *d.Protocol == "TCP" && *d.PortRanges == "443,8000-8080" &&
					*d.Action == client.OutboundRuleActionDeny && d.AddressPrefixes[0] == "10.0.0.0/8" &&
					*r.Common().Status == client.OutboundRuleStatusFailed && *r.Common().ErrorInformation == "bad tag"
			}},
		"unknown type": {`{"type":"Perimeter","category":"Dependency","destination":{"p":1},"extra":[1,2]}`, func(p client.OutboundRuleProperties) bool {
			r, ok := p.(*client.UnknownOutboundRule)
			return ok && r.Common().Type == "Perimeter" && *r.Common().Category == client.OutboundRuleCategoryDependency &&
				string(r.Raw) == `{"type":"Perimeter","category":"Dependency","destination":{"p":1},"extra":[1,2]}`
		}},
		"no type": {`{"destination":"x"}`, func(p client.OutboundRuleProperties) bool {
			r, ok := p.(*client.UnknownOutboundRule)
			return ok && r.Common().Type == ""
		}},
		"null": {`null`, func(p client.OutboundRuleProperties) bool { return p == nil }},
	} {
		t.Run(name, func(t *testing.T) {
			var r client.OutboundRule
			if err := json.Unmarshal([]byte(`{"name":"r","properties":`+tc.in+`}`), &r); err != nil {
				t.Fatal(err)
			}
			if *r.Name != "r" || !tc.check(r.Properties) {
				t.Errorf("decoded %#v", r.Properties)
			}
		})
	}
	// A known kind whose destination has another kind's shape is an error, not a silent loss.
	var r client.OutboundRule
	if err := json.Unmarshal([]byte(`{"properties":{"type":"FQDN","destination":{"serviceTag":"x"}}}`), &r); err == nil ||
		!strings.Contains(err.Error(), "FQDN outbound rule") {
		t.Errorf("err = %v", err)
	}
}

func TestOutboundRuleProperties_encode(t *testing.T) {
	for _, tc := range []struct {
		in   client.OutboundRuleProperties
		want string
	}{
		{&client.FQDNOutboundRule{Destination: ptr("a.example.com")}, `{"type":"FQDN","destination":"a.example.com"}`},
		{&client.FQDNOutboundRule{Type: "Wrong", Category: ptr(client.OutboundRuleCategoryUserDefined), Destination: ptr("b")},
			`{"type":"FQDN","category":"UserDefined","destination":"b"}`},
		{&client.PrivateEndpointOutboundRule{Destination: &client.PrivateEndpointOutboundRuleDestination{ServiceResourceID: ptr("/id"),
			SubresourceTarget: ptr("blob")}, FQDNs: []string{"f"}},
			`{"type":"PrivateEndpoint","destination":{"serviceResourceId":"/id","subresourceTarget":"blob"},"fqdns":["f"]}`},
		{&client.ServiceTagOutboundRule{Destination: &client.ServiceTagOutboundRuleDestination{AddressPrefixes: []string{"1.2.3.4/32"},
			PortRanges: ptr("*"), Protocol: ptr("*"), Action: ptr(client.OutboundRuleActionAllow)}},
			`{"type":"ServiceTag","destination":{"protocol":"*","portRanges":"*","action":"Allow","addressPrefixes":["1.2.3.4/32"]}}`},
		{&client.UnknownOutboundRule{Raw: json.RawMessage(`{"type":"X","y":1}`)}, `{"type":"X","y":1}`},
		{&client.UnknownOutboundRule{CommonProperties: client.OutboundRuleCommon{Type: "X"}}, `{"type":"X"}`},
	} {
		b, err := json.Marshal(client.OutboundRule{Properties: tc.in})
		if want := `{"properties":` + tc.want + `}`; err != nil || string(b) != want {
			t.Errorf("Marshal = %s, %v\nwant      %s", b, err, want)
		}
	}
	// Round trip: what was decoded is encoded back (unknown kinds included).
	for _, in := range []string{
		`{"type":"FQDN","category":"UserDefined","status":"Active","destination":"d"}`,
		`{"type":"Future","destination":{"a":[1,{"b":null}]},"z":true}`,
	} {
		var r client.OutboundRule
		mustUnmarshal(t, `{"properties":`+in+`}`, &r)
		if got := mustJSON(t, r); got != `{"properties":`+in+`}` {
			t.Errorf("round trip of %s gave %s", in, got)
		}
	}
}

func TestGetOutboundRule(t *testing.T) {
	decodeStrict(t, getRuleBody, new(client.OutboundRule))
	tr := newTransport(t, reply(200, getRuleBody))
	c, _ := newClient(t, tr)
	got, err := c.GetOutboundRule(ctxTimeout(t, 10*time.Second), testOutboundRuleID())
	if err != nil {
		t.Fatal(err)
	}
	wantURL(t, tr.requests()[0], http.MethodGet, outboundRulePath)
	pe, ok := got.Properties.(*client.PrivateEndpointOutboundRule)
	if !ok || *got.ID != outboundRuleID || *pe.Destination.SubresourceTarget != "blob" || *pe.Status != client.OutboundRuleStatusProvisioning ||
		pe.ParentRuleNames[0] != "p" {
		t.Fatalf("decoded %s", mustJSON(t, got))
	}
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		_, err := c.GetOutboundRule(ctx, testOutboundRuleID())
		return err
	})
}

func TestBeginCreateOrUpdateOutboundRule(t *testing.T) {
	poll := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationResults/op5?api-version=" + client.APIVersion
	tr := newTransport(t,
		reply(202, "", "Location", poll, "Retry-After", "0"),
		reply(202, "", "Location", poll),
		reply(200, ""),
		reply(200, getRuleBody),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	var in client.OutboundRule
	mustUnmarshal(t, getRuleBody, &in)
	p, err := c.BeginCreateOrUpdateOutboundRule(ctx, testOutboundRuleID(), in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil || *got.ID != outboundRuleID {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
	reqs := tr.requests()
	if len(reqs) != 4 {
		t.Fatalf("%d requests, want PUT, 2 polls, GET", len(reqs))
	}
	wantURL(t, reqs[0], http.MethodPut, outboundRulePath)
	wantURL(t, reqs[3], http.MethodGet, outboundRulePath)
	want := `{"properties":{"type":"PrivateEndpoint","category":"UserDefined","status":"Provisioning",` +
		`"destination":{"serviceResourceId":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st","subresourceTarget":"blob"},` +
		`"fqdns":["st.blob.core.windows.net"]}}`
	if reqs[0].Body != want {
		t.Errorf("PUT body = %s\nwant        %s", reqs[0].Body, want)
	}
	if pe := in.Properties.(*client.PrivateEndpointOutboundRule); in.ID == nil || pe.ErrorInformation == nil || pe.ParentRuleNames == nil {
		t.Error("the caller's body was modified")
	}

	t.Run("synchronous", func(t *testing.T) {
		tr := newTransport(t, reply(200, getRuleBody), reply(200, getRuleBody))
		c, _ := newClient(t, tr)
		ctx := ctxTimeout(t, 10*time.Second)
		p, err := c.BeginCreateOrUpdateOutboundRule(ctx, testOutboundRuleID(), client.OutboundRule{
			Properties: &client.FQDNOutboundRule{Destination: ptr("x.example.com")}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.Wait(ctx, c, p); err != nil {
			t.Fatal(err)
		}
		if b := tr.requests()[0].Body; b != `{"properties":{"type":"FQDN","destination":"x.example.com"}}` {
			t.Errorf("PUT body = %s", b)
		}
	})
	t.Run("operation failed", func(t *testing.T) {
		tr := newTransport(t, reply(202, "", "Location", poll),
			reply(400, `{"error":{"code":"OutboundRuleNotAllowed","message":"FQDN rules need AllowOnlyApprovedOutbound."}}`))
		c, _ := newClient(t, tr)
		ctx := ctxTimeout(t, 10*time.Second)
		p, err := c.BeginCreateOrUpdateOutboundRule(ctx, testOutboundRuleID(), client.OutboundRule{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.Wait(ctx, c, p); client.ErrorCode(err) != "OutboundRuleNotAllowed" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("refused", func(t *testing.T) {
		checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
			_, err := c.BeginCreateOrUpdateOutboundRule(ctx, testOutboundRuleID(), client.OutboundRule{})
			return err
		})
	})
}

func TestBeginDeleteOutboundRule(t *testing.T) {
	checkBeginDelete(t, outboundRulePath, func(ctx context.Context, c *client.Client) (*runtime.Poller[struct{}], error) {
		return c.BeginDeleteOutboundRule(ctx, testOutboundRuleID())
	})
}

func TestListOutboundRules(t *testing.T) {
	kinds := map[string]string{
		"a": `{"type":"FQDN","destination":"a"}`,
		"b": `{"type":"ServiceTag","destination":{"serviceTag":"AzureMonitor"},"category":"Required"}`,
		"c": `{"type":"Unheard","destination":7}`,
	}
	checkPagedList(t, managedNetworkPath+"/outboundRules",
		func(n string) string { return `{"name":"` + n + `","properties":` + kinds[n] + `}` },
		func(ctx context.Context, c *client.Client) ([]string, error) {
			got, err := c.ListOutboundRules(ctx, testManagedNetworkID())
			for _, r := range got {
				if mustJSON(t, r.Properties) != kinds[*r.Name] && *r.Name != "b" {
					t.Errorf("%s decoded as %s", *r.Name, mustJSON(t, r.Properties))
				}
				if *r.Name == "b" && *r.Properties.Common().Category != client.OutboundRuleCategoryRequired {
					t.Errorf("b decoded as %s", mustJSON(t, r.Properties))
				}
			}
			return namesOf(got, err, func(r client.OutboundRule) *string { return r.Name })
		})
}
