package managednetwork

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

type ruleModel struct {
	ID               types.String          `tfsdk:"id"`
	ManagedNetworkID types.String          `tfsdk:"managed_network_id"`
	Name             types.String          `tfsdk:"name"`
	FQDN             *fqdnModel            `tfsdk:"fqdn"`
	PrivateEndpoint  *privateEndpointModel `tfsdk:"private_endpoint"`
	ServiceTag       *serviceTagModel      `tfsdk:"service_tag"`
	Category         types.String          `tfsdk:"category"`
	Status           types.String          `tfsdk:"status"`
	Timeouts         timeouts.Value        `tfsdk:"timeouts"`
}

type fqdnModel struct {
	Destination types.String `tfsdk:"destination"`
}

type privateEndpointModel struct {
	ServiceResourceID types.String `tfsdk:"service_resource_id"`
	SubresourceTarget types.String `tfsdk:"subresource_target"`
	FQDNs             types.List   `tfsdk:"fqdns"`
}

type serviceTagModel struct {
	ServiceTag      types.String `tfsdk:"service_tag"`
	AddressPrefixes types.List   `tfsdk:"address_prefixes"`
	Protocol        types.String `tfsdk:"protocol"`
	PortRanges      types.String `tfsdk:"port_ranges"`
	Action          types.String `tfsdk:"action"`
}

// kind is the rule type the model configures ("" when none is set, which validation refuses).
func (m ruleModel) kind() client.OutboundRuleType {
	switch {
	case m.FQDN != nil:
		return client.OutboundRuleTypeFQDN
	case m.PrivateEndpoint != nil:
		return client.OutboundRuleTypePrivateEndpoint
	case m.ServiceTag != nil:
		return client.OutboundRuleTypeServiceTag
	}
	return ""
}

// expandRule is the body of a rule PUT: category UserDefined, the kind's destination; never a status.
func expandRule(ctx context.Context, m ruleModel) (client.OutboundRule, diag.Diagnostics) {
	var diags diag.Diagnostics
	category := framework.Ptr(client.OutboundRuleCategoryUserDefined)
	var props client.OutboundRuleProperties
	switch {
	case m.FQDN != nil:
		props = &client.FQDNOutboundRule{Category: category, Destination: m.FQDN.Destination.ValueStringPointer()}
	case m.PrivateEndpoint != nil:
		pe := &client.PrivateEndpointOutboundRule{Category: category, Destination: &client.PrivateEndpointOutboundRuleDestination{
			ServiceResourceID: m.PrivateEndpoint.ServiceResourceID.ValueStringPointer(),
			SubresourceTarget: m.PrivateEndpoint.SubresourceTarget.ValueStringPointer(),
		}}
		diags.Append(m.PrivateEndpoint.FQDNs.ElementsAs(ctx, &pe.FQDNs, false)...)
		props = pe
	case m.ServiceTag != nil:
		st := m.ServiceTag
		d := &client.ServiceTagOutboundRuleDestination{
			ServiceTag: framework.KnownStringPointer(st.ServiceTag),
			Protocol:   st.Protocol.ValueStringPointer(),
			PortRanges: framework.KnownStringPointer(st.PortRanges),
		}
		if a := framework.KnownStringPointer(st.Action); a != nil {
			d.Action = framework.Ptr(client.OutboundRuleAction(*a))
		}
		diags.Append(st.AddressPrefixes.ElementsAs(ctx, &d.AddressPrefixes, false)...)
		props = &client.ServiceTagOutboundRule{Category: category, Destination: d}
	}
	return client.OutboundRule{Properties: props}, diags
}

// flattenRule writes what the service returned into m; the configured managed_network_id keeps its spelling.
func flattenRule(ctx context.Context, id client.OutboundRuleID, got client.OutboundRule, m *ruleModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(id.String())
	if m.ManagedNetworkID.IsNull() || m.ManagedNetworkID.IsUnknown() || !sameID(m.ManagedNetworkID.ValueString(), id.ManagedNetworkID.String()) {
		m.ManagedNetworkID = types.StringValue(id.ManagedNetworkID.String())
	}
	m.Name = types.StringValue(id.Name)
	m.FQDN, m.PrivateEndpoint, m.ServiceTag = nil, nil, nil
	m.Category, m.Status = types.StringNull(), types.StringNull()
	if got.Properties == nil {
		return diags
	}
	common := got.Properties.Common()
	m.Category = types.StringPointerValue((*string)(common.Category))
	m.Status = types.StringPointerValue((*string)(common.Status))
	switch p := got.Properties.(type) {
	case *client.FQDNOutboundRule:
		m.FQDN = &fqdnModel{Destination: types.StringPointerValue(p.Destination)}
	case *client.PrivateEndpointOutboundRule:
		pe := &privateEndpointModel{FQDNs: types.ListNull(types.StringType)}
		if d := p.Destination; d != nil {
			pe.ServiceResourceID, pe.SubresourceTarget = types.StringPointerValue(d.ServiceResourceID), types.StringPointerValue(d.SubresourceTarget)
		}
		if len(p.FQDNs) > 0 {
			list, d := types.ListValueFrom(ctx, types.StringType, p.FQDNs)
			diags.Append(d...)
			pe.FQDNs = list
		}
		m.PrivateEndpoint = pe
	case *client.ServiceTagOutboundRule:
		st := &serviceTagModel{AddressPrefixes: types.ListNull(types.StringType)}
		if d := p.Destination; d != nil {
			st.ServiceTag, st.Protocol, st.PortRanges = types.StringPointerValue(d.ServiceTag), types.StringPointerValue(d.Protocol), types.StringPointerValue(d.PortRanges)
			st.Action = types.StringPointerValue((*string)(d.Action))
			if len(d.AddressPrefixes) > 0 {
				list, dd := types.ListValueFrom(ctx, types.StringType, d.AddressPrefixes)
				diags.Append(dd...)
				st.AddressPrefixes = list
			}
		}
		m.ServiceTag = st
	}
	return diags
}

// keepConfigured keeps the configuration's spelling of values the service echoes with other casing (ARM IDs,
// protocol), so that a read is not drift.
func keepConfigured(prior, m *ruleModel) {
	if prior.PrivateEndpoint != nil && m.PrivateEndpoint != nil && sameID(prior.PrivateEndpoint.ServiceResourceID.ValueString(), m.PrivateEndpoint.ServiceResourceID.ValueString()) {
		m.PrivateEndpoint.ServiceResourceID = prior.PrivateEndpoint.ServiceResourceID
	}
	if prior.ServiceTag != nil && m.ServiceTag != nil && strings.EqualFold(prior.ServiceTag.Protocol.ValueString(), m.ServiceTag.Protocol.ValueString()) {
		m.ServiceTag.Protocol = prior.ServiceTag.Protocol
	}
}

// sameID compares ARM IDs as ARM does: case-insensitively.
func sameID(a, b string) bool {
	return strings.EqualFold(strings.TrimSuffix(a, "/"), strings.TrimSuffix(b, "/"))
}

// microsoftManaged reports whether the service added the rule itself (any category but UserDefined).
func microsoftManaged(p client.OutboundRuleProperties) bool {
	if p == nil {
		return false
	}
	c := p.Common().Category
	return c != nil && *c != client.OutboundRuleCategoryUserDefined
}
