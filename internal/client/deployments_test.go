package client_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	deploymentPath    = accountPath + "/deployments/myDeployment"
	getDeploymentBody = `{"id":"` + deploymentID + `","name":"myDeployment","type":"Microsoft.CognitiveServices/accounts/deployments",
	  "etag":"\"e1\"","sku":{"name":"GlobalStandard","capacity":10},"tags":{"team":"ml"},
	  "systemData":{"createdBy":"me","createdByType":"User"},
	  "properties":{"provisioningState":"Succeeded","deploymentState":"Running","serviceTier":"Priority",
	    "model":{"format":"OpenAI","name":"gpt-4o","version":"2024-08-06","publisher":"OpenAI",
	      "sourceAccount":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/other",
	      "callRateLimit":{"count":1,"renewalPeriod":60}},
	    "raiPolicyName":"Microsoft.DefaultV2","versionUpgradeOption":"OnceCurrentVersionExpired",
	    "currentCapacity":10,"capacitySettings":{"designatedCapacity":5,"priority":1},
	    "scaleSettings":{"scaleType":"Manual","capacity":10,"activeCapacity":8},
	    "capabilities":{"chatCompletion":"true"},"dynamicThrottlingEnabled":false,
	    "callRateLimit":{"count":600,"renewalPeriod":60,"rules":[{"key":"request","count":600}]},
	    "rateLimits":[{"key":"request","renewalPeriod":10,"count":100,"minCount":1.5,"dynamicThrottlingEnabled":true,
	      "matchPatterns":[{"path":"/chat/completions","method":"POST"}]},{"key":"token","renewalPeriod":60,"count":10000}],
	    "parentDeploymentName":"parent","spilloverDeploymentName":"overflow",
	    "contextCacheContainerId":"/subscriptions/s/cache",
	    "routing":{"mode":"quality","models":[{"format":"OpenAI","name":"gpt-4.1","version":"2025-04-14","callRateLimit":{"count":2}}]}}}`
)

func testDeploymentID() client.DeploymentID {
	return client.NewDeploymentID(testAccountID(), "myDeployment")
}

func TestGetDeployment(t *testing.T) {
	tr := newTransport(t, reply(200, getDeploymentBody))
	c, _ := newClient(t, tr)
	got, err := c.GetDeployment(ctxTimeout(t, 10*time.Second), testDeploymentID())
	if err != nil {
		t.Fatal(err)
	}
	wantURL(t, tr.requests()[0], http.MethodGet, deploymentPath)
	p := got.Properties
	if *got.ID != deploymentID || *got.SKU.Name != "GlobalStandard" || *got.SKU.Capacity != 10 || got.Tags["team"] != "ml" ||
		*p.ProvisioningState != client.DeploymentProvisioningStateSucceeded || *p.DeploymentState != client.DeploymentStateRunning ||
		*p.ServiceTier != client.DeploymentServiceTierPriority || *p.Model.Name != "gpt-4o" || *p.Model.CallRateLimit.Count != 1 ||
		*p.VersionUpgradeOption != client.DeploymentModelVersionUpgradeOptionOnceCurrentVersionExpired ||
		*p.CapacitySettings.DesignatedCapacity != 5 || *p.ScaleSettings.ActiveCapacity != 8 || p.Capabilities["chatCompletion"] != "true" ||
		*p.CallRateLimit.Rules[0].Key != "request" || *p.RateLimits[0].MinCount != 1.5 || *p.RateLimits[0].MatchPatterns[0].Method != "POST" ||
		*p.SpilloverDeploymentName != "overflow" || *p.Routing.Mode != client.DeploymentRoutingModeQuality || *p.Routing.Models[0].Name != "gpt-4.1" {
		t.Errorf("decoded deployment is wrong: %s", mustJSON(t, got))
	}
}

func TestGetDeployment_nullableEnums(t *testing.T) {
	tr := newTransport(t, reply(200, `{"name":"d","properties":{"serviceTier":null,"deploymentState":null}}`))
	c, _ := newClient(t, tr)
	got, err := c.GetDeployment(ctxTimeout(t, 10*time.Second), testDeploymentID())
	if err != nil || got.Properties.ServiceTier != nil || got.Properties.DeploymentState != nil {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
}

func TestBeginCreateOrUpdateDeployment_azureAsyncOperation(t *testing.T) {
	async := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationStatuses/op1?api-version=" + client.APIVersion
	tr := newTransport(t,
		reply(201, `{"name":"myDeployment","properties":{"provisioningState":"Accepted"}}`, "Azure-AsyncOperation", async, "Retry-After", "0"),
		reply(200, `{"name":"myDeployment","properties":{"provisioningState":"Creating"}}`),
		reply(200, getDeploymentBody), // the deployment in a terminal state: the result (issue 18: no read after it)
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	var in client.Deployment
	mustUnmarshal(t, getDeploymentBody, &in)
	p, err := c.BeginCreateOrUpdateDeployment(ctx, testDeploymentID(), in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil {
		t.Fatal(err)
	}
	if *got.ID != deploymentID || *got.Properties.ProvisioningState != client.DeploymentProvisioningStateSucceeded {
		t.Errorf("result is not the deployment read after the operation: %s", mustJSON(t, got))
	}
	reqs := tr.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want PUT and 2 polls of the deployment", len(reqs))
	}
	wantURL(t, reqs[0], http.MethodPut, deploymentPath)
	wantURL(t, reqs[1], http.MethodGet, deploymentPath)
	wantURL(t, reqs[2], http.MethodGet, deploymentPath)

	var sent map[string]any
	mustUnmarshal(t, reqs[0].Body, &sent)
	for _, ro := range []string{"id", "name", "type", "etag", "systemData"} {
		if _, ok := sent[ro]; ok {
			t.Errorf("read-only %q sent: %s", ro, reqs[0].Body)
		}
	}
	props := sent["properties"].(map[string]any)
	for _, ro := range []string{"provisioningState", "capabilities", "callRateLimit", "rateLimits", "dynamicThrottlingEnabled"} {
		if _, ok := props[ro]; ok {
			t.Errorf("read-only properties.%s sent: %s", ro, reqs[0].Body)
		}
	}
	for _, ro := range []string{`"activeCapacity"`, `"callRateLimit"`} {
		if strings.Contains(reqs[0].Body, ro) {
			t.Errorf("read-only %s sent: %s", ro, reqs[0].Body)
		}
	}
	for _, k := range []string{"model", "raiPolicyName", "versionUpgradeOption", "currentCapacity", "capacitySettings", "scaleSettings",
		"parentDeploymentName", "spilloverDeploymentName", "serviceTier", "deploymentState", "routing", "contextCacheContainerId"} {
		if _, ok := props[k]; !ok {
			t.Errorf("writable properties.%s missing: %s", k, reqs[0].Body)
		}
	}
	if sent["sku"].(map[string]any)["name"] != "GlobalStandard" || sent["tags"].(map[string]any)["team"] != "ml" {
		t.Errorf("sku or tags missing: %s", reqs[0].Body)
	}
	if in.ID == nil || in.Properties.ProvisioningState == nil || in.Properties.Model.CallRateLimit == nil ||
		in.Properties.ScaleSettings.ActiveCapacity == nil || in.Properties.Routing.Models[0].CallRateLimit == nil {
		t.Error("the caller's body was modified")
	}
}

func TestBeginCreateOrUpdateDeployment_exampleBody(t *testing.T) {
	// The PutDeployment example's request, built from the typed model, must be sent as is.
	tr := newTransport(t, reply(200, getDeploymentBody), reply(200, getDeploymentBody))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	body := client.Deployment{
		SKU: &client.SKU{Name: ptr("Standard"), Capacity: ptr[int32](1)},
		Properties: &client.DeploymentProperties{
			DeploymentState: ptr(client.DeploymentStateRunning),
			Model:           &client.DeploymentModel{Name: ptr("ada"), Format: ptr("OpenAI"), Version: ptr("1")},
			ServiceTier:     ptr(client.DeploymentServiceTierPriority),
		},
	}
	p, err := c.BeginCreateOrUpdateDeployment(ctx, testDeploymentID(), body)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); err != nil {
		t.Fatal(err)
	}
	want := `{"sku":{"name":"Standard","capacity":1},"properties":{"model":{"format":"OpenAI","name":"ada","version":"1"},"serviceTier":"Priority","deploymentState":"Running"}}`
	if got := tr.requests()[0].Body; got != want {
		t.Errorf("PUT body = %s\nwant        %s", got, want)
	}
}

func TestBeginCreateOrUpdateDeployment_failed(t *testing.T) {
	tr := newTransport(t,
		reply(201, `{"properties":{"provisioningState":"Accepted"}}`, "Azure-AsyncOperation", armEndpoint+"/status"),
		reply(200, `{"properties":{"provisioningState":"Creating"}}`),
		reply(200, `{"properties":{"provisioningState":"Failed"}}`), // a resource carries no error...
		// ...so the operation's monitor is read once, for its code and message.
		reply(200, `{"status":"Failed","error":{"code":"InsufficientQuota","message":"This operation requires 10 new capacity in quota."}}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginCreateOrUpdateDeployment(ctx, testDeploymentID(), client.Deployment{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.Wait(ctx, c, p)
	if client.ErrorCode(err) != "InsufficientQuota" || !strings.Contains(client.ErrorMessage(err), "quota") {
		t.Fatalf("err = %v (code %q)", err, client.ErrorCode(err))
	}
	if reqs := tr.requests(); len(reqs) != 4 || reqs[3].URL != armEndpoint+"/status" {
		t.Errorf("%d requests; want the PUT, two polls of the deployment and one read of the monitor", len(reqs))
	}
}

func TestBeginCreateOrUpdateDeployment_rejected(t *testing.T) {
	tr := newTransport(t, reply(400, `{"error":{"code":"DeploymentModelNotSupported","message":"no"}}`))
	c, _ := newClient(t, tr)
	_, err := c.BeginCreateOrUpdateDeployment(ctxTimeout(t, 10*time.Second), testDeploymentID(), client.Deployment{})
	if client.StatusCode(err) != 400 || client.ErrorCode(err) != "DeploymentModelNotSupported" {
		t.Fatalf("err = %v", err)
	}
}

func TestBeginUpdateDeployment(t *testing.T) {
	poll := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationResults/op2?api-version=" + client.APIVersion
	tr := newTransport(t,
		reply(202, "", "Location", poll, "Retry-After", "0"),
		reply(202, "", "Location", poll),
		reply(200, ""),
		reply(200, getDeploymentBody),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	body := client.DeploymentUpdate{SKU: &client.SKU{Name: ptr("GlobalStandard"), Capacity: ptr[int32](20)}, Tags: map[string]string{}}
	p, err := c.BeginUpdateDeployment(ctx, testDeploymentID(), body)
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil {
		t.Fatal(err)
	}
	if *got.ID != deploymentID {
		t.Errorf("result is not the deployment read after the operation: %s", mustJSON(t, got))
	}
	reqs := tr.requests()
	if len(reqs) != 4 {
		t.Fatalf("%d requests, want PATCH, 2 polls, GET", len(reqs))
	}
	wantURL(t, reqs[0], http.MethodPatch, deploymentPath)
	if reqs[0].Body != `{"sku":{"name":"GlobalStandard","capacity":20},"tags":{}}` {
		t.Errorf("PATCH body = %s", reqs[0].Body)
	}
	if reqs[1].URL != poll || reqs[2].URL != poll {
		t.Errorf("polls went to %s, %s; want %s", reqs[1].URL, reqs[2].URL, poll)
	}
	wantURL(t, reqs[3], http.MethodGet, deploymentPath)
}

func TestBeginUpdateDeployment_bodyOmitsNil(t *testing.T) {
	tr := newTransport(t, reply(200, getDeploymentBody), reply(200, getDeploymentBody))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginUpdateDeployment(ctx, testDeploymentID(), client.DeploymentUpdate{Tags: map[string]string{"a": "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); err != nil {
		t.Fatal(err)
	}
	if got := tr.requests()[0].Body; got != `{"tags":{"a":"b"}}` {
		t.Errorf("PATCH body = %s", got)
	}
}

func TestBeginDeleteDeployment(t *testing.T) {
	for name, script := range map[string][]func(*http.Request) *http.Response{
		"already gone":    {reply(204, "")},
		"synchronous":     {reply(200, "")},
		"location":        {reply(202, "", "Location", armEndpoint+"/op"), reply(202, "", "Location", armEndpoint+"/op"), reply(200, "")},
		"poll 204":        {reply(202, "", "Location", armEndpoint+"/op"), reply(204, "")},
		"async operation": {reply(202, "", "azure-asyncoperation", armEndpoint+"/status"), reply(200, `{"status":"Succeeded"}`)},
	} {
		t.Run(name, func(t *testing.T) {
			tr := newTransport(t, script...)
			c, _ := newClient(t, tr)
			ctx := ctxTimeout(t, 10*time.Second)
			p, err := c.BeginDeleteDeployment(ctx, testDeploymentID())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := client.Wait(ctx, c, p); err != nil {
				t.Fatal(err)
			}
			reqs := tr.requests()
			wantURL(t, reqs[0], http.MethodDelete, deploymentPath)
			if len(reqs) != len(script) {
				t.Errorf("%d requests, want %d", len(reqs), len(script))
			}
		})
	}
}

func TestPauseAndResumeDeployment(t *testing.T) {
	tr := newTransport(t,
		reply(200, `{"name":"myDeployment","properties":{"deploymentState":"Paused"}}`),
		reply(200, `{"name":"myDeployment","properties":{"deploymentState":"Running"}}`),
		reply(400, `{"error":{"code":"OperationNotSupported","message":"Pause is not supported for this SKU."}}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := c.PauseDeployment(ctx, testDeploymentID())
	if err != nil || *got.Properties.DeploymentState != client.DeploymentStatePaused {
		t.Fatalf("PauseDeployment = %s, %v", mustJSON(t, got), err)
	}
	got, err = c.ResumeDeployment(ctx, testDeploymentID())
	if err != nil || *got.Properties.DeploymentState != client.DeploymentStateRunning {
		t.Fatalf("ResumeDeployment = %s, %v", mustJSON(t, got), err)
	}
	if _, err := c.PauseDeployment(ctx, testDeploymentID()); client.ErrorCode(err) != "OperationNotSupported" {
		t.Fatalf("err = %v", err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodPost, deploymentPath+"/pause")
	wantURL(t, reqs[1], http.MethodPost, deploymentPath+"/resume")
	if reqs[0].Body != "" || reqs[1].Body != "" {
		t.Errorf("pause/resume sent a body: %q, %q", reqs[0].Body, reqs[1].Body)
	}
}

func TestDeploymentUpdate_JSON(t *testing.T) {
	for _, tc := range []struct {
		in   client.DeploymentUpdate
		want string
	}{
		{client.DeploymentUpdate{}, `{}`},
		{client.DeploymentUpdate{Tags: map[string]string{}}, `{"tags":{}}`},
		{client.DeploymentUpdate{SKU: &client.SKU{Name: ptr("Standard")}}, `{"sku":{"name":"Standard"}}`},
	} {
		b, err := json.Marshal(tc.in)
		if err != nil || string(b) != tc.want {
			t.Errorf("Marshal = %s, %v; want %s", b, err, tc.want)
		}
	}
}
