package deployment

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// sameAs keeps an omitted computed value from state while the attributes at paths are unchanged. Unlike
// UseStateForUnknown it lets a new model (or SKU) get its own default version, publisher or capacity: those belong
// to the old deployment, which a change of model or SKU replaces.
type sameAs struct {
	desc  string
	paths []path.Path
}

func sameModel() sameAs {
	return sameAs{desc: "keeps the value from state while model.format and model.name are unchanged",
		paths: []path.Path{path.Root("model").AtName("format"), path.Root("model").AtName("name")}}
}

func sameSKU() sameAs {
	return sameAs{desc: "keeps the value from state while the model and sku.name are unchanged",
		paths: []path.Path{path.Root("model").AtName("format"), path.Root("model").AtName("name"), path.Root("sku").AtName("name")}}
}

func (m sameAs) Description(context.Context) string         { return m.desc }
func (m sameAs) MarkdownDescription(context.Context) string { return m.desc }

// unchanged reports whether every path has the same (case-insensitive) known value in plan and state.
func (m sameAs) unchanged(ctx context.Context, plan, state tfsdk.State) bool {
	for _, p := range m.paths {
		var a, b types.String
		if plan.GetAttribute(ctx, p, &a).HasError() || state.GetAttribute(ctx, p, &b).HasError() {
			return false
		}
		if a.IsUnknown() || a.IsNull() || !strings.EqualFold(a.ValueString(), b.ValueString()) {
			return false
		}
	}
	return true
}

func (m sameAs) applies(ctx context.Context, config, stateValue interface{ IsNull() bool }, planUnknown bool, plan tfsdk.Plan, state tfsdk.State) bool {
	if stateValue.IsNull() || !config.IsNull() || !planUnknown {
		return false
	}
	return m.unchanged(ctx, tfsdk.State(plan), state)
}

func (m sameAs) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if m.applies(ctx, req.ConfigValue, req.StateValue, req.PlanValue.IsUnknown(), req.Plan, req.State) {
		resp.PlanValue = req.StateValue
	}
}

func (m sameAs) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if m.applies(ctx, req.ConfigValue, req.StateValue, req.PlanValue.IsUnknown(), req.Plan, req.State) {
		resp.PlanValue = req.StateValue
	}
}
