package client_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const getAccountBody = `{
  "name": "myAccount", "type": "Microsoft.CognitiveServices/accounts", "etag": "W/\"x\"",
  "id": "` + accountID + `", "kind": "AIServices", "location": "westus",
  "identity": {"type": "SystemAssigned, UserAssigned", "principalId": "p", "tenantId": "t",
    "userAssignedIdentities": {"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u": {"principalId": "up", "clientId": "uc"}}},
  "properties": {"endpoint": "https://mysub.cognitiveservices.azure.com/", "provisioningState": "Succeeded",
    "endpoints": {"AI Foundry API": "https://mysub.services.ai.azure.com/"}, "customSubDomainName": "mysub",
    "allowProjectManagement": true, "networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "1.2.3.4"}]},
    "networkInjections": [{"scenario": "agent", "subnetArmId": "/subscriptions/s/x", "useMicrosoftManagedNetwork": false}],
    "futureProperty": {"ignored": true}},
  "sku": {"name": "S0"}, "tags": {"Owner": "me"},
  "systemData": {"createdBy": "me", "createdByType": "User", "createdAt": "2026-01-02T03:04:05Z"}
}`

// wantURL checks method and URL (path and query) of a recorded request.
func wantURL(t *testing.T, got request, method, path string) {
	t.Helper()
	u, err := url.Parse(got.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got.Method != method || u.Scheme+"://"+u.Host+u.EscapedPath() != armEndpoint+path {
		t.Errorf("request = %s %s, want %s %s%s", got.Method, got.URL, method, armEndpoint, path)
	}
	if v := u.Query().Get("api-version"); v != client.APIVersion {
		t.Errorf("api-version = %q, want %q", v, client.APIVersion)
	}
}

const accountPath = "/subscriptions/" + sub + "/resourceGroups/myRG/providers/Microsoft.CognitiveServices/accounts/myAccount"

func TestGetAccount(t *testing.T) {
	tr := newTransport(t, reply(200, getAccountBody))
	c, _ := newClient(t, tr)
	got, err := c.GetAccount(ctxTimeout(t, 10*time.Second), testAccountID())
	if err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, accountPath)
	if reqs[0].Header.Get("Accept") != "application/json" {
		t.Errorf("Accept = %q", reqs[0].Header.Get("Accept"))
	}
	p := got.Properties
	if *got.ID != accountID || *got.Kind != "AIServices" || got.Tags["Owner"] != "me" || *got.SKU.Name != "S0" ||
		*p.ProvisioningState != client.ProvisioningStateSucceeded || p.Endpoints["AI Foundry API"] == "" ||
		!*p.AllowProjectManagement || *p.NetworkACLs.DefaultAction != client.NetworkRuleActionDeny ||
		*p.NetworkACLs.IPRules[0].Value != "1.2.3.4" || *p.NetworkInjections[0].Scenario != client.ScenarioTypeAgent ||
		*got.Identity.Type != client.IdentityTypeSystemAssignedUserAssigned || *got.SystemData.CreatedByType != client.CreatedByTypeUser {
		t.Errorf("decoded account is wrong: %s", mustJSON(t, got))
	}
}

func TestGetAccount_notFound(t *testing.T) {
	tr := newTransport(t, reply(404, `{"error":{"code":"ResourceNotFound","message":"gone"}}`))
	c, _ := newClient(t, tr)
	_, err := c.GetAccount(ctxTimeout(t, 10*time.Second), testAccountID())
	if !client.IsNotFound(err) || client.ErrorCode(err) != "ResourceNotFound" || client.ErrorMessage(err) != "gone" {
		t.Fatalf("err = %v", err)
	}
}

func TestBeginCreateOrUpdateAccount_locationPattern(t *testing.T) {
	poll := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationResults/op1?api-version=" + client.APIVersion
	tr := newTransport(t,
		reply(201, `{"properties":{"provisioningState":"Creating"}}`, "Location", poll),
		reply(202, "", "Location", poll),
		reply(200, `{}`),
		reply(200, getAccountBody),
	)
	c, _ := newClient(t, tr)
	var in client.Account
	if err := json.Unmarshal([]byte(getAccountBody), &in); err != nil {
		t.Fatal(err)
	}
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginCreateOrUpdateAccount(ctx, testAccountID(), in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Wait(ctx, c, p)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == nil || *got.ID != accountID {
		t.Errorf("result is not the account read after the operation: %s", mustJSON(t, got))
	}
	reqs := tr.requests()
	if len(reqs) != 4 {
		t.Fatalf("%d requests, want PUT, 2 polls, GET", len(reqs))
	}
	wantURL(t, reqs[0], http.MethodPut, accountPath)
	if reqs[1].URL != poll || reqs[2].URL != poll {
		t.Errorf("polls went to %s, %s; want %s", reqs[1].URL, reqs[2].URL, poll)
	}
	wantURL(t, reqs[3], http.MethodGet, accountPath)
	if reqs[0].Header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type = %q", reqs[0].Header.Get("Content-Type"))
	}
	var sent map[string]any
	if err := json.Unmarshal([]byte(reqs[0].Body), &sent); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []string{"id", "name", "type", "etag", "systemData"} {
		if _, ok := sent[ro]; ok {
			t.Errorf("read-only %q sent: %s", ro, reqs[0].Body)
		}
	}
	props := sent["properties"].(map[string]any)
	for _, ro := range []string{"provisioningState", "endpoint", "endpoints", "futureProperty"} {
		if _, ok := props[ro]; ok {
			t.Errorf("read-only properties.%s sent: %s", ro, reqs[0].Body)
		}
	}
	if props["customSubDomainName"] != "mysub" || props["allowProjectManagement"] != true {
		t.Errorf("writable properties missing: %s", reqs[0].Body)
	}
	for _, ro := range []string{`"principalId"`, `"tenantId"`, `"clientId"`} {
		if strings.Contains(reqs[0].Body, ro) {
			t.Errorf("identity read-only field %s sent: %s", ro, reqs[0].Body)
		}
	}
	if in.ID == nil || in.Properties.ProvisioningState == nil || in.Identity.PrincipalID == nil {
		t.Error("the caller's body was modified")
	}
}

func TestBeginCreateOrUpdateAccount_synchronous(t *testing.T) {
	tr := newTransport(t, reply(200, getAccountBody), reply(200, getAccountBody))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	p, err := c.BeginCreateOrUpdateAccount(ctx, testAccountID(), client.Account{Location: ptr("westus")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); err != nil {
		t.Fatal(err)
	}
	if got := tr.requests(); len(got) != 2 || got[1].Method != http.MethodGet {
		t.Fatalf("requests: %+v", got)
	}
}

func TestBeginCreateOrUpdateAccount_rejected(t *testing.T) {
	tr := newTransport(t, reply(409, `{"error":{"code":"FlagMustBeSetForRestore","message":"soft-deleted"}}`))
	c, _ := newClient(t, tr)
	_, err := c.BeginCreateOrUpdateAccount(ctxTimeout(t, 10*time.Second), testAccountID(), client.Account{})
	if !client.IsConflict(err) || client.ErrorCode(err) != "FlagMustBeSetForRestore" {
		t.Fatalf("err = %v", err)
	}
	if n := len(tr.requests()); n != 1 {
		t.Fatalf("a final 409 was sent %d times", n)
	}
}

func TestBeginUpdateAccount(t *testing.T) {
	poll := armEndpoint + "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/operationResults/op2"
	tr := newTransport(t, reply(202, "", "Location", poll), reply(200, ""), reply(200, getAccountBody))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	body := client.Account{Tags: map[string]string{}, Properties: &client.AccountProperties{DisableLocalAuth: ptr(true)}}
	p, err := c.BeginUpdateAccount(ctx, testAccountID(), body)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Wait(ctx, c, p); err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodPatch, accountPath)
	if reqs[0].Body != `{"tags":{},"properties":{"disableLocalAuth":true}}` {
		t.Errorf("PATCH body = %s", reqs[0].Body)
	}
}

func TestBeginDeleteAccount(t *testing.T) {
	for name, script := range map[string][]func(*http.Request) *http.Response{
		"already gone": {reply(204, "")},
		"synchronous":  {reply(200, "")},
		"long-running": {reply(202, "", "Location", armEndpoint+"/op"), reply(202, "", "Location", armEndpoint+"/op"), reply(200, "")},
		"poll 204":     {reply(202, "", "Location", armEndpoint+"/op"), reply(204, "")},
	} {
		t.Run(name, func(t *testing.T) {
			tr := newTransport(t, script...)
			c, _ := newClient(t, tr)
			ctx := ctxTimeout(t, 10*time.Second)
			p, err := c.BeginDeleteAccount(ctx, testAccountID())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := client.Wait(ctx, c, p); err != nil {
				t.Fatal(err)
			}
			reqs := tr.requests()
			wantURL(t, reqs[0], http.MethodDelete, accountPath)
			if len(reqs) != len(script) {
				t.Errorf("%d requests, want %d", len(reqs), len(script))
			}
		})
	}
}

func TestListAccountsByResourceGroup(t *testing.T) {
	next := armEndpoint + "/subscriptions/" + sub + "/resourceGroups/myRG/providers/Microsoft.CognitiveServices/accounts?api-version=" + client.APIVersion + "&%24skipToken=abc"
	tr := newTransport(t,
		reply(200, `{"value":[{"name":"a"}],"nextLink":"`+next+`"}`),
		reply(200, `{"value":[],"nextLink":"`+next+`2"}`),
		reply(200, `{"value":[{"name":"b"},{"name":"c"}],"nextLink":null}`),
	)
	c, _ := newClient(t, tr)
	got, err := c.ListAccountsByResourceGroup(ctxTimeout(t, 10*time.Second), client.ResourceGroupID{SubscriptionID: sub, Name: "myRG"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || *got[2].Name != "c" {
		t.Fatalf("got %s", mustJSON(t, got))
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, "/subscriptions/"+sub+"/resourceGroups/myRG/providers/Microsoft.CognitiveServices/accounts")
	if reqs[1].URL != next || reqs[2].URL != next+"2" {
		t.Errorf("nextLink not followed as given: %s, %s", reqs[1].URL, reqs[2].URL)
	}
}

func TestListKeysAndRegenerateKey(t *testing.T) {
	tr := newTransport(t, reply(200, `{"key1":"k1","key2":"k2"}`), reply(200, `{"key1":"k1","key2":"new"}`))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	keys, err := c.ListKeys(ctx, testAccountID())
	if err != nil || *keys.Key1 != "k1" {
		t.Fatalf("ListKeys = %+v, %v", keys, err)
	}
	keys, err = c.RegenerateKey(ctx, testAccountID(), client.KeyNameKey2)
	if err != nil || *keys.Key2 != "new" {
		t.Fatalf("RegenerateKey = %+v, %v", keys, err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodPost, accountPath+"/listKeys")
	wantURL(t, reqs[1], http.MethodPost, accountPath+"/regenerateKey")
	if reqs[1].Body != `{"keyName":"Key2"}` {
		t.Errorf("regenerateKey body = %s", reqs[1].Body)
	}
}

func TestCheckDomainAvailability(t *testing.T) {
	tr := newTransport(t, reply(200, `{"isSubdomainAvailable":false,"reason":"taken","subdomainName":"mysub","type":"Microsoft.CognitiveServices/accounts"}`))
	c, _ := newClient(t, tr)
	got, err := c.CheckDomainAvailability(ctxTimeout(t, 10*time.Second), sub, "mysub", "AIServices")
	if err != nil || *got.IsSubdomainAvailable || *got.Reason != "taken" {
		t.Fatalf("got %+v, %v", got, err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodPost, "/subscriptions/"+sub+"/providers/Microsoft.CognitiveServices/checkDomainAvailability")
	if reqs[0].Body != `{"subdomainName":"mysub","type":"Microsoft.CognitiveServices/accounts","kind":"AIServices"}` {
		t.Errorf("body = %s", reqs[0].Body)
	}
}

func TestAccountURLEscapesNames(t *testing.T) {
	tr := newTransport(t, reply(200, `{}`))
	c, _ := newClient(t, tr)
	if _, err := c.GetAccount(ctxTimeout(t, 10*time.Second), client.NewAccountID(sub, "my rg", "a#b?c")); err != nil {
		t.Fatal(err)
	}
	if got := tr.requests()[0].URL; !strings.Contains(got, "/resourceGroups/my%20rg/") || !strings.Contains(got, "/accounts/a%23b%3Fc?api-version=") {
		t.Fatalf("URL not escaped: %s", got)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
