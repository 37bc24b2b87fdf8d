package deployment

import (
	"context"

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

var _ datasource.DataSourceWithConfigure = (*deploymentsDataSource)(nil)

type deploymentsDataSource struct{ providerdata.DataSourceBase }

type deploymentsDataModel struct {
	AccountID   types.String          `tfsdk:"account_id"`
	Deployments []deploymentItemModel `tfsdk:"deployments"`
	Timeouts    timeouts.Value        `tfsdk:"timeouts"`
}

type deploymentItemModel struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	Model             *modelModel  `tfsdk:"model"`
	SKU               *skuModel    `tfsdk:"sku"`
	ProvisioningState types.String `tfsdk:"provisioning_state"`
	RAIPolicyName     types.String `tfsdk:"rai_policy_name"`
	CurrentCapacity   types.Int64  `tfsdk:"current_capacity"`
}

// NewListDataSource returns the foundry_deployments data source.
func NewListDataSource() datasource.DataSource { return &deploymentsDataSource{} }

func (d *deploymentsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_deployments"
}

func (d *deploymentsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the model deployments of a Foundry resource (`GET .../accounts/{account}/deployments`), sorted by name.",
		Attributes: map[string]schema.Attribute{
			"account_id": schema.StringAttribute{Required: true, Validators: accountIDValidators(),
				MarkdownDescription: "ARM ID of the Foundry resource (`foundry_account.id`)."},
			"deployments": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The account's deployments.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                 framework.ComputedString("ARM ID of the deployment."),
					"name":               framework.ComputedString("Name of the deployment."),
					"model":              modelDataSchema(),
					"sku":                skuDataSchema(),
					"provisioning_state": framework.ComputedString("Provisioning state."),
					"rai_policy_name":    framework.ComputedString("Content filter (RAI policy)."),
					"current_capacity":   schema.Int64Attribute{Computed: true, MarkdownDescription: "Capacity the deployment has now."},
				}}},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *deploymentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m deploymentsDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, dataSourceReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	account, err := client.ParseAccountID(m.AccountID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", account.String())
	list, err := d.Data.Client.ListDeployments(ctx, account)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "deployments of account", account.String(), err, deploymentHints))
		return
	}
	items, diags := flattenDeploymentList(account, list)
	resp.Diagnostics.Append(diags...)
	m.Deployments = items
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
