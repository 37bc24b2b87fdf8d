package specvalidate

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// synthetic is a small specification for the constraint kinds the Cognitive Services specification does not use
// (maximum, minItems, maxItems, minLength in a body, additionalProperties: false, x-nullable: false, exclusive
// bounds, an enum without x-ms-enum) and for a two-level polymorphic hierarchy.
const synthetic = `{
  "swagger": "2.0",
  "paths": {
    "/things/{name}": {
      "parameters": [{"name": "name", "in": "path", "required": true, "type": "string", "minLength": 3}],
      "put": {
        "operationId": "Things_Put",
        "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Thing"}}],
        "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Thing"}}}
      }
    },
    "/things/special": {
      "put": {"operationId": "Things_Special", "responses": {"204": {"description": "none"}}}
    },
    "/pets": {
      "post": {
        "operationId": "Pets_Post",
        "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}}],
        "responses": {"200": {"description": "ok"}}
      }
    }
  },
  "definitions": {
    "Thing": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "percent": {"type": "number", "maximum": 100, "exclusiveMinimum": true, "minimum": 0},
        "list": {"type": "array", "items": {"type": "string", "minLength": 2}, "minItems": 1, "maxItems": 2},
        "shade": {"type": "string", "enum": ["light", "dark"]},
        "strict": {"type": "string", "x-nullable": false},
        "big": {"type": "integer", "format": "int64"},
        "state": {"type": "string", "x-ms-mutability": ["read"]}
      }
    },
    "Pet": {
      "type": "object",
      "discriminator": "kind",
      "required": ["kind"],
      "properties": {"kind": {"type": "string"}, "name": {"type": "string"}}
    },
    "Dog": {
      "allOf": [{"$ref": "#/definitions/Pet"}],
      "x-ms-discriminator-value": "dog",
      "properties": {"bark": {"type": "boolean"}}
    },
    "Puppy": {
      "allOf": [{"$ref": "#/definitions/Dog"}],
      "x-ms-discriminator-value": "puppy",
      "required": ["age"],
      "properties": {"age": {"type": "integer", "minimum": 0, "maximum": 2}}
    },
    "Cat": {
      "allOf": [{"$ref": "#/definitions/Pet"}],
      "properties": {"lives": {"type": "integer", "maximum": 9}}
    }
  }
}`

func syntheticValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := New([]byte(synthetic))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSyntheticConstraints(t *testing.T) {
	v := syntheticValidator(t)
	put, pets := v.Operation("Things_Put"), v.Operation("Pets_Post")
	cases := []struct {
		name string
		op   *Operation
		body string
		want *want
	}{
		{"valid", put, `{"percent": 100, "list": ["ab"], "shade": "dark", "big": 9007199254740993}`, nil},
		{"maximum", put, `{"percent": 100.5}`, &want{KindMaximum, "", "percent", CodeBadRequest}},
		{"exclusive minimum", put, `{"percent": 0}`, &want{KindMinimum, "", "percent", CodeBadRequest}},
		{"minItems", put, `{"list": []}`, &want{KindMinItems, "", "list", CodeBadRequest}},
		{"maxItems", put, `{"list": ["ab", "cd", "ef"]}`, &want{KindMaxItems, "", "list", CodeBadRequest}},
		{"minLength of an item", put, `{"list": ["a"]}`, &want{KindMinLength, "", "list[0]", CodeBadRequest}},
		{"enum without x-ms-enum is sealed", put, `{"shade": "Dark"}`, &want{KindEnum, "", "shade", CodeBadRequest}},
		{"additionalProperties false", put, `{"other": 1}`, &want{KindAdditional, "", "other", CodeBadRequest}},
		{"x-nullable false refuses null", put, `{"strict": null}`, &want{KindType, "", "strict", CodeInvalidRequestContent}},
		{"read-only by mutability", put, `{"state": 5}`, nil},
		{"int64 beyond range", put, `{"big": 1e19}`, &want{KindFormat, "", "big", CodeInvalidRequestContent}},
		{"base with a subtype", pets, `{"kind": "dog", "bark": "loud"}`, &want{KindType, "", "bark", ""}},
		{"second-level subtype is reached from the base", pets, `{"kind": "puppy", "age": 3}`, &want{KindMaximum, "", "age", ""}},
		{"second-level subtype inherits required", pets, `{"kind": "puppy"}`, &want{KindRequired, "", "age", ""}},
		{"subtype without x-ms-discriminator-value goes by its name", pets, `{"kind": "Cat", "lives": 10}`, &want{KindMaximum, "", "lives", ""}},
		{"unknown kind", pets, `{"kind": "fish"}`, &want{KindDiscriminator, "", "kind", CodeInvalidRequestContent}},
		{"discriminator is required", pets, `{"name": "x"}`, &want{KindRequired, "", "kind", ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			check(t, c.op.ValidateBody([]byte(c.body)), c.want)
		})
	}
	if got := put.UnknownProperties(mustDecode(t, `{"other": 1, "percent": 1}`)); !reflect.DeepEqual(got, []string{"other"}) {
		t.Errorf("UnknownProperties = %v", got)
	}
}

func TestNewRefusesUnknownExternalReferences(t *testing.T) {
	spec := `{"paths": {}, "definitions": {"A": {"allOf": [{"$ref": "../other.json#/definitions/B"}]}}}`
	if _, err := New([]byte(spec)); err == nil || !strings.Contains(err.Error(), "no stand-in") {
		t.Fatalf("New = %v, want an error naming the reference", err)
	}
	if _, err := New([]byte(`{"definitions": {"A": {"type": "string", "pattern": "(("}}}`)); err == nil {
		t.Fatal("a pattern that does not compile must fail New")
	}
}

func TestMatch(t *testing.T) {
	v := Default()
	cases := []struct {
		method, path, id string
		params           map[string]string
	}{
		{"PUT", rgPrefix + "/accounts/acct", "Accounts_Create", map[string]string{"subscriptionId": sub, "resourceGroupName": "rg", "accountName": "acct"}},
		{"put", strings.ToLower(rgPrefix) + "/ACCOUNTS/Acct/", "Accounts_Create", map[string]string{"subscriptionId": sub, "resourceGroupName": "rg", "accountName": "Acct"}},
		{"PATCH", rgPrefix + "/accounts/acct", "Accounts_Update", nil},
		{"GET", rgPrefix + "/accounts", "Accounts_ListByResourceGroup", nil},
		{"POST", rgPrefix + "/accounts/acct/listKeys", "Accounts_ListKeys", nil},
		{"PUT", rgPrefix + "/accounts/acct/projects/p1/connections/c1", "ProjectConnections_Create", nil},
		{"GET", "/providers/Microsoft.CognitiveServices/operations", "Operations_List", nil},
		{"DELETE", "/subscriptions/" + sub + "/providers/Microsoft.CognitiveServices/locations/westus/resourceGroups/rg/deletedAccounts/a", "DeletedAccounts_Purge", nil},
		{"PUT", rgPrefix + "/accounts/acct/listKeys", "", nil}, // no PUT there
		{"GET", rgPrefix + "/accounts/acct/nothing", "", nil},
		{"GET", rgPrefix + "/accounts//", "", nil},
		{"GET", "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Other/accounts/a", "", nil},
		{"GET", "/", "", nil},
	}
	for _, c := range cases {
		op, params, ok := v.Match(c.method, c.path)
		if c.id == "" {
			if ok {
				t.Errorf("Match(%s %s) = %s, want none", c.method, c.path, op.ID)
			}
			continue
		}
		if !ok || op.ID != c.id {
			t.Errorf("Match(%s %s) = %v, %v, want %s", c.method, c.path, op, ok, c.id)
			continue
		}
		if c.params != nil && !reflect.DeepEqual(params, c.params) {
			t.Errorf("Match(%s %s) params = %v, want %v", c.method, c.path, params, c.params)
		}
	}
	// The most literal template wins: /things/special is not /things/{name}.
	sv := syntheticValidator(t)
	if op, _, _ := sv.Match("PUT", "/things/special"); op == nil || op.ID != "Things_Special" {
		t.Errorf("Match(/things/special) = %v", op)
	}
	if op, p, _ := sv.Match("PUT", "/things/other"); op == nil || op.ID != "Things_Put" || p["name"] != "other" {
		t.Errorf("Match(/things/other) = %v %v", op, p)
	}
	// Path-item parameters apply to the operation.
	op, p, _ := sv.Match("PUT", "/things/ab")
	check(t, op.ValidateParams(p, nil), &want{KindPathParameter, KindMinLength, "name", CodeInvalidResourceName})
}

func TestResponses(t *testing.T) {
	v := Default()
	for _, id := range []string{"Accounts_Create", "Projects_Create"} {
		op := v.Operation(id)
		if !op.LongRunning || op.FinalStateVia != "location" {
			t.Errorf("%s: LRO %v via %q", id, op.LongRunning, op.FinalStateVia)
		}
		var statuses []string
		for _, r := range op.Responses {
			statuses = append(statuses, r.Status)
		}
		if !reflect.DeepEqual(statuses, []string{"200", "201", "202", "default"}) {
			t.Errorf("%s: statuses %v", id, statuses)
		}
		r201, _ := op.Response(201)
		if !reflect.DeepEqual(r201.Headers, []string{"Retry-After"}) || r201.HasHeader("Location") || r201.Schema != strings.TrimSuffix(id, "s_Create") {
			t.Errorf("%s 201: %+v", id, r201)
		}
		r202, _ := op.Response(202)
		if !r202.HasHeader("Location") || !r202.HasHeader("retry-after") || r202.HasHeader("Azure-AsyncOperation") {
			t.Errorf("%s 202: %+v", id, r202)
		}
		if _, ok := op.Response(204); ok {
			t.Errorf("%s declares no 204", id)
		}
	}
	ch := v.Operation("AccountCapabilityHosts_CreateOrUpdate")
	if r, _ := ch.Response(201); ch.FinalStateVia != "original-uri" || !r.HasHeader("Azure-AsyncOperation") {
		t.Errorf("capability host: %q %+v", ch.FinalStateVia, r)
	}
	if r, ok := v.Operation("Accounts_Delete").Response(204); !ok || r.HasBody {
		t.Errorf("Accounts_Delete 204: %+v %v", r, ok)
	}
	// Every operation has at least one success status and a default.
	n := 0
	for _, op := range v.Operations() {
		n++
		if op.ID == "" || len(op.Responses) < 2 || op.Responses[len(op.Responses)-1].Status != "default" {
			t.Errorf("%s %s: responses %+v", op.Method, op.Path, op.Responses)
		}
	}
	if n != 145 {
		t.Errorf("%d operations, want 145", n)
	}
}

func TestStripReadOnly(t *testing.T) {
	v := Default()
	op := v.Operation("Accounts_Create")
	in := mustDecode(t, `{
		"id": "/x", "name": "n", "type": "t", "etag": "e", "systemData": {"createdBy": "me"},
		"location": "westus", "kind": "AIServices", "sku": {"name": "S0"},
		"identity": {"type": "UserAssigned", "principalId": "p", "tenantId": "t",
			"userAssignedIdentities": {"/id/1": {"principalId": "p", "clientId": "c"}}},
		"tags": {"a": "b"},
		"properties": {"provisioningState": "Succeeded", "endpoint": "https://x", "disableLocalAuth": true,
			"customSubDomainName": "x", "privateEndpointConnections": [], "unknownThing": 1,
			"networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "1.2.3.4"}]}}
	}`)
	before, _ := json.Marshal(in)
	got := op.StripReadOnly(in)
	want := mustDecode(t, `{
		"location": "westus", "kind": "AIServices", "sku": {"name": "S0"},
		"identity": {"type": "UserAssigned", "userAssignedIdentities": {"/id/1": {}}},
		"tags": {"a": "b"},
		"properties": {"disableLocalAuth": true, "customSubDomainName": "x", "unknownThing": 1,
			"networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "1.2.3.4"}]}}
	}`)
	if !jsonEqual(got, want) {
		g, _ := json.Marshal(got)
		t.Errorf("StripReadOnly =\n%s", g)
	}
	if after, _ := json.Marshal(in); string(after) != string(before) {
		t.Error("StripReadOnly modified its input")
	}
	if vs := op.ValidateValue(in); len(vs) > 0 {
		t.Errorf("read-only properties must not be refused: %v", vs)
	}
	// Through a discriminator: a connection's createdByWorkspaceArmId and group are read-only in the base type.
	conn := v.Operation("AccountConnections_Create")
	got = conn.StripReadOnly(mustDecode(t, `{"properties": {"authType": "ApiKey", "group": "Azure",
		"createdByWorkspaceArmId": "/x", "credentials": {"key": "k"}, "target": "https://x"}}`))
	if !jsonEqual(got, mustDecode(t, `{"properties": {"authType": "ApiKey", "credentials": {"key": "k"}, "target": "https://x"}}`)) {
		g, _ := json.Marshal(got)
		t.Errorf("connection StripReadOnly = %s", g)
	}
	if got := v.Operation("Accounts_ListKeys").StripReadOnly("x"); got != "x" {
		t.Errorf("an operation without a body returns it unchanged: %v", got)
	}
}

func TestUnknownProperties(t *testing.T) {
	op := Default().Operation("Accounts_Create")
	got := op.UnknownProperties(mustDecode(t, `{"sku": {"name": "S0", "extra": 1}, "foo": 1,
		"tags": {"any": "thing"}, "properties": {"apiProperties": {"free": 1}, "bar": {"baz": 1},
		"provisioningState": "x", "userOwnedStorage": [{"resourceId": "/x", "qux": 1}]}}`))
	want := []string{"foo", "properties.bar", "properties.userOwnedStorage[0].qux", "sku.extra"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UnknownProperties = %v, want %v", got, want)
	}
}

func TestCreateOnlyChanges(t *testing.T) {
	v := Default()
	stored := mustDecode(t, `{"id": "/x", "location": "West US", "kind": "AIServices", "sku": {"name": "S0"},
		"tags": {"a": "b"}, "properties": {"provisioningState": "Succeeded"}}`)
	cases := []struct {
		name string
		op   string
		body string
		want *want
	}{
		{"same location written differently", "Accounts_Create", `{"location": "westus", "sku": {"name": "S1"}, "tags": {}}`, nil},
		{"location changed by PUT", "Accounts_Create", `{"location": "eastus"}`, &want{KindMutability, "", "location", CodeInvalidResourceLocation}},
		{"location changed by PATCH", "Accounts_Update", `{"location": "global"}`, &want{KindMutability, "", "location", CodeInvalidResourceLocation}},
		{"location left out", "Accounts_Update", `{"tags": {"c": "d"}}`, nil},
		{"location null", "Accounts_Update", `{"location": null}`, nil},
		{"tags are updatable", "Accounts_Update", `{"tags": {"x": "y"}}`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			check(t, v.Operation(c.op).CreateOnlyChanges(stored, mustDecode(t, c.body)), c.want)
		})
	}
	// RAI tool labels' tags are create-only ([read, create]).
	labels := v.Operation("RaiToolLabels_CreateOrUpdate")
	old := mustDecode(t, `{"tags": {"a": "b"}, "properties": {"toolConnectionName": "c"}}`)
	check(t, labels.CreateOnlyChanges(old, mustDecode(t, `{"tags": {"a": "b"}, "properties": {"toolConnectionName": "c"}}`)), nil)
	check(t, labels.CreateOnlyChanges(old, mustDecode(t, `{"tags": {"a": "c"}}`)), &want{KindMutability, "", "tags", CodePropertyChangeNotAllowed})
	check(t, labels.CreateOnlyChanges(mustDecode(t, `{}`), mustDecode(t, `{"tags": {}}`)), &want{KindMutability, "", "tags", CodePropertyChangeNotAllowed})
	vs := labels.CreateOnlyChanges(old, mustDecode(t, `{"tags": {"a": "c"}}`))
	if len(vs) != 1 || vs[0].Message != "Changing property 'tags' is not allowed." {
		t.Errorf("message: %v", vs)
	}
}

func TestErrorFor(t *testing.T) {
	v := Default()
	if ErrorFor(nil) != nil {
		t.Error("no violations, no error")
	}
	// A bad name in the URL stops ARM before the body is read.
	_, vs := v.Validate("PUT", rgPrefix+"/accounts/-x", nil, []byte(`{"properties": {"disableLocalAuth": "yes"}}`))
	if e := ErrorFor(vs); e.Code != CodeInvalidAccountName || len(e.Details) != 0 {
		t.Errorf("ErrorFor = %+v", e)
	}
	// The resource group before the account.
	_, vs = v.Validate("PUT", "/subscriptions/"+sub+"/resourceGroups/a~b/providers/Microsoft.CognitiveServices/accounts/-x", nil, nil)
	if e := ErrorFor(vs); e.Code != CodeInvalidResourceGroup {
		t.Errorf("ErrorFor = %+v", e)
	}
	// A body that cannot be read stops before its constraints; several such errors are all listed.
	_, vs = v.Validate("PUT", rgPrefix+"/accounts/acct", nil,
		[]byte(`{"sku": {"capacity": "ten"}, "identity": {"type": "Bogus"}, "properties": {"disableLocalAuth": "yes"}}`))
	e := ErrorFor(vs)
	if e.Code != CodeInvalidRequestContent || e.Target != "properties.disableLocalAuth" || len(e.Details) != 2 {
		b, _ := json.Marshal(e)
		t.Errorf("ErrorFor = %s", b)
	}
	// Then the constraints.
	_, vs = v.Validate("PUT", rgPrefix+"/accounts/acct", url.Values{}, []byte(`{"sku": {}, "identity": {"type": "Bogus"}}`))
	if e := ErrorFor(vs); e.Code != CodeBadRequest || len(e.Details) != 2 {
		t.Errorf("ErrorFor = %+v", e)
	}
	for _, x := range vs {
		if x.Status() != 400 || x.Error() == "" {
			t.Errorf("%v: status %d", x, x.Status())
		}
	}
}

func TestDefaultIsSharedAndConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]*Validator, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := Default()
			got[i] = v
			_, _ = v.Validate("PUT", rgPrefix+"/accounts/acct", nil, []byte(`{"sku": {"name": "S0"}}`))
		}()
	}
	wg.Wait()
	for _, v := range got {
		if v != got[0] {
			t.Fatal("Default must compile once")
		}
	}
}

// TestConstraintCounts prints how many constraints of the specification the validator enforces, by kind
// (go test -v -run TestConstraintCounts). The closing note of issue 12 quotes it.
func TestConstraintCounts(t *testing.T) {
	counts := Default().Constraints()
	got := map[string]int{}
	for _, c := range counts {
		t.Logf("%-6s %-70s %4d", c.In, c.Kind, c.Count)
		got[string(c.In)+" "+c.Kind] = c.Count
	}
	for _, k := range []string{"body type", "body required", "body enum", "body pattern", "body maxLength",
		"body minimum", "body discriminator", "body mutability", "path pattern", "path maxLength", "path minLength",
		"path format"} {
		if got[k] == 0 {
			t.Errorf("no %s constraint counted", k)
		}
	}
	// The specification's two non-extensible enums reachable from writes: KeyName and ResourceIdentityType.
	if got["body enum"] != 2 {
		t.Errorf("body enum = %d, want 2", got["body enum"])
	}
}
