package emulator_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const (
	agentSubnet  = vnetID + "/subnets/snet-agents"
	agentSubnet2 = vnetID + "/subnets/snet-agents-2"
)

// injected is a Foundry account body with agent network injection on subnet.
func injected(subdomain, subnet string) map[string]any {
	body := foundryAccount(subdomain)
	body["properties"].(map[string]any)["networkInjections"] = []any{
		map[string]any{"scenario": "agent", "subnetArmId": subnet, "useMicrosoftManagedNetwork": false},
	}
	return body
}

// links returns the service association links of a subnet.
func (c *rawClient) links(subnet string) []any {
	c.t.Helper()
	sn := must(c.t, c.do(http.MethodGet, withAPI(subnet, netAPI), nil), http.StatusOK)
	l, _ := sn.props()["serviceAssociationLinks"].([]any)
	return l
}

// advance moves the emulator clock and takes a fresh token (tokens age on the emulator clock).
func (c *rawClient) advance(d time.Duration) {
	c.t.Helper()
	c.srv.AdvanceClock(d)
	tok, err := c.srv.Token(armAud)
	if err != nil {
		c.t.Fatal(err)
	}
	c.token = tok
}

func deletedPath(location, name string) string {
	return "/subscriptions/" + subID + "/providers/Microsoft.CognitiveServices/locations/" + location + "/resourceGroups/rg-foundry/deletedAccounts/" + name
}

func TestInjection_Rules(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	twoAgents := injected("inj-two", agentSubnet)
	twoAgents["properties"].(map[string]any)["networkInjections"] = append(twoAgents["properties"].(map[string]any)["networkInjections"].([]any),
		map[string]any{"scenario": "agent", "subnetArmId": agentSubnet2})
	badScenario := injected("inj-scn", agentSubnet)
	badScenario["properties"].(map[string]any)["networkInjections"].([]any)[0].(map[string]any)["scenario"] = "inference"
	westAccount := injected("inj-west", agentSubnet)
	westAccount["location"] = "westus"
	for _, tc := range []struct {
		name, code, msg string
		body            map[string]any
	}{
		{"malformed id", "LinkedInvalidPropertyId", "networkInjections[0].subnetArmId", injected("inj-1", "snet-agents")},
		{"missing subnet", "SubnetNotFound", "snet-nope", injected("inj-2", vnetID+"/subnets/snet-nope")},
		{"missing vnet", "SubnetNotFound", "vnet-nope", injected("inj-3", rgPrefix+"rg-foundry/providers/Microsoft.Network/virtualNetworks/vnet-nope/subnets/a")},
		{"not delegated", "SubnetMissingRequiredDelegation", "Subnet requires any of the following delegation(s) [Microsoft.App/environments]",
			injected("inj-4", vnetID+"/subnets/snet-plain")},
		{"other region", "SubnetLocationMismatch", "region 'eastus'", westAccount},
		{"reserved range", "InvalidSubnetAddressSpace", "Provided subnet must be of the proper address space. Please provide a subnet which has address space in the range of 172 or 192.",
			injected("inj-5", vnetID+"/subnets/snet-reserved")},
		{"public range", "InvalidSubnetAddressSpace", "range of 172 or 192", injected("inj-6", vnetID+"/subnets/snet-public")},
		{"two agent entries", "InvalidNetworkInjections", "Only one", twoAgents},
		{"unknown scenario", "InvalidNetworkInjections", "'inference'", badScenario},
		{"neither subnet nor managed network", "InvalidNetworkInjections", "needs a subnetArmId", injected("inj-7", "")},
	} {
		r := mustErr(t, c.do(http.MethodPut, accountPath("rg-foundry", strings.ReplaceAll(tc.name, " ", "-")), tc.body), http.StatusBadRequest, tc.code)
		if !strings.Contains(errMessage(r), tc.msg) {
			t.Errorf("%s: message %q does not mention %q", tc.name, errMessage(r), tc.msg)
		}
	}
	// A refused create leaves nothing behind; the Microsoft-managed network needs no subnet.
	if l := c.links(agentSubnet); len(l) != 0 {
		t.Fatalf("links after refused creates: %v", l)
	}
	managed := foundryAccount("inj-managed")
	managed["properties"].(map[string]any)["networkInjections"] = []any{map[string]any{"scenario": "agent", "useMicrosoftManagedNetwork": true}}
	c.create(accountPath("rg-foundry", "inj-managed"), managed)
}

func TestInjection_LinkCapabilityHostAndCreateOnly(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "agents")
	a := c.create(p, injected("agents", agentSubnet))
	if n := a.props()["networkInjections"].([]any); len(n) != 1 {
		t.Fatalf("account: %s", a.raw)
	}
	l := c.links(agentSubnet)
	link := obj(l[0])
	if len(l) != 1 || link["name"] != "legionservicelink" || link["type"] != "Microsoft.Network/virtualNetworks/subnets/serviceAssociationLinks" ||
		link["id"] != agentSubnet+"/serviceAssociationLinks/legionservicelink" || obj(link, "properties")["linkedResourceType"] != "Microsoft.App/environments" ||
		obj(link, "properties")["link"] != p {
		t.Fatalf("links: %v", l)
	}
	// The implicit account capability host.
	hosts := c.listAll(p + "/capabilityHosts")
	if len(hosts) != 1 || hosts[0]["name"] != "agents@aml_aiagentservice" {
		t.Fatalf("capability hosts: %v", hosts)
	}
	h := must(t, c.do(http.MethodGet, p+"/capabilityHosts/agents@aml_aiagentservice", nil), http.StatusOK)
	if h.body["type"] != "Microsoft.CognitiveServices/accounts/capabilityHosts" || h.props()["capabilityHostKind"] != "Agents" ||
		h.props()["customerSubnet"] != agentSubnet || h.props()["provisioningState"] != "Succeeded" {
		t.Fatalf("capability host: %s", h.raw)
	}
	mustErr(t, c.do(http.MethodPut, p+"/capabilityHosts/other", map[string]any{"properties": map[string]any{"capabilityHostKind": "Agents"}}), http.StatusConflict, "Conflict")
	// Create-only: the same injections (any casing) pass, a change, a removal or a later addition are refused.
	same := injected("agents", strings.ToLower(agentSubnet))
	c.settle(must(t, c.do(http.MethodPut, p, same), http.StatusOK))
	mustErr(t, c.do(http.MethodPut, p, injected("agents", agentSubnet2)), http.StatusBadRequest, "NetworkInjectionsUpdateNotSupported")
	mustErr(t, c.do(http.MethodPut, p, foundryAccount("agents")), http.StatusBadRequest, "NetworkInjectionsUpdateNotSupported")
	mustErr(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"networkInjections": nil}}), http.StatusBadRequest, "NetworkInjectionsUpdateNotSupported")
	c.settle(must(t, c.do(http.MethodPatch, p, map[string]any{"tags": map[string]any{"a": "b"}}), http.StatusAccepted))
	q := c.foundryIn("plain", "eastus")
	mustErr(t, c.do(http.MethodPut, q, injected("plain-sub", agentSubnet2)), http.StatusBadRequest, "NetworkInjectionsUpdateNotSupported")
	// Exclusivity: a second account on the subnet, and deleting the subnet, are refused.
	e := mustErr(t, c.do(http.MethodPut, accountPath("rg-foundry", "second"), injected("second", agentSubnet)), http.StatusBadRequest, "SubnetInUse")
	if !strings.Contains(errMessage(e), "Subnet already in use") || !strings.Contains(errMessage(e), p) {
		t.Fatalf("message: %s", e.raw)
	}
	e = mustErr(t, c.do(http.MethodDelete, withAPI(agentSubnet, netAPI), nil), http.StatusBadRequest, "InUseSubnetCannotBeDeleted")
	if !strings.Contains(errMessage(e), "serviceAssociationLinks/legionservicelink") {
		t.Fatalf("message: %s", e.raw)
	}
	// Another delegated subnet is free.
	c.create(accountPath("rg-foundry", "second"), injected("second", agentSubnet2))
}

func TestInjection_LinkKeptThroughSoftDeleteReleasedAfterPurge(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{LinkReleaseDelay: 10 * time.Minute})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "purged")
	c.create(p, injected("purged", agentSubnet))
	c.remove(p)
	if len(c.links(agentSubnet)) != 1 {
		t.Fatal("the link went with the soft delete")
	}
	c.advance(24 * time.Hour)
	if len(c.links(agentSubnet)) != 1 {
		t.Fatal("the link went while the account is soft-deleted")
	}
	mustErr(t, c.do(http.MethodPut, accountPath("rg-foundry", "next"), injected("next", agentSubnet)), http.StatusBadRequest, "SubnetInUse")
	// Restore brings the implicit capability host back.
	r := must(t, c.do(http.MethodPut, p, map[string]any{"location": "eastus", "kind": "AIServices", "sku": map[string]any{"name": "S0"}, "properties": map[string]any{"restore": true}}), http.StatusCreated)
	c.settle(r)
	if hosts := c.listAll(p + "/capabilityHosts"); len(hosts) != 1 {
		t.Fatalf("capability hosts after restore: %v", hosts)
	}
	c.remove(p)
	// Purge: the link stays for LinkReleaseDelay, then goes.
	c.remove(deletedPath("eastus", "purged"))
	mustErr(t, c.do(http.MethodGet, deletedPath("eastus", "purged"), nil), http.StatusNotFound, "ResourceNotFound")
	c.advance(9 * time.Minute)
	if len(c.links(agentSubnet)) != 1 {
		t.Fatal("the link went before LinkReleaseDelay")
	}
	e := mustErr(t, c.do(http.MethodPut, accountPath("rg-foundry", "next"), injected("next", agentSubnet)), http.StatusBadRequest, "SubnetInUse")
	if !strings.Contains(errMessage(e), "being released") {
		t.Fatalf("message: %s", e.raw)
	}
	c.advance(2 * time.Minute)
	if l := c.links(agentSubnet); len(l) != 0 {
		t.Fatalf("links after the delay: %v", l)
	}
	c.create(accountPath("rg-foundry", "next"), injected("next", agentSubnet))
}

func TestInjection_ReleaseOnCapabilityHostDeleteAndExpiry(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	must(t, c.do(http.MethodPut, "/_emulator/config", map[string]any{"linkReleaseMs": 300000}), http.StatusOK)
	p := accountPath("rg-foundry", "hostdel")
	c.create(p, injected("hostdel", agentSubnet))
	c.remove(p + "/capabilityHosts/hostdel@aml_aiagentservice")
	mustErr(t, c.do(http.MethodGet, p+"/capabilityHosts/hostdel@aml_aiagentservice", nil), http.StatusNotFound, "ResourceNotFound")
	if len(c.links(agentSubnet)) != 1 {
		t.Fatal("the link went before the delay")
	}
	c.advance(5 * time.Minute)
	if len(c.links(agentSubnet)) != 0 {
		t.Fatal("the link stayed after the capability host was deleted")
	}
	must(t, c.do(http.MethodGet, p, nil), http.StatusOK)
	// Automatic purge 48 h after a soft delete releases the link too (delay 0).
	srv.SetLinkReleaseDelay(0)
	q := accountPath("rg-foundry", "expiry")
	c.create(q, injected("expiry", agentSubnet2))
	c.remove(q)
	c.advance(47 * time.Hour)
	if len(c.links(agentSubnet2)) != 1 {
		t.Fatal("the link went before the purge")
	}
	c.advance(2 * time.Hour)
	if len(c.links(agentSubnet2)) != 0 {
		t.Fatal("the link stayed after the automatic purge")
	}
	// An out-of-band purge releases as well.
	r := accountPath("rg-foundry", "oob")
	c.create(r, injected("oob", agentSubnet2))
	if err := srv.DeleteOutOfBand(r, true); err != nil {
		t.Fatal(err)
	}
	if len(c.links(agentSubnet2)) != 0 {
		t.Fatal("the link stayed after an out-of-band purge")
	}
	must(t, c.do(http.MethodDelete, withAPI(agentSubnet2, netAPI), nil), http.StatusOK)
}
