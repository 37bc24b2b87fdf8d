package emulator_test

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const (
	networkPutOp = "ManagedNetworkSettings_Put"
	rulePutOp    = "OutboundRule_CreateOrUpdate"
)

func networkBody(mode string, extra map[string]any) map[string]any {
	mn := map[string]any{"isolationMode": mode}
	for k, v := range extra {
		mn[k] = v
	}
	return map[string]any{"properties": map[string]any{"managedNetwork": mn}}
}

func fqdnRule(dest string) map[string]any {
	return map[string]any{"properties": map[string]any{"type": "FQDN", "category": "UserDefined", "destination": dest}}
}

func serviceTagRule(tag, proto, ports string) map[string]any {
	return map[string]any{"properties": map[string]any{"type": "ServiceTag", "category": "UserDefined",
		"destination": map[string]any{"serviceTag": tag, "protocol": proto, "portRanges": ports, "action": "Allow"}}}
}

func privateEndpointRule(target, sub string) map[string]any {
	return map[string]any{"properties": map[string]any{"type": "PrivateEndpoint", "category": "UserDefined",
		"destination": map[string]any{"serviceResourceId": target, "subresourceTarget": sub}}}
}

const seededStorage = "/subscriptions/" + subID + "/resourceGroups/rg-foundry/providers/Microsoft.Storage/storageAccounts/stfoundryagents"

// networkEnv is an account with the name given and the client to talk to it.
func networkEnv(t *testing.T, opts emulator.Options, name string) (*specClient, string) {
	srv := start(t, opts)
	c := newSpecClient(t, srv)
	acc := accountPath("rg-foundry", name)
	c.create(acc, foundryAccount(name))
	return c, acc + "/managedNetworks/default"
}

func (c *specClient) putNetwork(path string, body map[string]any) result {
	c.t.Helper()
	r := must(c.t, c.call(http.MethodPut, path, body, ""), http.StatusAccepted)
	must(c.t, c.poll(r, networkPutOp, networkPutOp), http.StatusOK)
	return must(c.t, c.call(http.MethodGet, path, nil, networkPutOp), http.StatusOK)
}

func (c *specClient) putRule(path string, body map[string]any) result {
	c.t.Helper()
	r := must(c.t, c.call(http.MethodPut, path, body, ""), http.StatusAccepted)
	must(c.t, c.poll(r, rulePutOp, rulePutOp), http.StatusOK)
	return must(c.t, c.call(http.MethodGet, path, nil, rulePutOp), http.StatusOK)
}

func settings(r result) map[string]any {
	mn, _ := r.props()["managedNetwork"].(map[string]any)
	return mn
}

func ruleNames(r result) []string {
	var out []string
	for _, it := range r.body["value"].([]any) {
		out = append(out, it.(map[string]any)["name"].(string))
	}
	sort.Strings(out)
	return out
}

// A network's whole life against the spec: create (202 + Location, Updating meanwhile), the rules the service adds,
// provisioning that takes its own duration (managedNetworks/provision), user rules of the three types, inline rules, update, delete with its rules.
func TestManagedNetwork_lifecycle(t *testing.T) {
	t.Parallel()
	c, net := networkEnv(t, emulator.Options{AsyncDuration: 200 * time.Millisecond}, "mnet-life")
	must(t, c.call(http.MethodGet, net, nil, ""), http.StatusNotFound)
	must(t, c.call(http.MethodGet, strings.TrimSuffix(net, "/default"), nil, ""), http.StatusOK)

	r := must(t, c.call(http.MethodPut, net, networkBody("AllowOnlyApprovedOutbound", map[string]any{"managedNetworkKind": "V2"}), ""), http.StatusAccepted)
	if ra := r.header.Get("Retry-After"); ra == "" {
		t.Fatal("no Retry-After")
	}
	during := must(t, c.call(http.MethodGet, net, nil, networkPutOp), http.StatusOK)
	if during.props()["provisioningState"] != "Updating" || settings(during)["provisioningState"] != "Updating" {
		t.Fatalf("a network being written is Updating at both levels: %s", during.raw)
	}
	must(t, c.poll(r, networkPutOp, networkPutOp), http.StatusOK)
	got := must(t, c.call(http.MethodGet, net, nil, networkPutOp), http.StatusOK)
	mn := settings(got)
	for k, want := range map[string]any{"isolationMode": "AllowOnlyApprovedOutbound", "firewallSku": "Standard", "managedNetworkKind": "V2",
		"provisioningState": "Succeeded", "firewallPublicIpAddress": nil} {
		if mn[k] != want {
			t.Fatalf("%s = %v, want %v: %s", k, mn[k], want, got.raw)
		}
	}
	if st := mn["status"].(map[string]any)["status"]; st != "Inactive" || got.body["name"] != "default" || got.body["type"] != "Microsoft.CognitiveServices/accounts/managedNetworks" {
		t.Fatalf("unexpected network: %s", got.raw)
	}
	if modes := mn["changeableIsolationModes"].([]any); len(modes) != 0 {
		t.Fatalf("approved-only can change to nothing: %v", modes)
	}
	// The service's own rules.
	list := must(t, c.call(http.MethodGet, net+"/outboundRules", nil, rulePutOp), http.StatusOK)
	if names := ruleNames(list); !slices.Equal(names, []string{"required-azure-monitor", "required-entra-id", "required-foundry-account"}) {
		t.Fatalf("required rules = %v", names)
	}
	for _, it := range list.body["value"].([]any) {
		p := it.(map[string]any)["properties"].(map[string]any)
		if p["category"] != "Required" || p["status"] != "Inactive" {
			t.Fatalf("a required rule before provisioning: %v", p)
		}
	}

	// User rules of each type: Provisioning while written, then Inactive.
	rule := net + "/outboundRules/pypi"
	pr := must(t, c.call(http.MethodPut, rule, fqdnRule("pypi.org"), ""), http.StatusAccepted)
	if st := must(t, c.call(http.MethodGet, rule, nil, rulePutOp), http.StatusOK).props()["status"]; st != "Provisioning" {
		t.Fatalf("status while written = %v", st)
	}
	final := must(t, c.poll(pr, rulePutOp, rulePutOp), http.StatusOK)
	if final.props()["status"] != "Inactive" || final.props()["destination"] != "pypi.org" {
		t.Fatalf("final rule: %s", final.raw)
	}
	c.putRule(net+"/outboundRules/storage", privateEndpointRule(seededStorage, "blob"))
	c.putRule(net+"/outboundRules/frontdoor", serviceTagRule("AzureFrontDoor.Frontend", "TCP", "80,443"))

	// Provisioning takes the provision delay (20 minutes of emulator clock here), then everything is Active.
	c.srv.SetDurations(map[string]time.Duration{emulator.OpManagedNetworkProvision: 20 * time.Minute})
	prov := must(t, c.call(http.MethodPost, net+"/provision", map[string]any{}, ""), http.StatusAccepted)
	time.Sleep(300 * time.Millisecond)
	if ps := must(t, c.call(http.MethodGet, net, nil, networkPutOp), http.StatusOK).props()["provisioningState"]; ps != "Updating" {
		t.Fatalf("provisioning network is %v", ps)
	}
	must(t, c.do(http.MethodGet, prov.header.Get("Location"), nil), http.StatusAccepted)
	mustErr(t, c.call(http.MethodPut, net+"/outboundRules/late", fqdnRule("late.example.com"), ""), http.StatusConflict, "RequestConflict")
	c.srv.AdvanceClock(20 * time.Minute)
	done := must(t, c.poll(prov, "ManagedNetworkProvisions_ProvisionManagedNetwork", ""), http.StatusOK)
	if done.body["status"] != "Active" {
		t.Fatalf("provision result: %s", done.raw)
	}
	got = must(t, c.call(http.MethodGet, net, nil, networkPutOp), http.StatusOK)
	mn = settings(got)
	if mn["status"].(map[string]any)["status"] != "Active" || mn["networkId"] == nil || mn["firewallPublicIpAddress"] == nil {
		t.Fatalf("provisioned network: %s", got.raw)
	}
	if rules := mn["outboundRules"].(map[string]any); len(rules) != 6 || rules["pypi"].(map[string]any)["status"] != "Active" {
		t.Fatalf("outboundRules of the network: %v", rules)
	}
	// Provisioning an Active network answers at once.
	again := must(t, c.call(http.MethodPost, net+"/provision", map[string]any{}, ""), http.StatusOK)
	if again.body["status"] != "Active" {
		t.Fatalf("provision again: %s", again.raw)
	}

	// Inline rules: PATCH merge-patches the map (null removes a rule), the settings stay.
	r = must(t, c.call(http.MethodPatch, net, map[string]any{"properties": map[string]any{"managedNetwork": map[string]any{
		"outboundRules": map[string]any{"pypi": nil, "github": fqdnRule("github.com")["properties"]}}}}, ""), http.StatusAccepted)
	must(t, c.poll(r, "ManagedNetworkSettings_Patch", networkPutOp), http.StatusOK)
	list = must(t, c.call(http.MethodGet, net+"/outboundRules", nil, rulePutOp), http.StatusOK)
	if names := ruleNames(list); !slices.Equal(names, []string{"frontdoor", "github", "required-azure-monitor", "required-entra-id", "required-foundry-account", "storage"}) {
		t.Fatalf("rules after the inline patch = %v", names)
	}
	// A PUT without outboundRules keeps the rules; a PUT with a map makes it the user rules.
	c.putNetwork(net, networkBody("AllowOnlyApprovedOutbound", map[string]any{"managedNetworkKind": "V2", "firewallSku": "Basic"}))
	if n := len(ruleNames(must(t, c.call(http.MethodGet, net+"/outboundRules", nil, rulePutOp), http.StatusOK))); n != 6 {
		t.Fatalf("a PUT without outboundRules changed the rules: %d", n)
	}
	c.putNetwork(net, networkBody("AllowOnlyApprovedOutbound", map[string]any{"managedNetworkKind": "V2",
		"outboundRules": map[string]any{"only": fqdnRule("only.example.com")["properties"]}}))
	list = must(t, c.call(http.MethodGet, net+"/outboundRules", nil, rulePutOp), http.StatusOK)
	if names := ruleNames(list); !slices.Equal(names, []string{"only", "required-azure-monitor", "required-entra-id", "required-foundry-account"}) {
		t.Fatalf("rules after an inline PUT = %v", names)
	}

	// Batch: the rules sent are written, the others stay; the final poll lists every rule.
	b := must(t, c.call(http.MethodPost, net+"/batchOutboundRules", map[string]any{"properties": map[string]any{"outboundRules": map[string]any{
		"batch-1": fqdnRule("b1.example.com")["properties"], "batch-2": serviceTagRule("Storage.EastUS", "TCP", "443")["properties"]}}}, ""), http.StatusAccepted)
	res := must(t, c.poll(b, "OutboundRules_Post", rulePutOp), http.StatusOK)
	if names := ruleNames(res); len(names) != 6 || !slices.Contains(names, "batch-2") || !slices.Contains(names, "only") {
		t.Fatalf("batch result = %v", names)
	}

	// Delete: the rules go with the network, the account stays usable and can have a network again.
	c.remove(net)
	must(t, c.call(http.MethodGet, net, nil, ""), http.StatusNotFound)
	mustErr(t, c.call(http.MethodGet, net+"/outboundRules", nil, ""), http.StatusNotFound, "ParentResourceNotFound")
	must(t, c.call(http.MethodDelete, net, nil, ""), http.StatusNoContent)
	must(t, c.call(http.MethodDelete, net+"/outboundRules/batch-1", nil, ""), http.StatusNoContent)
	c.create(strings.TrimSuffix(net, "/managedNetworks/default")+"/projects/p1", map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}})
	c.putNetwork(net, networkBody("AllowInternetOutbound", nil))
}

// The rules a mode refuses, the one-way changes and the shapes the service checks.
func TestManagedNetwork_refusals(t *testing.T) {
	t.Parallel()
	c, net := networkEnv(t, emulator.Options{}, "mnet-refuse")
	acc := strings.TrimSuffix(net, "/managedNetworks/default")
	mustErr(t, c.call(http.MethodPut, net+"/outboundRules/rule1", fqdnRule("pypi.org"), ""), http.StatusNotFound, "ParentResourceNotFound")
	mustErr(t, c.call(http.MethodPatch, net, networkBody("Disabled", nil), ""), http.StatusNotFound, "ResourceNotFound")
	mustErr(t, c.call(http.MethodPut, acc+"/managedNetworks/other", networkBody("Disabled", nil), ""), http.StatusBadRequest, "InvalidResourceName")
	mustErr(t, c.call(http.MethodPut, net, networkBody("Isolated", nil), ""), http.StatusBadRequest, "InvalidIsolationMode")
	mustErr(t, c.call(http.MethodPut, net, networkBody("Disabled", map[string]any{"firewallSku": "Premium"}), ""), http.StatusBadRequest, "InvalidFirewallSku")

	// Disabled: no rules, nothing to provision; the service adds none.
	got := c.putNetwork(net, networkBody("Disabled", map[string]any{"managedNetworkKind": "V2"}))
	if modes := settings(got)["changeableIsolationModes"].([]any); len(modes) != 2 {
		t.Fatalf("Disabled can become both other modes: %v", modes)
	}
	mustErr(t, c.call(http.MethodPut, net+"/outboundRules/rule1", privateEndpointRule(seededStorage, "blob"), ""), http.StatusBadRequest, "ManagedNetworkIsolationDisabled")
	mustErr(t, c.call(http.MethodPost, net+"/provision", map[string]any{}, ""), http.StatusBadRequest, "ManagedNetworkIsolationDisabled")
	mustErr(t, c.call(http.MethodPut, net, networkBody("Disabled", map[string]any{"managedNetworkKind": "V1"}), ""), http.StatusBadRequest, "ManagedNetworkKindChangeNotSupported")

	// AllowInternetOutbound: private endpoints only.
	c.putNetwork(net, networkBody("AllowInternetOutbound", nil))
	if n := len(ruleNames(must(t, c.call(http.MethodGet, net+"/outboundRules", nil, rulePutOp), http.StatusOK))); n != 1 {
		t.Fatalf("internet mode has the account's private endpoint only; got %d rules", n)
	}
	mustErr(t, c.call(http.MethodPut, net+"/outboundRules/rule1", fqdnRule("pypi.org"), ""), http.StatusBadRequest, "OutboundRuleNotAllowedForIsolationMode")
	mustErr(t, c.call(http.MethodPut, net+"/outboundRules/rule1", serviceTagRule("Storage", "TCP", "443"), ""), http.StatusBadRequest, "OutboundRuleNotAllowedForIsolationMode")
	c.putRule(net+"/outboundRules/storage", privateEndpointRule(seededStorage, "blob"))
	mustErr(t, c.call(http.MethodPut, net, networkBody("Disabled", nil), ""), http.StatusBadRequest, "IsolationModeChangeNotSupported")

	// AllowOnlyApprovedOutbound, and never back.
	c.putNetwork(net, networkBody("AllowOnlyApprovedOutbound", nil))
	mustErr(t, c.call(http.MethodPut, net, networkBody("AllowInternetOutbound", nil), ""), http.StatusBadRequest, "IsolationModeChangeNotSupported")

	rule := net + "/outboundRules/rule1"
	for _, tc := range []struct {
		name string
		body map[string]any
		code string
	}{
		{"scheme", fqdnRule("https://pypi.org"), "InvalidOutboundRule"},
		{"port", fqdnRule("pypi.org:443"), "InvalidOutboundRule"},
		{"wildcard inside", fqdnRule("files.*.pypi.org"), "InvalidOutboundRule"},
		{"bare wildcard", fqdnRule("*"), "InvalidOutboundRule"},
		{"no destination", map[string]any{"properties": map[string]any{"type": "FQDN"}}, "InvalidOutboundRule"},
		{"port range", serviceTagRule("Storage", "TCP", "443-80"), "InvalidOutboundRule"},
		{"port number", serviceTagRule("Storage", "TCP", "70000"), "InvalidOutboundRule"},
		{"protocol", serviceTagRule("Storage", "HTTP", "443"), "InvalidOutboundRule"},
		{"tag name", serviceTagRule("Storage East", "TCP", "443"), "InvalidOutboundRule"},
		{"target", privateEndpointRule("stfoundryagents", "blob"), "InvalidOutboundRule"},
		{"subresource", privateEndpointRule(seededStorage, ""), "InvalidOutboundRule"},
		{"category", map[string]any{"properties": map[string]any{"type": "FQDN", "category": "Required", "destination": "pypi.org"}}, "InvalidOutboundRuleCategory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mustErr(t, c.call(http.MethodPut, rule, tc.body, ""), http.StatusBadRequest, tc.code)
		})
	}
	// Names: the spec's pattern, and the service's own rules.
	mustErr(t, c.do(http.MethodPut, net+"/outboundRules/x", fqdnRule("pypi.org")), http.StatusBadRequest, "InvalidResourceName")
	mustErr(t, c.call(http.MethodPut, net+"/outboundRules/required-mine", fqdnRule("pypi.org"), ""), http.StatusBadRequest, "OutboundRuleNameReserved")
	mustErr(t, c.call(http.MethodDelete, net+"/outboundRules/required-entra-id", nil, ""), http.StatusBadRequest, "RequiredOutboundRuleReadOnly")
	// A rule cannot change type or private endpoint target in place; no PATCH.
	c.putRule(rule, fqdnRule("pypi.org"))
	c.putRule(rule, fqdnRule("files.pythonhosted.org"))
	mustErr(t, c.call(http.MethodPut, rule, serviceTagRule("Storage", "TCP", "443"), ""), http.StatusBadRequest, "OutboundRuleUpdateNotSupported")
	mustErr(t, c.call(http.MethodPut, net+"/outboundRules/storage",
		privateEndpointRule(strings.Replace(seededStorage, "stfoundryagents", "other", 1), "blob"), ""), http.StatusBadRequest, "OutboundRuleUpdateNotSupported")
	mustErr(t, c.do(http.MethodPatch, rule, fqdnRule("pypi.org")), http.StatusMethodNotAllowed, "MethodNotAllowed")

	// One write at a time per account, rules and network included.
	c.srv.SetWriteHold(time.Hour)
	c.putRule(net+"/outboundRules/rule2", fqdnRule("r2.example.com"))
	mustErr(t, c.call(http.MethodPut, net+"/outboundRules/rule3", fqdnRule("r3.example.com"), ""), http.StatusConflict, "RequestConflict")
	mustErr(t, c.call(http.MethodDelete, net, nil, ""), http.StatusConflict, "RequestConflict")
	c.srv.SetWriteHold(0)

	// Deleting the account takes its network and rules.
	c.remove(acc)
	mustErr(t, c.call(http.MethodGet, net, nil, ""), http.StatusNotFound, "ParentResourceNotFound")
	must(t, c.call(http.MethodDelete, net, nil, ""), http.StatusNoContent)
	must(t, c.call(http.MethodDelete, rule, nil, ""), http.StatusNoContent)
}

// A network deleted out of band takes its rules; an operation that fails leaves the rule Failed.
func TestManagedNetwork_outOfBandAndFailures(t *testing.T) {
	t.Parallel()
	c, net := networkEnv(t, emulator.Options{}, "mnet-oob")
	c.putNetwork(net, networkBody("AllowOnlyApprovedOutbound", nil))
	c.putRule(net+"/outboundRules/pypi", fqdnRule("pypi.org"))
	c.srv.AddFault(emulator.Fault{Method: http.MethodPut, PathPattern: "outboundrules/broken$", AsyncFail: true, Count: 1})
	r := must(t, c.call(http.MethodPut, net+"/outboundRules/broken", fqdnRule("broken.example.com"), ""), http.StatusAccepted)
	mustErr(t, c.poll(r, rulePutOp, ""), http.StatusBadRequest, "OperationFailed")
	if st := must(t, c.call(http.MethodGet, net+"/outboundRules/broken", nil, rulePutOp), http.StatusOK).props()["status"]; st != "Failed" {
		t.Fatalf("a rule whose operation failed is %v", st)
	}
	if err := c.srv.DeleteOutOfBand(net, false); err != nil {
		t.Fatal(err)
	}
	must(t, c.call(http.MethodGet, net, nil, ""), http.StatusNotFound)
	mustErr(t, c.call(http.MethodGet, net+"/outboundRules/pypi", nil, ""), http.StatusNotFound, "ParentResourceNotFound")
	cfg := must(t, c.do(http.MethodPut, "/_emulator/config", map[string]any{"durationsMs": map[string]any{"managedNetworks/provision": 1500}}), http.StatusOK)
	if d, _ := cfg.body["durationsMs"].(map[string]any); d["managedNetworks/provision"] != float64(1500) {
		t.Fatalf("config: %s", cfg.raw)
	}
}
