package project

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// moveFrom runs foundry_project's state movers on the one instance recorded in testdata/move/<file>, as Terraform
// sends it: the provider address and type from the state file, the instance's attributes as raw JSON.
func moveFrom(t *testing.T, file string) (*resource.MoveStateResponse, projectModel) {
	t.Helper()
	ctx := context.Background()
	raw, err := os.ReadFile(filepath.Join("testdata", "move", file))
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
	res := st.Resources[0]
	addr := strings.TrimSuffix(strings.TrimPrefix(res.Provider, `provider["`), `"]`)
	sch := resourceSchema(ctx)
	req := resource.MoveStateRequest{
		SourceProviderAddress: addr, SourceTypeName: res.Type, SourceSchemaVersion: res.Instances[0].SchemaVersion,
		SourceRawState: &tfprotov6.RawState{JSON: res.Instances[0].Attributes},
	}
	resp := &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: sch, Raw: tftypes.NewValue(sch.Type().TerraformType(ctx), nil)}}
	for _, m := range (&projectResource{}).MoveState(ctx) {
		m.StateMover(ctx, req, resp)
		if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
			break
		}
	}
	var got projectModel
	if !resp.Diagnostics.HasError() && !resp.TargetState.Raw.IsNull() {
		resp.Diagnostics.Append(resp.TargetState.Get(ctx, &got)...)
	}
	return resp, got
}

const accountID = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"

func TestMoveState_sources(t *testing.T) {
	for _, file := range []string{"azurerm_v4.tfstate", "azapi_v2.tfstate"} {
		t.Run(file, func(t *testing.T) {
			resp, m := moveFrom(t, file)
			if resp.Diagnostics.HasError() {
				t.Fatalf("diagnostics: %v", resp.Diagnostics)
			}
			if m.ID.ValueString() != accountID+"/projects/support" || m.AccountID.ValueString() != accountID || m.Name.ValueString() != "support" ||
				m.Location.ValueString() != "eastus" || m.DisplayName.ValueString() != "Support" || m.Description.ValueString() != "Customer support agents" ||
				m.Tags.String() != `{"env":"dev","team":"support"}` || m.Identity == nil || m.Identity.Type.ValueString() != "SystemAssigned" ||
				!m.Identity.IdentityIDs.IsNull() || !m.Timeouts.IsNull() {
				t.Errorf("unexpected moved state: %s", resp.TargetState.Raw)
			}
		})
	}
}

func TestMoveState_otherSources(t *testing.T) {
	ctx := context.Background()
	sch := resourceSchema(ctx)
	for name, c := range map[string]struct{ provider, typ, attrs string }{
		"azapi account":   {"registry.terraform.io/azure/azapi", "azapi_resource", `{"id":"/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry","type":"Microsoft.CognitiveServices/accounts@2025-06-01","body":{}}`},
		"azurerm account": {"registry.terraform.io/hashicorp/azurerm", "azurerm_cognitive_account", `{"id":"/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry"}`},
	} {
		t.Run(name, func(t *testing.T) {
			resp := &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: sch, Raw: tftypes.NewValue(sch.Type().TerraformType(ctx), nil)}}
			moveProject(ctx, resource.MoveStateRequest{SourceProviderAddress: c.provider, SourceTypeName: c.typ,
				SourceRawState: &tfprotov6.RawState{JSON: []byte(c.attrs)}}, resp)
			if resp.Diagnostics.HasError() || !resp.TargetState.Raw.IsNull() {
				t.Errorf("want no move and no error, got %v %s", resp.Diagnostics, resp.TargetState.Raw)
			}
		})
	}
}
