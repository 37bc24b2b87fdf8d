package deployment

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// deploymentAttributes are shared by the resource and the single data source.
type deploymentAttributes struct {
	ID                       types.String           `tfsdk:"id"`
	AccountID                types.String           `tfsdk:"account_id"`
	Name                     types.String           `tfsdk:"name"`
	Model                    *modelModel            `tfsdk:"model"`
	SKU                      *skuModel              `tfsdk:"sku"`
	RAIPolicyName            types.String           `tfsdk:"rai_policy_name"`
	VersionUpgradeOption     types.String           `tfsdk:"version_upgrade_option"`
	SpilloverDeploymentName  types.String           `tfsdk:"spillover_deployment_name"`
	ServiceTier              types.String           `tfsdk:"service_tier"`
	ParentDeploymentName     types.String           `tfsdk:"parent_deployment_name"`
	ContextCacheContainerID  types.String           `tfsdk:"context_cache_container_id"`
	CapacitySettings         *capacitySettingsModel `tfsdk:"capacity_settings"`
	Routing                  *routingModel          `tfsdk:"routing"`
	DeploymentState          types.String           `tfsdk:"deployment_state"`
	Tags                     types.Map              `tfsdk:"tags"`
	CurrentCapacity          types.Int64            `tfsdk:"current_capacity"`
	ProvisioningState        types.String           `tfsdk:"provisioning_state"`
	DynamicThrottlingEnabled types.Bool             `tfsdk:"dynamic_throttling_enabled"`
	Capabilities             types.Map              `tfsdk:"capabilities"`
	RateLimits               types.List             `tfsdk:"rate_limits"`
}

type deploymentModel struct {
	deploymentAttributes
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

type modelModel struct {
	Format        types.String `tfsdk:"format"`
	Name          types.String `tfsdk:"name"`
	Version       types.String `tfsdk:"version"`
	Publisher     types.String `tfsdk:"publisher"`
	Source        types.String `tfsdk:"source"`
	SourceAccount types.String `tfsdk:"source_account"`
}

type skuModel struct {
	Name     types.String `tfsdk:"name"`
	Capacity types.Int64  `tfsdk:"capacity"`
}

var rateLimitType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"key": types.StringType, "renewal_period": types.Float64Type, "count": types.Float64Type,
}}

// knownString is the value's pointer when it is known and not null (unknown values are left to the service).
func knownString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueStringPointer()
}

// expandDeployment builds the PUT body from the plan: only writable fields, never currentCapacity, and nothing the
// plan does not know yet (the service then applies its defaults: default version, catalog capacity, RAI policy).
func expandDeployment(ctx context.Context, m deploymentAttributes) (client.Deployment, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := client.Deployment{Properties: &client.DeploymentProperties{
		RAIPolicyName:           knownString(m.RAIPolicyName),
		SpilloverDeploymentName: knownString(m.SpilloverDeploymentName),
		ParentDeploymentName:    knownString(m.ParentDeploymentName),
		ContextCacheContainerID: knownString(m.ContextCacheContainerID),
		CapacitySettings:        expandCapacitySettings(m.CapacitySettings),
		Routing:                 expandRouting(m.Routing),
		// deploymentState is not sent: the pause and resume actions switch it (state.go).
	}}
	if m.Model != nil {
		body.Properties.Model = &client.DeploymentModel{
			Format:        knownString(m.Model.Format),
			Name:          knownString(m.Model.Name),
			Version:       knownString(m.Model.Version),
			Publisher:     knownString(m.Model.Publisher),
			Source:        knownString(m.Model.Source),
			SourceAccount: knownString(m.Model.SourceAccount),
		}
	}
	if m.SKU != nil {
		body.SKU = &client.SKU{Name: knownString(m.SKU.Name)}
		if !m.SKU.Capacity.IsNull() && !m.SKU.Capacity.IsUnknown() {
			body.SKU.Capacity = framework.Ptr(int32(m.SKU.Capacity.ValueInt64()))
		}
	}
	if v := knownString(m.VersionUpgradeOption); v != nil {
		body.Properties.VersionUpgradeOption = framework.Ptr(client.DeploymentModelVersionUpgradeOption(*v))
	}
	if v := knownString(m.ServiceTier); v != nil {
		body.Properties.ServiceTier = framework.Ptr(client.DeploymentServiceTier(*v))
	}
	if !m.Tags.IsNull() && !m.Tags.IsUnknown() {
		tags := map[string]string{}
		diags.Append(m.Tags.ElementsAs(ctx, &tags, false)...)
		body.Tags = tags
	}
	return body, diags
}

// flattenDeployment writes what the API returned into m, keeping the prior spelling of case-insensitive values.
func flattenDeployment(id client.DeploymentID, d client.Deployment, m *deploymentAttributes) diag.Diagnostics {
	var diags diag.Diagnostics
	props := d.Properties
	if props == nil {
		props = &client.DeploymentProperties{}
	}
	m.ID = types.StringValue(id.String())
	if !strings.EqualFold(m.AccountID.ValueString(), id.AccountID.String()) {
		m.AccountID = types.StringValue(id.AccountID.String())
	}
	m.Name = types.StringValue(id.Name)

	model := framework.Deref(props.Model)
	prior := m.Model
	if prior == nil {
		prior = &modelModel{}
	}
	m.Model = &modelModel{
		Format:        keepCase(model.Format, prior.Format),
		Name:          keepCase(model.Name, prior.Name),
		Version:       types.StringPointerValue(model.Version),
		Publisher:     types.StringPointerValue(framework.NilIfEmpty(model.Publisher)),
		Source:        keepCase(framework.NilIfEmpty(model.Source), prior.Source),
		SourceAccount: keepCase(framework.NilIfEmpty(model.SourceAccount), prior.SourceAccount),
	}

	sku := framework.Deref(d.SKU)
	priorSKU := m.SKU
	if priorSKU == nil {
		priorSKU = &skuModel{}
	}
	m.SKU = &skuModel{Name: keepCase(sku.Name, priorSKU.Name), Capacity: int64Value(sku.Capacity)}

	m.RAIPolicyName = types.StringPointerValue(framework.NilIfEmpty(props.RAIPolicyName))
	m.VersionUpgradeOption = types.StringNull()
	if props.VersionUpgradeOption != nil && *props.VersionUpgradeOption != "" {
		m.VersionUpgradeOption = types.StringValue(string(*props.VersionUpgradeOption))
	}
	m.SpilloverDeploymentName = keepCase(framework.NilIfEmpty(props.SpilloverDeploymentName), m.SpilloverDeploymentName)
	m.ServiceTier = types.StringNull()
	if props.ServiceTier != nil && *props.ServiceTier != "" {
		m.ServiceTier = types.StringValue(string(*props.ServiceTier))
	}
	m.ParentDeploymentName = keepCase(framework.NilIfEmpty(props.ParentDeploymentName), m.ParentDeploymentName)
	m.ContextCacheContainerID = keepCase(framework.NilIfEmpty(props.ContextCacheContainerID), m.ContextCacheContainerID)
	m.CapacitySettings = flattenCapacitySettings(props.CapacitySettings)
	m.Routing = flattenRouting(props.Routing, m.Routing)
	m.DeploymentState = types.StringNull()
	if props.DeploymentState != nil && *props.DeploymentState != "" {
		m.DeploymentState = types.StringValue(string(*props.DeploymentState))
	}
	m.Tags = framework.StringMap(d.Tags, m.Tags, &diags)
	m.CurrentCapacity = int64Value(props.CurrentCapacity)
	m.ProvisioningState = types.StringNull()
	if props.ProvisioningState != nil {
		m.ProvisioningState = types.StringValue(string(*props.ProvisioningState))
	}
	m.DynamicThrottlingEnabled = types.BoolValue(framework.Deref(props.DynamicThrottlingEnabled))
	m.Capabilities = framework.StringMap(props.Capabilities, types.MapValueMust(types.StringType, nil), &diags)
	m.RateLimits = flattenRateLimits(props.RateLimits, &diags)
	return diags
}

func flattenRateLimits(in []client.ThrottlingRule, diags *diag.Diagnostics) types.List {
	elems := make([]attr.Value, 0, len(in))
	for _, r := range in {
		o, d := types.ObjectValue(rateLimitType.AttrTypes, map[string]attr.Value{
			"key":            types.StringPointerValue(r.Key),
			"renewal_period": float64Value(r.RenewalPeriod),
			"count":          float64Value(r.Count),
		})
		diags.Append(d...)
		elems = append(elems, o)
	}
	l, d := types.ListValue(rateLimitType, elems)
	diags.Append(d...)
	return l
}

// keepCase returns got, spelled as prior when the two differ only in case (the service normalises some names).
func keepCase(got *string, prior types.String) types.String {
	if got != nil && !prior.IsNull() && !prior.IsUnknown() && strings.EqualFold(*got, prior.ValueString()) {
		return prior
	}
	return types.StringPointerValue(got)
}

func int64Value(p *int32) types.Int64 {
	if p == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*p))
}

func float64Value(p *float32) types.Float64 {
	if p == nil {
		return types.Float64Null()
	}
	return types.Float64Value(float64(*p))
}

// flattenDeploymentList turns a list of deployments into foundry_deployments items, sorted by name.
func flattenDeploymentList(account client.AccountID, list []client.Deployment) ([]deploymentItemModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	items := make([]deploymentItemModel, 0, len(list))
	for _, d := range list {
		id := client.NewDeploymentID(account, framework.Deref(d.Name))
		var a deploymentAttributes
		diags.Append(flattenDeployment(id, d, &a)...)
		items = append(items, deploymentItemModel{
			ID: a.ID, Name: a.Name, Model: a.Model, SKU: a.SKU,
			ProvisioningState: a.ProvisioningState, RAIPolicyName: a.RAIPolicyName, CurrentCapacity: a.CurrentCapacity,
		})
	}
	slices.SortFunc(items, func(a, b deploymentItemModel) int { return strings.Compare(a.Name.ValueString(), b.Name.ValueString()) })
	return items, diags
}
