package emulator_test

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/cognitive"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/specvalidate"
)

// lroHeaders are the response headers the specification declares for long-running operations; a response may carry
// only those its operation declares for its status.
var lroHeaders = []string{"Location", "Azure-AsyncOperation", "Operation-Location", "Retry-After", "x-ms-async-operation-timeout"}

// monitorHeaders are the polling headers: one a 2xx response declares must be present.
var monitorHeaders = []string{"Location", "Azure-AsyncOperation", "Operation-Location"}

// responseWalk records the successful answers of a scenario by the specification's operation.
type responseWalk struct {
	t    *testing.T
	c    *rawClient
	v    *specvalidate.Validator
	seen map[string][]result // operationId -> successful answers
}

func (w *responseWalk) do(method, path string, body any) result {
	w.t.Helper()
	r := w.c.do(method, path, body)
	u, err := url.Parse(path)
	if err != nil {
		w.t.Fatal(err)
	}
	if op, _, ok := w.v.Match(method, u.Path); ok && r.status < 300 {
		w.seen[op.ID] = append(w.seen[op.ID], r)
	}
	return r
}

// wait settles an answer's operation (monitor or body poller, as the client would).
func (w *responseWalk) wait(r result) { w.t.Helper(); w.c.settle(r) }

// TestResponsesAreDeclared walks every operation of the specification that the emulator serves (the operations on
// the paths of its routes) through a scenario that answers each of them successfully (create and replace, update,
// delete of an existing and of a missing resource), and checks every answer against the operation's declared
// responses: the status is one the operation declares, each long-running-operation header it carries is declared for
// that status, and a declared polling header is present. The operations without any recorded answer fail the test.
func TestResponsesAreDeclared(t *testing.T) {
	t.Parallel()
	f := false
	srv := start(t, emulator.Options{EnforceCapabilityHostRBAC: &f})
	w := &responseWalk{t: t, c: newRaw(t, srv, armAud), v: specvalidate.Default(), seen: map[string][]result{}}
	sub := "/subscriptions/" + subID
	subp := sub + "/providers/Microsoft.CognitiveServices"
	acc := accountPath("rg-foundry", "walk")

	// Accounts: create (201), replace (200), update (202), keys, views, lists.
	body := foundryAccount("walk-sub")
	w.wait(must(t, w.do(http.MethodPut, acc, body), http.StatusCreated))
	w.wait(must(t, w.do(http.MethodPut, acc, body), http.StatusOK))
	w.wait(must(t, w.do(http.MethodPatch, acc, map[string]any{"tags": map[string]any{"a": "1"}}), http.StatusAccepted))
	w.do(http.MethodGet, acc, nil)
	w.do(http.MethodGet, accountPath("rg-foundry", ""), nil)
	w.do(http.MethodGet, subp+"/accounts", nil)
	w.do(http.MethodPost, acc+"/listKeys", nil)
	w.do(http.MethodPost, acc+"/regenerateKey", map[string]any{"keyName": "Key1"})
	w.do(http.MethodGet, acc+"/models", nil)
	w.do(http.MethodGet, acc+"/usages", nil)
	w.do(http.MethodGet, subp+"/locations/eastus/models", nil)
	w.do(http.MethodGet, subp+"/locations/eastus/usages", nil)
	w.do(http.MethodPost, subp+"/checkDomainAvailability", map[string]any{"subdomainName": "walk-sub", "type": "Microsoft.CognitiveServices/accounts"})

	// Projects.
	prj := acc + "/projects/walkp"
	pbody := map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}}
	w.wait(must(t, w.do(http.MethodPut, prj, pbody), http.StatusCreated))
	w.wait(must(t, w.do(http.MethodPut, prj, pbody), http.StatusOK))
	w.wait(must(t, w.do(http.MethodPatch, prj, map[string]any{"properties": map[string]any{"displayName": "walk"}}), http.StatusAccepted))
	w.do(http.MethodGet, prj, nil)
	w.do(http.MethodGet, acc+"/projects", nil)

	// Deployments.
	dep := acc + "/deployments/walkd"
	dbody := map[string]any{"sku": map[string]any{"name": "GlobalStandard", "capacity": 10},
		"properties": map[string]any{"model": map[string]any{"format": "OpenAI", "name": "gpt-4o", "version": "2024-11-20"}}}
	w.wait(must(t, w.do(http.MethodPut, dep, dbody), http.StatusCreated))
	w.wait(must(t, w.do(http.MethodPut, dep, dbody), http.StatusOK))
	w.wait(must(t, w.do(http.MethodPatch, dep, map[string]any{"sku": map[string]any{"name": "GlobalStandard", "capacity": 20}}), http.StatusAccepted))
	w.do(http.MethodGet, dep, nil)
	w.do(http.MethodGet, acc+"/deployments", nil)
	must(t, w.do(http.MethodPost, dep+"/pause", nil), http.StatusOK)
	must(t, w.do(http.MethodPost, dep+"/resume", nil), http.StatusOK)

	// Connections at both scopes.
	conn := map[string]any{"properties": map[string]any{"authType": "AAD", "category": "CognitiveSearch", "target": "https://srch-foundry-agents.search.windows.net"}}
	for _, base := range []string{acc, prj} {
		c := base + "/connections/walk-" + strconv.Itoa(len(base))
		must(t, w.do(http.MethodPut, c, conn), http.StatusOK)
		must(t, w.do(http.MethodPut, c, conn), http.StatusOK)
		must(t, w.do(http.MethodPatch, c, map[string]any{"properties": map[string]any{"authType": "AAD", "target": "https://x"}}), http.StatusOK)
		w.do(http.MethodGet, c, nil)
		w.do(http.MethodGet, base+"/connections", nil)
		must(t, w.do(http.MethodDelete, c, nil), http.StatusOK)
		must(t, w.do(http.MethodDelete, c, nil), http.StatusNoContent)
	}

	// Capability hosts at both scopes: create (201), repeat (200), read, delete (202) and delete of a missing one (204).
	for _, props := range []string{"/capabilityHosts/walkh", "/projects/walkp/capabilityHosts/walkh"} {
		host := acc + props
		hbody := map[string]any{"properties": map[string]any{"capabilityHostKind": "Agents"}}
		w.wait(must(t, w.do(http.MethodPut, host, hbody), http.StatusCreated))
		must(t, w.do(http.MethodPut, host, hbody), http.StatusOK)
		w.do(http.MethodGet, host, nil)
		w.do(http.MethodGet, host[:strings.LastIndex(host, "/")], nil)
	}
	for _, props := range []string{"/projects/walkp/capabilityHosts/walkh", "/capabilityHosts/walkh"} { // project host first
		host := acc + props
		w.wait(must(t, w.do(http.MethodDelete, host, nil), http.StatusAccepted))
		must(t, w.do(http.MethodDelete, host, nil), http.StatusNoContent)
	}

	// RAI blocklists, their items, policies (synchronous PUTs: 201 then 200; long-running deletes: 202, then 204
	// when missing) and the location's content filters.
	bl := acc + "/raiBlocklists/walkb"
	must(t, w.do(http.MethodPut, bl, map[string]any{"properties": map[string]any{"description": "walk"}}), http.StatusCreated)
	must(t, w.do(http.MethodPut, bl, map[string]any{"properties": map[string]any{"description": "walk again"}}), http.StatusOK)
	w.do(http.MethodGet, bl, nil)
	w.do(http.MethodGet, acc+"/raiBlocklists", nil)
	item := bl + "/raiBlocklistItems/walki"
	ibody := map[string]any{"properties": map[string]any{"pattern": "walk", "isRegex": false}}
	must(t, w.do(http.MethodPut, item, ibody), http.StatusCreated)
	must(t, w.do(http.MethodPut, item, ibody), http.StatusOK)
	w.do(http.MethodGet, item, nil)
	w.do(http.MethodGet, bl+"/raiBlocklistItems", nil)
	must(t, w.do(http.MethodPost, bl+"/addRaiBlocklistItems",
		[]any{map[string]any{"name": "walkj", "properties": map[string]any{"pattern": "walk2", "isRegex": false}}}), http.StatusOK)
	must(t, w.do(http.MethodPost, bl+"/deleteRaiBlocklistItems", []any{"walkj"}), http.StatusNoContent)
	w.wait(must(t, w.do(http.MethodDelete, item, nil), http.StatusAccepted))
	must(t, w.do(http.MethodDelete, item, nil), http.StatusNoContent)
	pol := acc + "/raiPolicies/walkr"
	pbodyRAI := map[string]any{"properties": map[string]any{"basePolicyName": "Microsoft.DefaultV2"}}
	must(t, w.do(http.MethodPut, pol, pbodyRAI), http.StatusCreated)
	must(t, w.do(http.MethodPut, pol, pbodyRAI), http.StatusOK)
	w.do(http.MethodGet, pol, nil)
	w.do(http.MethodGet, acc+"/raiPolicies", nil)
	w.wait(must(t, w.do(http.MethodDelete, pol, nil), http.StatusAccepted))
	must(t, w.do(http.MethodDelete, pol, nil), http.StatusNoContent)
	w.wait(must(t, w.do(http.MethodDelete, bl, nil), http.StatusAccepted))
	must(t, w.do(http.MethodDelete, bl, nil), http.StatusNoContent)
	w.do(http.MethodGet, subp+"/locations/eastus/raiContentFilters", nil)
	w.do(http.MethodGet, subp+"/locations/eastus/raiContentFilters/IndirectAttack", nil)

	// Managed network and outbound rules: PUT and PATCH (202), provision (202, then 200 once Active), a rule (202),
	// a batch (202), deletes (202, then 204 when missing).
	mnet := acc + "/managedNetworks/default"
	settings := func(k, v string) map[string]any {
		return map[string]any{"properties": map[string]any{"managedNetwork": map[string]any{k: v}}}
	}
	w.wait(must(t, w.do(http.MethodPut, mnet, settings("isolationMode", "AllowOnlyApprovedOutbound")), http.StatusAccepted))
	w.wait(must(t, w.do(http.MethodPatch, mnet, settings("firewallSku", "Basic")), http.StatusAccepted))
	w.do(http.MethodGet, mnet, nil)
	w.do(http.MethodGet, acc+"/managedNetworks", nil)
	w.wait(must(t, w.do(http.MethodPost, mnet+"/provision", map[string]any{}), http.StatusAccepted))
	must(t, w.do(http.MethodPost, mnet+"/provision", map[string]any{}), http.StatusOK)
	rule := mnet + "/outboundRules/walk-rule"
	rprops := map[string]any{"type": "FQDN", "category": "UserDefined", "destination": "pypi.org"}
	w.wait(must(t, w.do(http.MethodPut, rule, map[string]any{"properties": rprops}), http.StatusAccepted))
	w.do(http.MethodGet, rule, nil)
	w.do(http.MethodGet, mnet+"/outboundRules", nil)
	w.wait(must(t, w.do(http.MethodPost, mnet+"/batchOutboundRules",
		map[string]any{"properties": map[string]any{"outboundRules": map[string]any{"walk-batch": rprops}}}), http.StatusAccepted))
	for _, p := range []string{rule, mnet} {
		w.wait(must(t, w.do(http.MethodDelete, p, nil), http.StatusAccepted))
		must(t, w.do(http.MethodDelete, p, nil), http.StatusNoContent)
	}

	// Deletes: deployment, project, account (each also when missing), then the soft-deleted account and its purge.
	for _, p := range []string{dep, prj, acc} {
		w.wait(must(t, w.do(http.MethodDelete, p, nil), http.StatusAccepted))
		must(t, w.do(http.MethodDelete, p, nil), http.StatusNoContent)
	}
	deleted := subp + "/locations/eastus/resourceGroups/rg-foundry/deletedAccounts/walk"
	w.do(http.MethodGet, subp+"/deletedAccounts", nil)
	w.do(http.MethodGet, deleted, nil)
	w.wait(must(t, w.do(http.MethodDelete, deleted, nil), http.StatusAccepted))
	must(t, w.do(http.MethodDelete, deleted, nil), http.StatusNoContent)

	// Every served operation answered, and as declared.
	var served []*specvalidate.Operation
	routes := cognitive.New(cognitive.Config{}).RouteTemplates()
	for _, op := range w.v.Operations() {
		if slices.ContainsFunc(routes, func(r cognitive.RouteTemplate) bool {
			return r.Path == op.Path && (r.Method == "" || r.Method == op.Method)
		}) {
			served = append(served, op)
		}
	}
	if len(served) < 40 {
		t.Fatalf("only %d served operations found: the route table and the specification no longer meet", len(served))
	}
	var missing []string
	for _, op := range served {
		answers := w.seen[op.ID]
		if len(answers) == 0 {
			missing = append(missing, op.ID)
			continue
		}
		for _, r := range answers {
			checkDeclared(t, op, r)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("served operations the walk did not answer successfully: %v", missing)
	}
	t.Logf("%d served operations, every answer among the declared statuses and headers", len(served))
}

// checkDeclared checks one successful answer against the operation's declared responses.
func checkDeclared(t *testing.T, op *specvalidate.Operation, r result) {
	t.Helper()
	decl, ok := op.Response(r.status)
	if !ok {
		var statuses []string
		for _, d := range op.Responses {
			statuses = append(statuses, d.Status)
		}
		t.Errorf("%s answered %d; the specification declares %v", op.ID, r.status, statuses)
		return
	}
	for _, h := range lroHeaders {
		if r.header.Get(h) != "" && !decl.HasHeader(h) {
			t.Errorf("%s %d carries %s; the specification declares %v", op.ID, r.status, h, decl.Headers)
		}
	}
	for _, h := range monitorHeaders {
		if decl.HasHeader(h) && r.header.Get(h) == "" {
			t.Errorf("%s %d lacks the declared %s: %v", op.ID, r.status, h, r.header)
		}
	}
	if decl.HasBody != (len(strings.TrimSpace(string(r.raw))) > 0) && r.status != http.StatusOK {
		t.Errorf("%s %d: body %q, the specification declares a body: %v", op.ID, r.status, r.raw, decl.HasBody)
	}
}
