package acctest

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// What the tests of `moved` blocks share: recorded states of the source providers (azurerm, azapi) under
// testdata/move, the resources' state movers run on them, and a stand-in for the source provider.

// Recorded is one resource instance of a state file under testdata/move, as Terraform stores it.
type Recorded struct {
	Type, Provider string
	SchemaVersion  int64
	Attributes     json.RawMessage
}

// LoadRecorded reads the first instance of the first resource of a state file.
func LoadRecorded(t testing.TB, file string) Recorded {
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
	return Recorded{Type: r.Type, Provider: strings.TrimSuffix(strings.TrimPrefix(r.Provider, `provider["`), `"]`),
		SchemaVersion: r.Instances[0].SchemaVersion, Attributes: r.Instances[0].Attributes}
}

// MoveState runs a resource's state movers on a recorded source instance, as Terraform sends it, until one sets
// the target state or reports an error.
func MoveState(t testing.TB, r resource.Resource, src Recorded) *resource.MoveStateResponse {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	req := resource.MoveStateRequest{SourceProviderAddress: src.Provider, SourceTypeName: src.Type,
		SourceSchemaVersion: src.SchemaVersion, SourceRawState: &tfprotov6.RawState{JSON: src.Attributes}}
	resp := &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}}
	mover, ok := r.(resource.ResourceWithMoveState)
	if !ok {
		t.Fatalf("%T has no state movers", r)
	}
	for _, m := range mover.MoveState(ctx) {
		m.StateMover(ctx, req, resp)
		if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
			break
		}
	}
	return resp
}

// StateAt renders a state's value at a dotted path compactly: "<null>", "x" (quoted), true, ["a"], {"k":"v"} (maps
// and objects).
func StateAt(t testing.TB, s tfsdk.State, dotted string) string {
	t.Helper()
	p := tftypes.NewAttributePath()
	for _, step := range strings.Split(dotted, ".") {
		p = p.WithAttributeName(step)
	}
	got, _, err := tftypes.WalkAttributePath(s.Raw, p)
	if err != nil {
		t.Fatalf("%s: %v", dotted, err)
	}
	v, ok := got.(tftypes.Value)
	if !ok {
		t.Fatalf("%s: %T is not a value", dotted, got)
	}
	return render(v)
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
	case v.Type().Is(tftypes.Map{}), v.Type().Is(tftypes.Object{}):
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

// Standin plays a source provider (azapi or azurerm), which cannot be installed offline: it serves resource schemas
// inferred from recorded states, and "creates" each resource by returning its recorded attributes, so that the
// state then holds exactly what the real provider stored, pointing at objects that exist in the emulator.
type Standin struct {
	tfprotov6.ProviderServer // nil: a call not implemented below panics, and the test shows it
	schemas                  map[string]*tfprotov6.Schema
	values                   map[string]tftypes.Value // by resource name in the configuration
}

// NewStandin serves the recorded instances in files, keyed by their "name" attribute. Instances of one type are
// served with one schema, the union of their attributes (a list of objects wins over an empty list).
func NewStandin(t testing.TB, files ...string) *Standin {
	t.Helper()
	s := &Standin{schemas: map[string]*tfprotov6.Schema{}, values: map[string]tftypes.Value{}}
	types := map[string]map[string]tftypes.Type{}
	versions := map[string]int64{}
	var recs []Recorded
	for _, f := range files {
		rec := LoadRecorded(t, f)
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

// Factory serves the stand-in as a provider of a test case.
func (s *Standin) Factory() func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) { return s, nil }
}

func (s *Standin) GetMetadata(context.Context, *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	resp := &tfprotov6.GetMetadataResponse{}
	for t := range s.schemas {
		resp.Resources = append(resp.Resources, tfprotov6.ResourceMetadata{TypeName: t})
	}
	return resp, nil
}

func (s *Standin) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return &tfprotov6.GetProviderSchemaResponse{Provider: &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{}}, ResourceSchemas: s.schemas}, nil
}

func (s *Standin) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{}, nil
}

func (s *Standin) ValidateProviderConfig(_ context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{PreparedConfig: req.Config}, nil
}

func (s *Standin) ConfigureProvider(context.Context, *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

func (s *Standin) StopProvider(context.Context, *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return &tfprotov6.StopProviderResponse{}, nil
}

func (s *Standin) ValidateResourceConfig(context.Context, *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return &tfprotov6.ValidateResourceConfigResponse{}, nil
}

func (s *Standin) UpgradeResourceState(_ context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	typ := s.schemas[req.TypeName].ValueType()
	v, err := req.RawState.Unmarshal(typ)
	if err != nil {
		return nil, err
	}
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: &dv}, err
}

func (s *Standin) ReadResource(_ context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
}

// PlanResourceChange plans the recorded instance named by the configuration's `name`, the only attribute it sets.
func (s *Standin) PlanResourceChange(_ context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
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

func (s *Standin) ApplyResourceChange(_ context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return &tfprotov6.ApplyResourceChangeResponse{NewState: req.PlannedState}, nil
}
