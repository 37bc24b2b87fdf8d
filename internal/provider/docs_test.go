package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	foundry "github.com/foundrytf/terraform-provider-foundry/internal/provider"
)

// schemaSection is the section tfplugindocs renders from the schema: "## Schema" and at least one of its lists.
var schemaSection = regexp.MustCompile(`(?m)^## Schema$(?s:.*?)^### (Required|Optional|Read-Only)$`)

// TestEveryPageHasSchema fails when a registered resource, data source or ephemeral resource has no generated page
// (make generate was not run), or when a page in docs/resources, docs/data-sources or docs/ephemeral-resources has no
// schema section: its template lacks {{ .SchemaMarkdown }}, and its arguments are documented nowhere.
func TestEveryPageHasSchema(t *testing.T) {
	ctx := context.Background()
	p := foundry.New("test")()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	root := filepath.Join("..", "..", "docs")
	page := func(dir, typeName string) string {
		return filepath.Join(root, dir, strings.TrimPrefix(typeName, meta.TypeName+"_")+".md")
	}
	want := map[string]bool{}
	for _, newResource := range p.Resources(ctx) {
		var m resource.MetadataResponse
		newResource().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		want[page("resources", m.TypeName)] = true
	}
	for _, newDataSource := range p.DataSources(ctx) {
		var m datasource.MetadataResponse
		newDataSource().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		want[page("data-sources", m.TypeName)] = true
	}
	for _, newEphemeral := range p.(provider.ProviderWithEphemeralResources).EphemeralResources(ctx) {
		var m ephemeral.MetadataResponse
		newEphemeral().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		want[page("ephemeral-resources", m.TypeName)] = true
	}
	// Pages on disk count too: one for a type that is gone must not hide a missing section either.
	for _, dir := range []string{"resources", "data-sources", "ephemeral-resources"} {
		files, err := filepath.Glob(filepath.Join(root, dir, "*.md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			want[f] = true
		}
	}
	if len(want) < 3 {
		t.Fatalf("almost no pages to check (%d); the test is not looking at the docs", len(want))
	}
	for f := range want {
		b, err := os.ReadFile(f)
		switch {
		case err != nil:
			t.Errorf("%s: %v (run make generate)", f, err)
		case !schemaSection.Match(b):
			t.Errorf("%s has no schema section: add {{ .SchemaMarkdown | trimspace }} to its template", f)
		}
	}
}

// TestSchemaSectionPattern checks the pattern itself, so that the test above cannot pass by matching anything.
func TestSchemaSectionPattern(t *testing.T) {
	for text, want := range map[string]bool{
		"# x\n\n## Schema\n\n### Required\n\n- `name`":                    true,
		"## Schema\n\n### Read-Only\n":                                    true,
		"# x\n\n## Example Usage\n\n## Import\n":                          false,
		"## Schema\n\nnothing else\n":                                     false,
		"The ## Schema section\n### Optional\n":                           false,
		"## Schemas\n### Optional\n":                                      false,
		"## Example\n\n### Required\n\n## Schema\n\nand no list after it": false,
	} {
		if got := schemaSection.MatchString(text); got != want {
			t.Errorf("%q: match = %v, want %v", text, got, want)
		}
	}
}
