// Package catalog reads what a subscription can deploy: the model catalog (foundry_models) and quota usage
// (foundry_usages).
package catalog

import (
	"context"
	"time"

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

const (
	readTimeout    = 5 * time.Minute
	accountType    = "Microsoft.CognitiveServices/accounts"
	accountExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}"
)

var (
	_ datasource.DataSourceWithConfigure        = (*modelsDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*modelsDataSource)(nil)
)

type modelsDataSource struct{ providerdata.DataSourceBase }

type modelsDataModel struct {
	AccountID types.String   `tfsdk:"account_id"`
	Location  types.String   `tfsdk:"location"`
	Format    types.String   `tfsdk:"format"`
	Name      types.String   `tfsdk:"name"`
	Models    []modelItem    `tfsdk:"models"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// NewModelsDataSource returns the foundry_models data source.
func NewModelsDataSource() datasource.DataSource { return &modelsDataSource{} }

func (d *modelsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_models"
}

func (d *modelsDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("account_id"), path.MatchRoot("location"))}
}

func scopeAttributes(what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"account_id": schema.StringAttribute{Optional: true,
			Validators:          []validator.String{framework.ARMID(accountType, accountExample)},
			MarkdownDescription: "ARM ID of a Foundry resource (`foundry_account.id`): " + what + " of that account. Exactly one of `account_id` and `location`."},
		"location": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			MarkdownDescription: "Azure region, e.g. `eastus`: " + what + " of the provider's subscription there. Exactly one of `account_id` and `location`."},
	}
}

func (d *modelsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := scopeAttributes("the models that can be deployed in")
	attrs["format"] = schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		MarkdownDescription: "Only models of this format, e.g. `OpenAI` (case-insensitive)."}
	attrs["name"] = schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		MarkdownDescription: "Only models with this name, e.g. `gpt-4.1` (case-insensitive)."}
	attrs["models"] = schema.ListNestedAttribute{Computed: true,
		MarkdownDescription: "One entry per model version, sorted by format, name and version. With `location`, a model offered to several account kinds appears once.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"format":             framework.ComputedString("Model format (`model.format`), e.g. `OpenAI`."),
			"name":               framework.ComputedString("Model name (`model.name`)."),
			"version":            framework.ComputedString("Model version (`model.version`)."),
			"publisher":          framework.ComputedString("Model publisher (`model.publisher`), when the catalog names one."),
			"lifecycle_status":   framework.ComputedString("Lifecycle status (`model.lifecycleStatus`): `Preview`, `GenerallyAvailable`, `Deprecating`, `Deprecated`, `Legacy` or `Stable`."),
			"is_default_version": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this is the version a deployment gets when it names none (`model.isDefaultVersion`)."},
			"deprecation": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Deprecation dates (`model.deprecation`), RFC 3339 text.",
				Attributes: map[string]schema.Attribute{
					"inference": framework.ComputedString("When inference on the model ends."),
					"fine_tune": framework.ComputedString("When fine-tuning the model ends."),
					"status":    framework.ComputedString("How firm the dates are: `Planned` or `Tentative`."),
				}},
			"capabilities": schema.MapAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Capabilities (`model.capabilities`), e.g. `chatCompletion = \"true\"`."},
			"skus": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Deployment types the model version offers here (`model.skus`).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":             framework.ComputedString("Deployment type, the `sku.name` of a `foundry_deployment`."),
					"usage_name":       framework.ComputedString("Quota the deployment type consumes, as in `foundry_usages` (`usageName`)."),
					"deprecation_date": framework.ComputedString("When the deployment type ends for this model (RFC 3339 text)."),
					"capacity": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Allowed `sku.capacity` (`capacity`).",
						Attributes: map[string]schema.Attribute{
							"minimum": framework.ComputedInt64("Smallest capacity."),
							"maximum": framework.ComputedInt64("Largest capacity."),
							"step":    framework.ComputedInt64("Capacities go up in steps of this size from the minimum."),
							"default": framework.ComputedInt64("Capacity a deployment gets when it sets none."),
						}},
				}}},
		}}}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the model catalog: the models, versions and deployment types (SKUs) an account " +
			"(`GET .../accounts/{account}/models`) or a region of the subscription (`GET .../locations/{location}/models`) can deploy, " +
			"with capacity ranges, quota names and lifecycle dates.",
		Attributes: attrs,
		Blocks:     map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *modelsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m modelsDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, readTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var models []client.AccountModel
	if !m.AccountID.IsNull() {
		account, err := client.ParseAccountID(m.AccountID.ValueString())
		if err != nil {
			resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
			return
		}
		ctx = tflog.SetField(ctx, "resource_id", account.String())
		if models, err = d.Data.Client.ListAccountModels(ctx, account); err != nil {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "model catalog of account", account.String(), err))
			return
		}
	} else {
		location := framework.NormalizeLocation(m.Location.ValueString())
		list, err := d.Data.Client.ListLocationModels(ctx, d.Data.SubscriptionID, location)
		if err != nil {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "model catalog of location", location, err))
			return
		}
		models = locationModels(list)
	}
	items, diags := flattenModels(filterModels(models, m.Format.ValueString(), m.Name.ValueString()))
	resp.Diagnostics.Append(diags...)
	m.Models = items
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
