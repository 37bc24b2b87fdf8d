package deployment

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// The model router: the deployment of model "model-router" that spreads each request over other models. Its routing
// settings apply from router version 2025-11-18 (the spec's DeploymentRouting).
const (
	routerModel        = "model-router"
	routerFirstVersion = "2025-11-18"
)

// RoutingModes are the values of properties.routing.mode; "balanced" is the service's default.
var RoutingModes = []string{string(client.DeploymentRoutingModeCost), string(client.DeploymentRoutingModeBalanced), string(client.DeploymentRoutingModeQuality)}

type capacitySettingsModel struct {
	DesignatedCapacity types.Int64 `tfsdk:"designated_capacity"`
	Priority           types.Int64 `tfsdk:"priority"`
}

type routingModel struct {
	Mode   types.String        `tfsdk:"mode"`
	Models []routingModelModel `tfsdk:"models"`
}

type routingModelModel struct {
	Format  types.String `tfsdk:"format"`
	Name    types.String `tfsdk:"name"`
	Version types.String `tfsdk:"version"`
}

func capacitySettingsSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Capacity settings (`properties.capacitySettings`), which the spec describes as \"internal use only\": Azure may " +
			"refuse or ignore them outside the cases it supports. Updated in place.",
		Attributes: map[string]schema.Attribute{
			"designated_capacity": schema.Int64Attribute{
				Optional: true, Validators: []validator.Int64{int64validator.Between(0, 1<<31-1)},
				MarkdownDescription: "The designated capacity (`designatedCapacity`), at least 0.",
			},
			"priority": schema.Int64Attribute{
				Optional: true, Validators: []validator.Int64{int64validator.Between(0, 1<<31-1)},
				MarkdownDescription: "The priority of this capacity setting (`priority`), at least 0.",
			},
		},
	}
}

func routingSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "How a model router spreads requests (`properties.routing`). Only for a deployment of model `" + routerModel +
			"` version " + routerFirstVersion + " or later (checked at plan). Updated in place.",
		Attributes: map[string]schema.Attribute{
			"mode": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(string(client.DeploymentRoutingModeBalanced)),
				Validators: []validator.String{stringvalidator.OneOf(RoutingModes...)},
				MarkdownDescription: "The routing mode (`mode`): `cost` (the cheapest model that meets the request), `balanced` (cost and " +
					"quality; the default) or `quality` (the best model, whatever the cost).",
			},
			"models": schema.ListNestedAttribute{
				Optional: true, Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				MarkdownDescription: "The models the router may use (`models`); omit to use every model the router version supports.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"format": schema.StringAttribute{
						Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						MarkdownDescription: "Model format (`format`), e.g. `OpenAI`.",
					},
					"name": schema.StringAttribute{
						Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						MarkdownDescription: "Model name (`name`), e.g. `gpt-4.1-mini`.",
					},
					"version": schema.StringAttribute{
						Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						MarkdownDescription: "Model version (`version`); omit it to leave the version to the service.",
					},
				}},
			},
		},
	}
}

func expandCapacitySettings(m *capacitySettingsModel) *client.DeploymentCapacitySettings {
	if m == nil {
		return nil
	}
	return &client.DeploymentCapacitySettings{DesignatedCapacity: knownInt32(m.DesignatedCapacity), Priority: knownInt32(m.Priority)}
}

func flattenCapacitySettings(in *client.DeploymentCapacitySettings) *capacitySettingsModel {
	if in == nil || (in.DesignatedCapacity == nil && in.Priority == nil) {
		return nil
	}
	return &capacitySettingsModel{DesignatedCapacity: int64Value(in.DesignatedCapacity), Priority: int64Value(in.Priority)}
}

func expandRouting(m *routingModel) *client.DeploymentRouting {
	if m == nil {
		return nil
	}
	out := &client.DeploymentRouting{}
	if v := knownString(m.Mode); v != nil {
		out.Mode = framework.Ptr(client.DeploymentRoutingMode(*v))
	}
	for _, r := range m.Models {
		out.Models = append(out.Models, client.DeploymentModel{Format: knownString(r.Format), Name: knownString(r.Name), Version: knownString(r.Version)})
	}
	return out
}

// flattenRouting keeps the prior spelling of model names and formats the service normalises.
func flattenRouting(in *client.DeploymentRouting, prior *routingModel) *routingModel {
	if in == nil || (in.Mode == nil && len(in.Models) == 0) {
		return nil
	}
	out := &routingModel{Mode: types.StringValue(string(client.DeploymentRoutingModeBalanced))}
	if in.Mode != nil && *in.Mode != "" {
		out.Mode = types.StringValue(string(*in.Mode))
	}
	for i, r := range in.Models {
		var p routingModelModel
		if prior != nil && i < len(prior.Models) {
			p = prior.Models[i]
		}
		version := types.StringPointerValue(framework.NilIfEmpty(r.Version))
		if p.Name.ValueString() != "" && p.Version.IsNull() {
			version = types.StringNull() // left to the service in the configuration: the version it picked is not drift
		}
		out.Models = append(out.Models, routingModelModel{Format: keepCase(r.Format, p.Format), Name: keepCase(r.Name, p.Name), Version: version})
	}
	return out
}

func knownInt32(v types.Int64) *int32 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return framework.Ptr(int32(v.ValueInt64()))
}
