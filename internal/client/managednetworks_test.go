package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	managedNetworkID   = accountID + "/managedNetworks/default"
	managedNetworkPath = accountPath + "/managedNetworks/default"
	// getManagedNetworkBody follows the shape of the spec's ManagedNetwork examples (patchManagedNetworkV2), with a
	// rule of each kind and every read-only field.
	getManagedNetworkBody = `{"name":"default","type":"Microsoft.CognitiveServices/accounts/managedNetworks","id":"` + managedNetworkID + `",
	  "systemData":{"createdBy":"me","createdByType":"User"},
	  "properties":{"provisioningState":"Succeeded","managedNetwork":{
	    "firewallPublicIpAddress":"22.22.131.49","firewallSku":"Standard","isolationMode":"AllowOnlyApprovedOutbound",
	    "networkId":"00000000-1111-2222-3333-444444444444","managedNetworkKind":"V2","status":{"status":"Active"},
	    "changeableIsolationModes":["AllowInternetOutbound","AllowOnlyApprovedOutbound"],"provisioningState":"Succeeded",
	    "outboundRules":{
	      "rule_name_1":{"type":"FQDN","category":"UserDefined","destination":"destination_endpoint","status":"Active"},
	      "storage":{"type":"PrivateEndpoint","category":"UserDefined","status":"Active","fqdns":["st.blob.core.windows.net"],
	        "destination":{"serviceResourceId":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st","subresourceTarget":"blob"}},
	      "__SYS_ST_AzureActiveDirectory":{"type":"ServiceTag","category":"Required","status":"Active","parentRuleNames":["x"],
	        "destination":{"serviceTag":"AzureActiveDirectory","protocol":"TCP","portRanges":"80, 443","action":"Allow"}},
	      "future":{"type":"NetworkSecurityPerimeter","category":"Recommended","destination":{"perimeter":"p1"},"errorInformation":"e"}}}}}`
)

func testManagedNetworkID() client.ManagedNetworkID {
	return client.NewManagedNetworkID(testAccountID(), client.ManagedNetworkNameDefault)
}

func TestParseManagedNetworkID(t *testing.T) {
	got, err := client.ParseManagedNetworkID(strings.Replace(managedNetworkID, "managedNetworks", "MANAGEDNETWORKS", 1))
	if err != nil || got != testManagedNetworkID() || got.String() != managedNetworkID || got.Account() != testAccountID() {
		t.Fatalf("got %+v (%s), %v", got, got.String(), err)
	}
	for _, bad := range []string{accountID, managedNetworkID + "/outboundRules/r", accountID + "/managedNetworks/", accountID + "/raiPolicies/default"} {
		if _, err := client.ParseManagedNetworkID(bad); err == nil || !strings.Contains(err.Error(), "expected the shape") {
			t.Errorf("ParseManagedNetworkID(%q) = %v", bad, err)
		}
	}
}

func TestGetManagedNetwork(t *testing.T) {
	decodeStrict(t, getManagedNetworkBody, new(client.ManagedNetwork))
	tr := newTransport(t, reply(200, getManagedNetworkBody))
	c, _ := newClient(t, tr)
	got, err := c.GetManagedNetwork(ctxTimeout(t, 10*time.Second), testManagedNetworkID())
	if err != nil {
		t.Fatal(err)
	}
	wantURL(t, tr.requests()[0], http.MethodGet, managedNetworkPath)
	mn := got.Properties.ManagedNetwork
	if *got.ID != managedNetworkID || *got.Properties.ProvisioningState != client.ManagedNetworkProvisioningStateSucceeded ||
		*mn.IsolationMode != client.ManagedNetworkIsolationModeAllowOnlyApprovedOutbound || *mn.FirewallSKU != client.ManagedNetworkFirewallSKUStandard ||
		*mn.ManagedNetworkKind != client.ManagedNetworkKindV2 || *mn.Status.Status != client.ManagedNetworkStatusActive ||
		*mn.FirewallPublicIPAddress != "22.22.131.49" || *mn.NetworkID == "" || len(mn.ChangeableIsolationModes) != 2 ||
		*mn.ProvisioningState != client.ManagedNetworkProvisioningStateSucceeded || len(mn.OutboundRules) != 4 {
		t.Fatalf("decoded %s", mustJSON(t, got))
	}
	fqdn, ok := mn.OutboundRules["rule_name_1"].(*client.FQDNOutboundRule)
	if !ok || *fqdn.Destination != "destination_endpoint" || *fqdn.Status != client.OutboundRuleStatusActive {
		t.Errorf("FQDN rule decoded as %#v", mn.OutboundRules["rule_name_1"])
	}
	pe, ok := mn.OutboundRules["storage"].(*client.PrivateEndpointOutboundRule)
	if !ok || *pe.Destination.SubresourceTarget != "blob" || pe.FQDNs[0] != "st.blob.core.windows.net" {
		t.Errorf("private endpoint rule decoded as %#v", mn.OutboundRules["storage"])
	}
	st, ok := mn.OutboundRules["__SYS_ST_AzureActiveDirectory"].(*client.ServiceTagOutboundRule)
	if !ok || *st.Destination.ServiceTag != "AzureActiveDirectory" || *st.Destination.Action != client.OutboundRuleActionAllow ||
		*st.Common().Category != client.OutboundRuleCategoryRequired {
		t.Errorf("service tag rule decoded as %#v", mn.OutboundRules["__SYS_ST_AzureActiveDirectory"])
	}
	u, ok := mn.OutboundRules["future"].(*client.UnknownOutboundRule)
	if !ok || u.Common().Type != "NetworkSecurityPerimeter" || !strings.Contains(string(u.Raw), `"perimeter":"p1"`) {
		t.Errorf("unknown rule decoded as %#v", mn.OutboundRules["future"])
	}
}

func TestGetManagedNetwork_errors(t *testing.T) {
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		_, err := c.GetManagedNetwork(ctx, testManagedNetworkID())
		return err
	})
}

func TestBeginCreateOrUpdateManagedNetwork(t *testing.T) {
	poll := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationResults/op1?api-version=" + client.APIVersion
	for name, script := range map[string][]func(*http.Request) *http.Response{
		"location": {
			reply(202, "", "Location", poll, "Retry-After", "0"),
			reply(202, "", "Location", poll),
			reply(200, `{"status":"whatever the poll URL returns"}`),
			reply(200, getManagedNetworkBody),
		},
		"synchronous": {reply(200, `{"name":"default","properties":{"provisioningState":"Succeeded"}}`), reply(200, getManagedNetworkBody)},
		// A 200 whose provisioningState is not terminal and no polling header: azcore polls the resource itself.
		"body polling": {
			reply(200, `{"name":"default","properties":{"provisioningState":"Updating"}}`),
			reply(200, getManagedNetworkBody), // the last poll is the result: no second read (issue 18)
		},
	} {
		t.Run(name, func(t *testing.T) {
			tr := newTransport(t, script...)
			c, _ := newClient(t, tr)
			ctx := ctxTimeout(t, 10*time.Second)
			var in client.ManagedNetwork
			mustUnmarshal(t, getManagedNetworkBody, &in)
			p, err := c.BeginCreateOrUpdateManagedNetwork(ctx, testManagedNetworkID(), in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := client.Wait(ctx, c, p)
			if err != nil {
				t.Fatal(err)
			}
			if *got.ID != managedNetworkID || len(got.Properties.ManagedNetwork.OutboundRules) != 4 {
				t.Errorf("result is not the network read after the operation: %s", mustJSON(t, got))
			}
			reqs := tr.requests()
			if len(reqs) != len(script) {
				t.Fatalf("%d requests, want %d", len(reqs), len(script))
			}
			wantURL(t, reqs[0], http.MethodPut, managedNetworkPath)
			wantURL(t, reqs[len(reqs)-1], http.MethodGet, managedNetworkPath)
			for _, ro := range []string{`"id"`, `"name"`, `"systemData"`, `"provisioningState"`, `"networkId"`, `"firewallPublicIpAddress"`,
				`"changeableIsolationModes"`, `"parentRuleNames"`, `"errorInformation"`} {
				if strings.Contains(reqs[0].Body, ro) {
					t.Errorf("read-only %s sent: %s", ro, reqs[0].Body)
				}
			}
			for _, w := range []string{`"isolationMode":"AllowOnlyApprovedOutbound"`, `"firewallSku":"Standard"`, `"managedNetworkKind":"V2"`,
				`"rule_name_1":{"type":"FQDN","category":"UserDefined","status":"Active","destination":"destination_endpoint"}`,
				`"future":{"category":"Recommended","destination":{"perimeter":"p1"},"type":"NetworkSecurityPerimeter"}`} {
				if !strings.Contains(reqs[0].Body, w) {
					t.Errorf("%s missing: %s", w, reqs[0].Body)
				}
			}
			if in.ID == nil || in.Properties.ManagedNetwork.NetworkID == nil ||
				in.Properties.ManagedNetwork.OutboundRules["__SYS_ST_AzureActiveDirectory"].Common().ParentRuleNames == nil {
				t.Error("the caller's body was modified")
			}
		})
	}
}

func TestBeginCreateOrUpdateManagedNetwork_exactBody(t *testing.T) {
	tr := newTransport(t, reply(200, getManagedNetworkBody), reply(200, getManagedNetworkBody))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	body := client.ManagedNetwork{Properties: &client.ManagedNetworkProperties{ManagedNetwork: &client.ManagedNetworkSettings{
		IsolationMode: ptr(client.ManagedNetworkIsolationModeAllowInternetOutbound),
		FirewallSKU:   ptr(client.ManagedNetworkFirewallSKUBasic),
	}}}
	p, err := c.BeginCreateOrUpdateManagedNetwork(ctx, testManagedNetworkID(), body)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); err != nil {
		t.Fatal(err)
	}
	want := `{"properties":{"managedNetwork":{"isolationMode":"AllowInternetOutbound","firewallSku":"Basic"}}}`
	if got := tr.requests()[0].Body; got != want {
		t.Errorf("PUT body = %s\nwant        %s", got, want)
	}
}

func TestBeginCreateOrUpdateManagedNetwork_failures(t *testing.T) {
	t.Run("operation failed", func(t *testing.T) {
		tr := newTransport(t,
			reply(202, "", "Location", armEndpoint+"/op"),
			reply(400, `{"error":{"code":"InvalidIsolationModeChange","message":"Cannot go back to Disabled."}}`),
		)
		c, _ := newClient(t, tr)
		ctx := ctxTimeout(t, 10*time.Second)
		p, err := c.BeginCreateOrUpdateManagedNetwork(ctx, testManagedNetworkID(), client.ManagedNetwork{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.Wait(ctx, c, p); client.ErrorCode(err) != "InvalidIsolationModeChange" || client.StatusCode(err) != 400 {
			t.Fatalf("err = %v", err)
		}
		if n := len(tr.requests()); n != 2 {
			t.Errorf("%d requests; no GET may follow a failed operation", n)
		}
	})
	t.Run("refused", func(t *testing.T) {
		checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
			_, err := c.BeginCreateOrUpdateManagedNetwork(ctx, testManagedNetworkID(), client.ManagedNetwork{})
			return err
		})
	})
	t.Run("201 is not in the spec", func(t *testing.T) {
		tr := newTransport(t, reply(201, getManagedNetworkBody))
		c, _ := newClient(t, tr)
		_, err := c.BeginCreateOrUpdateManagedNetwork(ctxTimeout(t, 10*time.Second), testManagedNetworkID(), client.ManagedNetwork{})
		if client.StatusCode(err) != 201 {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestBeginUpdateManagedNetwork(t *testing.T) {
	poll := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationResults/op2?api-version=" + client.APIVersion
	tr := newTransport(t,
		reply(202, "", "Location", poll, "Retry-After", "0"),
		reply(200, ""),
		reply(200, getManagedNetworkBody),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	body := client.ManagedNetwork{Properties: &client.ManagedNetworkProperties{ManagedNetwork: &client.ManagedNetworkSettings{
		ManagedNetworkKind: ptr(client.ManagedNetworkKindV2),
		OutboundRules: map[string]client.OutboundRuleProperties{
			"r1": &client.FQDNOutboundRule{Category: ptr(client.OutboundRuleCategoryUserDefined), Destination: ptr("*.example.com")},
		},
	}}}
	p, err := c.BeginUpdateManagedNetwork(ctx, testManagedNetworkID(), body)
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil || *got.ID != managedNetworkID {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodPatch, managedNetworkPath)
	if reqs[1].URL != poll {
		t.Errorf("poll went to %s", reqs[1].URL)
	}
	wantURL(t, reqs[2], http.MethodGet, managedNetworkPath)
	want := `{"properties":{"managedNetwork":{"outboundRules":{"r1":{"type":"FQDN","category":"UserDefined","destination":"*.example.com"}},"managedNetworkKind":"V2"}}}`
	if reqs[0].Body != want {
		t.Errorf("PATCH body = %s\nwant          %s", reqs[0].Body, want)
	}
}

func TestBeginUpdateManagedNetwork_errors(t *testing.T) {
	// PATCH never creates: a missing network is a 404.
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		_, err := c.BeginUpdateManagedNetwork(ctx, testManagedNetworkID(), client.ManagedNetwork{})
		return err
	})
}

func TestBeginDeleteManagedNetwork(t *testing.T) {
	checkBeginDelete(t, managedNetworkPath, func(ctx context.Context, c *client.Client) (*runtime.Poller[struct{}], error) {
		return c.BeginDeleteManagedNetwork(ctx, testManagedNetworkID())
	})
}

func TestListManagedNetworks(t *testing.T) {
	checkPagedList(t, accountPath+"/managedNetworks",
		func(n string) string {
			return `{"name":"` + n + `","properties":{"managedNetwork":{"isolationMode":"Disabled","outboundRules":null}}}`
		},
		func(ctx context.Context, c *client.Client) ([]string, error) {
			got, err := c.ListManagedNetworks(ctx, testAccountID())
			for _, n := range got {
				if *n.Properties.ManagedNetwork.IsolationMode != client.ManagedNetworkIsolationModeDisabled || n.Properties.ManagedNetwork.OutboundRules != nil {
					t.Errorf("decoded %s", mustJSON(t, n))
				}
			}
			return namesOf(got, err, func(n client.ManagedNetwork) *string { return n.Name })
		})
}

func TestBeginProvisionManagedNetwork(t *testing.T) {
	poll := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationResults/op3?api-version=" + client.APIVersion
	for name, tc := range map[string]struct {
		script []func(*http.Request) *http.Response
		want   client.ManagedNetworkStatus
	}{
		"location": {[]func(*http.Request) *http.Response{
			reply(202, "", "Location", poll, "Retry-After", "0"),
			reply(202, "", "Location", poll, "Retry-After", "0"),
			reply(200, `{"status":"Active"}`),
		}, client.ManagedNetworkStatusActive},
		"synchronous": {[]func(*http.Request) *http.Response{reply(200, `{"status":"Inactive"}`)}, client.ManagedNetworkStatusInactive},
	} {
		t.Run(name, func(t *testing.T) {
			tr := newTransport(t, tc.script...)
			c, _ := newClient(t, tr)
			ctx := ctxTimeout(t, 10*time.Second)
			p, err := c.BeginProvisionManagedNetwork(ctx, testManagedNetworkID())
			if err != nil {
				t.Fatal(err)
			}
			got, err := client.Wait(ctx, c, p)
			if err != nil || got.Status == nil || *got.Status != tc.want {
				t.Fatalf("got %s, %v", mustJSON(t, got), err)
			}
			reqs := tr.requests()
			if len(reqs) != len(tc.script) {
				t.Fatalf("%d requests, want %d (no GET after a POST)", len(reqs), len(tc.script))
			}
			wantURL(t, reqs[0], http.MethodPost, managedNetworkPath+"/provision")
			if reqs[0].Body != `{}` {
				t.Errorf("provision body = %q, want {}", reqs[0].Body)
			}
			for _, r := range reqs[1:] {
				if r.URL != poll || r.Method != http.MethodGet {
					t.Errorf("poll %s %s, want GET %s", r.Method, r.URL, poll)
				}
			}
		})
	}
	t.Run("failed", func(t *testing.T) {
		tr := newTransport(t, reply(202, "", "Location", poll), reply(400, `{"error":{"code":"ProvisioningFailed","message":"Firewall."}}`))
		c, _ := newClient(t, tr)
		ctx := ctxTimeout(t, 10*time.Second)
		p, err := c.BeginProvisionManagedNetwork(ctx, testManagedNetworkID())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.Wait(ctx, c, p); client.ErrorCode(err) != "ProvisioningFailed" || client.ErrorMessage(err) != "Firewall." {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("refused", func(t *testing.T) {
		checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
			_, err := c.BeginProvisionManagedNetwork(ctx, testManagedNetworkID())
			return err
		})
	})
}

func TestBeginBatchOutboundRules(t *testing.T) {
	poll := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationResults/op4?api-version=" + client.APIVersion
	next := armEndpoint + managedNetworkPath + "/outboundRules?api-version=" + client.APIVersion + "&%24skipToken=x"
	rule := func(n string) string {
		return `{"name":"` + n + `","properties":{"type":"FQDN","destination":"` + n + `.example.com"}}`
	}
	tr := newTransport(t,
		reply(202, "", "Location", poll, "Retry-After", "0"),
		reply(202, "", "Location", poll),
		reply(200, `{"value":[`+rule("a")+`],"nextLink":"`+next+`"}`),
		reply(200, `{"value":[`+rule("b")+`]}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	body := client.ManagedNetworkSettings{
		IsolationMode: ptr(client.ManagedNetworkIsolationModeAllowOnlyApprovedOutbound),
		NetworkID:     ptr("read-only"),
		OutboundRules: map[string]client.OutboundRuleProperties{
			"a": &client.FQDNOutboundRule{Destination: ptr("a.example.com"), ErrorInformation: ptr("read-only")},
			"b": &client.ServiceTagOutboundRule{Destination: &client.ServiceTagOutboundRuleDestination{
				ServiceTag: ptr("Storage"), Protocol: ptr("TCP"), PortRanges: ptr("443"), Action: ptr(client.OutboundRuleActionAllow)}},
		},
	}
	p, err := c.BeginBatchOutboundRules(ctx, testManagedNetworkID(), body)
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || *got[0].Name != "a" || *got[1].Name != "b" || *got[1].Properties.(*client.FQDNOutboundRule).Destination != "b.example.com" {
		t.Fatalf("got %s", mustJSON(t, got))
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodPost, managedNetworkPath+"/batchOutboundRules")
	want := `{"properties":{"isolationMode":"AllowOnlyApprovedOutbound","outboundRules":{"a":{"type":"FQDN","destination":"a.example.com"},` +
		`"b":{"type":"ServiceTag","destination":{"serviceTag":"Storage","protocol":"TCP","portRanges":"443","action":"Allow"}}}}}`
	if reqs[0].Body != want {
		t.Errorf("batch body = %s\nwant         %s", reqs[0].Body, want)
	}
	if reqs[1].URL != poll || reqs[2].URL != poll || reqs[3].URL != next {
		t.Errorf("requests went to %s, %s, %s", reqs[1].URL, reqs[2].URL, reqs[3].URL)
	}

	t.Run("synchronous", func(t *testing.T) {
		tr := newTransport(t, reply(200, `{"value":[`+rule("a")+`]}`))
		c, _ := newClient(t, tr)
		ctx := ctxTimeout(t, 10*time.Second)
		p, err := c.BeginBatchOutboundRules(ctx, testManagedNetworkID(), client.ManagedNetworkSettings{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := client.Wait(ctx, c, p)
		if err != nil || len(got) != 1 || len(tr.requests()) != 1 {
			t.Fatalf("got %s, %v", mustJSON(t, got), err)
		}
		if b := tr.requests()[0].Body; b != `{"properties":{}}` {
			t.Errorf("empty batch body = %s", b)
		}
	})
	t.Run("refused", func(t *testing.T) {
		checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
			_, err := c.BeginBatchOutboundRules(ctx, testManagedNetworkID(), client.ManagedNetworkSettings{})
			return err
		})
	})
}
