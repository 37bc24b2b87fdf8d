package deployment

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

func TestExpandDeployment(t *testing.T) {
	ctx := context.Background()
	m := deploymentAttributes{
		Model: &modelModel{Format: types.StringValue("OpenAI"), Name: types.StringValue("gpt-4o"), Version: types.StringUnknown(),
			Publisher: types.StringNull(), Source: types.StringNull()},
		SKU:                     &skuModel{Name: types.StringValue("GlobalStandard"), Capacity: types.Int64Unknown()},
		RAIPolicyName:           types.StringUnknown(),
		VersionUpgradeOption:    types.StringValue("NoAutoUpgrade"),
		SpilloverDeploymentName: types.StringNull(),
		ServiceTier:             types.StringUnknown(),
		Tags:                    types.MapValueMust(types.StringType, nil),
		CurrentCapacity:         types.Int64Value(99),
	}
	body, diags := expandDeployment(ctx, m)
	if diags.HasError() {
		t.Fatal(diags)
	}
	got, _ := json.Marshal(body)
	// Unknown values are left to the service; current capacity is never sent; empty tags are sent to clear them.
	want := `{"sku":{"name":"GlobalStandard"},"tags":{},"properties":{"model":{"format":"OpenAI","name":"gpt-4o"},"versionUpgradeOption":"NoAutoUpgrade"}}`
	if string(got) != want {
		t.Errorf("body\n got %s\nwant %s", got, want)
	}

	m.Model.Version, m.SKU.Capacity, m.RAIPolicyName = types.StringValue("2024-11-20"), types.Int64Value(20), types.StringValue("Microsoft.Default")
	body, _ = expandDeployment(ctx, m)
	if *body.SKU.Capacity != 20 || *body.Properties.Model.Version != "2024-11-20" || *body.Properties.RAIPolicyName != "Microsoft.Default" {
		t.Errorf("known values not sent: %+v", body.Properties)
	}
}

func TestFlattenDeployment(t *testing.T) {
	account := client.NewAccountID("sub", "rg", "acc")
	id := client.NewDeploymentID(account, "chat")
	var d client.Deployment
	if err := json.Unmarshal([]byte(`{"sku":{"name":"globalstandard","capacity":10},"properties":{"provisioningState":"Succeeded",
		"model":{"format":"OpenAI","name":"gpt-4o","version":"2024-11-20","publisher":""},"raiPolicyName":"Microsoft.DefaultV2",
		"versionUpgradeOption":"OnceNewDefaultVersionAvailable","currentCapacity":10,"capabilities":{"chatCompletion":"true"},
		"rateLimits":[{"key":"request","renewalPeriod":10,"count":10}]}}`), &d); err != nil {
		t.Fatal(err)
	}
	m := deploymentAttributes{
		AccountID: types.StringValue(account.String()),
		SKU:       &skuModel{Name: types.StringValue("GlobalStandard")},
		Tags:      types.MapNull(types.StringType),
	}
	if diags := flattenDeployment(id, d, &m); diags.HasError() {
		t.Fatal(diags)
	}
	checks := map[string][2]string{
		"id":         {m.ID.ValueString(), id.String()},
		"sku.name":   {m.SKU.Name.ValueString(), "GlobalStandard"}, // the configuration's spelling is kept
		"version":    {m.Model.Version.ValueString(), "2024-11-20"},
		"rai":        {m.RAIPolicyName.ValueString(), "Microsoft.DefaultV2"},
		"upgrade":    {m.VersionUpgradeOption.ValueString(), "OnceNewDefaultVersionAvailable"},
		"state":      {m.ProvisioningState.ValueString(), "Succeeded"},
		"capability": {m.Capabilities.Elements()["chatCompletion"].(types.String).ValueString(), "true"},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if !m.Model.Publisher.IsNull() || !m.Tags.IsNull() || !m.ServiceTier.IsNull() || !m.Model.Source.IsNull() {
		t.Errorf("empty API values must stay null: publisher %v, tags %v, tier %v", m.Model.Publisher, m.Tags, m.ServiceTier)
	}
	if m.SKU.Capacity.ValueInt64() != 10 || m.CurrentCapacity.ValueInt64() != 10 || len(m.RateLimits.Elements()) != 1 {
		t.Errorf("capacity %v, current %v, rate limits %v", m.SKU.Capacity, m.CurrentCapacity, m.RateLimits)
	}
}

func TestVersionFirst(t *testing.T) {
	state := deploymentAttributes{Model: &modelModel{Version: types.StringValue("2024-08-06")}, SKU: &skuModel{Capacity: types.Int64Value(10)}}
	body := func(version string, capacity int32) client.Deployment {
		return client.Deployment{SKU: &client.SKU{Capacity: framework.Ptr(capacity)},
			Properties: &client.DeploymentProperties{Model: &client.DeploymentModel{Version: framework.Ptr(version)}}}
	}
	if _, ok := versionFirst(body("2024-08-06", 20), state); ok {
		t.Error("capacity alone needs one request")
	}
	if _, ok := versionFirst(body("2024-11-20", 10), state); ok {
		t.Error("version alone needs one request")
	}
	first, ok := versionFirst(body("2024-11-20", 20), state)
	if !ok || *first.SKU.Capacity != 10 || *first.Properties.Model.Version != "2024-11-20" {
		t.Errorf("both: first request must change the version at the old capacity, got ok=%v %+v", ok, first.SKU)
	}
}

func TestDefaultVersion(t *testing.T) {
	v := func(version string, def bool) client.AccountModel {
		return client.AccountModel{Version: framework.Ptr(version), IsDefaultVersion: framework.Ptr(def)}
	}
	if got := *defaultVersion([]client.AccountModel{v("1", false), v("3", false), v("2", true)}).Version; got != "2" {
		t.Errorf("default version = %s, want the marked one (2)", got)
	}
	if got := *defaultVersion([]client.AccountModel{v("1", false), v("3", false)}).Version; got != "3" {
		t.Errorf("default version = %s, want the newest (3)", got)
	}
}

// TestDeploymentSurface2026 covers the properties added for the whole 2026-09-01 surface (issue 17): they are sent as
// the spec names them (deploymentState never: the pause and resume actions switch it) and read back.
func TestDeploymentSurface2026(t *testing.T) {
	ctx := context.Background()
	source := "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/trainer"
	m := deploymentAttributes{
		Model: &modelModel{Format: types.StringValue("OpenAI"), Name: types.StringValue("model-router"), Version: types.StringValue("2025-11-18"),
			Publisher: types.StringNull(), Source: types.StringNull(), SourceAccount: types.StringValue(source)},
		SKU:                     &skuModel{Name: types.StringValue("GlobalStandard"), Capacity: types.Int64Value(10)},
		ParentDeploymentName:    types.StringValue("parent"),
		ContextCacheContainerID: types.StringNull(),
		CapacitySettings:        &capacitySettingsModel{DesignatedCapacity: types.Int64Value(5), Priority: types.Int64Null()},
		Routing: &routingModel{Mode: types.StringValue("cost"), Models: []routingModelModel{
			{Format: types.StringValue("OpenAI"), Name: types.StringValue("gpt-4.1-mini"), Version: types.StringNull()},
		}},
		DeploymentState: types.StringValue("Paused"),
		Tags:            types.MapNull(types.StringType),
	}
	body, diags := expandDeployment(ctx, m)
	if diags.HasError() {
		t.Fatal(diags)
	}
	got, _ := json.Marshal(body.Properties)
	want := `{"model":{"format":"OpenAI","name":"model-router","version":"2025-11-18","sourceAccount":"` + source + `"},` +
		`"capacitySettings":{"designatedCapacity":5},"parentDeploymentName":"parent","routing":{"mode":"cost","models":[{"format":"OpenAI","name":"gpt-4.1-mini"}]}}`
	if string(got) != want {
		t.Errorf("properties\n got %s\nwant %s", got, want)
	}

	var d client.Deployment
	if err := json.Unmarshal([]byte(`{"sku":{"name":"GlobalStandard","capacity":10},"properties":{"model":{"format":"OpenAI","name":"model-router",
		"version":"2025-11-18","sourceAccount":"`+strings.ToUpper(source)+`"},"capacitySettings":{"designatedCapacity":5},"parentDeploymentName":"parent",
		"contextCacheContainerId":"","deploymentState":"Paused","routing":{"mode":"cost","models":[{"format":"openai","name":"gpt-4.1-mini","version":"2025-04-14"}]}}}`), &d); err != nil {
		t.Fatal(err)
	}
	if diags := flattenDeployment(client.NewDeploymentID(client.NewAccountID("sub", "rg", "acc"), "router"), d, &m); diags.HasError() {
		t.Fatal(diags)
	}
	switch {
	case m.Model.SourceAccount.ValueString() != source:
		t.Errorf("model.source_account = %s, want the configured spelling", m.Model.SourceAccount)
	case m.DeploymentState.ValueString() != "Paused":
		t.Errorf("deployment_state = %s", m.DeploymentState)
	case !m.ContextCacheContainerID.IsNull():
		t.Errorf("an empty context_cache_container_id must read as null: %s", m.ContextCacheContainerID)
	case m.CapacitySettings == nil || m.CapacitySettings.DesignatedCapacity.ValueInt64() != 5 || !m.CapacitySettings.Priority.IsNull():
		t.Errorf("capacity_settings = %+v", m.CapacitySettings)
	case m.Routing == nil || m.Routing.Mode.ValueString() != "cost" || m.Routing.Models[0].Format.ValueString() != "OpenAI" ||
		!m.Routing.Models[0].Version.IsNull():
		t.Errorf("routing = %+v (a version the configuration leaves out is not read back)", m.Routing)
	}

	// Without them: nulls, no blocks.
	var none deploymentAttributes
	if diags := flattenDeployment(client.NewDeploymentID(client.NewAccountID("sub", "rg", "acc"), "chat"), client.Deployment{}, &none); diags.HasError() {
		t.Fatal(diags)
	}
	if none.Routing != nil || none.CapacitySettings != nil || !none.DeploymentState.IsNull() || !none.ParentDeploymentName.IsNull() || !none.Model.SourceAccount.IsNull() {
		t.Errorf("empty deployment: %+v", none)
	}
}
