package account_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/account"
)

// recorded is one resource instance of a state file under testdata/move, as Terraform stores it.
type recorded struct {
	Type, Provider string
	SchemaVersion  int64
	Attributes     json.RawMessage
}

func loadRecorded(t *testing.T, file string) recorded {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type      string `json:"type"`
			Provider  string `json:"provider"`
			Instances []struct {
				SchemaVersion int64           `json:"schema_version"`
				Attributes    json.RawMessage `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	r := st.Resources[0]
	return recorded{Type: r.Type, Provider: strings.TrimSuffix(strings.TrimPrefix(r.Provider, `provider["`), `"]`),
		SchemaVersion: r.Instances[0].SchemaVersion, Attributes: r.Instances[0].Attributes}
}

// move runs foundry_account's state movers on a recorded source instance, as Terraform sends it.
func move(t *testing.T, src recorded) *fwresource.MoveStateResponse {
	t.Helper()
	ctx := context.Background()
	r := account.NewResource()
	var sr fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &sr)
	req := fwresource.MoveStateRequest{SourceProviderAddress: src.Provider, SourceTypeName: src.Type,
		SourceSchemaVersion: src.SchemaVersion, SourceRawState: &tfprotov6.RawState{JSON: src.Attributes}}
	resp := &fwresource.MoveStateResponse{TargetState: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}}
	for _, m := range r.(fwresource.ResourceWithMoveState).MoveState(ctx) {
		m.StateMover(ctx, req, resp)
		if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
			break
		}
	}
	return resp
}

const movedID = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"

// at renders the moved state's value at a dotted path compactly: "<null>", "x" (quoted), true, ["a"], {"k":"v"}.
func at(t *testing.T, s tfsdk.State, dotted string) string {
	t.Helper()
	p := tftypes.NewAttributePath()
	for _, step := range strings.Split(dotted, ".") {
		p = p.WithAttributeName(step)
	}
	v, _, err := tftypes.WalkAttributePath(s.Raw, p)
	if err != nil {
		t.Fatalf("%s: %v", dotted, err)
	}
	return render(v.(tftypes.Value))
}

func render(v tftypes.Value) string {
	if v.IsNull() {
		return "<null>"
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return `"` + s + `"`
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		if b {
			return "true"
		}
		return "false"
	case v.Type().Is(tftypes.Map{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, `"`+k+`":`+render(m[k]))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case v.Type().Is(tftypes.Set{}), v.Type().Is(tftypes.List{}):
		var l []tftypes.Value
		_ = v.As(&l)
		parts := make([]string, 0, len(l))
		for _, e := range l {
			parts = append(parts, render(e))
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	return v.String()
}

func TestMoveState_recorded(t *testing.T) {
	cases := map[string]map[string]string{
		"azurerm_v4.tfstate": {
			"id": `"` + movedID + `"`, "name": `"contoso-foundry"`, "resource_group_name": `"rg-foundry"`, "location": `"eastus"`,
			"sku_name": `"S0"`, "custom_subdomain_name": `"contoso-foundry"`, "public_network_access": `"Disabled"`,
			"local_auth_enabled": "false", "project_management_enabled": "true", "outbound_network_access_restricted": "false",
			"allowed_fqdns": "<null>", "identity.type": `"SystemAssigned"`, "identity.identity_ids": "<null>",
			"identity.principal_id": `"5b0c8a1e-3d2f-4b6a-9c7e-1f2a3b4c5d6e"`, "tags": `{"env":"dev","owner":"ai-platform"}`,
			"network_acls.default_action": `"Deny"`, "network_acls.bypass": `"AzureServices"`, "network_acls.ip_rules": `["203.0.113.10"]`,
			"network_injection": "<null>", "customer_managed_key": "<null>", "user_owned_storage": "<null>",
		},
		// azapi v2: body is a dynamic value, stored as {"value": …, "type": …}.
		"azapi_v2.tfstate": {
			"id": `"` + movedID + `"`, "custom_subdomain_name": `"contoso-foundry"`, "public_network_access": `"Disabled"`,
			"local_auth_enabled": "false", "tags": `{"env":"dev"}`, "network_acls.default_action": `"Deny"`, "identity.type": `"SystemAssigned"`,
			"sku_name": `"S0"`,
		},
		// azapi v1: body is a JSON string, and tags = {} when unset, which must become null (no drift without tags).
		"azapi_v1.tfstate": {
			"id": `"` + movedID + `"`, "public_network_access": `"Enabled"`, "local_auth_enabled": "true", "tags": "<null>", "network_acls": "<null>",
		},
	}
	for file, want := range cases {
		t.Run(file, func(t *testing.T) {
			resp := move(t, loadRecorded(t, filepath.Join("testdata", "move", file)))
			if resp.Diagnostics.HasError() {
				t.Fatalf("diagnostics: %v", resp.Diagnostics)
			}
			for p, w := range want {
				if got := at(t, resp.TargetState, p); got != w {
					t.Errorf("%s = %s, want %s", p, got, w)
				}
			}
			// Secrets of the source (azurerm's access keys) have no attribute here and must not survive the move.
			if strings.Contains(resp.TargetState.Raw.String(), "c2VjcmV0") {
				t.Error("an access key of the source reached the moved state")
			}
		})
	}
}

func TestMoveState_otherSources(t *testing.T) {
	cases := map[string]struct {
		src     recorded
		wantErr bool
	}{
		"azapi of another type": {recorded{Provider: "registry.terraform.io/azure/azapi", Type: "azapi_resource",
			Attributes: json.RawMessage(`{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st","type":"Microsoft.Storage/storageAccounts@2023-05-01","body":{}}`)}, false},
		"unrelated resource": {recorded{Provider: "registry.terraform.io/hashicorp/random", Type: "random_pet", Attributes: json.RawMessage(`{"id":"x"}`)}, false},
		"azurerm OpenAI kind": {recorded{Provider: "registry.terraform.io/hashicorp/azurerm", Type: "azurerm_cognitive_account",
			Attributes: json.RawMessage(`{"id":"` + movedID + `","kind":"OpenAI","location":"eastus","sku_name":"S0"}`)}, true},
		"azurerm bad id": {recorded{Provider: "registry.terraform.io/hashicorp/azurerm", Type: "azurerm_cognitive_account",
			Attributes: json.RawMessage(`{"id":"/subscriptions/s/resourceGroups/rg","kind":"AIServices"}`)}, true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resp := move(t, c.src)
			if resp.Diagnostics.HasError() != c.wantErr {
				t.Fatalf("error = %v, want %v: %v", resp.Diagnostics.HasError(), c.wantErr, resp.Diagnostics)
			}
			if !resp.TargetState.Raw.IsNull() {
				t.Errorf("target state set for a source that is not a Foundry account: %s", resp.TargetState.Raw)
			}
		})
	}
}

// standin plays a source provider (azapi or azurerm), which cannot be installed offline: it serves resource schemas
// inferred from recorded states, and "creates" each resource by returning its recorded attributes, so that the
// state then holds exactly what the real provider stored, pointing at objects that exist in the emulator.
type standin struct {
	tfprotov6.ProviderServer // nil: a call not implemented below panics, and the test shows it
	schemas                  map[string]*tfprotov6.Schema
	values                   map[string]tftypes.Value // by resource name in the configuration
}

// newStandin serves the recorded instances in files, keyed by their "name" attribute. Instances of one type are
// served with one schema, the union of their attributes (a list of objects wins over an empty list).
func newStandin(t *testing.T, files ...string) *standin {
	t.Helper()
	s := &standin{schemas: map[string]*tfprotov6.Schema{}, values: map[string]tftypes.Value{}}
	types := map[string]map[string]tftypes.Type{}
	versions := map[string]int64{}
	var recs []recorded
	for _, f := range files {
		rec := loadRecorded(t, f)
		var attrs map[string]any
		if err := json.Unmarshal(rec.Attributes, &attrs); err != nil {
			t.Fatal(err)
		}
		if types[rec.Type] == nil {
			types[rec.Type] = map[string]tftypes.Type{}
		}
		for k, v := range attrs {
			typ := inferType(v)
			if prev, ok := types[rec.Type][k]; !ok || prev.Equal(tftypes.List{ElementType: tftypes.String}) || prev.Equal(tftypes.String) {
				types[rec.Type][k] = typ
			}
		}
		versions[rec.Type] = rec.SchemaVersion
		recs = append(recs, rec)
	}
	for typ, attrs := range types {
		sch := &tfprotov6.Schema{Version: versions[typ], Block: &tfprotov6.SchemaBlock{}}
		keys := make([]string, 0, len(attrs))
		for k := range attrs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sch.Block.Attributes = append(sch.Block.Attributes, &tfprotov6.SchemaAttribute{Name: k, Type: attrs[k], Optional: true, Computed: true})
		}
		s.schemas[typ] = sch
	}
	for _, rec := range recs {
		v, err := tftypes.ValueFromJSONWithOpts(rec.Attributes, s.schemas[rec.Type].ValueType(), tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true})
		if err != nil {
			t.Fatalf("%s: %v", rec.Type, err)
		}
		var attrs map[string]tftypes.Value
		var name string
		if err := v.As(&attrs); err != nil {
			t.Fatal(err)
		}
		if err := attrs["name"].As(&name); err != nil {
			t.Fatal(err)
		}
		s.values[name] = v
	}
	return s
}

// inferType gives the Terraform type of a value as the state JSON stores it.
func inferType(v any) tftypes.Type {
	switch v := v.(type) {
	case bool:
		return tftypes.Bool
	case float64:
		return tftypes.Number
	case map[string]any:
		if _, ok := v["type"]; ok && len(v) == 2 && v["value"] != nil {
			return tftypes.DynamicPseudoType // {"value": …, "type": …}
		}
		return tftypes.Map{ElementType: tftypes.String}
	case []any:
		if len(v) > 0 {
			if o, ok := v[0].(map[string]any); ok {
				types := map[string]tftypes.Type{}
				for k, e := range o {
					types[k] = inferType(e)
				}
				return tftypes.List{ElementType: tftypes.Object{AttributeTypes: types}}
			}
		}
		return tftypes.List{ElementType: tftypes.String}
	}
	return tftypes.String
}

func (s *standin) factory() func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) { return s, nil }
}

func (s *standin) GetMetadata(context.Context, *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	resp := &tfprotov6.GetMetadataResponse{}
	for t := range s.schemas {
		resp.Resources = append(resp.Resources, tfprotov6.ResourceMetadata{TypeName: t})
	}
	return resp, nil
}

func (s *standin) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return &tfprotov6.GetProviderSchemaResponse{Provider: &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{}}, ResourceSchemas: s.schemas}, nil
}

func (s *standin) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{}, nil
}

func (s *standin) ValidateProviderConfig(_ context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{PreparedConfig: req.Config}, nil
}

func (s *standin) ConfigureProvider(context.Context, *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

func (s *standin) StopProvider(context.Context, *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return &tfprotov6.StopProviderResponse{}, nil
}

func (s *standin) ValidateResourceConfig(context.Context, *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return &tfprotov6.ValidateResourceConfigResponse{}, nil
}

func (s *standin) UpgradeResourceState(_ context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	typ := s.schemas[req.TypeName].ValueType()
	v, err := req.RawState.Unmarshal(typ)
	if err != nil {
		return nil, err
	}
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: &dv}, err
}

func (s *standin) ReadResource(_ context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
}

// PlanResourceChange plans the recorded instance named by the configuration's `name`, the only attribute it sets.
func (s *standin) PlanResourceChange(_ context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	typ := s.schemas[req.TypeName].ValueType()
	cfg, err := req.Config.Unmarshal(typ)
	if err != nil || cfg.IsNull() {
		return &tfprotov6.PlanResourceChangeResponse{PlannedState: req.ProposedNewState}, err
	}
	var attrs map[string]tftypes.Value
	if err := cfg.As(&attrs); err != nil {
		return nil, err
	}
	var key string
	if err := attrs["name"].As(&key); err != nil {
		return nil, err
	}
	dv, err := tfprotov6.NewDynamicValue(typ, s.values[key])
	return &tfprotov6.PlanResourceChangeResponse{PlannedState: &dv}, err
}

func (s *standin) ApplyResourceChange(_ context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return &tfprotov6.ApplyResourceChangeResponse{NewState: req.PlannedState}, nil
}

// TestAccountResource_movedFromAzapi and …_movedFromAzurerm create an account, a project and a deployment with this
// provider, hand them over to the source provider's recorded state (as if they had always been managed by it),
// and then move them back with `moved` blocks: the move must plan no change, and the plan after it must be empty.
func TestAccountResource_movedFromAzapi(t *testing.T) {
	testMoved(t, "azapi", "azapi_resource", "azapi_v2.tfstate", `{ env = "dev" }`, "")
}

func TestAccountResource_movedFromAzurerm(t *testing.T) {
	testMoved(t, "azurerm", "", "azurerm_v4.tfstate", `{ env = "dev", owner = "ai-platform" }`, `["203.0.113.10"]`)
}

func testMoved(t *testing.T, source, azapiType, file, tags, ipRules string) {
	t.Parallel()
	env := acctest.NewEnv(t)
	files := []string{filepath.Join("testdata", "move", file), filepath.Join("..", "project", "testdata", "move", file),
		filepath.Join("..", "deployment", "testdata", "move", file)}
	src := newStandin(t, files...)
	factories := env.Factories()
	factories[source] = src.factory()

	types := map[string]string{"account": "azurerm_cognitive_account", "project": "azurerm_cognitive_account_project", "deployment": "azurerm_cognitive_deployment"}
	if azapiType != "" {
		types = map[string]string{"account": azapiType, "project": azapiType, "deployment": azapiType}
	}
	foundry := env.ProviderBlock("") + movedConfig(tags, ipRules)
	var handOver, moved strings.Builder
	for _, r := range []struct{ kind, name string }{{"account", "contoso-foundry"}, {"project", "support"}, {"deployment", "gpt-4o"}} {
		handOver.WriteString("removed {\n  from = foundry_" + r.kind + ".main\n  lifecycle {\n    destroy = false\n  }\n}\n")
		handOver.WriteString("resource \"" + types[r.kind] + "\" \"" + r.kind + "\" {\n  name = \"" + r.name + "\"\n}\n")
		moved.WriteString("moved {\n  from = " + types[r.kind] + "." + r.kind + "\n  to   = foundry_" + r.kind + ".main\n}\n")
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: foundry},
			{Config: env.ProviderBlock("") + handOver.String()},
			{
				Config: foundry + moved.String(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("foundry_account.main", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("foundry_project.main", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("foundry_deployment.main", plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_account.main", tfjsonpath.New("id"), knownvalue.StringExact(movedID)),
					statecheck.ExpectKnownValue("foundry_project.main", tfjsonpath.New("project_guid"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("foundry_deployment.main", tfjsonpath.New("current_capacity"), knownvalue.Int64Exact(50)),
				},
			},
			{Config: foundry, PlanOnly: true},
		},
	})
}

func movedConfig(tags, ipRules string) string {
	if ipRules != "" {
		ipRules = ", ip_rules = " + ipRules
	}
	return `
resource "foundry_account" "main" {
  name                  = "contoso-foundry"
  resource_group_name   = "rg-foundry"
  location              = "eastus"
  custom_subdomain_name = "contoso-foundry"
  identity              = { type = "SystemAssigned" }
  public_network_access = "Disabled"
  local_auth_enabled    = false
  network_acls          = { default_action = "Deny", bypass = "AzureServices"` + ipRules + ` }
  tags                  = ` + tags + `
}

resource "foundry_project" "main" {
  account_id   = foundry_account.main.id
  name         = "support"
  display_name = "Support"
  description  = "Customer support agents"
  identity     = { type = "SystemAssigned" }
  tags         = { env = "dev", team = "support" }
}

resource "foundry_deployment" "main" {
  account_id             = foundry_account.main.id
  name                   = "gpt-4o"
  model                  = { format = "OpenAI", name = "gpt-4o", version = "2024-11-20" }
  sku                    = { name = "GlobalStandard", capacity = 50 }
  rai_policy_name        = "Microsoft.DefaultV2"
  version_upgrade_option = "OnceNewDefaultVersionAvailable"
  depends_on             = [foundry_project.main]
}
`
}
