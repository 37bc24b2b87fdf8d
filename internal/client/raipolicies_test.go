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
	raiPolicyID   = accountID + "/raiPolicies/strict"
	raiPolicyPath = accountPath + "/raiPolicies/strict"
	// getRAIPolicyBody has every field of the 2026-09-01 RaiPolicy, egress policy included.
	getRAIPolicyBody = `{"id":"` + raiPolicyID + `","name":"strict","type":"Microsoft.CognitiveServices/accounts/raiPolicies",
	  "etag":"\"e1\"","tags":{"team":"safety"},"systemData":{"createdBy":"me","createdByType":"User"},
	  "properties":{"type":"UserManaged","mode":"Asynchronous_filter","basePolicyName":"Microsoft.DefaultV2",
	    "contentFilters":[{"name":"Hate","enabled":true,"severityThreshold":"Low","blocking":true,"source":"Prompt","action":"BLOCKING"},
	      {"name":"Jailbreak","enabled":true,"blocking":true,"source":"Prompt"}],
	    "customBlocklists":[{"blocklistName":"words","blocking":true,"source":"Completion"}],
	    "safetyProviders":[{"safetyProviderName":"provider1","blocking":false,"source":"PreToolCall"}],
	    "egressPolicy":{"mode":"Enforced","defaultAction":"Deny","description":"agents",
	      "rules":[{"name":"openai","description":"d","ruleType":"Fqdn","match":{"host":"*.openai.com","path":"/v1/*"},
	        "action":{"actionType":"Transform","headers":[
	          {"operation":"Set","name":"Authorization","valueRef":{"secretRef":{"secretId":"s1","secretKey":"k","format":"Bearer {value}"}}},
	          {"operation":"Insert","name":"X-Token","valueRef":{"managedIdentityRef":{"resource":"https://cognitiveservices.azure.com","format":"{value}"}}},
	          {"operation":"Remove","name":"Cookie"}]}},
	        {"name":"mirror","ruleType":"Fqdn","action":{"actionType":"Rewrite","rewrite":{"scheme":"https","host":"mirror.example.com","path":"/p"}}},
	        {"name":"deny-all","ruleType":"Fqdn","action":{"actionType":"Deny"}}]}}}`
)

func testRAIPolicyID() client.RAIPolicyID {
	return client.NewRAIPolicyID(testAccountID(), "strict")
}

func TestParseRAIPolicyID(t *testing.T) {
	got, err := client.ParseRAIPolicyID(strings.Replace(raiPolicyID, "raiPolicies", "raipolicies", 1))
	if err != nil || got != testRAIPolicyID() || got.String() != raiPolicyID || got.Account() != testAccountID() {
		t.Fatalf("got %+v, %v", got, err)
	}
	dotted := accountID + "/raiPolicies/Microsoft.DefaultV2"
	if got, err := client.ParseRAIPolicyID(dotted); err != nil || got.Name != client.RAIPolicyNameDefaultV2 || got.String() != dotted {
		t.Errorf("built-in policy ID: %+v, %v", got, err)
	}
	for _, bad := range []string{accountID, accountID + "/raiPolicies/", accountID + "/raiBlocklists/x", raiPolicyID + "/x/y"} {
		if _, err := client.ParseRAIPolicyID(bad); err == nil {
			t.Errorf("ParseRAIPolicyID(%q) succeeded", bad)
		}
	}
}

func TestGetRAIPolicy(t *testing.T) {
	decodeStrict(t, getRAIPolicyBody, new(client.RAIPolicy))
	tr := newTransport(t, reply(200, getRAIPolicyBody))
	c, _ := newClient(t, tr)
	got, err := c.GetRAIPolicy(ctxTimeout(t, 10*time.Second), testRAIPolicyID())
	if err != nil {
		t.Fatal(err)
	}
	wantURL(t, tr.requests()[0], http.MethodGet, raiPolicyPath)
	p := got.Properties
	e := p.EgressPolicy
	if *got.ID != raiPolicyID || *got.Etag != `"e1"` || got.Tags["team"] != "safety" || *p.Type != client.RAIPolicyTypeUserManaged ||
		*p.Mode != client.RAIPolicyModeAsynchronousFilter || *p.BasePolicyName != client.RAIPolicyNameDefaultV2 ||
		*p.ContentFilters[0].SeverityThreshold != client.RAIContentLevelLow || *p.ContentFilters[0].Action != client.RAIActionTypeBlocking ||
		*p.ContentFilters[1].Source != client.RAIPolicyContentSourcePrompt || p.ContentFilters[1].SeverityThreshold != nil ||
		*p.CustomBlocklists[0].BlocklistName != "words" || *p.CustomBlocklists[0].Source != client.RAIPolicyContentSourceCompletion ||
		*p.SafetyProviders[0].SafetyProviderName != "provider1" || *p.SafetyProviders[0].Source != client.RAIPolicyContentSourcePreToolCall ||
		*e.Mode != client.RAIEgressModeEnforced || *e.DefaultAction != client.RAIEgressDefaultActionDeny || len(e.Rules) != 3 ||
		e.Rules[0].RuleType != client.RAIEgressRuleTypeFqdn || *e.Rules[0].Match.Host != "*.openai.com" ||
		e.Rules[0].Action.ActionType != client.RAIEgressRuleActionTypeTransform ||
		e.Rules[0].Action.Headers[0].ValueRef.SecretRef.SecretID != "s1" ||
		e.Rules[0].Action.Headers[1].ValueRef.ManagedIdentityRef.Resource != "https://cognitiveservices.azure.com" ||
		e.Rules[0].Action.Headers[2].Operation != client.RAIEgressHeaderOperationRemove ||
		*e.Rules[1].Action.Rewrite.Scheme != client.RAIEgressSchemeHTTPS || e.Rules[2].Action.ActionType != client.RAIEgressRuleActionTypeDeny {
		t.Fatalf("decoded %s", mustJSON(t, got))
	}
	checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
		_, err := c.GetRAIPolicy(ctx, testRAIPolicyID())
		return err
	})
}

func TestCreateOrUpdateRAIPolicy(t *testing.T) {
	for _, status := range []int{200, 201} {
		tr := newTransport(t, reply(status, getRAIPolicyBody))
		c, _ := newClient(t, tr)
		var in client.RAIPolicy
		mustUnmarshal(t, getRAIPolicyBody, &in)
		// The header value is write-only: the caller sets it, the service never returns it.
		in.Properties.EgressPolicy.Rules[0].Action.Headers[2] = client.RAIEgressHeaderTransform{
			Operation: client.RAIEgressHeaderOperationSet, Name: "X-Static", Value: ptr("v")}
		got, err := c.CreateOrUpdateRAIPolicy(ctxTimeout(t, 10*time.Second), testRAIPolicyID(), in)
		if err != nil || *got.ID != raiPolicyID {
			t.Fatalf("%d: got %s, %v", status, mustJSON(t, got), err)
		}
		reqs := tr.requests()
		if len(reqs) != 1 {
			t.Fatalf("%d requests; the PUT is synchronous", len(reqs))
		}
		wantURL(t, reqs[0], http.MethodPut, raiPolicyPath)
		sent := sentJSON(t, reqs[0])
		for _, ro := range []string{"id", "name", "type", "etag", "systemData"} {
			if _, ok := sent[ro]; ok {
				t.Errorf("read-only %q sent: %s", ro, reqs[0].Body)
			}
		}
		props := sent["properties"].(map[string]any)
		if _, ok := props["type"]; ok {
			t.Errorf("read-only properties.type sent: %s", reqs[0].Body)
		}
		for _, k := range []string{"mode", "basePolicyName", "contentFilters", "customBlocklists", "safetyProviders", "egressPolicy"} {
			if _, ok := props[k]; !ok {
				t.Errorf("properties.%s missing: %s", k, reqs[0].Body)
			}
		}
		if !strings.Contains(reqs[0].Body, `{"operation":"Set","name":"X-Static","value":"v"}`) || sent["tags"].(map[string]any)["team"] != "safety" {
			t.Errorf("body = %s", reqs[0].Body)
		}
		if in.ID == nil || in.Properties.Type == nil {
			t.Error("the caller's body was modified")
		}
	}
	t.Run("202 is not in the spec", func(t *testing.T) {
		tr := newTransport(t, reply(202, "", "Location", armEndpoint+"/op"))
		c, _ := newClient(t, tr)
		if _, err := c.CreateOrUpdateRAIPolicy(ctxTimeout(t, 10*time.Second), testRAIPolicyID(), client.RAIPolicy{}); client.StatusCode(err) != 202 {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("refused", func(t *testing.T) {
		checkErrorPassThrough(t, func(ctx context.Context, c *client.Client) error {
			_, err := c.CreateOrUpdateRAIPolicy(ctx, testRAIPolicyID(), client.RAIPolicy{})
			return err
		})
	})
}

func TestRAIEgressPolicy_requiredFieldsAlwaysSent(t *testing.T) {
	b, err := json.Marshal(client.RAIEgressPolicy{Rules: []client.RAIEgressRule{{}}})
	want := `{"rules":[{"name":"","ruleType":"","action":{"actionType":""}}]}`
	if err != nil || string(b) != want {
		t.Errorf("Marshal = %s, %v; want %s", b, err, want)
	}
	b, err = json.Marshal(client.RAIEgressHeaderValueRef{SecretRef: &client.RAIEgressSecretRef{SecretID: "s"},
		ManagedIdentityRef: &client.RAIEgressManagedIdentityRef{Resource: "r"}})
	if want := `{"secretRef":{"secretId":"s"},"managedIdentityRef":{"resource":"r"}}`; err != nil || string(b) != want {
		t.Errorf("Marshal = %s, %v; want %s", b, err, want)
	}
}

func TestBeginDeleteRAIPolicy(t *testing.T) {
	checkBeginDelete(t, raiPolicyPath, func(ctx context.Context, c *client.Client) (*runtime.Poller[struct{}], error) {
		return c.BeginDeleteRAIPolicy(ctx, testRAIPolicyID())
	})
}

func TestListRAIPolicies(t *testing.T) {
	checkPagedList(t, accountPath+"/raiPolicies",
		func(n string) string {
			return `{"name":"` + n + `","properties":{"type":"SystemManaged","mode":"Blocking"}}`
		},
		func(ctx context.Context, c *client.Client) ([]string, error) {
			got, err := c.ListRAIPolicies(ctx, testAccountID())
			for _, p := range got {
				if *p.Properties.Type != client.RAIPolicyTypeSystemManaged || *p.Properties.Mode != client.RAIPolicyModeBlocking {
					t.Errorf("decoded %s", mustJSON(t, p))
				}
			}
			return namesOf(got, err, func(p client.RAIPolicy) *string { return p.Name })
		})
}

// The spec's RAI policy examples (internal/armspec), decoded strictly and replayed to the operations.

func TestExamples_GetRaiPolicy(t *testing.T) {
	body := exampleResponse(t, "GetRaiPolicy.json", "RaiPolicies_Get")
	decodeStrict(t, body, new(client.RAIPolicy))
	got := serve(t, body, func(ctx context.Context, c *client.Client) (client.RAIPolicy, error) {
		return c.GetRAIPolicy(ctx, testRAIPolicyID())
	})
	id, err := client.ParseRAIPolicyID(*got.ID)
	p := got.Properties
	if err != nil || id.Name != "raiPolicyName" || id.AccountID.Name != "accountName" || *got.Name != "raiPolicyName" ||
		*p.BasePolicyName != client.RAIPolicyNameDefault || *p.Mode != client.RAIPolicyModeAsynchronousFilter || len(p.ContentFilters) != 12 ||
		*p.ContentFilters[0].Name != "Hate" || *p.ContentFilters[0].Enabled || *p.ContentFilters[0].SeverityThreshold != client.RAIContentLevelHigh ||
		*p.ContentFilters[1].Source != client.RAIPolicyContentSourceCompletion || *p.ContentFilters[9].Name != "Protected Material Text" ||
		p.ContentFilters[8].SeverityThreshold != nil || p.Type != nil {
		t.Errorf("decoded %s (ID parse: %v)", mustJSON(t, got), err)
	}
}

func TestExamples_ListRaiPolicies(t *testing.T) {
	body := exampleResponse(t, "ListRaiPolicies.json", "RaiPolicies_List")
	decodeStrict(t, body, new(listBody[client.RAIPolicy]))
	got := serve(t, body, func(ctx context.Context, c *client.Client) ([]client.RAIPolicy, error) {
		return c.ListRAIPolicies(ctx, testAccountID())
	})
	if len(got) != 1 || *got[0].Name != "raiPolicyName" || len(got[0].Properties.ContentFilters) != 12 {
		t.Errorf("decoded %s", mustJSON(t, got))
	}
}

func TestExamples_PutRaiPolicy(t *testing.T) {
	raw, err := readExampleFile("PutRaiPolicy.json")
	if err != nil {
		t.Fatal(err)
	}
	var ex struct {
		OperationID string `json:"operationId"`
		Parameters  struct {
			RAIPolicy json.RawMessage `json:"raiPolicy"`
		} `json:"parameters"`
		Responses map[string]struct {
			Body json.RawMessage `json:"body"`
		} `json:"responses"`
	}
	mustUnmarshal(t, string(raw), &ex)
	if ex.OperationID != "RaiPolicies_CreateOrUpdate" || len(ex.Responses) != 2 {
		t.Fatalf("unexpected example: %s, %d responses", ex.OperationID, len(ex.Responses))
	}
	// The request decodes strictly and is sent as the example has it (the client's encoding, compared as JSON).
	var in client.RAIPolicy
	decodeStrict(t, string(ex.Parameters.RAIPolicy), &in)
	for status, r := range ex.Responses {
		t.Run(status, func(t *testing.T) {
			decodeStrict(t, string(r.Body), new(client.RAIPolicy))
			code := map[string]int{"200": 200, "201": 201}[status]
			tr := newTransport(t, reply(code, string(r.Body)))
			c, _ := newClient(t, tr)
			got, err := c.CreateOrUpdateRAIPolicy(ctxTimeout(t, 10*time.Second), testRAIPolicyID(), in)
			if err != nil || *got.Name != "raiPolicyName" || len(got.Properties.ContentFilters) != 12 {
				t.Fatalf("got %s, %v", mustJSON(t, got), err)
			}
			var want, sent any
			mustUnmarshal(t, string(ex.Parameters.RAIPolicy), &want)
			mustUnmarshal(t, tr.requests()[0].Body, &sent)
			if mustJSON(t, want) != mustJSON(t, sent) {
				t.Errorf("sent %s\nwant %s", mustJSON(t, sent), mustJSON(t, want))
			}
		})
	}
}

func TestExamples_DeleteRaiPolicy(t *testing.T) {
	raw, err := readExampleFile("DeleteRaiPolicy.json")
	if err != nil {
		t.Fatal(err)
	}
	var ex struct {
		OperationID string `json:"operationId"`
		Responses   map[string]struct {
			Headers map[string]string `json:"headers"`
		} `json:"responses"`
	}
	mustUnmarshal(t, string(raw), &ex)
	if ex.OperationID != "RaiPolicies_Delete" {
		t.Fatalf("example of %s", ex.OperationID)
	}
	// The example's 202 carries azure-asyncoperation (the spec declares Location); both are followed. Its URL is a
	// plain-http placeholder, to which the client rightly sends no token: it is served over https here.
	async := ex.Responses["202"].Headers["azure-asyncoperation"]
	if !strings.HasPrefix(async, "http://") {
		t.Fatalf("202 headers %v", ex.Responses["202"].Headers)
	}
	async = "https://" + strings.TrimPrefix(async, "http://")
	for status, script := range map[string][]func(*http.Request) *http.Response{
		"202": {reply(202, "", "azure-asyncoperation", async), reply(200, `{"status":"Succeeded"}`)},
		"204": {reply(204, "")},
	} {
		if _, ok := ex.Responses[status]; !ok {
			t.Fatalf("no %s response in the example", status)
		}
		tr := newTransport(t, script...)
		c, _ := newClient(t, tr)
		ctx := ctxTimeout(t, 10*time.Second)
		p, err := c.BeginDeleteRAIPolicy(ctx, testRAIPolicyID())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.Wait(ctx, c, p); err != nil {
			t.Fatalf("%s: %v", status, err)
		}
		if reqs := tr.requests(); len(reqs) != len(script) || (status == "202" && reqs[1].URL != async) {
			t.Errorf("%s: requests %v", status, reqs)
		}
	}
}
