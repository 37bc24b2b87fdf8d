package account

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/encryption"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/identity"
)

var _ datasource.DataSourceWithConfigure = (*accountDataSource)(nil)

type accountDataSource struct{ providerdata.DataSourceBase }

type accountDataModel struct {
	accountAttributes
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// NewDataSource returns the foundry_account data source.
func NewDataSource() datasource.DataSource { return &accountDataSource{} }

func (d *accountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account"
}

func (d *accountDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	strSet := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing Foundry resource (a `Microsoft.CognitiveServices/accounts` account).",
		Attributes: map[string]schema.Attribute{
			"id": framework.ComputedString("ARM ID of the account."),
			"name": schema.StringAttribute{Required: true, Validators: nameValidators(),
				MarkdownDescription: "Name of the account."},
			"resource_group_name": schema.StringAttribute{Required: true, Validators: resourceGroupValidators(),
				MarkdownDescription: "Resource group that holds the account."},
			"location":                           schema.StringAttribute{Computed: true, CustomType: framework.LocationType{}, MarkdownDescription: "Azure region of the account."},
			"sku_name":                           framework.ComputedString("Pricing tier (`sku.name`)."),
			"custom_subdomain_name":              framework.ComputedString("DNS label of the account's endpoints."),
			"project_management_enabled":         framework.ComputedBool("Whether the account can hold Foundry projects."),
			"public_network_access":              framework.ComputedString("`Enabled` or `Disabled`."),
			"local_auth_enabled":                 framework.ComputedBool("Whether API keys are accepted."),
			"outbound_network_access_restricted": framework.ComputedBool("Whether outbound calls are limited to `allowed_fqdns`."),
			"allowed_fqdns":                      strSet("Host names the account may call when outbound access is restricted."),
			"identity":                           identity.DataSourceSchema("account"),
			"network_acls": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Network rules of the account.",
				Attributes: map[string]schema.Attribute{
					"default_action": framework.ComputedString("`Allow` or `Deny`."),
					"bypass":         framework.ComputedString("`AzureServices` or `None`."),
					"ip_rules":       strSet("IPv4 addresses or CIDR ranges allowed in."),
					"virtual_network_rules": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Subnets allowed in.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"subnet_id":                            framework.ComputedString("ARM ID of the subnet."),
							"ignore_missing_vnet_service_endpoint": framework.ComputedBool("Whether the rule ignores a missing service endpoint."),
						}}},
				}},
			"user_owned_storage": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Storage accounts the service uses for the account's data.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"storage_account_id": framework.ComputedString("ARM ID of the storage account."),
					"identity_client_id": framework.ComputedString("Client ID of the identity used to reach it."),
				}}},
			"tags":                       schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags of the account."},
			"endpoint":                   framework.ComputedString("Primary endpoint of the account."),
			"endpoints":                  schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Endpoints of the account by service name."},
			"default_project":            framework.ComputedString("Name of the account's default project."),
			"associated_projects":        strSet("Names of the account's projects."),
			"dynamic_throttling_enabled": framework.ComputedBool("Whether the account may exceed its rate limits while the service has spare capacity."),
			"stored_completions_enabled": framework.ComputedBool("Whether the account keeps stored completions."),
			"a365_logging_enabled":       framework.ComputedBool("Whether A365 logging is on."),
			"aml_workspace": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "The Azure Machine Learning workspace the account uses.",
				Attributes: map[string]schema.Attribute{
					"resource_id":        framework.ComputedString("ARM ID of the workspace."),
					"identity_client_id": framework.ComputedString("Client ID of the identity used to reach it."),
				}},
			"rai_monitor_config": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Where responsible AI monitoring data is kept.",
				Attributes: map[string]schema.Attribute{
					"adx_storage_resource_id": framework.ComputedString("ARM ID of the Azure Data Explorer resource."),
					"identity_client_id":      framework.ComputedString("Client ID of the identity used to reach it."),
				}},
			"locations": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Multi-region settings.",
				Attributes: map[string]schema.Attribute{
					"routing_method": framework.ComputedString("`Priority`, `Weighted` or `Performance`."),
					"regions": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The regions.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"name":                  framework.ComputedString("Name of the region."),
							"value":                 schema.Float64Attribute{Computed: true, MarkdownDescription: "Priority or weight of the region."},
							"custom_subdomain_name": framework.ComputedString("Custom subdomain of the regional account."),
						}}},
				}},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

func (d *accountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m accountDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, 5*time.Minute, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id := client.NewAccountID(d.Data.SubscriptionID, m.ResourceGroupName.ValueString(), m.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := d.Data.Client.GetAccount(ctx, id)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, accountHints, encryption.Hints))
		return
	}
	resp.Diagnostics.Append(flattenAccount(ctx, id, got, &m.accountAttributes)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
