package client_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	accountConnectionID   = accountID + "/connections/myConn"
	projectConnectionID   = projectID + "/connections/myConn"
	accountConnectionPath = accountPath + "/connections/myConn"
	projectConnectionPath = projectPath + "/connections/myConn"
)

func testAccountConnectionID() client.AccountConnectionID {
	return client.NewAccountConnectionID(testAccountID(), "myConn")
}

func testProjectConnectionID() client.ProjectConnectionID {
	return client.NewProjectConnectionID(testProjectID(), "myConn")
}

func TestParseConnectionIDs(t *testing.T) {
	a, err := client.ParseAccountConnectionID(strings.ToLower(accountConnectionID[:60]) + accountConnectionID[60:])
	if err != nil || a != testAccountConnectionID() || a.String() != accountConnectionID || a.Account() != testAccountID() || a.ConnectionName() != "myConn" {
		t.Errorf("ParseAccountConnectionID = %+v, %v", a, err)
	}
	p, err := client.ParseProjectConnectionID(strings.Replace(projectConnectionID, "/connections/", "/CONNECTIONS/", 1))
	if err != nil || p != testProjectConnectionID() || p.String() != projectConnectionID || p.Account() != testAccountID() || p.ConnectionName() != "myConn" {
		t.Errorf("ParseProjectConnectionID = %+v, %v", p, err)
	}
	for _, bad := range []string{accountID, projectID, projectConnectionID, accountConnectionID + "/", accountID + "/connections/", accountID + "/deployments/d"} {
		if _, err := client.ParseAccountConnectionID(bad); err == nil {
			t.Errorf("ParseAccountConnectionID(%q) succeeded", bad)
		} else if !strings.Contains(err.Error(), "/accounts/account1/connections/connection1") {
			t.Errorf("error does not show an example: %v", err)
		}
	}
	for _, bad := range []string{projectID, accountConnectionID, projectConnectionID + "/", projectID + "/connections/"} {
		if _, err := client.ParseProjectConnectionID(bad); err == nil {
			t.Errorf("ParseProjectConnectionID(%q) succeeded", bad)
		}
	}
}

func FuzzParseAccountConnectionID(f *testing.F) {
	for _, s := range []string{accountConnectionID, projectConnectionID, accountID, strings.ToUpper(accountConnectionID), "/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := client.ParseAccountConnectionID(s)
		if err != nil {
			return
		}
		again, err := client.ParseAccountConnectionID(id.String())
		if err != nil || again != id {
			t.Fatalf("round trip of %q: %+v -> %+v, %v", s, id, again, err)
		}
	})
}

func FuzzParseProjectConnectionID(f *testing.F) {
	for _, s := range []string{projectConnectionID, accountConnectionID, projectID, strings.ToUpper(projectConnectionID), "/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := client.ParseProjectConnectionID(s)
		if err != nil {
			return
		}
		again, err := client.ParseProjectConnectionID(id.String())
		if err != nil || again != id {
			t.Fatalf("round trip of %q: %+v -> %+v, %v", s, id, again, err)
		}
	})
}

// Every operation at both scopes: verb, path, api-version, body sent and answer decoded.
func TestConnectionOperations(t *testing.T) {
	getBody := `{"id":"X","name":"myConn","type":"T","properties":{"authType":"ApiKey","category":"AzureOpenAI","target":"https://x",
	  "group":"AzureAI","metadata":{"ApiType":"Azure"}}}`
	for name, id := range map[string]client.ConnectionID{"account": testAccountConnectionID(), "project": testProjectConnectionID()} {
		t.Run(name, func(t *testing.T) {
			path := accountConnectionPath
			if name == "project" {
				path = projectConnectionPath
			}
			tr := newTransport(t, reply(200, getBody), reply(200, getBody), reply(200, getBody), reply(200, ""), reply(204, ""))
			c, _ := newClient(t, tr)
			ctx := ctxTimeout(t, 10*time.Second)

			got, err := c.GetConnection(ctx, id)
			if err != nil || got.Properties.AuthType != client.ConnectionAuthTypeAPIKey || *got.Properties.Group != client.ConnectionGroupAzureAI ||
				got.Properties.Credentials != nil || got.Properties.Metadata["ApiType"] != "Azure" {
				t.Fatalf("GetConnection = %s, %v", mustJSON(t, got), err)
			}
			body := client.Connection{ID: ptr("ignored"), Properties: &client.ConnectionProperties{
				AuthType: client.ConnectionAuthTypeAPIKey, Category: ptr("AzureOpenAI"), Target: ptr("https://x"),
				Group: ptr(client.ConnectionGroupAzureAI), Credentials: &client.ConnectionAPIKeyCredentials{Key: ptr("k")},
			}}
			if _, err := c.CreateOrUpdateConnection(ctx, id, body); err != nil {
				t.Fatal(err)
			}
			if _, err := c.UpdateConnection(ctx, id, client.ConnectionUpdate{Properties: body.Properties}); err != nil {
				t.Fatal(err)
			}
			if err := c.DeleteConnection(ctx, id); err != nil {
				t.Fatal(err)
			}
			if err := c.DeleteConnection(ctx, id); err != nil {
				t.Fatalf("204 is success: %v", err)
			}
			reqs := tr.requests()
			wantURL(t, reqs[0], http.MethodGet, path)
			wantURL(t, reqs[1], http.MethodPut, path)
			wantURL(t, reqs[2], http.MethodPatch, path)
			wantURL(t, reqs[3], http.MethodDelete, path)
			want := `{"properties":{"authType":"ApiKey","category":"AzureOpenAI","target":"https://x","credentials":{"key":"k"}}}`
			if reqs[1].Body != want || reqs[2].Body != want {
				t.Errorf("PUT body   %s\nPATCH body %s\nwant       %s", reqs[1].Body, reqs[2].Body, want)
			}
			if body.Properties.Group == nil {
				t.Error("writable() changed the caller's body")
			}
		})
	}
}

func TestListConnections(t *testing.T) {
	page1 := `{"value":[{"name":"a","properties":{"authType":"AAD"}}],"nextLink":"` + armEndpoint + `/next?api-version=x"}`
	page2 := `{"value":[{"name":"b","properties":{"authType":"PAT","credentials":{"pat":null}}}]}`
	tr := newTransport(t, reply(200, page1), reply(200, page2), reply(200, `{"value":[]}`))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := c.ListAccountConnections(ctx, testAccountID(), client.ListConnectionsOptions{Target: "https://t/?a=b", Category: "CosmosDb", IncludeAll: true})
	if err != nil || len(got) != 2 || *got[1].Name != "b" || got[1].Properties.AuthType != client.ConnectionAuthTypePAT {
		t.Fatalf("ListAccountConnections = %s, %v", mustJSON(t, got), err)
	}
	if _, err := c.ListProjectConnections(ctx, testProjectID(), client.ListConnectionsOptions{}); err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	wantURL(t, reqs[0], http.MethodGet, accountPath+"/connections")
	u, _ := url.Parse(reqs[0].URL)
	if q := u.Query(); q.Get("target") != "https://t/?a=b" || q.Get("category") != "CosmosDb" || q.Get("includeAll") != "true" {
		t.Errorf("list query = %s", u.RawQuery)
	}
	wantURL(t, reqs[2], http.MethodGet, projectPath+"/connections")
	if u, _ := url.Parse(reqs[2].URL); len(u.Query()) != 1 {
		t.Errorf("unfiltered list sent %s", u.RawQuery)
	}
}

// Each auth type's credentials decode into their own type; types without credentials (and unknown ones) keep nil.
func TestConnectionProperties_authTypeDecoding(t *testing.T) {
	for authType, tc := range map[client.ConnectionAuthType]struct {
		creds string
		want  client.ConnectionCredentials
	}{
		"ApiKey":     {`{"key":"k"}`, &client.ConnectionAPIKeyCredentials{Key: ptr("k")}},
		"AccountKey": {`{"key":"k"}`, &client.ConnectionAccountKeyCredentials{Key: ptr("k")}},
		"AccessKey":  {`{"accessKeyId":"id","secretAccessKey":"s"}`, &client.ConnectionAccessKeyCredentials{AccessKeyID: ptr("id"), SecretAccessKey: ptr("s")}},
		"CustomKeys": {`{"keys":{"a":"1"}}`, &client.ConnectionCustomKeysCredentials{Keys: map[string]string{"a": "1"}}},
		"ManagedIdentity": {`{"clientId":"c","resourceId":"r"}`,
			&client.ConnectionManagedIdentityCredentials{ClientID: ptr("c"), ResourceID: ptr("r")}},
		"OAuth2": {`{"authUrl":"https://a","clientId":"c","clientSecret":"s","developerToken":"d","password":"p","refreshToken":"r","tenantId":"t","username":"u"}`,
			&client.ConnectionOAuth2Credentials{AuthURL: ptr("https://a"), ClientID: ptr("c"), ClientSecret: ptr("s"), DeveloperToken: ptr("d"),
				Password: ptr("p"), RefreshToken: ptr("r"), TenantID: ptr("t"), Username: ptr("u")}},
		"PAT": {`{"pat":"p"}`, &client.ConnectionPATCredentials{PAT: ptr("p")}},
		"SAS": {`{"sas":"s"}`, &client.ConnectionSASCredentials{SAS: ptr("s")}},
		"ServicePrincipal": {`{"clientId":"c","clientSecret":"s","tenantId":"t"}`,
			&client.ConnectionServicePrincipalCredentials{ClientID: ptr("c"), ClientSecret: ptr("s"), TenantID: ptr("t")}},
		"UsernamePassword": {`{"username":"u","password":"p","securityToken":"s"}`,
			&client.ConnectionUsernamePasswordCredentials{Username: ptr("u"), Password: ptr("p"), SecurityToken: ptr("s")}},
		"AAD":                    {`{"key":"ignored"}`, nil},
		"None":                   {``, nil},
		"ProjectManagedIdentity": {`{}`, nil},
		"SomethingNew":           {`{"x":1}`, nil},
	} {
		t.Run(string(authType), func(t *testing.T) {
			body := `{"authType":"` + string(authType) + `","category":"CustomKeys","target":"t"`
			if tc.creds != "" {
				body += `,"credentials":` + tc.creds
			}
			body += "}"
			var p client.ConnectionProperties
			mustUnmarshal(t, body, &p)
			if p.AuthType != authType || *p.Category != "CustomKeys" || *p.Target != "t" {
				t.Errorf("base properties decoded as %s", mustJSON(t, p))
			}
			if !reflect.DeepEqual(p.Credentials, tc.want) {
				t.Errorf("credentials = %#v, want %#v", p.Credentials, tc.want)
			}
			if tc.want != nil {
				if p.Credentials.AuthType() != authType {
					t.Errorf("%T.AuthType() = %s", p.Credentials, p.Credentials.AuthType())
				}
				// Encoding gives back what was decoded.
				var want, got any
				mustUnmarshal(t, body, &want)
				mustUnmarshal(t, mustJSON(t, p), &got)
				if !reflect.DeepEqual(want, got) {
					t.Errorf("re-encoded %s\nwant         %s", mustJSON(t, got), body)
				}
			}
		})
	}
	var p client.ConnectionProperties
	if err := json.Unmarshal([]byte(`{"authType":"PAT","credentials":{"pat":7}}`), &p); err == nil || !strings.Contains(err.Error(), "PAT connection") {
		t.Errorf("malformed credentials: err = %v", err)
	}
}

// Every response and request body of the AccountConnection and ProjectConnection examples decodes and re-encodes to
// the same JSON (nothing is lost), and the operations return what the example says.
func TestExamples_connections(t *testing.T) {
	for _, scope := range []string{"AccountConnection", "ProjectConnection"} {
		for _, op := range []string{"create", "get", "list", "update", "delete"} {
			file := scope + "/" + op + ".json"
			t.Run(file, func(t *testing.T) {
				raw, err := readExampleFile(file)
				if err != nil {
					t.Fatal(err)
				}
				var ex struct {
					OperationID string `json:"operationId"`
					Parameters  struct {
						Connection json.RawMessage `json:"connection"`
					} `json:"parameters"`
					Responses map[string]struct {
						Body json.RawMessage `json:"body"`
					} `json:"responses"`
				}
				mustUnmarshal(t, string(raw), &ex)
				if !strings.HasPrefix(ex.OperationID, scope+"s_") {
					t.Fatalf("operationId %s", ex.OperationID)
				}
				bodies := []json.RawMessage{ex.Parameters.Connection}
				for _, r := range ex.Responses {
					bodies = append(bodies, r.Body)
				}
				for _, b := range bodies {
					if len(b) == 0 {
						continue
					}
					if op == "list" {
						roundTrip(t, string(b), new(connectionList))
					} else {
						roundTrip(t, string(b), new(client.Connection))
					}
				}
				checkExampleOperation(t, scope, op, ex.Responses["200"].Body)
			})
		}
	}
}

// connectionList is the list result (ConnectionPropertiesV2BasicResourceArmPaginatedResult) as the examples write it.
type connectionList struct {
	Value    []client.Connection `json:"value"`
	NextLink *string             `json:"nextLink,omitempty"`
}

func roundTrip(t *testing.T, body string, v any) {
	t.Helper()
	decodeStrict(t, body, v)
	var want, got any
	mustUnmarshal(t, body, &want)
	mustUnmarshal(t, mustJSON(t, v), &got)
	if !reflect.DeepEqual(want, got) {
		t.Errorf("re-encoded %s\nwant         %s", mustJSON(t, got), body)
	}
}

func checkExampleOperation(t *testing.T, scope, op string, body json.RawMessage) {
	t.Helper()
	var id client.ConnectionID = client.NewAccountConnectionID(testAccountID(), "connection-1")
	if scope == "ProjectConnection" {
		id = client.NewProjectConnectionID(testProjectID(), "connection-1")
	}
	switch op {
	case "get", "create", "update":
		got := serve(t, string(body), func(ctx context.Context, c *client.Client) (client.Connection, error) {
			switch op {
			case "get":
				return c.GetConnection(ctx, id)
			case "create":
				return c.CreateOrUpdateConnection(ctx, id, client.Connection{})
			}
			return c.UpdateConnection(ctx, id, client.ConnectionUpdate{})
		})
		wantType := client.ConnectionAuthTypeNone
		if op == "update" {
			wantType = client.ConnectionAuthTypeAccessKey
		}
		if *got.Name != "connection-1" || got.Properties.AuthType != wantType || got.Properties.Credentials != nil ||
			*got.Properties.Target == "" || got.Properties.Category == nil {
			t.Errorf("decoded %s", mustJSON(t, got))
		}
		parse := func(s string) error { _, err := client.ParseAccountConnectionID(s); return err }
		if scope == "ProjectConnection" {
			parse = func(s string) error { _, err := client.ParseProjectConnectionID(s); return err }
		}
		if err := parse(*got.ID); err != nil {
			t.Error(err)
		}
	case "list":
		got := serve(t, string(body), func(ctx context.Context, c *client.Client) ([]client.Connection, error) {
			if scope == "ProjectConnection" {
				return c.ListProjectConnections(ctx, testProjectID(), client.ListConnectionsOptions{Category: "ContainerRegistry"})
			}
			return c.ListAccountConnections(ctx, testAccountID(), client.ListConnectionsOptions{Category: "ContainerRegistry"})
		})
		if len(got) != 2 || got[0].Properties.AuthType != client.ConnectionAuthTypePAT || got[1].Properties.ExpiryTime != nil {
			t.Errorf("decoded %s", mustJSON(t, got))
		}
	case "delete":
		tr := newTransport(t, reply(200, ""))
		c, _ := newClient(t, tr)
		if err := c.DeleteConnection(ctxTimeout(t, 10*time.Second), id); err != nil {
			t.Fatal(err)
		}
	}
}

// The models have a JSON field for every property of the spec's definitions, and no other.
func TestConnectionModelsCoverSpec(t *testing.T) {
	raw := armspec.Spec()
	var spec struct {
		Definitions map[string]struct {
			Properties map[string]struct {
				Ref string `json:"$ref"`
			} `json:"properties"`
			Discriminator string `json:"x-ms-discriminator-value"`
		} `json:"definitions"`
	}
	mustUnmarshal(t, string(raw), &spec)
	props := func(def string) []string {
		d, ok := spec.Definitions[def]
		if !ok {
			t.Fatalf("no definition %s", def)
		}
		var out []string
		for p := range d.Properties {
			out = append(out, p)
		}
		slices.Sort(out)
		return out
	}
	check := func(def string, got []string) {
		t.Helper()
		if want := props(def); !slices.Equal(got, want) {
			t.Errorf("%s: JSON fields %v\nspec %v", def, got, want)
		}
	}
	check("ConnectionPropertiesV2", withoutDash(jsonFields(reflect.TypeOf(client.ConnectionProperties{}))))
	check("ConnectionUpdateContent", jsonFields(reflect.TypeOf(client.ConnectionUpdate{})))
	// Every subtype's credentials definition matches the Go type the discriminator selects.
	n := 0
	for name, d := range spec.Definitions {
		if d.Discriminator == "" || !strings.HasSuffix(name, "ConnectionProperties") {
			continue
		}
		n++
		var p client.ConnectionProperties
		mustUnmarshal(t, `{"authType":"`+d.Discriminator+`","credentials":{}}`, &p)
		credRef, hasCreds := d.Properties["credentials"]
		switch {
		case !hasCreds && p.Credentials != nil:
			t.Errorf("%s has no credentials in the spec, decoded %T", d.Discriminator, p.Credentials)
		case hasCreds && p.Credentials == nil:
			t.Errorf("%s credentials are not decoded", d.Discriminator)
		case hasCreds:
			check(strings.TrimPrefix(credRef.Ref, "#/definitions/"), jsonFields(reflect.TypeOf(p.Credentials).Elem()))
		}
	}
	if n != 12 {
		t.Errorf("%d connection subtypes in the spec, want 12", n)
	}
}

// withoutDash drops fields not encoded by encoding/json (Credentials is encoded by MarshalJSON, per subtype).
func withoutDash(fields []string) []string {
	out := fields[:0]
	for _, f := range fields {
		if f != "-" {
			out = append(out, f)
		}
	}
	return out
}

// Request and response bodies of connections are logged with every credential masked.
func TestConnection_secretsNotLogged(t *testing.T) {
	secrets := map[string]client.ConnectionCredentials{
		"api-key-secret":     &client.ConnectionAPIKeyCredentials{Key: ptr("api-key-secret")},
		"account-key-secret": &client.ConnectionAccountKeyCredentials{Key: ptr("account-key-secret")},
		"access-key-secret":  &client.ConnectionAccessKeyCredentials{AccessKeyID: ptr("id"), SecretAccessKey: ptr("access-key-secret")},
		"custom-key-secret":  &client.ConnectionCustomKeysCredentials{Keys: map[string]string{"x-api": "custom-key-secret"}},
		"oauth-secret": &client.ConnectionOAuth2Credentials{ClientSecret: ptr("oauth-secret"), Password: ptr("oauth-secret"),
			RefreshToken: ptr("oauth-secret"), DeveloperToken: ptr("oauth-secret")},
		"pat-secret":  &client.ConnectionPATCredentials{PAT: ptr("pat-secret")},
		"sas-secret":  &client.ConnectionSASCredentials{SAS: ptr("sas-secret")},
		"sp-secret":   &client.ConnectionServicePrincipalCredentials{ClientSecret: ptr("sp-secret")},
		"user-secret": &client.ConnectionUsernamePasswordCredentials{Password: ptr("user-secret"), SecurityToken: ptr("user-secret")},
	}
	for secret, creds := range secrets {
		t.Run(string(creds.AuthType()), func(t *testing.T) {
			sink := &logSink{}
			echo := mustJSON(t, client.Connection{Properties: &client.ConnectionProperties{AuthType: creds.AuthType(), Credentials: creds}})
			tr := newTransport(t, reply(200, echo))
			c, _ := newClient(t, tr, func(o *client.Options) { o.Log, o.LogBodies = sink.log, true })
			body := client.Connection{Properties: &client.ConnectionProperties{AuthType: creds.AuthType(), Target: ptr("https://t"), Credentials: creds}}
			if _, err := c.CreateOrUpdateConnection(ctxTimeout(t, 10*time.Second), testProjectConnectionID(), body); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(tr.requests()[0].Body, secret) {
				t.Fatalf("the secret was not sent: %s", tr.requests()[0].Body)
			}
			entries, text := sink.all(t)
			if len(entries) != 2 || !strings.Contains(text, "https://t") {
				t.Fatalf("bodies not logged:\n%s", text)
			}
			if strings.Contains(text, secret) {
				t.Errorf("secret logged:\n%s", text)
			}
		})
	}
}
