package managednetwork

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*networkDataSource)(nil)

type networkDataSource struct{ providerdata.DataSourceBase }

type networkDataModel struct {
	networkAttributes
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// NewDataSource returns the foundry_account_managed_network data source.
func NewDataSource() datasource.DataSource { return &networkDataSource{} }

func (d *networkDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_managed_network"
}

func (d *networkDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the managed virtual network of a Foundry resource (`GET .../accounts/{account}/managedNetworks/default`). " +
			"Its outbound rules are listed by `foundry_account_outbound_rules`.",
		Attributes: map[string]schema.Attribute{
			"account_id": schema.StringAttribute{Required: true, Validators: accountIDValidators(),
				MarkdownDescription: "ARM ID of the Foundry resource (`foundry_account.id`)."},
			"id":                         framework.ComputedString("ARM ID of the managed network, `<account ID>/managedNetworks/default`."),
			"name":                       framework.ComputedString("Name of the managed network (`default`)."),
			"isolation_mode":             framework.ComputedString("Isolation mode: `Disabled`, `AllowInternetOutbound` or `AllowOnlyApprovedOutbound`."),
			"firewall_sku":               framework.ComputedString("SKU of the Azure Firewall of `AllowOnlyApprovedOutbound` networks: `Standard` or `Basic`."),
			"managed_network_kind":       framework.ComputedString("Generation of the managed network: `V1` or `V2`."),
			"status":                     framework.ComputedString("`Active` once the network is provisioned, else `Inactive`."),
			"network_id":                 framework.ComputedString("ID the service gives the provisioned network; empty until it is provisioned."),
			"firewall_public_ip_address": framework.ComputedString("Public IP address of the network's Azure Firewall, when it has one."),
			"provisioning_state":         framework.ComputedString("Provisioning state of the managed network resource."),
			"changeable_isolation_modes": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Isolation modes the network can change to in place."},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *networkDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m networkDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	account, err := client.ParseAccountID(m.AccountID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewManagedNetworkID(account, client.ManagedNetworkNameDefault)
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := d.Data.Client.GetManagedNetwork(ctx, id)
	if client.IsNotFound(err) {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(pathAccountID, "No managed network",
			fmt.Sprintf("Account %q has no managed network (%s was not found). Create one with foundry_account_managed_network.", account.String(), id.String())))
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, networkObject, id.String(), err, hints))
		return
	}
	resp.Diagnostics.Append(flattenNetwork(ctx, id, got, &m.networkAttributes)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
