package capabilityhost

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// connectionsModel holds the connection lists both scopes share.
type connectionsModel struct {
	ID                       types.String `tfsdk:"id"`
	Name                     types.String `tfsdk:"name"`
	VectorStoreConnections   types.List   `tfsdk:"vector_store_connections"`
	StorageConnections       types.List   `tfsdk:"storage_connections"`
	ThreadStorageConnections types.List   `tfsdk:"thread_storage_connections"`
	AIServicesConnections    types.List   `tfsdk:"ai_services_connections"`
	ProvisioningState        types.String `tfsdk:"provisioning_state"`
}

type accountHostModel struct {
	connectionsModel
	accountHostSettings
	AccountID        types.String   `tfsdk:"account_id"`
	Kind             types.String   `tfsdk:"kind"`
	CustomerSubnetID types.String   `tfsdk:"customer_subnet_id"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

// accountHostSettings are the account host's properties that project hosts lack (the spec's ResourceBase and
// enablePublicHostingEnvironment), shared by the resource and the data source.
type accountHostSettings struct {
	Description                     types.String `tfsdk:"description"`
	Tags                            types.Map    `tfsdk:"tags"`
	PublicHostingEnvironmentEnabled types.Bool   `tfsdk:"public_hosting_environment_enabled"`
}

type projectHostModel struct {
	connectionsModel
	ProjectID types.String   `tfsdk:"project_id"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// connections are the four lists as the API takes them.
type connections struct {
	vectorStore, storage, threadStorage, aiServices []string
}

func expandConnections(ctx context.Context, m connectionsModel) (connections, diag.Diagnostics) {
	var out connections
	var diags diag.Diagnostics
	for _, p := range []struct {
		l   types.List
		dst *[]string
	}{{m.VectorStoreConnections, &out.vectorStore}, {m.StorageConnections, &out.storage},
		{m.ThreadStorageConnections, &out.threadStorage}, {m.AIServicesConnections, &out.aiServices}} {
		if p.l.IsNull() || p.l.IsUnknown() {
			continue
		}
		diags.Append(p.l.ElementsAs(ctx, p.dst, false)...)
	}
	return out, diags
}

// flattenConnections writes what the API returns; an empty list reads as null, which the schema's SizeAtLeast(1)
// makes the only way to say "none".
func flattenConnections(c connections, m *connectionsModel) {
	m.VectorStoreConnections = stringListOrNull(c.vectorStore)
	m.StorageConnections = stringListOrNull(c.storage)
	m.ThreadStorageConnections = stringListOrNull(c.threadStorage)
	m.AIServicesConnections = stringListOrNull(c.aiServices)
}

func stringListOrNull(v []string) types.List {
	if len(v) == 0 {
		return types.ListNull(types.StringType)
	}
	elems := make([]types.String, 0, len(v))
	for _, s := range v {
		elems = append(elems, types.StringValue(s))
	}
	l, _ := types.ListValueFrom(context.Background(), types.StringType, elems)
	return l
}

func expandAccountHost(ctx context.Context, m accountHostModel) (client.CapabilityHost, diag.Diagnostics) {
	c, diags := expandConnections(ctx, m.connectionsModel)
	props := &client.CapabilityHostProperties{
		CapabilityHostKind:       m.Kind.ValueStringPointer(),
		CustomerSubnet:           m.CustomerSubnetID.ValueStringPointer(),
		VectorStoreConnections:   c.vectorStore,
		StorageConnections:       c.storage,
		ThreadStorageConnections: c.threadStorage,
		AIServicesConnections:    c.aiServices,
	}
	if props.CapabilityHostKind == nil || *props.CapabilityHostKind == "" {
		props.CapabilityHostKind = framework.Ptr(client.CapabilityHostKindAgents)
	}
	props.Description = framework.KnownStringPointer(m.Description)
	if !m.Tags.IsNull() && !m.Tags.IsUnknown() {
		props.Tags = map[string]string{}
		diags.Append(m.Tags.ElementsAs(ctx, &props.Tags, false)...)
	}
	// false is the service's default and what a host without the property has (the one network injection creates):
	// only true is sent, so that the same settings make the same body.
	if m.PublicHostingEnvironmentEnabled.ValueBool() {
		props.EnablePublicHostingEnvironment = framework.Ptr(true)
	}
	return client.CapabilityHost{Properties: props}, diags
}

func flattenAccountHost(id client.AccountCapabilityHostID, got client.CapabilityHost, m *accountHostModel) {
	m.ID = types.StringValue(id.String())
	m.Name = types.StringValue(id.Name)
	m.AccountID = types.StringValue(id.AccountID.String())
	p := got.Properties
	if p == nil {
		p = &client.CapabilityHostProperties{}
	}
	m.Kind = types.StringValue(framework.Deref(p.CapabilityHostKind))
	if m.Kind.ValueString() == "" {
		m.Kind = types.StringValue(client.CapabilityHostKindAgents)
	}
	// ARM IDs compare case-insensitively: keep the configured spelling when it names the same subnet.
	if sub := framework.Deref(p.CustomerSubnet); sub == "" {
		m.CustomerSubnetID = types.StringNull()
	} else if !sameID(sub, m.CustomerSubnetID.ValueString()) {
		m.CustomerSubnetID = types.StringValue(sub)
	}
	m.ProvisioningState = types.StringValue(framework.Deref(p.ProvisioningState))
	flattenConnections(connectionsOf(p), &m.connectionsModel)
	m.Description = types.StringPointerValue(framework.NilIfEmpty(p.Description))
	var diags diag.Diagnostics // a map of strings into a map of strings: nothing can fail
	m.Tags = framework.StringMap(p.Tags, m.Tags, &diags)
	m.PublicHostingEnvironmentEnabled = types.BoolValue(framework.Deref(p.EnablePublicHostingEnvironment))
}

func expandProjectHost(ctx context.Context, m projectHostModel) (client.ProjectCapabilityHost, diag.Diagnostics) {
	c, diags := expandConnections(ctx, m.connectionsModel)
	return client.ProjectCapabilityHost{Properties: &client.ProjectCapabilityHostProperties{
		VectorStoreConnections: c.vectorStore, StorageConnections: c.storage, ThreadStorageConnections: c.threadStorage,
		AIServicesConnections: c.aiServices,
	}}, diags
}

func flattenProjectHost(id client.ProjectCapabilityHostID, got client.ProjectCapabilityHost, m *projectHostModel) {
	m.ID = types.StringValue(id.String())
	m.Name = types.StringValue(id.Name)
	m.ProjectID = types.StringValue(id.ProjectID.String())
	p := got.Properties
	if p == nil {
		p = &client.ProjectCapabilityHostProperties{}
	}
	m.ProvisioningState = types.StringValue(framework.Deref(p.ProvisioningState))
	flattenConnections(projectConnectionsOf(p), &m.connectionsModel)
}

// sameAccountHost reports whether an existing host matches the configuration closely enough to adopt: the same kind,
// subnet, description, tags and public hosting setting, and the same connections where the configuration names any.
func sameAccountHost(want, got client.CapabilityHost) bool {
	w, g := want.Properties, got.Properties
	if g == nil {
		return false
	}
	if !strings.EqualFold(framework.Deref(w.CapabilityHostKind), framework.Deref(g.CapabilityHostKind)) ||
		!sameID(framework.Deref(w.CustomerSubnet), framework.Deref(g.CustomerSubnet)) ||
		framework.Deref(w.Description) != framework.Deref(g.Description) || !maps.Equal(w.Tags, g.Tags) ||
		framework.Deref(w.EnablePublicHostingEnvironment) != framework.Deref(g.EnablePublicHostingEnvironment) {
		return false
	}
	return connectionsOf(w).same(connectionsOf(g))
}

// sameProjectHost reports whether an existing project host has the configured connections.
func sameProjectHost(want, got client.ProjectCapabilityHost) bool {
	return got.Properties != nil && projectConnectionsOf(want.Properties).same(projectConnectionsOf(got.Properties))
}

func connectionsOf(p *client.CapabilityHostProperties) connections {
	return connections{p.VectorStoreConnections, p.StorageConnections, p.ThreadStorageConnections, p.AIServicesConnections}
}

func projectConnectionsOf(p *client.ProjectCapabilityHostProperties) connections {
	return connections{p.VectorStoreConnections, p.StorageConnections, p.ThreadStorageConnections, p.AIServicesConnections}
}

// same compares connection names as the service does: case-insensitively, in order.
func (c connections) same(o connections) bool {
	return sameNames(c.vectorStore, o.vectorStore) && sameNames(c.storage, o.storage) &&
		sameNames(c.threadStorage, o.threadStorage) && sameNames(c.aiServices, o.aiServices)
}

func sameNames(a, b []string) bool {
	return slices.EqualFunc(a, b, strings.EqualFold)
}
