package raipolicy

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*contentFiltersDataSource)(nil)

type contentFiltersDataSource struct{ providerdata.DataSourceBase }

type contentFiltersDataModel struct {
	Location types.String          `tfsdk:"location"`
	Filters  []contentFilterDetail `tfsdk:"content_filters"`
	Timeouts timeouts.Value        `tfsdk:"timeouts"`
}

type contentFilterDetail struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	ResourceName types.String `tfsdk:"resource_name"`
	MultiLevel   types.Bool   `tfsdk:"multi_level"`
	Source       types.String `tfsdk:"source"`
}

// NewContentFiltersDataSource returns the foundry_rai_content_filters data source.
func NewContentFiltersDataSource() datasource.DataSource { return &contentFiltersDataSource{} }

func (d *contentFiltersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_rai_content_filters"
}

func (d *contentFiltersDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the content filters a region offers (`Microsoft.CognitiveServices/locations/raiContentFilters`): what the " +
			"`content_filters` of a `foundry_rai_policy` can name, which of them take a severity threshold and which source each applies to.",
		Attributes: map[string]schema.Attribute{
			"location": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Azure region, e.g. `eastus` (the `location` of the account)."},
			"content_filters": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The region's content filters, in the service's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": framework.ComputedString("ARM ID of the content filter."),
					"name": framework.ComputedString("Name of the filter as policies give it (`properties.name`), e.g. `Indirect Attack`: the value of " +
						"`foundry_rai_policy.content_filters[*].name`."),
					"resource_name": framework.ComputedString("Resource name of the filter, e.g. `IndirectAttack` (not what policies use)."),
					"multi_level": framework.ComputedBool("Whether the filter takes a severity threshold (`properties.isMultiLevelFilter`): `Low`, " +
						"`Medium` or `High`."),
					"source": framework.ComputedString("The only source the filter applies to (`Prompt` or `Completion`), or null when it applies to any."),
				}}},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *contentFiltersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m contentFiltersDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, dataSourceReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	region := framework.NormalizeLocation(m.Location.ValueString())
	ctx = tflog.SetField(ctx, "location", region)
	list, err := d.Data.Client.ListRAIContentFilters(ctx, d.Data.SubscriptionID, region)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "content filters of location", region, err))
		return
	}
	m.Filters = make([]contentFilterDetail, 0, len(list))
	for _, f := range list {
		p := framework.Deref(f.Properties)
		m.Filters = append(m.Filters, contentFilterDetail{
			ID: types.StringPointerValue(f.ID), Name: types.StringPointerValue(p.Name), ResourceName: types.StringPointerValue(f.Name),
			MultiLevel: types.BoolValue(framework.Deref(p.IsMultiLevelFilter)), Source: enumValue(p.Source),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
