package client_test

import (
	"net/http"
	"testing"
	"time"
)

func TestListAccountCapabilityHosts(t *testing.T) {
	host := `{"id":"` + accountID + `/capabilityHosts/myAccount@aml_aiagentservice","name":"myAccount@aml_aiagentservice",
	  "type":"Microsoft.CognitiveServices/accounts/capabilityHosts",
	  "properties":{"capabilityHostKind":"Agents","customerSubnet":"/subscriptions/s/x/subnets/agents","provisioningState":"Succeeded"}}`
	tr := newTransport(t,
		reply(200, `{"value":[`+host+`],"nextLink":"`+armEndpoint+accountPath+`/capabilityHosts?page=2&api-version=2026-09-01"}`),
		reply(200, `{"value":[]}`),
		reply(200, host))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := c.ListAccountCapabilityHosts(ctx, testAccountID())
	if err != nil || len(got) != 1 || *got[0].Name != "myAccount@aml_aiagentservice" || *got[0].Properties.CapabilityHostKind != "Agents" {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
	one, err := c.GetAccountCapabilityHost(ctx, testAccountID(), "myAccount@aml_aiagentservice")
	if err != nil || *one.Properties.ProvisioningState != "Succeeded" {
		t.Fatalf("got %s, %v", mustJSON(t, one), err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, accountPath+"/capabilityHosts")
	wantURL(t, reqs[2], http.MethodGet, accountPath+"/capabilityHosts/myAccount@aml_aiagentservice")
}
