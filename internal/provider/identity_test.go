package provider_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	foundry "github.com/foundrytf/terraform-provider-foundry/internal/provider"
)

const (
	sub         = "00000000-0000-0000-0000-000000000000"
	accountID   = "/subscriptions/" + sub + "/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/a1"
	projectID   = accountID + "/projects/p1"
	assignments = "/providers/Microsoft.Authorization/roleAssignments/"
	guid        = "11111111-1111-1111-1111-111111111111"
)

// account and project are the identity attributes of an account's and a project's ID.
var (
	account = map[string]string{"subscription_id": sub, "resource_group_name": "rg1", "account_name": "a1"}
	project = plus(account, "project_name", "p1")
)

func plus(m map[string]string, kv ...string) map[string]string {
	m = maps.Clone(m)
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// identities is every resource type's identity (issue 17): an ID it imports and the identity that ID stands for.
// A resource type missing here, or registered without an identity, fails TestEveryResourceHasIdentity.
var identities = map[string]struct {
	id       string
	identity map[string]string
}{
	"foundry_account": {accountID,
		map[string]string{"subscription_id": sub, "resource_group_name": "rg1", "name": "a1"}},
	"foundry_account_capability_host":      {accountID + "/capabilityHosts/h1", plus(account, "name", "h1")},
	"foundry_account_connection":           {accountID + "/connections/c1", plus(account, "name", "c1")},
	"foundry_account_customer_managed_key": {accountID, account},
	"foundry_account_managed_network":      {accountID + "/managedNetworks/default", account},
	"foundry_account_outbound_rule":        {accountID + "/managedNetworks/default/outboundRules/r1", plus(account, "name", "r1")},
	"foundry_agent":                        {projectID + "/agents/ag1", plus(project, "name", "ag1")},
	"foundry_agent_standard_setup":         {projectID + "/agentStandardSetup", project},
	"foundry_deployment":                   {accountID + "/deployments/d1", plus(account, "name", "d1")},
	"foundry_project":                      {projectID, plus(account, "name", "p1")},
	"foundry_project_capability_host":      {projectID + "/capabilityHosts/h1", plus(project, "name", "h1")},
	"foundry_project_connection":           {projectID + "/connections/c1", plus(project, "name", "c1")},
	"foundry_rai_blocklist":                {accountID + "/raiBlocklists/b1", plus(account, "name", "b1")},
	"foundry_rai_blocklist_item": {accountID + "/raiBlocklists/b1/raiBlocklistItems/i1",
		plus(account, "blocklist_name", "b1", "name", "i1")},
	"foundry_rai_policy":      {accountID + "/raiPolicies/p1", plus(account, "name", "p1")},
	"foundry_role_assignment": {projectID + assignments + guid, map[string]string{"scope": projectID, "name": guid}},
}

func server(t *testing.T) tfprotov6.ProviderServer {
	s, err := providerserver.NewProtocol6WithError(foundry.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func noErrors(t *testing.T, what string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("%s: %s: %s", what, d.Summary, d.Detail)
		}
	}
}

// TestEveryResourceHasIdentity walks every resource type of the provider, over the plugin protocol as Terraform 1.12
// and OpenTofu 1.12 call it: each has an identity schema, whose attributes are the pieces of its ID (subscription_id
// optional on import, the others required), and imports both by ID and by identity, returning the same state ID and
// identity either way. It needs no CLI: the tests' Terraform 1.8.5 knows nothing of identity.
func TestEveryResourceHasIdentity(t *testing.T) {
	ctx := context.Background()
	s := server(t)
	schemas, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	noErrors(t, "GetProviderSchema", schemas.Diagnostics)
	idSchemas, err := s.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	noErrors(t, "GetResourceIdentitySchemas", idSchemas.Diagnostics)
	for _, typeName := range slices.Sorted(maps.Keys(schemas.ResourceSchemas)) {
		t.Run(typeName, func(t *testing.T) {
			want, ok := identities[typeName]
			if !ok {
				t.Fatalf("%s is not in this test's table of identities: give it a resource identity (package resourceidentity) "+
					"and add it here", typeName)
			}
			idSchema := idSchemas.IdentitySchemas[typeName]
			if idSchema == nil {
				t.Fatalf("%s has no resource identity schema", typeName)
			}
			var names []string
			for _, a := range idSchema.IdentityAttributes {
				names = append(names, a.Name)
				if a.OptionalForImport != (a.Name == "subscription_id") || a.RequiredForImport == a.OptionalForImport {
					t.Errorf("%s: required %v, optional %v", a.Name, a.RequiredForImport, a.OptionalForImport)
				}
				if a.Description == "" {
					t.Errorf("%s has no description", a.Name)
				}
			}
			if wantNames := slices.Sorted(maps.Keys(want.identity)); !slices.Equal(slices.Sorted(slices.Values(names)), wantNames) {
				t.Fatalf("identity attributes %v, want %v", names, wantNames)
			}
			identityType := idSchema.ValueType()
			stateType := schemas.ResourceSchemas[typeName].ValueType()
			wantIdentity := identityValue(identityType, want.identity)

			byID := importResource(t, s, &tfprotov6.ImportResourceStateRequest{TypeName: typeName, ID: want.id})
			checkImported(t, "by ID", byID, stateType, identityType, want.id, wantIdentity)

			dv, err := tfprotov6.NewDynamicValue(identityType, wantIdentity)
			if err != nil {
				t.Fatal(err)
			}
			byIdentity := importResource(t, s, &tfprotov6.ImportResourceStateRequest{TypeName: typeName,
				Identity: &tfprotov6.ResourceIdentityData{IdentityData: &dv}})
			checkImported(t, "by identity", byIdentity, stateType, identityType, want.id, wantIdentity)
		})
	}
	if len(schemas.ResourceSchemas) != len(identities) {
		t.Errorf("the provider has %d resource types, this test's table %d", len(schemas.ResourceSchemas), len(identities))
	}
}

// An import block's identity may leave subscription_id out: a configured provider fills in its own; an unconfigured
// one (as here) has none to offer, and says which attribute is missing.
func TestImportIdentityWithoutSubscription(t *testing.T) {
	ctx := context.Background()
	s := server(t)
	idSchemas, err := s.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	identityType := idSchemas.IdentitySchemas["foundry_project"].ValueType()
	values := plus(identities["foundry_project"].identity)
	delete(values, "subscription_id")
	dv, err := tfprotov6.NewDynamicValue(identityType, identityValue(identityType, values))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "foundry_project",
		Identity: &tfprotov6.ResourceIdentityData{IdentityData: &dv}})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != "Invalid import identity" {
		t.Fatalf("diagnostics: %v", resp.Diagnostics)
	}
}

// identityValue is the identity object of type typ with values (attributes not in values null).
func identityValue(typ tftypes.Type, values map[string]string) tftypes.Value {
	attrs := map[string]tftypes.Value{}
	for name := range typ.(tftypes.Object).AttributeTypes {
		var v any
		if s, ok := values[name]; ok {
			v = s
		}
		attrs[name] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(typ, attrs)
}

func importResource(t *testing.T, s tfprotov6.ProviderServer, req *tfprotov6.ImportResourceStateRequest) *tfprotov6.ImportedResource {
	t.Helper()
	resp, err := s.ImportResourceState(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	noErrors(t, "ImportResourceState", resp.Diagnostics)
	if len(resp.ImportedResources) != 1 {
		t.Fatalf("imported %d resources", len(resp.ImportedResources))
	}
	return resp.ImportedResources[0]
}

func checkImported(t *testing.T, how string, got *tfprotov6.ImportedResource, stateType, identityType tftypes.Type, wantID string, wantIdentity tftypes.Value) {
	t.Helper()
	state, err := got.State.Unmarshal(stateType)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	var id string
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	if err := attrs["id"].As(&id); err != nil || id != wantID {
		t.Errorf("%s: state id %q (%v), want %q", how, id, err, wantID)
	}
	if got.Identity == nil || got.Identity.IdentityData == nil {
		t.Fatalf("%s: no identity returned", how)
	}
	identity, err := got.Identity.IdentityData.Unmarshal(identityType)
	if err != nil {
		t.Fatal(err)
	}
	if !identity.Equal(wantIdentity) {
		t.Errorf("%s: identity %v, want %v", how, identity, wantIdentity)
	}
}

var (
	importCommand  = regexp.MustCompile(`terraform import (\S+) "?([^"\s]+)"?`)
	importTo       = regexp.MustCompile(`(?m)^\s*to\s*=\s*(\S+)$`)
	identityValues = regexp.MustCompile(`(?m)^\s*([a-z_]+)\s*=\s*"([^"]*)"$`)
)

// TestIdentityExamples checks each resource's examples/resources/<type>/import-by-identity.tf, which the docs show:
// imported by the provider, its identity (with import.sh's subscription, when it leaves subscription_id out, as a
// configured provider would fill in) names the same object as the import.sh command, at the same address.
func TestIdentityExamples(t *testing.T) {
	ctx := context.Background()
	s := server(t)
	idSchemas, err := s.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for typeName, idSchema := range idSchemas.IdentitySchemas {
		t.Run(typeName, func(t *testing.T) {
			dir := filepath.Join("..", "..", "examples", "resources", typeName)
			sh, err := os.ReadFile(filepath.Join(dir, "import.sh"))
			if err != nil {
				t.Fatal(err)
			}
			tf, err := os.ReadFile(filepath.Join(dir, "import-by-identity.tf"))
			if err != nil {
				t.Fatal(err)
			}
			cmd := importCommand.FindStringSubmatch(string(sh))
			to := importTo.FindStringSubmatch(string(tf))
			if cmd == nil || to == nil || cmd[1] != to[1] {
				t.Fatalf("import.sh imports %v, import-by-identity.tf %v: not the same address", cmd, to)
			}
			values := map[string]string{}
			for _, m := range identityValues.FindAllStringSubmatch(string(tf), -1) {
				values[m[1]] = m[2]
			}
			identityType := idSchema.ValueType()
			if _, ok := values["subscription_id"]; !ok && identityType.(tftypes.Object).AttributeTypes["subscription_id"] != nil {
				values["subscription_id"] = strings.Split(cmd[2], "/")[2]
			}
			for name := range values {
				if _, ok := identityType.(tftypes.Object).AttributeTypes[name]; !ok {
					t.Fatalf("%s is not an identity attribute", name)
				}
			}
			dv, err := tfprotov6.NewDynamicValue(identityType, identityValue(identityType, values))
			if err != nil {
				t.Fatal(err)
			}
			got := importResource(t, s, &tfprotov6.ImportResourceStateRequest{TypeName: typeName,
				Identity: &tfprotov6.ResourceIdentityData{IdentityData: &dv}})
			checkImported(t, "the example", got, schemas.ResourceSchemas[typeName].ValueType(), identityType, cmd[2], identityValue(identityType, values))
		})
	}
}
