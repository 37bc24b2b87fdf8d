package raipolicy

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

type policyModel struct {
	ID               types.String          `tfsdk:"id"`
	AccountID        types.String          `tfsdk:"account_id"`
	Name             types.String          `tfsdk:"name"`
	BasePolicyName   types.String          `tfsdk:"base_policy_name"`
	Mode             types.String          `tfsdk:"mode"`
	ContentFilters   []contentFilterModel  `tfsdk:"content_filters"`
	CustomBlocklists []blocklistRefModel   `tfsdk:"custom_blocklists"`
	SafetyProviders  []safetyProviderModel `tfsdk:"safety_providers"`
	EgressPolicy     *egressPolicyModel    `tfsdk:"egress_policy"`
	Tags             types.Map             `tfsdk:"tags"`
	Type             types.String          `tfsdk:"type"`
	Timeouts         timeouts.Value        `tfsdk:"timeouts"`
}

type contentFilterModel struct {
	Name              types.String `tfsdk:"name"`
	Source            types.String `tfsdk:"source"`
	Enabled           types.Bool   `tfsdk:"enabled"`
	Blocking          types.Bool   `tfsdk:"blocking"`
	SeverityThreshold types.String `tfsdk:"severity_threshold"`
	Action            types.String `tfsdk:"action"`
}

type blocklistRefModel struct {
	BlocklistName types.String `tfsdk:"blocklist_name"`
	Source        types.String `tfsdk:"source"`
	Blocking      types.Bool   `tfsdk:"blocking"`
}

type safetyProviderModel struct {
	SafetyProviderName types.String `tfsdk:"safety_provider_name"`
	Source             types.String `tfsdk:"source"`
	Blocking           types.Bool   `tfsdk:"blocking"`
}

// key identifies a content filter, blocklist or safety provider of a policy: its name and source, compared
// case-insensitively (the spec repeats a filter once per source).
func key(name, source types.String) string {
	return strings.ToLower(name.ValueString()) + "|" + strings.ToLower(source.ValueString())
}

// known returns v's pointer, nil when v is null or unknown.
func known(v types.String) *string { return framework.KnownStringPointer(v) }

func knownBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueBoolPointer()
}

func enum[T ~string](v types.String) *T {
	if p := known(v); p != nil {
		t := T(*p)
		return &t
	}
	return nil
}

func enumValue[T ~string](p *T) types.String {
	if p == nil || *p == "" {
		return types.StringNull()
	}
	return types.StringValue(string(*p))
}

// expandPolicy builds the PUT body from the plan.
func expandPolicy(ctx context.Context, m policyModel) (client.RAIPolicy, diag.Diagnostics) {
	var diags diag.Diagnostics
	props := &client.RAIPolicyProperties{
		BasePolicyName: known(m.BasePolicyName),
		Mode:           enum[client.RAIPolicyMode](m.Mode),
	}
	for _, f := range m.ContentFilters {
		props.ContentFilters = append(props.ContentFilters, client.RAIPolicyContentFilter{
			Name: known(f.Name), Source: enum[client.RAIPolicyContentSource](f.Source),
			Enabled: knownBool(f.Enabled), Blocking: knownBool(f.Blocking),
			SeverityThreshold: enum[client.RAIContentLevel](f.SeverityThreshold), Action: enum[client.RAIActionType](f.Action),
		})
	}
	for _, b := range m.CustomBlocklists {
		props.CustomBlocklists = append(props.CustomBlocklists, client.RAICustomBlocklistConfig{
			BlocklistName: known(b.BlocklistName), Source: enum[client.RAIPolicyContentSource](b.Source), Blocking: knownBool(b.Blocking),
		})
	}
	for _, s := range m.SafetyProviders {
		props.SafetyProviders = append(props.SafetyProviders, client.RAISafetyProviderConfig{
			SafetyProviderName: known(s.SafetyProviderName), Source: enum[client.RAIPolicyContentSource](s.Source), Blocking: knownBool(s.Blocking),
		})
	}
	props.EgressPolicy = expandEgress(m.EgressPolicy)
	body := client.RAIPolicy{Properties: props}
	if !m.Tags.IsNull() && !m.Tags.IsUnknown() {
		tags := map[string]string{}
		diags.Append(m.Tags.ElementsAs(ctx, &tags, false)...)
		body.Tags = tags
	}
	return body, diags
}

// flattenPolicy writes what the API returned into m. Lists keep the prior order of their entries (by name and
// source), so that a service that reorders them shows no drift; the egress policy's secrets, which the API never
// returns, are kept from m.
func flattenPolicy(id client.RAIPolicyID, p client.RAIPolicy, m *policyModel) diag.Diagnostics {
	var diags diag.Diagnostics
	props := framework.Deref(p.Properties)
	m.ID = types.StringValue(id.String())
	if !strings.EqualFold(m.AccountID.ValueString(), id.AccountID.String()) {
		m.AccountID = types.StringValue(id.AccountID.String())
	}
	m.Name = keepCase(&id.Name, m.Name)
	m.BasePolicyName = keepCase(props.BasePolicyName, m.BasePolicyName)
	m.Mode = enumValue(props.Mode)
	m.Type = enumValue(props.Type)

	filters := make([]contentFilterModel, 0, len(props.ContentFilters))
	for _, f := range props.ContentFilters {
		filters = append(filters, contentFilterModel{
			Name: types.StringPointerValue(f.Name), Source: enumValue(f.Source),
			Enabled: types.BoolValue(framework.Deref(f.Enabled)), Blocking: types.BoolValue(framework.Deref(f.Blocking)),
			SeverityThreshold: enumValue(f.SeverityThreshold), Action: enumValue(f.Action),
		})
	}
	m.ContentFilters = inPriorOrder(filters, m.ContentFilters, func(f contentFilterModel) string { return key(f.Name, f.Source) })

	lists := make([]blocklistRefModel, 0, len(props.CustomBlocklists))
	for _, b := range props.CustomBlocklists {
		lists = append(lists, blocklistRefModel{BlocklistName: types.StringPointerValue(b.BlocklistName), Source: enumValue(b.Source),
			Blocking: types.BoolValue(framework.Deref(b.Blocking))})
	}
	m.CustomBlocklists = inPriorOrder(lists, m.CustomBlocklists, func(b blocklistRefModel) string { return key(b.BlocklistName, b.Source) })

	providers := make([]safetyProviderModel, 0, len(props.SafetyProviders))
	for _, s := range props.SafetyProviders {
		providers = append(providers, safetyProviderModel{SafetyProviderName: types.StringPointerValue(s.SafetyProviderName),
			Source: enumValue(s.Source), Blocking: types.BoolValue(framework.Deref(s.Blocking))})
	}
	m.SafetyProviders = inPriorOrder(providers, m.SafetyProviders, func(s safetyProviderModel) string { return key(s.SafetyProviderName, s.Source) })

	m.EgressPolicy = flattenEgress(props.EgressPolicy, m.EgressPolicy)
	m.Tags = framework.StringMap(p.Tags, m.Tags, &diags)
	return diags
}

// inPriorOrder orders got like prior (entries matched by keyOf; new ones last, in the API's order). An empty result
// is nil (a null list) unless prior was an empty list.
func inPriorOrder[T any](got, prior []T, keyOf func(T) string) []T {
	if len(got) == 0 {
		if prior != nil && len(prior) == 0 {
			return prior
		}
		return nil
	}
	byKey := map[string]int{}
	for i, g := range got {
		byKey[keyOf(g)] = i
	}
	used := make([]bool, len(got))
	out := make([]T, 0, len(got))
	for _, p := range prior {
		if i, ok := byKey[keyOf(p)]; ok && !used[i] {
			out = append(out, got[i])
			used[i] = true
		}
	}
	for i, g := range got {
		if !used[i] {
			out = append(out, g)
		}
	}
	return out
}

// keepCase returns got, spelled as prior when the two differ only in case.
func keepCase(got *string, prior types.String) types.String {
	if got != nil && !prior.IsNull() && !prior.IsUnknown() && strings.EqualFold(*got, prior.ValueString()) {
		return prior
	}
	return types.StringPointerValue(got)
}
