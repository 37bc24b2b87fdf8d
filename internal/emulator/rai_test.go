package emulator_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// raiPolicyBody is a policy on Microsoft.DefaultV2 with the given content filters (nil: none).
func raiPolicyBody(filters ...map[string]any) map[string]any {
	props := map[string]any{"basePolicyName": "Microsoft.DefaultV2"}
	if filters != nil {
		list := make([]any, len(filters))
		for i, f := range filters {
			list[i] = f
		}
		props["contentFilters"] = list
	}
	return map[string]any{"properties": props}
}

func filter(name, source, level string) map[string]any {
	f := map[string]any{"name": name, "source": source, "enabled": true, "blocking": true}
	if level != "" {
		f["severityThreshold"] = level
	}
	return f
}

func names(list []any) []string {
	var out []string
	for _, v := range list {
		out = append(out, v.(map[string]any)["name"].(string))
	}
	return out
}

func TestRAIPolicy_BuiltinsAndLifecycle(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("raiacc", "eastus")

	// The built-in policies exist in every account, system-managed, and cannot be written or deleted.
	list := must(t, c.do(http.MethodGet, acc+"/raiPolicies", nil), http.StatusOK)
	if got := names(list.body["value"].([]any)); strings.Join(got, ",") != "Microsoft.Default,Microsoft.DefaultV2" {
		t.Fatalf("built-ins = %v", got)
	}
	v2 := must(t, c.do(http.MethodGet, acc+"/raiPolicies/microsoft.defaultv2", nil), http.StatusOK)
	if v2.props()["type"] != "SystemManaged" || v2.body["name"] != "Microsoft.DefaultV2" {
		t.Fatalf("GET built-in: %s", v2.raw)
	}
	mustErr(t, c.do(http.MethodPut, acc+"/raiPolicies/Microsoft.DefaultV2", raiPolicyBody()), http.StatusBadRequest, "OperationNotSupported")
	mustErr(t, c.do(http.MethodDelete, acc+"/raiPolicies/Microsoft.Default", nil), http.StatusBadRequest, "OperationNotSupported")
	mustErr(t, c.do(http.MethodGet, acc+"/raiPolicies/strict", nil), http.StatusNotFound, "ResourceNotFound")

	// Create (201), replace (200), read, list.
	body := raiPolicyBody(filter("Hate", "Prompt", "Low"), filter("Hate", "Completion", "Low"), filter("Jailbreak", "Prompt", ""))
	body["tags"] = map[string]any{"team": "safety"}
	r := must(t, c.do(http.MethodPut, acc+"/raiPolicies/strict", body), http.StatusCreated)
	if r.props()["type"] != "UserManaged" || r.props()["mode"] != "Default" || r.body["etag"] == nil {
		t.Fatalf("PUT: %s", r.raw)
	}
	body["properties"].(map[string]any)["mode"] = "asynchronous_filter"
	r = must(t, c.do(http.MethodPut, acc+"/raiPolicies/strict", body), http.StatusOK)
	if r.props()["mode"] != "Asynchronous_filter" {
		t.Fatalf("mode is stored in the specification's spelling: %s", r.raw)
	}
	list = must(t, c.do(http.MethodGet, acc+"/raiPolicies", nil), http.StatusOK)
	if got := names(list.body["value"].([]any)); strings.Join(got, ",") != "Microsoft.Default,Microsoft.DefaultV2,strict" {
		t.Fatalf("list = %v", got)
	}
	if !srv.HasRAIPolicy(acc, "STRICT") || !srv.HasRAIPolicy(acc, "Microsoft.Default") || srv.HasRAIPolicy(acc, "other") {
		t.Fatal("HasRAIPolicy")
	}

	// DELETE is long-running; a second one finds nothing.
	c.remove(acc + "/raiPolicies/strict")
	must(t, c.do(http.MethodDelete, acc+"/raiPolicies/strict", nil), http.StatusNoContent)
	mustErr(t, c.do(http.MethodGet, acc+"/raiPolicies/strict", nil), http.StatusNotFound, "ResourceNotFound")
}

func TestRAIPolicy_Rules(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("rairules", "eastus")
	const bad = "Resource has invalid content filter"
	for _, tc := range []struct {
		name    string
		body    map[string]any
		code    string
		message string
	}{
		{"no properties", map[string]any{}, "InvalidRaiPolicy", "basePolicyName"},
		{"unknown base", map[string]any{"properties": map[string]any{"basePolicyName": "Microsoft.Nope"}}, "InvalidRaiPolicy", "Microsoft.Default, Microsoft.DefaultV2"},
		{"itself as base", map[string]any{"properties": map[string]any{"basePolicyName": "p"}}, "InvalidRaiPolicy", "own base"},
		{"mode", map[string]any{"properties": map[string]any{"basePolicyName": "Microsoft.Default", "mode": "Strict"}}, "InvalidRaiPolicy", "Asynchronous_filter"},
		{"unknown filter", raiPolicyBody(filter("Spam", "Prompt", "")), bad, "'Indirect Attack'"},
		{"resource name instead of name", raiPolicyBody(filter("IndirectAttack", "Prompt", "")), bad, "not available"},
		{"fixed source", raiPolicyBody(filter("Jailbreak", "Completion", "")), bad, "source 'Prompt' only"},
		{"threshold on a detector", raiPolicyBody(filter("Protected Material Code", "Completion", "High")), bad, "no severity levels"},
		{"missing threshold", raiPolicyBody(filter("Violence", "Prompt", "")), bad, "severityThreshold"},
		{"twice per source", raiPolicyBody(filter("Hate", "Prompt", "Low"), filter("hate", "Prompt", "High")), bad, "twice"},
		{"level enum", raiPolicyBody(filter("Hate", "Prompt", "Severe")), "InvalidRaiPolicy", "Low, Medium, High"},
		{"action enum", raiPolicyBody(map[string]any{"name": "Hate", "source": "Prompt", "severityThreshold": "Low", "action": "Block"}), "InvalidRaiPolicy", "BLOCKING"},
		{"missing blocklist", map[string]any{"properties": map[string]any{"basePolicyName": "Microsoft.DefaultV2",
			"customBlocklists": []any{map[string]any{"blocklistName": "words", "source": "Prompt", "blocking": true}}}}, "InvalidRaiPolicy", "does not exist"},
		{"wrong JSON type", map[string]any{"properties": map[string]any{"basePolicyName": "Microsoft.DefaultV2", "contentFilters": "Hate"}}, "InvalidRequestContent", "Array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustErr(t, c.do(http.MethodPut, acc+"/raiPolicies/p", tc.body), http.StatusBadRequest, tc.code)
			if !strings.Contains(errMessage(r), tc.message) {
				t.Errorf("message %q does not mention %q", errMessage(r), tc.message)
			}
		})
	}
	// The specification's example itself (a disabled filter, every source given) is accepted.
	must(t, c.do(http.MethodPut, acc+"/raiPolicies/p", raiPolicyBody(
		map[string]any{"name": "Hate", "blocking": false, "enabled": false, "severityThreshold": "High", "source": "Prompt"},
		filter("Indirect Attack", "Prompt", ""), filter("Profanity", "Completion", ""))), http.StatusCreated)
}

func TestRAIPolicy_Deployments(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("raidep", "eastus")
	dep := func(policy string) map[string]any {
		b := deploymentBody("OpenAI", "gpt-4o", "", "GlobalStandard", 1)
		if policy != "" {
			b["properties"].(map[string]any)["raiPolicyName"] = policy
		}
		return b
	}
	// A deployment names a built-in policy or one of its account's.
	r := mustErr(t, c.do(http.MethodPut, acc+"/deployments/chat", dep("strict")), http.StatusBadRequest, "RaiPolicyNotFound")
	if !strings.Contains(errMessage(r), "Available policies: Microsoft.Default, Microsoft.DefaultV2.") {
		t.Errorf("message: %s", errMessage(r))
	}
	c.create(acc+"/deployments/builtin", dep("microsoft.default"))
	c.create(acc+"/deployments/implicit", dep("")) // the service fills Microsoft.DefaultV2
	must(t, c.do(http.MethodPut, acc+"/raiPolicies/strict", raiPolicyBody(filter("Hate", "Prompt", "Low"))), http.StatusCreated)
	c.create(acc+"/deployments/chat", dep("strict"))

	// A policy in use cannot be deleted; once no deployment names it, it can.
	r = mustErr(t, c.do(http.MethodDelete, acc+"/raiPolicies/strict", nil), http.StatusConflict, "RaiPolicyInUse")
	if !strings.Contains(errMessage(r), "chat") {
		t.Errorf("message: %s", errMessage(r))
	}
	c.create(acc+"/deployments/chat", dep("Microsoft.DefaultV2"))
	c.remove(acc + "/raiPolicies/strict")
}

func TestRAIBlocklist_ItemsAndBatches(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("raibl", "eastus")
	bl := acc + "/raiBlocklists/words"
	mustErr(t, c.do(http.MethodPut, bl+"/raiBlocklistItems/a", map[string]any{"properties": map[string]any{"pattern": "x"}}), http.StatusNotFound, "ParentResourceNotFound")
	r := must(t, c.do(http.MethodPut, bl, map[string]any{"properties": map[string]any{"description": "Words we block"}}), http.StatusCreated)
	if r.body["type"] != "Microsoft.CognitiveServices/accounts/raiBlocklists" || r.props()["description"] != "Words we block" {
		t.Fatalf("PUT blocklist: %s", r.raw)
	}
	must(t, c.do(http.MethodPut, bl, map[string]any{"properties": map[string]any{"description": "Changed"}}), http.StatusOK)

	// One item.
	item := must(t, c.do(http.MethodPut, bl+"/raiBlocklistItems/one", map[string]any{"properties": map[string]any{"pattern": "forbidden"}}), http.StatusCreated)
	if item.props()["isRegex"] != false || !strings.HasSuffix(item.body["id"].(string), "/raiBlocklists/words/raiBlocklistItems/one") {
		t.Fatalf("PUT item: %s", item.raw)
	}
	mustErr(t, c.do(http.MethodPut, bl+"/raiBlocklistItems/re", map[string]any{"properties": map[string]any{"pattern": "([a-z", "isRegex": true}}), http.StatusBadRequest, "InvalidRaiBlocklistItem")
	mustErr(t, c.do(http.MethodPut, bl+"/raiBlocklistItems/empty", map[string]any{"properties": map[string]any{}}), http.StatusBadRequest, "InvalidRaiBlocklistItem")

	// 250 items in one batch, listed over three pages; the batch answers with the blocklist.
	var batch []any
	for i := range 250 {
		batch = append(batch, map[string]any{"name": fmt.Sprintf("t%03d", i), "properties": map[string]any{"pattern": fmt.Sprintf("term %d", i)}})
	}
	r = must(t, c.do(http.MethodPost, bl+"/addRaiBlocklistItems", batch), http.StatusOK)
	if r.body["name"] != "words" {
		t.Fatalf("batch add answers with the blocklist: %s", r.raw)
	}
	count := func() int {
		n, next := 0, bl+"/raiBlocklistItems"
		for next != "" {
			p := must(t, c.do(http.MethodGet, next, nil), http.StatusOK)
			n += len(p.body["value"].([]any))
			next, _ = p.body["nextLink"].(string)
		}
		return n
	}
	if n := count(); n != 251 {
		t.Fatalf("items = %d, want 251", n)
	}
	// An existing name is replaced; a name twice in one request, a bad item or a non-array body changes nothing.
	must(t, c.do(http.MethodPost, bl+"/addRaiBlocklistItems", []any{map[string]any{"name": "t000", "properties": map[string]any{"pattern": "^t[0-9]+$", "isRegex": true}}}), http.StatusOK)
	if g := must(t, c.do(http.MethodGet, bl+"/raiBlocklistItems/t000", nil), http.StatusOK); g.props()["pattern"] != "^t[0-9]+$" || g.props()["isRegex"] != true {
		t.Fatalf("replaced item: %s", g.raw)
	}
	mustErr(t, c.do(http.MethodPost, bl+"/addRaiBlocklistItems", []any{
		map[string]any{"name": "new1", "properties": map[string]any{"pattern": "a"}}, map[string]any{"name": "NEW1", "properties": map[string]any{"pattern": "b"}},
	}), http.StatusBadRequest, "InvalidRaiBlocklistItem")
	mustErr(t, c.do(http.MethodPost, bl+"/addRaiBlocklistItems", []any{
		map[string]any{"name": "new2", "properties": map[string]any{"pattern": "a"}}, map[string]any{"name": "new3"},
	}), http.StatusBadRequest, "InvalidRaiBlocklistItem")
	mustErr(t, c.do(http.MethodPost, bl+"/addRaiBlocklistItems", map[string]any{"name": "x"}), http.StatusBadRequest, "InvalidRequestContent")
	mustErr(t, c.do(http.MethodGet, bl+"/addRaiBlocklistItems", nil), http.StatusMethodNotAllowed, "MethodNotAllowed")
	mustErr(t, c.do(http.MethodGet, bl+"/raiBlocklistItems/new2", nil), http.StatusNotFound, "ResourceNotFound")

	// Batch delete: 204, absent names ignored.
	var gone []any
	for i := range 200 {
		gone = append(gone, fmt.Sprintf("t%03d", i))
	}
	r = must(t, c.do(http.MethodPost, bl+"/deleteRaiBlocklistItems", append(gone, "never-there")), http.StatusNoContent)
	if len(r.raw) != 0 {
		t.Fatalf("204 with a body: %s", r.raw)
	}
	if n := count(); n != 51 {
		t.Fatalf("items = %d, want 51", n)
	}
	c.remove(bl + "/raiBlocklistItems/one")

	// A policy uses the blocklist: it cannot be deleted until the policy lets it go; its items go with it.
	policy := raiPolicyBody()
	policy["properties"].(map[string]any)["customBlocklists"] = []any{map[string]any{"blocklistName": "Words", "source": "Prompt", "blocking": true}}
	must(t, c.do(http.MethodPut, acc+"/raiPolicies/p", policy), http.StatusCreated)
	mustErr(t, c.do(http.MethodDelete, bl, nil), http.StatusConflict, "RaiBlocklistInUse")
	must(t, c.do(http.MethodPut, acc+"/raiPolicies/p", raiPolicyBody()), http.StatusOK)
	c.remove(bl)
	must(t, c.do(http.MethodPut, bl, map[string]any{}), http.StatusCreated)
	if n := count(); n != 0 {
		t.Fatalf("a new blocklist of the old name has %d items", n)
	}
}

func TestRAIPolicy_EgressSecrets(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("raiegress", "eastus")
	egress := func(headers ...any) map[string]any {
		b := raiPolicyBody()
		b["properties"].(map[string]any)["egressPolicy"] = map[string]any{"rules": []any{
			map[string]any{"name": "openai", "ruleType": "Fqdn", "match": map[string]any{"host": "*.openai.com"},
				"action": map[string]any{"actionType": "Transform", "headers": headers}},
			map[string]any{"name": "rest", "ruleType": "Fqdn", "action": map[string]any{"actionType": "Deny"}},
		}}
		return b
	}
	r := must(t, c.do(http.MethodPut, acc+"/raiPolicies/agents", egress(
		map[string]any{"operation": "Set", "name": "Authorization", "value": "Bearer s3cret"},
		map[string]any{"operation": "Insert", "name": "X-Key", "valueRef": map[string]any{"secretRef": map[string]any{"secretId": "kv1", "secretKey": "k3y"}}},
	)), http.StatusCreated)
	if strings.Contains(string(r.raw), "s3cret") || strings.Contains(string(r.raw), "k3y") {
		t.Fatalf("secrets returned: %s", r.raw)
	}
	eg := r.props()["egressPolicy"].(map[string]any)
	if eg["mode"] != "Enforced" || eg["defaultAction"] != "Deny" {
		t.Fatalf("egress defaults: %v", eg)
	}
	// An update without the secrets keeps them.
	must(t, c.do(http.MethodPut, acc+"/raiPolicies/agents", egress(
		map[string]any{"operation": "Set", "name": "Authorization"},
		map[string]any{"operation": "Insert", "name": "X-Key", "valueRef": map[string]any{"secretRef": map[string]any{"secretId": "kv1"}}},
	)), http.StatusOK)
	doc, ok := srv.RAIPolicyDocument(acc + "/raiPolicies/agents")
	if !ok || !strings.Contains(fmt.Sprint(doc), "Bearer s3cret") || !strings.Contains(fmt.Sprint(doc), "k3y") {
		t.Fatalf("stored document lost its secrets: %v", doc)
	}
	for _, tc := range []struct{ name, message string }{
		{"Remove", "neither"},
		{"Set", "exactly one"},
	} {
		h := map[string]any{"operation": tc.name, "name": "X-New", "value": "v", "valueRef": map[string]any{"managedIdentityRef": map[string]any{"resource": "https://x"}}}
		r := mustErr(t, c.do(http.MethodPut, acc+"/raiPolicies/agents", egress(h)), http.StatusBadRequest, "InvalidRaiPolicy")
		if !strings.Contains(errMessage(r), tc.message) {
			t.Errorf("%s: %s", tc.name, errMessage(r))
		}
	}
	deny := raiPolicyBody()
	deny["properties"].(map[string]any)["egressPolicy"] = map[string]any{"rules": []any{
		map[string]any{"name": "r", "ruleType": "Fqdn", "action": map[string]any{"actionType": "Rewrite", "rewrite": map[string]any{}}},
	}}
	mustErr(t, c.do(http.MethodPut, acc+"/raiPolicies/agents", deny), http.StatusBadRequest, "InvalidRaiPolicy")
}

func TestRAIContentFilters(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	base := "/subscriptions/" + subID + "/providers/Microsoft.CognitiveServices/locations/eastus/raiContentFilters"
	list := must(t, c.do(http.MethodGet, base, nil), http.StatusOK)
	if n := len(list.body["value"].([]any)); n != 9 {
		t.Fatalf("%d content filters", n)
	}
	f := must(t, c.do(http.MethodGet, base+"/IndirectAttack", nil), http.StatusOK)
	if f.props()["name"] != "Indirect Attack" || f.props()["source"] != "Prompt" || f.props()["isMultiLevelFilter"] != false {
		t.Fatalf("IndirectAttack: %s", f.raw)
	}
	mustErr(t, c.do(http.MethodGet, base+"/Spam", nil), http.StatusNotFound, "ResourceNotFound")
	mustErr(t, c.do(http.MethodGet, strings.Replace(base, "eastus", "atlantis", 1), nil), http.StatusBadRequest, "LocationNotAvailableForResourceType")
}

// RAI writes are account writes: refused while another operation holds the account.
func TestRAI_OneWriteAtATime(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("raibusy", "eastus")
	srv.SetWriteHold(time.Hour)
	must(t, c.do(http.MethodPatch, acc, map[string]any{"tags": map[string]any{"a": "b"}}), http.StatusAccepted)
	mustErr(t, c.do(http.MethodPut, acc+"/raiPolicies/p", raiPolicyBody()), http.StatusConflict, "RequestConflict")
	mustErr(t, c.do(http.MethodPut, acc+"/raiBlocklists/b", map[string]any{}), http.StatusConflict, "RequestConflict")
	srv.SetWriteHold(0)
	must(t, c.do(http.MethodPut, acc+"/raiBlocklists/b", map[string]any{}), http.StatusCreated)
	if err := srv.DeleteOutOfBand(acc+"/raiBlocklists/b", false); err != nil {
		t.Fatal(err)
	}
	mustErr(t, c.do(http.MethodGet, acc+"/raiBlocklists/b", nil), http.StatusNotFound, "ResourceNotFound")
}
