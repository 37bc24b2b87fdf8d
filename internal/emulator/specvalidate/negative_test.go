package specvalidate

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

const (
	sub      = "00000000-1111-2222-3333-444444444444"
	rgPrefix = "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.CognitiveServices"
)

// exampleBody returns a fresh decoded copy of the body of an example file.
func exampleBody(t *testing.T, file string) map[string]any {
	t.Helper()
	for _, ex := range loadExamples(t) {
		if ex.file == file {
			m, ok := mustDecode(t, string(ex.raw)).(map[string]any)
			if !ok {
				t.Fatalf("%s: body is not an object", file)
			}
			return m
		}
	}
	t.Fatalf("no example %s", file)
	return nil
}

func mustDecode(t *testing.T, s string) any {
	t.Helper()
	v, err := Decode([]byte(s))
	if err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return v
}

// set changes (or, with del, removes) the member at a dotted path, creating objects on the way.
func set(m map[string]any, path string, val any) map[string]any {
	parts := strings.Split(path, ".")
	cur := m
	for _, p := range parts[:len(parts)-1] {
		next, ok := cur[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[p] = next
		}
		cur = next
	}
	if val == del {
		delete(cur, parts[len(parts)-1])
	} else {
		cur[parts[len(parts)-1]] = val
	}
	return m
}

type deleteMarker struct{}

var del any = deleteMarker{}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// want is one expected violation.
type want struct {
	kind Kind
	rule Kind // "" = same as kind
	path string
	code string
}

func check(t *testing.T, vs []Violation, w *want) {
	t.Helper()
	if w == nil {
		if len(vs) > 0 {
			t.Errorf("want no violation, got %v", vs)
		}
		return
	}
	rule := w.rule
	if rule == "" {
		rule = w.kind
	}
	for _, v := range vs {
		if v.Kind == w.kind && v.Rule == rule && v.Path == w.path {
			if w.code != "" && v.Code() != w.code {
				t.Errorf("%s at %q: code %s, want %s (%s)", w.kind, w.path, v.Code(), w.code, v.Message)
			}
			if v.Message == "" {
				t.Errorf("%s at %q: empty message", w.kind, w.path)
			}
			if len(vs) > 1 {
				t.Logf("other violations: %v", vs)
			}
			return
		}
	}
	t.Errorf("want %s/%s at %q, got %v", w.kind, rule, w.path, vs)
}

// TestPathParameters: account, project, resource group, subscription and child names against the spec's rules.
func TestPathParameters(t *testing.T) {
	v := Default()
	acct := func(name string) string { return rgPrefix + "/accounts/" + name }
	body := marshal(t, exampleBody(t, "CreateAccount.json"))
	cases := []struct {
		name   string
		method string
		path   string
		want   *want
	}{
		{"valid account", "PUT", acct("testCreate1"), nil},
		{"valid account with dots and underscores", "PUT", acct("a_b.c-d"), nil},
		{"account -badstart", "PUT", acct("-badstart"), &want{KindPathParameter, KindPattern, "accountName", CodeInvalidAccountName}},
		{"account a", "PUT", acct("a"), &want{KindPathParameter, KindMinLength, "accountName", CodeInvalidAccountName}},
		{"account 64 characters", "PUT", acct(strings.Repeat("a", 64)), nil},
		{"account 65 characters", "PUT", acct(strings.Repeat("a", 65)), &want{KindPathParameter, KindMaxLength, "accountName", CodeInvalidAccountName}},
		{"account bad~name", "PUT", acct("bad~name"), &want{KindPathParameter, KindPattern, "accountName", CodeInvalidAccountName}},
		{"account checked on GET too", "GET", acct("bad~name"), &want{KindPathParameter, KindPattern, "accountName", CodeInvalidAccountName}},
		{"project -badproject", "PUT", acct("acct") + "/projects/-badproject", &want{KindPathParameter, KindPattern, "projectName", CodeInvalidResourceName}},
		{"project a", "PUT", acct("acct") + "/projects/a", &want{KindPathParameter, KindMinLength, "projectName", CodeInvalidResourceName}},
		{"connection ab (pattern needs 3 to 33 characters)", "PUT", acct("acct") + "/connections/ab", &want{KindPathParameter, KindPattern, "connectionName", CodeInvalidResourceName}},
		{"capability host 256 characters", "PUT", acct("acct") + "/capabilityHosts/" + strings.Repeat("c", 256), &want{KindPathParameter, KindPattern, "capabilityHostName", CodeInvalidResourceName}},
		{"deployment name is free in the spec", "PUT", acct("acct") + "/deployments/any~thing", nil},
		{"resource group bad~rg", "GET", "/subscriptions/" + sub + "/resourceGroups/bad~rg/providers/Microsoft.CognitiveServices/accounts", &want{KindPathParameter, KindPattern, "resourceGroupName", CodeInvalidResourceGroup}},
		{"resource group 91 characters", "GET", "/subscriptions/" + sub + "/resourceGroups/" + strings.Repeat("r", 91) + "/providers/Microsoft.CognitiveServices/accounts", &want{KindPathParameter, KindMaxLength, "resourceGroupName", CodeInvalidResourceGroup}},
		{"resource group with Unicode letters and (parentheses)", "GET", "/subscriptions/" + sub + "/resourceGroups/西日本(1).x_y-z/providers/Microsoft.CognitiveServices/accounts", nil},
		{"subscription not a GUID", "GET", "/subscriptions/not-a-guid/providers/Microsoft.CognitiveServices/accounts", &want{KindPathParameter, KindFormat, "subscriptionId", CodeInvalidSubscriptionID}},
		{"subscription GUID without hyphens", "GET", "/subscriptions/00000000111122223333444444444444/providers/Microsoft.CognitiveServices/accounts", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b []byte
			if c.method == "PUT" && strings.Count(c.path, "/") == 8 {
				b = body
			}
			op, vs := v.Validate(c.method, c.path, url.Values{"api-version": {"2026-09-01"}}, b)
			if op == nil {
				t.Fatalf("no operation matched %s %s", c.method, c.path)
			}
			var params []Violation
			for _, x := range vs {
				if x.In == InPath {
					params = append(params, x)
				}
			}
			check(t, params, c.want)
		})
	}
}

func TestAccountNameMessageIsTheServices(t *testing.T) {
	_, vs := Default().Validate("PUT", rgPrefix+"/accounts/-bad", nil, nil)
	e := ErrorFor(vs)
	if e == nil || e.Code != "InvalidAccountName" || !strings.HasPrefix(e.Message, "The account name is invalid.") ||
		e.Target != "accountName" {
		t.Fatalf("ErrorFor = %+v", e)
	}
	_, vs = Default().Validate("GET", "/subscriptions/"+sub+"/resourceGroups/a~b/providers/Microsoft.CognitiveServices/accounts", nil, nil)
	if e := ErrorFor(vs); e == nil || e.Message != "The provided resource group name 'a~b' has these invalid characters: '~'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'." {
		t.Fatalf("ErrorFor = %+v", e)
	}
}

func TestQueryParameters(t *testing.T) {
	v := Default()
	list := rgPrefix + "/accounts/acct/connections"
	caps := "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/modelCapacities"
	full := url.Values{"modelFormat": {"OpenAI"}, "modelName": {"gpt-4o"}, "modelVersion": {"2024-05-13"}}
	cases := []struct {
		name  string
		path  string
		query url.Values
		want  *want
	}{
		{"boolean", list, url.Values{"includeAll": {"True"}}, nil},
		{"not a boolean", list, url.Values{"includeAll": {"maybe"}}, &want{KindQueryParameter, KindType, "includeAll", CodeInvalidParameter}},
		{"names are case-insensitive", list, url.Values{"INCLUDEALL": {"maybe"}}, &want{KindQueryParameter, KindType, "includeAll", ""}},
		{"undeclared parameters are ignored", list, url.Values{"whatever": {"x"}}, nil},
		{"required present", caps, full, nil},
		{"required missing", caps, url.Values{"modelFormat": {"OpenAI"}, "modelName": {"gpt-4o"}}, &want{KindQueryParameter, KindRequired, "modelVersion", CodeInvalidParameter}},
		{"pattern", caps, url.Values{"modelFormat": {"Open AI"}, "modelName": {"gpt-4o"}, "modelVersion": {"1"}}, &want{KindQueryParameter, KindPattern, "modelFormat", ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, vs := v.Validate("GET", c.path, c.query, nil)
			check(t, vs, c.want)
		})
	}
}

// TestBodyConstraints mutates valid example bodies, one constraint kind at a time.
func TestBodyConstraints(t *testing.T) {
	v := Default()
	long := strings.Repeat("x", 501)
	cases := []struct {
		name    string
		op      string
		example string
		mutate  func(m map[string]any) map[string]any
		want    *want
	}{
		// JSON types.
		{"disableLocalAuth \"yes\"", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.disableLocalAuth", "yes") },
			&want{KindType, "", "properties.disableLocalAuth", CodeInvalidRequestContent}},
		{"disableLocalAuth true", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.disableLocalAuth", true) }, nil},
		{"allowProjectManagement \"true\"", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.allowProjectManagement", "true") },
			&want{KindType, "", "properties.allowProjectManagement", CodeInvalidRequestContent}},
		{"allowProjectManagement \"true\" in PATCH", "Accounts_Update", "UpdateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.allowProjectManagement", "true") },
			&want{KindType, "", "properties.allowProjectManagement", CodeInvalidRequestContent}},
		{"sku.capacity \"ten\"", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "sku.capacity", "ten") },
			&want{KindType, "", "sku.capacity", CodeInvalidRequestContent}},
		{"sku.capacity 1.5", "Deployments_CreateOrUpdate", "PutDeployment.json",
			func(m map[string]any) map[string]any { return set(m, "sku.capacity", json.Number("1.5")) },
			&want{KindType, "", "sku.capacity", CodeInvalidRequestContent}},
		{"sku.capacity 10.0 is an integer", "Deployments_CreateOrUpdate", "PutDeployment.json",
			func(m map[string]any) map[string]any { return set(m, "sku.capacity", json.Number("10.0")) }, nil},
		{"sku.capacity beyond int32", "Deployments_CreateOrUpdate", "PutDeployment.json",
			func(m map[string]any) map[string]any { return set(m, "sku.capacity", json.Number("3000000000")) },
			&want{KindFormat, "", "sku.capacity", CodeInvalidRequestContent}},
		{"sku a string", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "sku", "S0") },
			&want{KindType, "", "sku", CodeInvalidRequestContent}},
		{"properties an array", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties", []any{}) },
			&want{KindType, "", "properties", CodeInvalidRequestContent}},
		{"userOwnedStorage an object", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.userOwnedStorage", map[string]any{}) },
			&want{KindType, "", "properties.userOwnedStorage", CodeInvalidRequestContent}},
		{"array item of the wrong type", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.allowedFqdnList", []any{"a.com", 7}) },
			&want{KindType, "", "properties.allowedFqdnList[1]", CodeInvalidRequestContent}},
		{"tags value not a string", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "tags", map[string]any{"env": 1}) },
			&want{KindType, "", "tags.env", CodeInvalidRequestContent}},
		{"tags key with a dot", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "tags", map[string]any{"a.b": true}) },
			&want{KindType, "", "tags['a.b']", CodeInvalidRequestContent}},
		{"member names match case-insensitively", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.DisableLocalAuth", "yes") },
			&want{KindType, "", "properties.DisableLocalAuth", CodeInvalidRequestContent}},
		// Formats.
		{"date-time", "AccountConnections_Create", "AccountConnection/create.json",
			func(m map[string]any) map[string]any { return set(m, "properties.expiryTime", "tomorrow") },
			&want{KindFormat, "", "properties.expiryTime", CodeInvalidRequestContent}},
		{"date-time with an offset", "AccountConnections_Create", "AccountConnection/create.json",
			func(m map[string]any) map[string]any {
				return set(m, "properties.expiryTime", "2024-03-15T14:30:00.5+02:00")
			}, nil},
		{"uuid", "AccountConnections_Create", "AccountConnection/create.json",
			func(m map[string]any) map[string]any {
				set(m, "properties.authType", "OAuth2")
				return set(m, "properties.credentials.clientId", "not-a-guid")
			},
			&want{KindFormat, "", "properties.credentials.clientId", CodeInvalidRequestContent}},
		// Required properties.
		{"sku without name", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "sku.name", del) },
			&want{KindRequired, "", "sku.name", CodeBadRequest}},
		{"sku without name in PATCH (a merge patch)", "Accounts_Update", "UpdateAccount.json",
			func(m map[string]any) map[string]any {
				set(m, "sku.name", del)
				return set(m, "sku.capacity", json.Number("2"))
			}, nil},
		{"sku.name null in PATCH (cannot remove a required property)", "Accounts_Update", "UpdateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "sku.name", nil) },
			&want{KindRequired, "", "sku.name", CodeBadRequest}},
		{"regenerateKey without keyName", "Accounts_RegenerateKey", "RegenerateKey.json",
			func(m map[string]any) map[string]any { return set(m, "keyName", del) },
			&want{KindRequired, "", "keyName", CodeBadRequest}},
		{"connection without properties", "AccountConnections_Create", "AccountConnection/create.json",
			func(m map[string]any) map[string]any { return set(m, "properties", del) },
			&want{KindRequired, "", "properties", CodeBadRequest}},
		{"connection without authType", "AccountConnections_Create", "AccountConnection/create.json",
			func(m map[string]any) map[string]any { return set(m, "properties.authType", del) },
			&want{KindRequired, "", "properties.authType", CodeBadRequest}},
		{"capability host without properties", "AccountCapabilityHosts_CreateOrUpdate", "AccountCapabilityHost/createOrUpdate.json",
			func(m map[string]any) map[string]any { return set(m, "properties", del) },
			&want{KindRequired, "", "properties", CodeBadRequest}},
		// Enums.
		{"identity type outside the non-extensible enum", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "identity.type", "Bogus") },
			&want{KindEnum, "", "identity.type", CodeBadRequest}},
		{"identity type of two values", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "identity.type", "SystemAssigned, UserAssigned") }, nil},
		{"key name compared case-sensitively", "Accounts_RegenerateKey", "RegenerateKey.json",
			func(m map[string]any) map[string]any { return set(m, "keyName", "key1") },
			&want{KindEnum, "", "keyName", CodeBadRequest}},
		{"extensible enum accepts a new value", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.publicNetworkAccess", "Sometimes") }, nil},
		{"extensible enum still needs a string", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.publicNetworkAccess", false) },
			&want{KindType, "", "properties.publicNetworkAccess", CodeInvalidRequestContent}},
		{"capability host kind is an extensible enum", "AccountCapabilityHosts_CreateOrUpdate", "AccountCapabilityHost/createOrUpdate.json",
			func(m map[string]any) map[string]any { return set(m, "properties.capabilityHostKind", "Whatever") }, nil},
		{"kind is a free string in the spec", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "kind", "NoSuchKind") }, nil},
		// Strings: pattern and length.
		{"too long", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.apiProperties.aadClientId", long) },
			&want{KindMaxLength, "", "properties.apiProperties.aadClientId", CodeBadRequest}},
		{"500 characters is the limit", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any {
				return set(m, "properties.apiProperties.aadClientId", long[:500])
			}, nil},
		{"pattern", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any {
				return set(m, "properties.apiProperties.eventHubConnectionString", "not a connection string")
			},
			&want{KindPattern, "", "properties.apiProperties.eventHubConnectionString", CodeBadRequest}},
		{"pattern met", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any {
				return set(m, "properties.apiProperties.eventHubConnectionString",
					"Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=s")
			}, nil},
		{"apiProperties admits any other member", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any {
				return set(m, "properties.apiProperties.somethingNew", []any{1})
			}, nil},
		// Numbers.
		{"minimum", "Deployments_CreateOrUpdate", "PutDeployment.json",
			func(m map[string]any) map[string]any {
				return set(m, "properties.capacitySettings.designatedCapacity", json.Number("-1"))
			},
			&want{KindMinimum, "", "properties.capacitySettings.designatedCapacity", CodeBadRequest}},
		{"minimum met", "Deployments_CreateOrUpdate", "PutDeployment.json",
			func(m map[string]any) map[string]any {
				return set(m, "properties.capacitySettings.designatedCapacity", json.Number("0"))
			}, nil},
		// Polymorphism.
		{"unknown connection authType", "AccountConnections_Create", "AccountConnection/create.json",
			func(m map[string]any) map[string]any { return set(m, "properties.authType", "Bogus") },
			&want{KindDiscriminator, "", "properties.authType", CodeInvalidRequestContent}},
		{"authType of the enum without a subtype", "AccountConnections_Create", "AccountConnection/create.json",
			func(m map[string]any) map[string]any { return set(m, "properties.authType", "DelegatedSAS") }, nil},
		{"subtype members are checked", "AccountConnections_Update", "AccountConnection/update.json",
			func(m map[string]any) map[string]any {
				return set(m, "properties.credentials.accessKeyId", json.Number("5"))
			},
			&want{KindType, "", "properties.credentials.accessKeyId", CodeInvalidRequestContent}},
		{"unknown outbound rule type", "OutboundRule_CreateOrUpdate", "",
			func(map[string]any) map[string]any {
				return map[string]any{"properties": map[string]any{"type": "Bogus", "destination": "x"}}
			},
			&want{KindDiscriminator, "", "properties.type", CodeInvalidRequestContent}},
		{"FQDN outbound rule", "OutboundRule_CreateOrUpdate", "",
			func(map[string]any) map[string]any {
				return map[string]any{"properties": map[string]any{"type": "FQDN", "destination": "x.com", "category": "UserDefined"}}
			}, nil},
		{"FQDN outbound rule destination is a string", "OutboundRule_CreateOrUpdate", "",
			func(map[string]any) map[string]any {
				return map[string]any{"properties": map[string]any{"type": "FQDN", "destination": map[string]any{}}}
			},
			&want{KindType, "", "properties.destination", CodeInvalidRequestContent}},
		// Read-only, unknown and null.
		{"read-only properties are ignored, whatever their value", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any {
				set(m, "id", 42)
				set(m, "etag", false)
				set(m, "systemData", "x")
				set(m, "properties.provisioningState", json.Number("5"))
				return set(m, "properties.endpoint", []any{})
			}, nil},
		{"unknown properties are ignored", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any {
				set(m, "properties.noSuchProperty", "x")
				return set(m, "noSuchTopLevel", map[string]any{"a": 1})
			}, nil},
		{"null for an optional property in PUT", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.disableLocalAuth", nil) }, nil},
		{"null for an optional property in PATCH (merge-patch removal)", "Accounts_Update", "UpdateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.networkAcls", nil) }, nil},
		{"null for a required property in PUT", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "sku.name", nil) },
			&want{KindRequired, "", "sku.name", CodeBadRequest}},
		{"null tag value in PUT", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "tags", map[string]any{"a": nil}) },
			&want{KindType, "", "tags.a", CodeInvalidRequestContent}},
		{"null user-assigned identity entry in PUT", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any {
				return set(m, "identity", map[string]any{"type": "UserAssigned",
					"userAssignedIdentities": map[string]any{"/subscriptions/x/id": nil}})
			}, nil},
		{"null tag value in PATCH", "Accounts_Update", "UpdateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "tags", map[string]any{"a": nil}) }, nil},
		{"x-nullable property", "AccountCapabilityHosts_CreateOrUpdate", "AccountCapabilityHost/createOrUpdate.json",
			func(m map[string]any) map[string]any { return set(m, "properties.customerSubnet", nil) }, nil},
		{"null array item", "Accounts_Create", "CreateAccount.json",
			func(m map[string]any) map[string]any { return set(m, "properties.allowedFqdnList", []any{nil}) },
			&want{KindType, "", "properties.allowedFqdnList[0]", CodeInvalidRequestContent}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			op := v.Operation(c.op)
			if op == nil {
				t.Fatalf("no operation %s", c.op)
			}
			var m map[string]any
			if c.example != "" {
				m = exampleBody(t, c.example)
			}
			vs := op.ValidateBody(marshal(t, c.mutate(m)))
			check(t, vs, c.want)
		})
	}
}

func TestBodyEdges(t *testing.T) {
	v := Default()
	create := v.Operation("Accounts_Create")
	check(t, create.ValidateBody([]byte(`{"sku":`)), &want{KindSyntax, "", "", CodeInvalidRequestContent})
	check(t, create.ValidateBody([]byte(`{} {}`)), &want{KindSyntax, "", "", CodeInvalidRequestContent})
	check(t, create.ValidateBody(nil), &want{KindRequired, "", "", CodeBadRequest})
	check(t, create.ValidateBody([]byte(`null`)), &want{KindRequired, "", "", CodeBadRequest})
	check(t, create.ValidateBody([]byte(`[]`)), &want{KindType, "", "", CodeInvalidRequestContent})
	check(t, create.ValidateBody([]byte(`{}`)), nil) // Account declares no required property
	// The connection PUT declares its body optional.
	check(t, v.Operation("AccountConnections_Create").ValidateBody(nil), nil)
	// Operations without a body parameter ignore what is sent.
	check(t, v.Operation("Accounts_ListKeys").ValidateBody([]byte(`not json`)), nil)
	// float64 numbers (a body decoded without UseNumber) work too.
	var m any
	if err := json.Unmarshal([]byte(`{"sku":{"name":"S0","capacity":1.5}}`), &m); err != nil {
		t.Fatal(err)
	}
	check(t, create.ValidateValue(m), &want{KindType, "", "sku.capacity", ""})
}
