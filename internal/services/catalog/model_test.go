package catalog

import (
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

func model(format, name, version string) *client.AccountModel {
	return &client.AccountModel{Format: framework.Ptr(format), Name: framework.Ptr(name), Version: framework.Ptr(version)}
}

func TestLocationModelsAndFilter(t *testing.T) {
	list := []client.Model{
		{Kind: framework.Ptr("OpenAI"), Model: model("OpenAI", "gpt-4o", "2")},
		{Kind: framework.Ptr("AIServices"), Model: model("OpenAI", "gpt-4o", "2")},
		{Kind: framework.Ptr("AIServices"), Model: model("OpenAI", "gpt-4o", "1")},
		{Kind: framework.Ptr("AIServices"), Model: model("Microsoft", "Phi-4", "7")},
		{Kind: framework.Ptr("AIServices")},
	}
	models := locationModels(list)
	if len(models) != 3 {
		t.Fatalf("want one entry per format, name and version, got %d", len(models))
	}
	if got := filterModels(models, "openai", ""); len(got) != 2 {
		t.Errorf("format filter (case-insensitive) kept %d, want 2", len(got))
	}
	if got := filterModels(models, "", "PHI-4"); len(got) != 1 {
		t.Errorf("name filter kept %d, want 1", len(got))
	}
	items, diags := flattenModels(models)
	if diags.HasError() {
		t.Fatal(diags)
	}
	var order []string
	for _, m := range items {
		order = append(order, m.Name.ValueString()+" "+m.Version.ValueString())
	}
	if want := "[Phi-4 7 gpt-4o 1 gpt-4o 2]"; fmtList(order) != want {
		t.Errorf("order = %v, want %s", order, want)
	}
}

func TestFlattenUsages(t *testing.T) {
	u := []client.Usage{
		{Name: &client.MetricName{Value: framework.Ptr("b")}, Limit: framework.Ptr(10.0), CurrentValue: framework.Ptr(3.0)},
		{Name: &client.MetricName{Value: framework.Ptr("a"), LocalizedValue: framework.Ptr("A")}},
	}
	got := flattenUsages(u)
	if got[0].Name.ValueString() != "a" || got[0].LocalizedName.ValueString() != "A" || !got[0].Limit.IsNull() {
		t.Errorf("first = %+v", got[0])
	}
	if got[1].Limit.ValueFloat64() != 10 || got[1].CurrentValue.ValueFloat64() != 3 || !got[1].LocalizedName.IsNull() {
		t.Errorf("second = %+v", got[1])
	}
}

func fmtList(s []string) string {
	out := "["
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out + "]"
}
