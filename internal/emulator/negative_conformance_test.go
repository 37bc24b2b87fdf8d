package emulator_test

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// negativeCase is one request that breaks one constraint: it must be refused with the status, ARM's envelope
// (error.code, and error.target when given, with x-ms-error-code) and nothing stored.
type negativeCase struct {
	kind   string // the constraint kind (specification: type, format, required, enum, …; ARM-wide: tags, location, kind, …)
	name   string
	method string
	path   string // relative to the account under test, or absolute (starting with /subscriptions)
	body   any
	status int
	code   string
	target string
}

// TestNegativeConformance sends, for every kind of constraint the specification check (item 2 of issue 12) and ARM's
// and the service's rules (item 3) enforce, requests that break it, and checks the 400 (413 for the size limit) with
// ARM's envelope, and that nothing was stored: a resource the request would have created does not exist, a resource
// it would have changed is unchanged (same document and etag).
func TestNegativeConformance(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("negacc", "eastus")
	c.create(acc+"/projects/negprj", map[string]any{"location": "eastus", "identity": map[string]any{"type": "SystemAssigned"}})
	c.create(acc+"/deployments/negdep", deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 10))
	must(t, c.do(http.MethodPut, acc+"/connections/negconn", aadConnection("CognitiveSearch", "https://srch-foundry-agents.search.windows.net")), http.StatusOK)

	account := func(mut func(props, body map[string]any)) map[string]any {
		b := foundryAccount("neg-new-sub")
		mut(b["properties"].(map[string]any), b)
		return b
	}
	newAccount := accountPath("rg-foundry", "negnew")
	deployment := func(mut func(props, sku map[string]any)) map[string]any {
		b := deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 10)
		mut(b["properties"].(map[string]any), b["sku"].(map[string]any))
		return b
	}
	connection := func(props map[string]any) map[string]any {
		p := map[string]any{"authType": "AAD", "category": "CognitiveSearch", "target": "https://x"}
		for k, v := range props {
			p[k] = v
		}
		return map[string]any{"properties": p}
	}
	tags := func(n, nameLen, valueLen int) map[string]any {
		m := map[string]any{}
		for i := range n {
			m[fmt.Sprintf("t%02d", i)] = "v"
		}
		if nameLen > 0 {
			m[strings.Repeat("k", nameLen)] = "v"
		}
		if valueLen > 0 {
			m["long"] = strings.Repeat("v", valueLen)
		}
		return m
	}
	withTags := func(tg map[string]any) map[string]any { return account(func(_, b map[string]any) { b["tags"] = tg }) }

	cases := []negativeCase{
		// The specification: the body read into its types.
		{"syntax", "body not JSON", http.MethodPut, newAccount, "{not json", 400, "InvalidRequestContent", ""},
		{"type", "boolean as a string (disableLocalAuth)", http.MethodPut, newAccount, account(func(p, _ map[string]any) { p["disableLocalAuth"] = "yes" }), 400, "InvalidRequestContent", "properties.disableLocalAuth"},
		{"type", "boolean as a string (allowProjectManagement)", http.MethodPut, newAccount, account(func(p, _ map[string]any) { p["allowProjectManagement"] = "true" }), 400, "InvalidRequestContent", "properties.allowProjectManagement"},
		{"type", "integer as a string (sku.capacity)", http.MethodPut, "/deployments/negnewdep", deployment(func(_, s map[string]any) { s["capacity"] = "ten" }), 400, "InvalidRequestContent", "sku.capacity"},
		{"type", "tags not strings", http.MethodPut, newAccount, withTags(map[string]any{"a": 1}), 400, "InvalidRequestContent", "tags.a"},
		{"type", "PATCH of an existing account", http.MethodPatch, "", map[string]any{"properties": map[string]any{"disableLocalAuth": "yes"}}, 400, "InvalidRequestContent", "properties.disableLocalAuth"},
		{"format", "int32 out of range", http.MethodPut, "/deployments/negnewdep", deployment(func(_, s map[string]any) { s["capacity"] = 3000000000 }), 400, "InvalidRequestContent", "sku.capacity"},
		{"format", "date-time", http.MethodPut, "/connections/negnewconn", connection(map[string]any{"expiryTime": "tomorrow"}), 400, "InvalidRequestContent", "properties.expiryTime"},
		{"format", "uuid", http.MethodPut, "/connections/negnewconn", connection(map[string]any{"authType": "OAuth2", "credentials": map[string]any{"clientId": "app", "clientSecret": "s"}}), 400, "InvalidRequestContent", "properties.credentials.clientId"},
		{"discriminator", "authType outside the enum", http.MethodPut, "/connections/negnewconn", connection(map[string]any{"authType": "Password"}), 400, "InvalidRequestContent", "properties.authType"},
		// The specification: the body's constraints.
		{"required", "sku without name", http.MethodPut, newAccount, account(func(_, b map[string]any) { b["sku"] = map[string]any{"tier": "Standard"} }), 400, "BadRequest", "sku.name"},
		{"required", "regenerateKey without keyName", http.MethodPost, "/regenerateKey", map[string]any{}, 400, "BadRequest", "keyName"},
		{"required", "capability host without properties", http.MethodPut, "/capabilityHosts/neghost", map[string]any{}, 400, "BadRequest", "properties"},
		{"enum", "identity type outside the closed enum", http.MethodPut, newAccount, account(func(_, b map[string]any) { b["identity"] = map[string]any{"type": "Magic"} }), 400, "BadRequest", "identity.type"},
		{"enum", "keyName in another case", http.MethodPost, "/regenerateKey", map[string]any{"keyName": "key1"}, 400, "BadRequest", "keyName"},
		{"pattern", "apiProperties.eventHubConnectionString", http.MethodPut, newAccount, account(func(p, _ map[string]any) { p["apiProperties"] = map[string]any{"eventHubConnectionString": "nope"} }), 400, "BadRequest", "properties.apiProperties.eventHubConnectionString"},
		{"maxLength", "apiProperties.aadClientId", http.MethodPut, newAccount, account(func(p, _ map[string]any) {
			p["apiProperties"] = map[string]any{"aadClientId": strings.Repeat("a", 501)}
		}), 400, "BadRequest", "properties.apiProperties.aadClientId"},
		{"minimum", "capacitySettings.designatedCapacity below 0", http.MethodPut, "/deployments/negnewdep", deployment(func(p, _ map[string]any) { p["capacitySettings"] = map[string]any{"designatedCapacity": -1} }), 400, "BadRequest", "properties.capacitySettings.designatedCapacity"},
		{"mutability", "location changed by PATCH", http.MethodPatch, "", map[string]any{"location": "westus"}, 400, "InvalidResourceLocation", "location"},
		{"mutability", "location changed by PUT", http.MethodPut, "", func() map[string]any { b := foundryAccount("negacc-sub"); b["location"] = "westus"; return b }(), 400, "InvalidResourceLocation", "location"},
		// The specification: names in the URL and the query.
		{"path pattern", "account name starting with '-'", http.MethodPut, accountPath("rg-foundry", "-badstart"), foundryAccount("neg-bad"), 400, "InvalidAccountName", "accountName"},
		{"path pattern", "account name with '~'", http.MethodPut, accountPath("rg-foundry", "bad~name"), foundryAccount("neg-bad"), 400, "InvalidAccountName", "accountName"},
		{"path minLength", "one-character account name", http.MethodPut, accountPath("rg-foundry", "a"), foundryAccount("neg-bad"), 400, "InvalidAccountName", "accountName"},
		{"path maxLength", "65-character account name", http.MethodPut, accountPath("rg-foundry", strings.Repeat("a", 65)), foundryAccount("neg-bad"), 400, "InvalidAccountName", "accountName"},
		{"path pattern", "project name starting with '-'", http.MethodPut, "/projects/-badproject", map[string]any{"location": "eastus"}, 400, "InvalidResourceName", "projectName"},
		{"path pattern", "connection name with '.'", http.MethodPut, "/connections/a.bc", connection(nil), 400, "InvalidResourceName", "connectionName"},
		{"path pattern", "capability host name with '.'", http.MethodPut, "/capabilityHosts/bad.name", map[string]any{"properties": map[string]any{}}, 400, "InvalidResourceName", "capabilityHostName"},
		{"query", "includeAll not a boolean", http.MethodGet, "/projects/negprj/connections?includeAll=maybe", nil, 400, "InvalidParameter", "includeAll"},
		// ARM's rules for every tracked resource.
		{"tags", "51 tags", http.MethodPut, newAccount, withTags(tags(51, 0, 0)), 400, "InvalidTagCount", ""},
		{"tags", "51 tags on a deployment", http.MethodPut, "/deployments/negnewdep", deployment(func(_, _ map[string]any) {}), 400, "InvalidTagCount", ""},
		{"tags", "tag name of 513 characters", http.MethodPut, newAccount, withTags(tags(1, 513, 0)), 400, "InvalidTagName", ""},
		{"tags", "tag value of 257 characters", http.MethodPut, newAccount, withTags(tags(1, 0, 257)), 400, "InvalidTagValueLength", ""},
		{"tags", "tag name with '/'", http.MethodPut, newAccount, withTags(map[string]any{"a/b": "v"}), 400, "InvalidTagNameCharacters", ""},
		{"tags", "51 tags by PATCH", http.MethodPatch, "", map[string]any{"tags": tags(51, 0, 0)}, 400, "InvalidTagCount", ""},
		{"location", "unknown region", http.MethodPut, newAccount, account(func(_, b map[string]any) { b["location"] = "moon" }), 400, "LocationNotAvailableForResourceType", ""},
		{"location", "global for an account", http.MethodPut, newAccount, account(func(_, b map[string]any) { b["location"] = "global" }), 400, "LocationNotAvailableForResourceType", ""},
		{"location", "global for a project", http.MethodPut, "/projects/negnewprj", map[string]any{"location": "global"}, 400, "LocationNotAvailableForResourceType", ""},
		// The service's rules of item 3.
		{"kind", "a kind the service does not offer", http.MethodPut, newAccount, account(func(_, b map[string]any) { b["kind"] = "NoSuchKind" }), 400, "InvalidApiSetId", ""},
		{"kind", "a retired kind", http.MethodPut, newAccount, account(func(_, b map[string]any) { b["kind"] = "Emotion" }), 400, "ApiSetDisabledForCreation", ""},
		{"kind", "kind changed", http.MethodPut, "", func() map[string]any { b := foundryAccount("negacc-sub"); b["kind"] = "OpenAI"; return b }(), 400, "UpdateKindNotAllowed", ""},
		{"raiPolicyName", "no such policy", http.MethodPut, "/deployments/negnewdep", deployment(func(p, _ map[string]any) { p["raiPolicyName"] = "no-such-policy" }), 400, "RaiPolicyNotFound", ""},
		// ARM's size limit.
		{"size", "capability host body over 4 MB", http.MethodPut, "/capabilityHosts/neghost", map[string]any{"properties": map[string]any{"description": strings.Repeat("x", 4<<20)}}, 413, "RequestEntityTooLarge", ""},
	}
	// The deployment with 51 tags.
	for i := range cases {
		if cases[i].name == "51 tags on a deployment" {
			b := deployment(func(_, _ map[string]any) {})
			b["tags"] = tags(51, 0, 0)
			cases[i].body = b
		}
	}

	kinds := map[string]int{}
	for _, tc := range cases {
		t.Run(tc.kind+"/"+tc.name, func(t *testing.T) {
			target := tc.path
			if !strings.HasPrefix(target, "/subscriptions") {
				target = acc + target
			}
			resource := strings.SplitN(target, "?", 2)[0]
			if strings.HasSuffix(resource, "/regenerateKey") {
				resource = acc
			}
			before := c.do(http.MethodGet, resource, nil)
			keysBefore := c.do(http.MethodPost, acc+"/listKeys", nil)
			r := c.do(tc.method, target, tc.body)
			mustErr(t, r, tc.status, tc.code)
			e, _ := r.body["error"].(map[string]any)
			if msg, _ := e["message"].(string); msg == "" {
				t.Fatalf("no message: %s", r.raw)
			}
			if tc.target != "" && e["target"] != tc.target {
				t.Fatalf("target = %v, want %s: %s", e["target"], tc.target, r.raw)
			}
			// Nothing stored.
			after := c.do(http.MethodGet, resource, nil)
			switch {
			case before.status == http.StatusNotFound:
				if after.status != http.StatusNotFound && after.status != http.StatusBadRequest {
					t.Fatalf("the refused request created %s: %d %s", resource, after.status, after.raw)
				}
			case !reflect.DeepEqual(before.body, after.body):
				t.Fatalf("the refused request changed %s:\nbefore %s\nafter  %s", resource, before.raw, after.raw)
			}
			if k := c.do(http.MethodPost, acc+"/listKeys", nil); !reflect.DeepEqual(keysBefore.body, k.body) {
				t.Fatalf("the refused request changed the keys")
			}
		})
		kinds[tc.kind]++
	}
	// Read-only properties are not refused: they are ignored (not stored), as ARM does.
	ro := foundryAccount("neg-ro-sub")
	ro["id"], ro["etag"] = "/subscriptions/x", `W/"forged"`
	ro["properties"].(map[string]any)["endpoint"] = "https://forged.example.com/"
	ro["properties"].(map[string]any)["provisioningState"] = "Succeeded"
	got := c.create(accountPath("rg-foundry", "negro"), ro)
	if got.props()["endpoint"] == "https://forged.example.com/" || got.body["etag"] == `W/"forged"` || !strings.HasSuffix(got.body["id"].(string), "/negro") {
		t.Fatalf("a read-only property was stored: %s", got.raw)
	}
	t.Logf("%d refused requests over %d constraint kinds: %v", len(cases), len(kinds), kinds)
}
