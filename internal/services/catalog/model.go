package catalog

import (
	"cmp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

type modelItem struct {
	Format           types.String      `tfsdk:"format"`
	Name             types.String      `tfsdk:"name"`
	Version          types.String      `tfsdk:"version"`
	Publisher        types.String      `tfsdk:"publisher"`
	LifecycleStatus  types.String      `tfsdk:"lifecycle_status"`
	IsDefaultVersion types.Bool        `tfsdk:"is_default_version"`
	Deprecation      *deprecationModel `tfsdk:"deprecation"`
	Capabilities     types.Map         `tfsdk:"capabilities"`
	SKUs             []skuItem         `tfsdk:"skus"`
}

type deprecationModel struct {
	Inference types.String `tfsdk:"inference"`
	FineTune  types.String `tfsdk:"fine_tune"`
	Status    types.String `tfsdk:"status"`
}

type skuItem struct {
	Name            types.String   `tfsdk:"name"`
	UsageName       types.String   `tfsdk:"usage_name"`
	DeprecationDate types.String   `tfsdk:"deprecation_date"`
	Capacity        *capacityModel `tfsdk:"capacity"`
}

type capacityModel struct {
	Minimum types.Int64 `tfsdk:"minimum"`
	Maximum types.Int64 `tfsdk:"maximum"`
	Step    types.Int64 `tfsdk:"step"`
	Default types.Int64 `tfsdk:"default"`
}

type usageItem struct {
	Name          types.String  `tfsdk:"name"`
	LocalizedName types.String  `tfsdk:"localized_name"`
	CurrentValue  types.Float64 `tfsdk:"current_value"`
	Limit         types.Float64 `tfsdk:"limit"`
	Unit          types.String  `tfsdk:"unit"`
	Status        types.String  `tfsdk:"status"`
	ScopeType     types.String  `tfsdk:"scope_type"`
	ScopeID       types.String  `tfsdk:"scope_id"`
}

// locationModels takes the models out of a location's catalog, once per format, name and version (the service
// lists a model once per account kind that can deploy it).
func locationModels(list []client.Model) []client.AccountModel {
	seen := map[string]bool{}
	var out []client.AccountModel
	for _, m := range list {
		if m.Model == nil {
			continue
		}
		k := strings.ToLower(framework.Deref(m.Model.Format) + "|" + framework.Deref(m.Model.Name) + "|" + framework.Deref(m.Model.Version))
		if !seen[k] {
			seen[k] = true
			out = append(out, *m.Model)
		}
	}
	return out
}

// filterModels keeps the models of a format and name ("" matches all), compared case-insensitively.
func filterModels(models []client.AccountModel, format, name string) []client.AccountModel {
	var out []client.AccountModel
	for _, m := range models {
		if (format == "" || strings.EqualFold(framework.Deref(m.Format), format)) && (name == "" || strings.EqualFold(framework.Deref(m.Name), name)) {
			out = append(out, m)
		}
	}
	return out
}

// flattenModels renders catalog entries sorted by format, name and version.
func flattenModels(models []client.AccountModel) ([]modelItem, diag.Diagnostics) {
	var diags diag.Diagnostics
	sorted := slices.Clone(models)
	slices.SortStableFunc(sorted, func(a, b client.AccountModel) int {
		return cmp.Or(cmp.Compare(framework.Deref(a.Format), framework.Deref(b.Format)),
			cmp.Compare(framework.Deref(a.Name), framework.Deref(b.Name)), cmp.Compare(framework.Deref(a.Version), framework.Deref(b.Version)))
	})
	out := make([]modelItem, 0, len(sorted))
	for _, m := range sorted {
		item := modelItem{
			Format:           types.StringPointerValue(m.Format),
			Name:             types.StringPointerValue(m.Name),
			Version:          types.StringPointerValue(m.Version),
			Publisher:        types.StringPointerValue(m.Publisher),
			LifecycleStatus:  types.StringNull(),
			IsDefaultVersion: types.BoolValue(framework.Deref(m.IsDefaultVersion)),
			Capabilities:     framework.StringMap(m.Capabilities, types.MapValueMust(types.StringType, nil), &diags),
			SKUs:             make([]skuItem, 0, len(m.SKUs)),
		}
		if m.LifecycleStatus != nil {
			item.LifecycleStatus = types.StringValue(string(*m.LifecycleStatus))
		}
		if dep := m.Deprecation; dep != nil {
			item.Deprecation = &deprecationModel{
				Inference: types.StringPointerValue(dep.Inference),
				FineTune:  types.StringPointerValue(dep.FineTune),
				Status:    types.StringPointerValue(dep.DeprecationStatus),
			}
		}
		for _, s := range m.SKUs {
			sku := skuItem{
				Name:            types.StringPointerValue(s.Name),
				UsageName:       types.StringPointerValue(s.UsageName),
				DeprecationDate: types.StringPointerValue(s.DeprecationDate),
			}
			if c := s.Capacity; c != nil {
				sku.Capacity = &capacityModel{Minimum: int64Value(c.Minimum), Maximum: int64Value(c.Maximum), Step: int64Value(c.Step), Default: int64Value(c.Default)}
			}
			item.SKUs = append(item.SKUs, sku)
		}
		out = append(out, item)
	}
	return out, diags
}

// flattenUsages renders usages sorted by name.
func flattenUsages(usages []client.Usage) []usageItem {
	out := make([]usageItem, 0, len(usages))
	for _, u := range usages {
		name := framework.Deref(u.Name)
		out = append(out, usageItem{
			Name:          types.StringPointerValue(name.Value),
			LocalizedName: types.StringPointerValue(name.LocalizedValue),
			CurrentValue:  types.Float64PointerValue(u.CurrentValue),
			Limit:         types.Float64PointerValue(u.Limit),
			Unit:          types.StringPointerValue(u.Unit),
			Status:        types.StringPointerValue(u.Status),
			ScopeType:     types.StringPointerValue(u.ScopeType),
			ScopeID:       types.StringPointerValue(u.ScopeID),
		})
	}
	slices.SortStableFunc(out, func(a, b usageItem) int { return cmp.Compare(a.Name.ValueString(), b.Name.ValueString()) })
	return out
}

func int64Value(p *int32) types.Int64 {
	if p == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*p))
}
