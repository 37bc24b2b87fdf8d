// Command standin is a stand-in for a source provider (azapi, azurerm) in the moved-block tests, which run offline:
// Terraform needs the schema of every provider that owns a resource in state, even one that is only moved away.
// It serves, for the provider address in STANDIN_ADDR, resource schemas inferred from the recorded states named in
// STANDIN_STATES (comma-separated), and answers only the calls Terraform makes before a cross-type move.
package main

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type server struct {
	tfprotov6.ProviderServer // nil: any call not implemented below panics, which the tests would show
	schemas                  map[string]*tfprotov6.Schema
}

func main() {
	s := &server{schemas: map[string]*tfprotov6.Schema{}}
	for _, f := range strings.Split(os.Getenv("STANDIN_STATES"), ",") {
		raw, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		var st struct {
			Resources []struct {
				Type      string `json:"type"`
				Instances []struct {
					SchemaVersion int64          `json:"schema_version"`
					Attributes    map[string]any `json:"attributes"`
				} `json:"instances"`
			} `json:"resources"`
		}
		if err := json.Unmarshal(raw, &st); err != nil {
			panic(err)
		}
		for _, r := range st.Resources {
			in := r.Instances[0]
			s.schemas[r.Type] = &tfprotov6.Schema{Version: in.SchemaVersion, Block: &tfprotov6.SchemaBlock{Attributes: attributes(in.Attributes)}}
		}
	}
	if err := tf6server.Serve(os.Getenv("STANDIN_ADDR"), func() tfprotov6.ProviderServer { return s }); err != nil {
		panic(err)
	}
}

func attributes(values map[string]any) []*tfprotov6.SchemaAttribute {
	names := make([]string, 0, len(values))
	for k := range values {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]*tfprotov6.SchemaAttribute, 0, len(names))
	for _, k := range names {
		out = append(out, &tfprotov6.SchemaAttribute{Name: k, Type: typeOf(values[k]), Optional: true, Computed: true})
	}
	return out
}

// typeOf infers a Terraform type from a value as Terraform's state JSON stores it.
func typeOf(v any) tftypes.Type {
	switch v := v.(type) {
	case bool:
		return tftypes.Bool
	case float64:
		return tftypes.Number
	case map[string]any:
		if _, ok := v["type"]; ok && len(v) == 2 && v["value"] != nil {
			return tftypes.DynamicPseudoType // a dynamic attribute: {"value": …, "type": …}
		}
		return tftypes.Map{ElementType: tftypes.String}
	case []any:
		if len(v) > 0 {
			if o, ok := v[0].(map[string]any); ok {
				types := map[string]tftypes.Type{}
				for k, e := range o {
					types[k] = typeOf(e)
				}
				return tftypes.List{ElementType: tftypes.Object{AttributeTypes: types}}
			}
		}
		return tftypes.List{ElementType: tftypes.String}
	default:
		return tftypes.String
	}
}

func (s *server) GetMetadata(context.Context, *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	resp := &tfprotov6.GetMetadataResponse{}
	for t := range s.schemas {
		resp.Resources = append(resp.Resources, tfprotov6.ResourceMetadata{TypeName: t})
	}
	return resp, nil
}

func (s *server) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return &tfprotov6.GetProviderSchemaResponse{Provider: &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{}}, ResourceSchemas: s.schemas}, nil
}

func (s *server) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{}, nil
}

func (s *server) ValidateProviderConfig(_ context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{PreparedConfig: req.Config}, nil
}

func (s *server) ConfigureProvider(context.Context, *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

func (s *server) StopProvider(context.Context, *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return &tfprotov6.StopProviderResponse{}, nil
}
