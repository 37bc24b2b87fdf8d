package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	foundry "github.com/foundrytf/terraform-provider-foundry/internal/provider"
)

// TestEveryTypeHasExamples fails when a resource lacks examples/resources/<type>/resource.tf, import.sh or
// import-by-identity.tf (TestIdentityExamples checks what it says), a data
// source its data-source.tf, an ephemeral resource its ephemeral-resource.tf, or a function its function.tf: the generated docs would have no example or no import
// section for it.
func TestEveryTypeHasExamples(t *testing.T) {
	ctx := context.Background()
	p := foundry.New("test")()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	root := filepath.Join("..", "..", "examples")
	var want []string
	for _, newResource := range p.Resources(ctx) {
		var m resource.MetadataResponse
		newResource().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		want = append(want, filepath.Join(root, "resources", m.TypeName, "resource.tf"), filepath.Join(root, "resources", m.TypeName, "import.sh"),
			filepath.Join(root, "resources", m.TypeName, "import-by-identity.tf"))
	}
	for _, newDataSource := range p.DataSources(ctx) {
		var m datasource.MetadataResponse
		newDataSource().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		want = append(want, filepath.Join(root, "data-sources", m.TypeName, "data-source.tf"))
	}
	for _, newEphemeral := range p.(provider.ProviderWithEphemeralResources).EphemeralResources(ctx) {
		var m ephemeral.MetadataResponse
		newEphemeral().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		want = append(want, filepath.Join(root, "ephemeral-resources", m.TypeName, "ephemeral-resource.tf"))
	}
	for _, newFunction := range p.(provider.ProviderWithFunctions).Functions(ctx) {
		var m function.MetadataResponse
		newFunction().Metadata(ctx, function.MetadataRequest{}, &m)
		want = append(want, filepath.Join(root, "functions", m.Name, "function.tf"))
	}
	if len(want) < 3 {
		t.Fatalf("the provider registers almost nothing (%d files expected); the test is not looking at it", len(want))
	}
	var missing []string
	for _, f := range want {
		if info, err := os.Stat(f); err != nil || info.Size() == 0 {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		t.Errorf("missing or empty example files:\n  %s", strings.Join(missing, "\n  "))
	}
}
