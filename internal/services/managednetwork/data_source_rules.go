package managednetwork

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*rulesDataSource)(nil)

type rulesDataSource struct{ providerdata.DataSourceBase }

type rulesDataModel struct {
	ManagedNetworkID types.String    `tfsdk:"managed_network_id"`
	Rules            []ruleItemModel `tfsdk:"rules"`
	Timeouts         timeouts.Value  `tfsdk:"timeouts"`
}

// ruleItemModel is one rule, flat: the fields of the other kinds are null.
type ruleItemModel struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	Type              types.String `tfsdk:"type"`
	Category          types.String `tfsdk:"category"`
	MicrosoftManaged  types.Bool   `tfsdk:"microsoft_managed"`
	Status            types.String `tfsdk:"status"`
	Destination       types.String `tfsdk:"destination"`
	ServiceResourceID types.String `tfsdk:"service_resource_id"`
	SubresourceTarget types.String `tfsdk:"subresource_target"`
	FQDNs             types.List   `tfsdk:"fqdns"`
	ServiceTag        types.String `tfsdk:"service_tag"`
	AddressPrefixes   types.List   `tfsdk:"address_prefixes"`
	Protocol          types.String `tfsdk:"protocol"`
	PortRanges        types.String `tfsdk:"port_ranges"`
	Action            types.String `tfsdk:"action"`
}

// NewOutboundRulesDataSource returns the foundry_account_outbound_rules data source.
func NewOutboundRulesDataSource() datasource.DataSource { return &rulesDataSource{} }

func (d *rulesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_outbound_rules"
}

func (d *rulesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	list := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every outbound rule of a managed network (`GET .../managedNetworks/default/outboundRules`), sorted by name: " +
			"yours and those the service adds itself (`microsoft_managed = true`, category `Required`, `Recommended` or `Dependency`).",
		Attributes: map[string]schema.Attribute{
			"managed_network_id": schema.StringAttribute{Required: true, Validators: []validator.String{framework.ARMID(networkType, networkExample)},
				MarkdownDescription: "ARM ID of the managed network (`foundry_account_managed_network.id`)."},
			"rules": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The rules; the fields of the other kinds are null.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                  framework.ComputedString("ARM ID of the rule."),
					"name":                framework.ComputedString("Name of the rule."),
					"type":                framework.ComputedString("Kind: `FQDN`, `PrivateEndpoint` or `ServiceTag` (or a kind this provider does not know)."),
					"category":            framework.ComputedString("`UserDefined` for your rules; `Required`, `Recommended` or `Dependency` for the service's."),
					"microsoft_managed":   framework.ComputedBool("Whether the service added the rule itself (any category but `UserDefined`); such rules cannot be changed or deleted."),
					"status":              framework.ComputedString("`Inactive`, `Active`, `Provisioning`, `Deleting` or `Failed`."),
					"destination":         framework.ComputedString("FQDN rules: the domain."),
					"service_resource_id": framework.ComputedString("Private endpoint rules: ARM ID of the target resource."),
					"subresource_target":  framework.ComputedString("Private endpoint rules: the target's private link sub-resource."),
					"fqdns":               list("Private endpoint rules: domain names that resolve to the endpoint."),
					"service_tag":         framework.ComputedString("Service tag rules: the service tag."),
					"address_prefixes":    list("Service tag rules: address prefixes instead of a tag."),
					"protocol":            framework.ComputedString("Service tag rules: the protocol."),
					"port_ranges":         framework.ComputedString("Service tag rules: the destination ports."),
					"action":              framework.ComputedString("Service tag rules: `Allow` or `Deny`."),
				}}},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *rulesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m rulesDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, err := client.ParseManagedNetworkID(m.ManagedNetworkID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("managed_network_id passed validation but does not parse: " + err.Error()))
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	list, err := d.Data.Client.ListOutboundRules(ctx, id)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "outbound rules of managed network", id.String(), err, hints))
		return
	}
	items, diags := flattenRuleList(ctx, id, list)
	resp.Diagnostics.Append(diags...)
	m.Rules = items
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// flattenRuleList turns the service's rules into data source items, sorted by name.
func flattenRuleList(ctx context.Context, network client.ManagedNetworkID, list []client.OutboundRule) ([]ruleItemModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	items := make([]ruleItemModel, 0, len(list))
	for _, rule := range list {
		name := framework.Deref(rule.Name)
		var m ruleModel
		diags.Append(flattenRule(ctx, client.NewOutboundRuleID(network, name), rule, &m)...)
		it := ruleItemModel{
			ID: types.StringValue(framework.Deref(rule.ID)), Name: types.StringValue(name),
			Category: m.Category, Status: m.Status, MicrosoftManaged: types.BoolValue(microsoftManaged(rule.Properties)),
			Destination: types.StringNull(), ServiceResourceID: types.StringNull(), SubresourceTarget: types.StringNull(),
			FQDNs: types.ListNull(types.StringType), ServiceTag: types.StringNull(), AddressPrefixes: types.ListNull(types.StringType),
			Protocol: types.StringNull(), PortRanges: types.StringNull(), Action: types.StringNull(),
		}
		if rule.Properties != nil {
			it.Type = types.StringValue(string(rule.Properties.Common().Type))
		}
		switch {
		case m.FQDN != nil:
			it.Destination = m.FQDN.Destination
		case m.PrivateEndpoint != nil:
			it.ServiceResourceID, it.SubresourceTarget, it.FQDNs = m.PrivateEndpoint.ServiceResourceID, m.PrivateEndpoint.SubresourceTarget, m.PrivateEndpoint.FQDNs
		case m.ServiceTag != nil:
			st := m.ServiceTag
			it.ServiceTag, it.AddressPrefixes, it.Protocol, it.PortRanges, it.Action = st.ServiceTag, st.AddressPrefixes, st.Protocol, st.PortRanges, st.Action
		}
		items = append(items, it)
	}
	sort.Slice(items, func(i, j int) bool { return items[i].Name.ValueString() < items[j].Name.ValueString() })
	return items, diags
}
