package provider_test

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	datasourceschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	resourceschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"

	foundry "github.com/foundrytf/terraform-provider-foundry/internal/provider"
)

// described is what every attribute, block and function parameter of the framework offers.
type described interface {
	GetDescription() string
	GetMarkdownDescription() string
}

func hasDescription(d described) bool {
	return strings.TrimSpace(d.GetDescription()) != "" || strings.TrimSpace(d.GetMarkdownDescription()) != ""
}

// TestSchemaDescriptions fails on every attribute, block and function parameter without a description,
// because the registry documentation generated from the schema would show it blank.
func TestSchemaDescriptions(t *testing.T) {
	ctx := context.Background()
	p := foundry.New("test")()
	var missing []string

	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)

	var ps provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &ps)
	requireNoErrors(t, "provider schema", ps.Diagnostics)
	walkAttributes("provider", ps.Schema.Attributes, &missing)
	walkBlocks("provider", ps.Schema.Blocks, &missing)

	pf := p.(provider.ProviderWithFunctions)
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		where := "resource " + m.TypeName
		requireNoErrors(t, where, s.Diagnostics)
		if strings.TrimSpace(s.Schema.Description+s.Schema.MarkdownDescription) == "" {
			missing = append(missing, where)
		}
		walkAttributes(where, s.Schema.Attributes, &missing)
		walkBlocks(where, s.Schema.Blocks, &missing)
	}

	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var m datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		where := "data source " + m.TypeName
		requireNoErrors(t, where, s.Diagnostics)
		if strings.TrimSpace(s.Schema.Description+s.Schema.MarkdownDescription) == "" {
			missing = append(missing, where)
		}
		walkAttributes(where, s.Schema.Attributes, &missing)
		walkBlocks(where, s.Schema.Blocks, &missing)
	}

	for _, newEphemeral := range p.(provider.ProviderWithEphemeralResources).EphemeralResources(ctx) {
		e := newEphemeral()
		var m ephemeral.MetadataResponse
		e.Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s ephemeral.SchemaResponse
		e.Schema(ctx, ephemeral.SchemaRequest{}, &s)
		where := "ephemeral resource " + m.TypeName
		requireNoErrors(t, where, s.Diagnostics)
		if strings.TrimSpace(s.Schema.Description+s.Schema.MarkdownDescription) == "" {
			missing = append(missing, where)
		}
		walkAttributes(where, s.Schema.Attributes, &missing)
		walkBlocks(where, s.Schema.Blocks, &missing)
	}

	for _, newFunction := range pf.Functions(ctx) {
		f := newFunction()
		var m function.MetadataResponse
		f.Metadata(ctx, function.MetadataRequest{}, &m)
		var d function.DefinitionResponse
		f.Definition(ctx, function.DefinitionRequest{}, &d)
		where := "function " + m.Name
		requireNoErrors(t, where, d.Diagnostics)
		def := d.Definition
		// function.Return has no description of its own: the summary and description document the result.
		if strings.TrimSpace(def.Summary) == "" {
			missing = append(missing, where+" (summary)")
		}
		if strings.TrimSpace(def.Description+def.MarkdownDescription) == "" {
			missing = append(missing, where+" (description of what it returns)")
		}
		for i, param := range def.Parameters {
			if !hasDescription(param) {
				missing = append(missing, where+" parameter "+paramName(param, i))
			}
		}
		if def.VariadicParameter != nil && !hasDescription(def.VariadicParameter) {
			missing = append(missing, where+" variadic parameter "+paramName(def.VariadicParameter, len(def.Parameters)))
		}
	}

	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("%d schema elements have no Description or MarkdownDescription:\n  %s",
			len(missing), strings.Join(missing, "\n  "))
	}
}

// walkAttributes records every attribute under path that lacks a description, descending into nested
// attributes. It takes any map of attributes: the provider, resource and data source schema packages, and
// the nested objects inside them, all hold values with the same method set, so resource/schema's
// NestedAttribute interface recognises nested attributes from every one of them.
func walkAttributes[M ~map[string]A, A any](path string, attrs M, missing *[]string) {
	for name, a := range attrs {
		at := path + "." + name
		if d, ok := any(a).(described); !ok || !hasDescription(d) {
			*missing = append(*missing, at)
		}
		if n, ok := any(a).(resourceschema.NestedAttribute); ok {
			walkAttributes(at, n.GetNestedObject().GetAttributes(), missing)
		}
	}
}

// walkBlocks does for blocks (list, set and single nested) what walkAttributes does for attributes.
func walkBlocks[M ~map[string]B, B any](path string, blocks M, missing *[]string) {
	for name, b := range blocks {
		at := path + "." + name
		block, ok := any(b).(resourceschema.Block)
		if !ok {
			*missing = append(*missing, at+" (unknown block type)")
			continue
		}
		// The timeouts block is built by terraform-plugin-framework-timeouts without a description of its
		// own; its attributes do carry one and are checked below.
		if !hasDescription(block) && name != "timeouts" {
			*missing = append(*missing, at)
		}
		walkAttributes(at, block.GetNestedObject().GetAttributes(), missing)
		walkBlocks(at, block.GetNestedObject().GetBlocks(), missing)
	}
}

func paramName(p function.Parameter, i int) string {
	if p.GetName() != "" {
		return p.GetName()
	}
	return "#" + strconv.Itoa(i)
}

func requireNoErrors(t *testing.T, where string, diags diag.Diagnostics) {
	t.Helper()
	if diags.HasError() {
		t.Fatalf("%s: %v", where, diags.Errors())
	}
}

// TestSchemaDescriptionsWalk checks the walk itself, so that the test above cannot pass by seeing nothing.
func TestSchemaDescriptionsWalk(t *testing.T) {
	d := datasourceschema.Schema{
		Attributes: map[string]datasourceschema.Attribute{
			"ok": datasourceschema.StringAttribute{Computed: true, MarkdownDescription: "Described."},
			"bare": datasourceschema.ListNestedAttribute{Computed: true, Description: "Described.",
				NestedObject: datasourceschema.NestedAttributeObject{Attributes: map[string]datasourceschema.Attribute{
					"inner": datasourceschema.StringAttribute{Computed: true},
				}},
			},
		},
		Blocks: map[string]datasourceschema.Block{
			"block": datasourceschema.SetNestedBlock{NestedObject: datasourceschema.NestedBlockObject{
				Blocks: map[string]datasourceschema.Block{
					"single": datasourceschema.SingleNestedBlock{Description: "Described.",
						Attributes: map[string]datasourceschema.Attribute{"leaf": datasourceschema.BoolAttribute{Optional: true}},
					},
				},
			}},
			"timeouts": datasourceschema.SingleNestedBlock{Attributes: map[string]datasourceschema.Attribute{
				"read": datasourceschema.StringAttribute{Optional: true},
			}},
		},
	}
	p := providerschema.Schema{Attributes: map[string]providerschema.Attribute{
		"features": providerschema.SingleNestedAttribute{Optional: true, Attributes: map[string]providerschema.Attribute{
			"flag": providerschema.BoolAttribute{Optional: true, Description: "Described."},
		}},
	}}

	var missing []string
	walkAttributes("ds", d.Attributes, &missing)
	walkBlocks("ds", d.Blocks, &missing)
	walkAttributes("provider", p.Attributes, &missing)
	sort.Strings(missing)
	want := []string{"ds.bare.inner", "ds.block", "ds.block.single.leaf", "ds.timeouts.read", "provider.features"}
	if strings.Join(missing, ",") != strings.Join(want, ",") {
		t.Errorf("walk found %q, want %q", missing, want)
	}
}
