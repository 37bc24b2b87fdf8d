package account

import (
	"context"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/identity"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// accountAttributes are the attributes shared by the resource and the data source.
type accountAttributes struct {
	ID                              types.String            `tfsdk:"id"`
	Name                            types.String            `tfsdk:"name"`
	ResourceGroupName               types.String            `tfsdk:"resource_group_name"`
	Location                        framework.LocationValue `tfsdk:"location"`
	SKUName                         types.String            `tfsdk:"sku_name"`
	CustomSubdomainName             types.String            `tfsdk:"custom_subdomain_name"`
	ProjectManagementEnabled        types.Bool              `tfsdk:"project_management_enabled"`
	PublicNetworkAccess             types.String            `tfsdk:"public_network_access"`
	LocalAuthEnabled                types.Bool              `tfsdk:"local_auth_enabled"`
	OutboundNetworkAccessRestricted types.Bool              `tfsdk:"outbound_network_access_restricted"`
	AllowedFQDNs                    types.Set               `tfsdk:"allowed_fqdns"`
	Identity                        *identity.Model         `tfsdk:"identity"`
	NetworkACLs                     *networkACLsModel       `tfsdk:"network_acls"`
	UserOwnedStorage                []userOwnedStorageModel `tfsdk:"user_owned_storage"`
	Tags                            types.Map               `tfsdk:"tags"`
	Endpoint                        types.String            `tfsdk:"endpoint"`
	Endpoints                       types.Map               `tfsdk:"endpoints"`
	DefaultProject                  types.String            `tfsdk:"default_project"`
	AssociatedProjects              types.Set               `tfsdk:"associated_projects"`
	DynamicThrottlingEnabled        types.Bool              `tfsdk:"dynamic_throttling_enabled"`
	StoredCompletionsEnabled        types.Bool              `tfsdk:"stored_completions_enabled"`
	A365LoggingEnabled              types.Bool              `tfsdk:"a365_logging_enabled"`
	AMLWorkspace                    *identityBoundModel     `tfsdk:"aml_workspace"`
	RAIMonitorConfig                *raiMonitorConfigModel  `tfsdk:"rai_monitor_config"`
	Locations                       *locationsModel         `tfsdk:"locations"`
}

// identityBoundModel is a resource the account reaches with an identity (aml_workspace).
type identityBoundModel struct {
	ResourceID       types.String `tfsdk:"resource_id"`
	IdentityClientID types.String `tfsdk:"identity_client_id"`
}

type raiMonitorConfigModel struct {
	ADXStorageResourceID types.String `tfsdk:"adx_storage_resource_id"`
	IdentityClientID     types.String `tfsdk:"identity_client_id"`
}

type locationsModel struct {
	RoutingMethod types.String  `tfsdk:"routing_method"`
	Regions       []regionModel `tfsdk:"regions"`
}

type regionModel struct {
	Name                types.String  `tfsdk:"name"`
	Value               types.Float64 `tfsdk:"value"`
	CustomSubdomainName types.String  `tfsdk:"custom_subdomain_name"`
}

type accountModel struct {
	accountAttributes
	CustomerManagedKey      *customerManagedKeyModel `tfsdk:"customer_managed_key"`
	NetworkInjection        *networkInjectionModel   `tfsdk:"network_injection"`
	AgentCapabilityHostName types.String             `tfsdk:"agent_capability_host_name"`
	Timeouts                timeouts.Value           `tfsdk:"timeouts"`
}

type networkACLsModel struct {
	DefaultAction       types.String              `tfsdk:"default_action"`
	Bypass              types.String              `tfsdk:"bypass"`
	IPRules             types.Set                 `tfsdk:"ip_rules"`
	VirtualNetworkRules []virtualNetworkRuleModel `tfsdk:"virtual_network_rules"`
}

type virtualNetworkRuleModel struct {
	SubnetID                         types.String `tfsdk:"subnet_id"`
	IgnoreMissingVNetServiceEndpoint types.Bool   `tfsdk:"ignore_missing_vnet_service_endpoint"`
}

type userOwnedStorageModel struct {
	StorageAccountID types.String `tfsdk:"storage_account_id"`
	IdentityClientID types.String `tfsdk:"identity_client_id"`
}

// kindAIServices is the account kind of a Foundry resource.
const kindAIServices = "AIServices"

// expandAccount builds the PUT body from the planned attributes.
func expandAccount(ctx context.Context, m accountAttributes) (client.Account, diag.Diagnostics) {
	var diags diag.Diagnostics
	props := &client.AccountProperties{
		CustomSubDomainName:           m.CustomSubdomainName.ValueStringPointer(),
		AllowProjectManagement:        m.ProjectManagementEnabled.ValueBoolPointer(),
		PublicNetworkAccess:           framework.Ptr(client.PublicNetworkAccess(m.PublicNetworkAccess.ValueString())),
		DisableLocalAuth:              framework.Ptr(!m.LocalAuthEnabled.ValueBool()),
		RestrictOutboundNetworkAccess: m.OutboundNetworkAccessRestricted.ValueBoolPointer(),
		DefaultProject:                framework.KnownStringPointer(m.DefaultProject),
		DynamicThrottlingEnabled:      knownBool(m.DynamicThrottlingEnabled),
		A365LoggingEnabled:            knownBool(m.A365LoggingEnabled),
	}
	if v := knownBool(m.StoredCompletionsEnabled); v != nil {
		props.StoredCompletionsDisabled = framework.Ptr(!*v)
	}
	if a := m.AMLWorkspace; a != nil {
		props.AMLWorkspace = &client.AMLWorkspace{ResourceID: a.ResourceID.ValueStringPointer(), IdentityClientID: framework.KnownStringPointer(a.IdentityClientID)}
	}
	if r := m.RAIMonitorConfig; r != nil {
		props.RAIMonitorConfig = &client.RAIMonitorConfig{
			AdxStorageResourceID: r.ADXStorageResourceID.ValueStringPointer(), IdentityClientID: framework.KnownStringPointer(r.IdentityClientID),
		}
	}
	props.Locations = expandLocations(m.Locations)
	diags.Append(m.AllowedFQDNs.ElementsAs(ctx, &props.AllowedFqdnList, false)...)
	if a := m.NetworkACLs; a != nil {
		acl := &client.NetworkRuleSet{DefaultAction: framework.Ptr(client.NetworkRuleAction(a.DefaultAction.ValueString()))}
		if !a.Bypass.IsNull() && !a.Bypass.IsUnknown() {
			acl.Bypass = framework.Ptr(client.ByPassSelection(a.Bypass.ValueString()))
		}
		var ips []string
		diags.Append(a.IPRules.ElementsAs(ctx, &ips, false)...)
		acl.IPRules = []client.IPRule{}
		for _, ip := range ips {
			acl.IPRules = append(acl.IPRules, client.IPRule{Value: framework.Ptr(ip)})
		}
		acl.VirtualNetworkRules = []client.VirtualNetworkRule{}
		for _, r := range a.VirtualNetworkRules {
			acl.VirtualNetworkRules = append(acl.VirtualNetworkRules, client.VirtualNetworkRule{
				ID:                               r.SubnetID.ValueStringPointer(),
				IgnoreMissingVnetServiceEndpoint: r.IgnoreMissingVNetServiceEndpoint.ValueBoolPointer(),
			})
		}
		props.NetworkACLs = acl
	}
	for _, s := range m.UserOwnedStorage {
		props.UserOwnedStorage = append(props.UserOwnedStorage, client.UserOwnedStorage{
			ResourceID:       s.StorageAccountID.ValueStringPointer(),
			IdentityClientID: s.IdentityClientID.ValueStringPointer(),
		})
	}
	body := client.Account{
		Kind:       framework.Ptr(kindAIServices),
		Location:   framework.Ptr(framework.NormalizeLocation(m.Location.ValueString())),
		SKU:        &client.SKU{Name: m.SKUName.ValueStringPointer()},
		Properties: props,
	}
	if !m.Tags.IsNull() {
		tags := map[string]string{}
		diags.Append(m.Tags.ElementsAs(ctx, &tags, false)...)
		body.Tags = tags
	}
	identity, d := identity.Expand(ctx, m.Identity)
	diags.Append(d...)
	body.Identity = identity
	return body, diags
}

// flattenAccount writes what the API returned into m. prior is the state or plan the values were read for:
// it decides between null and empty, and keeps the user's spelling of IDs that differ only in case.
func flattenAccount(ctx context.Context, id client.AccountID, a client.Account, m *accountAttributes) diag.Diagnostics {
	var diags diag.Diagnostics
	prior := *m
	p := a.Properties
	if p == nil {
		p = &client.AccountProperties{}
	}
	m.ID = types.StringValue(id.String())
	m.Name = types.StringValue(id.Name)
	m.ResourceGroupName = types.StringValue(id.ResourceGroupName)
	m.Location = framework.NewLocationValue(framework.Deref(a.Location))
	if a.SKU != nil {
		m.SKUName = types.StringPointerValue(a.SKU.Name)
	}
	m.CustomSubdomainName = types.StringPointerValue(p.CustomSubDomainName)
	m.ProjectManagementEnabled = types.BoolValue(framework.Deref(p.AllowProjectManagement))
	m.PublicNetworkAccess = types.StringValue("Enabled")
	if p.PublicNetworkAccess != nil && *p.PublicNetworkAccess != "" {
		m.PublicNetworkAccess = types.StringValue(string(*p.PublicNetworkAccess))
	}
	m.LocalAuthEnabled = types.BoolValue(!framework.Deref(p.DisableLocalAuth))
	m.OutboundNetworkAccessRestricted = types.BoolValue(framework.Deref(p.RestrictOutboundNetworkAccess))
	m.AllowedFQDNs = framework.StringSet(p.AllowedFqdnList, prior.AllowedFQDNs, &diags)
	m.Identity = identity.Flatten(a.Identity, prior.Identity, &diags)
	m.NetworkACLs = flattenNetworkACLs(p.NetworkACLs, prior.NetworkACLs, &diags)
	m.UserOwnedStorage = nil
	for _, s := range p.UserOwnedStorage {
		m.UserOwnedStorage = append(m.UserOwnedStorage, userOwnedStorageModel{
			StorageAccountID: types.StringPointerValue(s.ResourceID),
			IdentityClientID: types.StringPointerValue(s.IdentityClientID),
		})
	}
	m.Tags = framework.StringMap(a.Tags, prior.Tags, &diags)
	m.Endpoint = types.StringValue(framework.Deref(p.Endpoint))
	eps := map[string]string{}
	for k, v := range p.Endpoints {
		eps[k] = v
	}
	var d diag.Diagnostics
	m.Endpoints, d = types.MapValueFrom(ctx, types.StringType, eps)
	diags.Append(d...)
	m.DefaultProject = types.StringPointerValue(framework.NilIfEmpty(p.DefaultProject))
	m.AssociatedProjects = framework.StringSet(p.AssociatedProjects, types.SetValueMust(types.StringType, nil), &diags)
	m.DynamicThrottlingEnabled = types.BoolValue(framework.Deref(p.DynamicThrottlingEnabled))
	m.StoredCompletionsEnabled = types.BoolValue(!framework.Deref(p.StoredCompletionsDisabled))
	// The spec: a365LoggingEnabled "defaults to true".
	m.A365LoggingEnabled = types.BoolValue(p.A365LoggingEnabled == nil || *p.A365LoggingEnabled)
	m.AMLWorkspace = nil
	if a := p.AMLWorkspace; a != nil && framework.Deref(a.ResourceID) != "" {
		m.AMLWorkspace = &identityBoundModel{
			ResourceID:       keepIDSpelling(a.ResourceID, prior.AMLWorkspace, func(p *identityBoundModel) types.String { return p.ResourceID }),
			IdentityClientID: types.StringPointerValue(framework.NilIfEmpty(a.IdentityClientID)),
		}
	}
	m.RAIMonitorConfig = nil
	if r := p.RAIMonitorConfig; r != nil && framework.Deref(r.AdxStorageResourceID) != "" {
		m.RAIMonitorConfig = &raiMonitorConfigModel{
			ADXStorageResourceID: keepIDSpelling(r.AdxStorageResourceID, prior.RAIMonitorConfig, func(p *raiMonitorConfigModel) types.String { return p.ADXStorageResourceID }),
			IdentityClientID:     types.StringPointerValue(framework.NilIfEmpty(r.IdentityClientID)),
		}
	}
	m.Locations = flattenLocations(p.Locations)
	return diags
}

func knownBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueBoolPointer()
}

// keepIDSpelling returns the API's ARM ID, or the prior one when the two differ only in case (ARM IDs are
// case-insensitive).
func keepIDSpelling[T any](got *string, prior *T, field func(*T) types.String) types.String {
	if prior != nil {
		if p := field(prior); !p.IsNull() && !p.IsUnknown() && strings.EqualFold(p.ValueString(), framework.Deref(got)) {
			return p
		}
	}
	return types.StringPointerValue(got)
}

func expandLocations(m *locationsModel) *client.MultiRegionSettings {
	if m == nil {
		return nil
	}
	out := &client.MultiRegionSettings{Regions: []client.RegionSetting{}}
	if v := framework.KnownStringPointer(m.RoutingMethod); v != nil {
		out.RoutingMethod = framework.Ptr(client.RoutingMethod(*v))
	}
	for _, r := range m.Regions {
		region := client.RegionSetting{Name: r.Name.ValueStringPointer(), Customsubdomain: framework.KnownStringPointer(r.CustomSubdomainName)}
		if !r.Value.IsNull() && !r.Value.IsUnknown() {
			region.Value = r.Value.ValueFloat64Pointer()
		}
		out.Regions = append(out.Regions, region)
	}
	return out
}

func flattenLocations(in *client.MultiRegionSettings) *locationsModel {
	if in == nil || (in.RoutingMethod == nil && len(in.Regions) == 0) {
		return nil
	}
	out := &locationsModel{RoutingMethod: types.StringNull()}
	if in.RoutingMethod != nil && *in.RoutingMethod != "" {
		out.RoutingMethod = types.StringValue(string(*in.RoutingMethod))
	}
	for _, r := range in.Regions {
		out.Regions = append(out.Regions, regionModel{
			Name:                types.StringPointerValue(r.Name),
			Value:               types.Float64PointerValue(r.Value),
			CustomSubdomainName: types.StringPointerValue(framework.NilIfEmpty(r.Customsubdomain)),
		})
	}
	return out
}

func flattenNetworkACLs(in *client.NetworkRuleSet, prior *networkACLsModel, diags *diag.Diagnostics) *networkACLsModel {
	if in == nil {
		return nil
	}
	out := &networkACLsModel{Bypass: types.StringNull()}
	if in.DefaultAction != nil {
		out.DefaultAction = types.StringValue(string(*in.DefaultAction))
	}
	if in.Bypass != nil {
		out.Bypass = types.StringValue(string(*in.Bypass))
	}
	var ips []string
	for _, r := range in.IPRules {
		ips = append(ips, framework.Deref(r.Value))
	}
	var priorIPs types.Set
	if prior != nil {
		priorIPs = prior.IPRules
	}
	out.IPRules = framework.StringSet(ips, priorIPs, diags)
	var priorRules []virtualNetworkRuleModel
	if prior != nil {
		priorRules = prior.VirtualNetworkRules
	}
	for _, r := range in.VirtualNetworkRules {
		rule := virtualNetworkRuleModel{
			SubnetID:                         types.StringValue(framework.Deref(r.ID)),
			IgnoreMissingVNetServiceEndpoint: types.BoolPointerValue(r.IgnoreMissingVnetServiceEndpoint),
		}
		for _, pr := range priorRules {
			if strings.EqualFold(pr.SubnetID.ValueString(), rule.SubnetID.ValueString()) {
				rule.SubnetID = pr.SubnetID
				if pr.IgnoreMissingVNetServiceEndpoint.IsNull() && !framework.Deref(r.IgnoreMissingVnetServiceEndpoint) {
					rule.IgnoreMissingVNetServiceEndpoint = types.BoolNull()
				}
			}
		}
		out.VirtualNetworkRules = append(out.VirtualNetworkRules, rule)
	}
	if len(out.VirtualNetworkRules) == 0 && (prior == nil || prior.VirtualNetworkRules == nil) {
		out.VirtualNetworkRules = nil
	}
	return out
}
