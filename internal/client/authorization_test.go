package client_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	foundryUser    = "53ca6127-db72-4b80-b1b0-d745d6d5456d"
	principal      = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
	assignmentGUID = "11111111-2222-3333-4444-555555555555"
)

func assignmentBody(name string) string {
	return `{"id":"` + accountID + `/providers/Microsoft.Authorization/roleAssignments/` + name + `","name":"` + name + `",
	  "type":"Microsoft.Authorization/roleAssignments","properties":{"roleDefinitionId":"/subscriptions/` + sub +
		`/providers/Microsoft.Authorization/roleDefinitions/` + foundryUser + `","principalId":"` + principal + `",
	  "principalType":"ServicePrincipal","scope":"` + accountID + `","createdOn":"2026-01-02T03:04:05Z"}}`
}

// wantAuthz checks method, path and the Microsoft.Authorization api-version of a recorded request.
func wantAuthz(t *testing.T, got request, method, path string) {
	t.Helper()
	u, err := url.Parse(got.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got.Method != method || u.Scheme+"://"+u.Host+u.EscapedPath() != armEndpoint+path {
		t.Errorf("request = %s %s, want %s %s%s", got.Method, got.URL, method, armEndpoint, path)
	}
	if v := u.Query().Get("api-version"); v != client.AuthorizationAPIVersion {
		t.Errorf("api-version = %q, want %q", v, client.AuthorizationAPIVersion)
	}
}

func TestParseRoleAssignmentID(t *testing.T) {
	id, err := client.ParseRoleAssignmentID(accountID + "/providers/microsoft.authorization/ROLEASSIGNMENTS/" + assignmentGUID)
	if err != nil {
		t.Fatal(err)
	}
	if id.Scope != accountID || id.Name != assignmentGUID {
		t.Fatalf("got %+v", id)
	}
	if id.String() != accountID+"/providers/Microsoft.Authorization/roleAssignments/"+assignmentGUID {
		t.Errorf("String() = %q", id.String())
	}
	for _, bad := range []string{"", accountID, accountID + "/providers/Microsoft.Authorization/roleAssignments/not-a-guid",
		"subscriptions/x/providers/Microsoft.Authorization/roleAssignments/" + assignmentGUID} {
		if _, err := client.ParseRoleAssignmentID(bad); err == nil || !strings.Contains(err.Error(), "expected the shape") {
			t.Errorf("ParseRoleAssignmentID(%q) err = %v", bad, err)
		}
	}
}

func TestRoleAssignmentName(t *testing.T) {
	a := client.RoleAssignmentName(accountID, foundryUser, principal)
	if !client.IsGUID(a) || a[14] != '5' {
		t.Fatalf("%q is not a version 5 UUID", a)
	}
	if b := client.RoleAssignmentName(strings.ToUpper(accountID)+"/", strings.ToUpper(foundryUser), strings.ToUpper(principal)); b != a {
		t.Errorf("case or a trailing slash changed the name: %s vs %s", a, b)
	}
	if c := client.RoleAssignmentName(projectID, foundryUser, principal); c == a {
		t.Error("another scope gave the same name")
	}
}

func TestRoleDefinitionGUID(t *testing.T) {
	for in, want := range map[string]string{
		foundryUser:                  foundryUser,
		strings.ToUpper(foundryUser): foundryUser,
		"/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/" + foundryUser: foundryUser,
		"/providers/Microsoft.Authorization/roleDefinitions/" + foundryUser:                           foundryUser,
	} {
		if got, err := client.RoleDefinitionGUID(in); err != nil || got != want {
			t.Errorf("RoleDefinitionGUID(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := client.RoleDefinitionGUID("Foundry User"); err == nil {
		t.Error("a role name was accepted as an ID")
	}
	if got := client.RoleDefinitionID(sub, strings.ToUpper(foundryUser)); got != "/subscriptions/"+sub+"/providers/Microsoft.Authorization/roleDefinitions/"+foundryUser {
		t.Errorf("RoleDefinitionID = %q", got)
	}
}

func TestRoleAssignment_crud(t *testing.T) {
	tr := newTransport(t,
		reply(201, assignmentBody(assignmentGUID)),
		reply(200, assignmentBody(assignmentGUID)),
		reply(204, ""),
		reply(200, assignmentBody(assignmentGUID)),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	id := client.NewRoleAssignmentID(accountID, assignmentGUID)
	created, err := c.CreateRoleAssignment(ctx, id, client.RoleAssignment{
		ID: ptr("ignored"),
		Properties: &client.RoleAssignmentProperties{
			RoleDefinitionID: ptr(client.RoleDefinitionID(sub, foundryUser)), PrincipalID: ptr(principal),
			PrincipalType: ptr("ServicePrincipal"), Scope: ptr("read-only"),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if *created.Name != assignmentGUID || *created.Properties.Scope != accountID || created.Properties.CreatedOn == nil {
		t.Errorf("created = %s", mustJSON(t, created))
	}
	got, err := c.GetRoleAssignment(ctx, id)
	if err != nil || *got.Properties.PrincipalID != principal {
		t.Fatalf("get = %s, %v", mustJSON(t, got), err)
	}
	if err := c.DeleteRoleAssignment(ctx, id); err != nil {
		t.Fatalf("delete of an absent assignment: %v", err)
	}
	if err := c.DeleteRoleAssignment(ctx, id); err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	path := accountPath + "/providers/Microsoft.Authorization/roleAssignments/" + assignmentGUID
	wantAuthz(t, reqs[0], http.MethodPut, path)
	wantAuthz(t, reqs[1], http.MethodGet, path)
	wantAuthz(t, reqs[2], http.MethodDelete, path)
	want := `{"properties":{"roleDefinitionId":"/subscriptions/` + sub + `/providers/Microsoft.Authorization/roleDefinitions/` + foundryUser +
		`","principalId":"` + principal + `","principalType":"ServicePrincipal"}}`
	if reqs[0].Body != want {
		t.Errorf("PUT body = %s\nwant %s", reqs[0].Body, want)
	}
}

func TestRoleAssignment_errors(t *testing.T) {
	tr := newTransport(t,
		reply(409, `{"error":{"code":"RoleAssignmentExists","message":"The role assignment already exists."}}`),
		reply(400, `{"error":{"code":"PrincipalNotFound","message":"Principal x does not exist in the directory t."}}`),
		reply(404, `{"error":{"code":"RoleAssignmentNotFound","message":"not found"}}`),
	)
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	id := client.NewRoleAssignmentID(accountID, assignmentGUID)
	body := client.RoleAssignment{Properties: &client.RoleAssignmentProperties{PrincipalID: ptr(principal)}}
	// RoleAssignmentExists is final: the conflict policy must not resend it.
	if _, err := c.CreateRoleAssignment(ctx, id, body); !client.IsConflict(err) || client.ErrorCode(err) != "RoleAssignmentExists" {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.CreateRoleAssignment(ctx, id, body); client.StatusCode(err) != 400 || client.ErrorCode(err) != "PrincipalNotFound" {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.GetRoleAssignment(ctx, id); !client.IsNotFound(err) {
		t.Fatalf("err = %v", err)
	}
	if n := len(tr.requests()); n != 3 {
		t.Errorf("%d requests, want 3 (no retries)", n)
	}
}

func TestListRoleAssignments_filterAndNextLink(t *testing.T) {
	next := armEndpoint + accountPath + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&%24skiptoken=abc"
	tr := newTransport(t,
		reply(200, `{"value":[`+assignmentBody(assignmentGUID)+`],"nextLink":"`+next+`"}`),
		reply(200, `{"value":[`+assignmentBody("99999999-2222-3333-4444-555555555555")+`]}`),
	)
	c, _ := newClient(t, tr)
	got, err := c.ListRoleAssignments(ctxTimeout(t, 10*time.Second), accountID, client.PrincipalFilter("o'neil"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d items", len(got))
	}
	reqs := tr.requests()
	wantAuthz(t, reqs[0], http.MethodGet, accountPath+"/providers/Microsoft.Authorization/roleAssignments")
	u, _ := url.Parse(reqs[0].URL)
	if f := u.Query().Get("$filter"); f != "principalId eq 'o''neil'" {
		t.Errorf("$filter = %q", f)
	}
	if reqs[1].URL != next {
		t.Errorf("nextLink not followed as given: %s", reqs[1].URL)
	}
}

func TestRoleDefinitions(t *testing.T) {
	def := `{"id":"/subscriptions/` + sub + `/providers/Microsoft.Authorization/roleDefinitions/` + foundryUser + `","name":"` + foundryUser + `",
	  "type":"Microsoft.Authorization/roleDefinitions","properties":{"roleName":"Foundry User","type":"BuiltInRole","assignableScopes":["/"],
	  "permissions":[{"actions":["Microsoft.CognitiveServices/*/read"],"dataActions":["Microsoft.CognitiveServices/*"]}]}}`
	tr := newTransport(t, reply(200, `{"value":[`+def+`]}`), reply(200, def))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := c.ListRoleDefinitions(ctx, projectID, client.RoleNameFilter("Foundry User"))
	if err != nil || len(got) != 1 || *got[0].Properties.RoleName != "Foundry User" || got[0].Properties.Permissions[0].DataActions[0] != "Microsoft.CognitiveServices/*" {
		t.Fatalf("got %s, %v", mustJSON(t, got), err)
	}
	one, err := c.GetRoleDefinition(ctx, accountID, foundryUser)
	if err != nil || *one.Name != foundryUser {
		t.Fatalf("got %s, %v", mustJSON(t, one), err)
	}
	reqs := tr.requests()
	wantAuthz(t, reqs[0], http.MethodGet, projectPath+"/providers/Microsoft.Authorization/roleDefinitions")
	if u, _ := url.Parse(reqs[0].URL); u.Query().Get("$filter") != "roleName eq 'Foundry User'" {
		t.Errorf("$filter in %s", reqs[0].URL)
	}
	wantAuthz(t, reqs[1], http.MethodGet, accountPath+"/providers/Microsoft.Authorization/roleDefinitions/"+foundryUser)
}

// jwtCredential hands out a fixed unsigned JWT.
type jwtCredential struct {
	token  string
	scopes []string
}

func (c *jwtCredential) GetToken(_ context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	c.scopes = append(c.scopes, opts.Scopes...)
	return azcore.AccessToken{Token: c.token, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

func TestCaller(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	cases := map[string]struct {
		token   string
		want    client.Caller
		wantErr string
	}{
		"app": {token: enc([]byte(`{"alg":"none"}`)) + "." + enc([]byte(`{"oid":"o1","tid":"t1","appid":"a1"}`)) + ".sig",
			want: client.Caller{ObjectID: "o1", TenantID: "t1", ClientID: "a1"}},
		"azp":     {token: "h." + enc([]byte(`{"oid":"o2","tid":"t2","azp":"a2"}`)) + ".", want: client.Caller{ObjectID: "o2", TenantID: "t2", ClientID: "a2"}},
		"opaque":  {token: "secret-test-token", wantErr: "not a JWT"},
		"no oid":  {token: "h." + enc([]byte(`{"tid":"t"}`)) + ".s", wantErr: "no oid"},
		"garbage": {token: "h.!!!.s", wantErr: "decoding"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cred := &jwtCredential{token: tc.token}
			c, _ := newClient(t, newTransport(t), func(o *client.Options) { o.Credential = cred })
			got, err := c.Caller(ctxTimeout(t, 10*time.Second))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), tc.token) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v", got, err)
			}
			if len(cred.scopes) != 1 || cred.scopes[0] != "https://management.core.windows.net/.default" {
				t.Errorf("scopes = %q", cred.scopes)
			}
		})
	}
}
