package catalog

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

var (
	_ datasource.DataSourceWithConfigure        = (*usagesDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*usagesDataSource)(nil)
)

type usagesDataSource struct{ providerdata.DataSourceBase }

type usagesDataModel struct {
	AccountID types.String   `tfsdk:"account_id"`
	Location  types.String   `tfsdk:"location"`
	Name      types.String   `tfsdk:"name"`
	Usages    []usageItem    `tfsdk:"usages"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// NewUsagesDataSource returns the foundry_usages data source.
func NewUsagesDataSource() datasource.DataSource { return &usagesDataSource{} }

func (d *usagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_usages"
}

func (d *usagesDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("account_id"), path.MatchRoot("location"))}
}

func (d *usagesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := scopeAttributes("the quotas")
	attrs["name"] = schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		MarkdownDescription: "Only the quota with this usage name, e.g. `OpenAI.GlobalStandard.gpt-4o` (the `usage_name` of a SKU in `foundry_models`); sent as `$filter=name.value eq '<name>'`."}
	attrs["usages"] = schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Quotas, sorted by name.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"name":           framework.ComputedString("Usage name (`name.value`), e.g. `OpenAI.GlobalStandard.gpt-4o`."),
			"localized_name": framework.ComputedString("Display name (`name.localizedValue`)."),
			"current_value":  schema.Float64Attribute{Computed: true, MarkdownDescription: "Amount in use (`currentValue`): for model quotas, the summed `sku.capacity` of the deployments."},
			"limit":          schema.Float64Attribute{Computed: true, MarkdownDescription: "Quota limit (`limit`)."},
			"unit":           framework.ComputedString("Unit (`unit`), e.g. `Count`."),
			"status":         framework.ComputedString("Status (`status`): `Included`, `Blocked`, `InOverage` or `Unknown`."),
			"scope_type":     framework.ComputedString("Level the quota applies at (`scopeType`): `Regional`, `Global`, `DataZone` or `Classic`."),
			"scope_id":       framework.ComputedString("Scope of the quota (`scopeId`), e.g. the region."),
		}}}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists quota usage and limits of the subscription in a region (`GET .../locations/{location}/usages`) or of an account " +
			"(`GET .../accounts/{account}/usages`). Model quotas are what `foundry_deployment` capacities draw from.",
		Attributes: attrs,
		Blocks:     map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *usagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m usagesDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, readTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	filter := ""
	if !m.Name.IsNull() {
		filter = "name.value eq '" + strings.ReplaceAll(m.Name.ValueString(), "'", "''") + "'"
	}
	var usages []client.Usage
	if !m.AccountID.IsNull() {
		account, err := client.ParseAccountID(m.AccountID.ValueString())
		if err != nil {
			resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
			return
		}
		ctx = tflog.SetField(ctx, "resource_id", account.String())
		if usages, err = d.Data.Client.ListAccountUsages(ctx, account, filter); err != nil {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "usages of account", account.String(), err))
			return
		}
	} else {
		location := framework.NormalizeLocation(m.Location.ValueString())
		var err error
		if usages, err = d.Data.Client.ListUsages(ctx, d.Data.SubscriptionID, location, filter); err != nil {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "usages of location", location, err))
			return
		}
	}
	m.Usages = flattenUsages(usages)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
