package deployment

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
)

const dataSourceReadTimeout = 5 * time.Minute

var _ datasource.DataSourceWithConfigure = (*deploymentDataSource)(nil)

type deploymentDataSource struct{ providerdata.DataSourceBase }

type deploymentDataModel struct {
	deploymentAttributes
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// NewDataSource returns the foundry_deployment data source.
func NewDataSource() datasource.DataSource { return &deploymentDataSource{} }

func (d *deploymentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_deployment"
}

// modelDataSchema and skuDataSchema are shared with foundry_deployments.
func modelDataSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "The deployed model (`properties.model`).",
		Attributes: map[string]schema.Attribute{
			"format":         framework.ComputedString("Model format, e.g. `OpenAI`."),
			"name":           framework.ComputedString("Model name."),
			"version":        framework.ComputedString("Model version."),
			"publisher":      framework.ComputedString("Model publisher (non-OpenAI models)."),
			"source":         framework.ComputedString("ARM ID of the model's source."),
			"source_account": framework.ComputedString("ARM ID of the account the model comes from, when it is another account's."),
		}}
}

func skuDataSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Deployment type and capacity (`sku`).",
		Attributes: map[string]schema.Attribute{
			"name":     framework.ComputedString("Deployment type, e.g. `GlobalStandard`."),
			"capacity": schema.Int64Attribute{Computed: true, MarkdownDescription: "Capacity (`sku.capacity`)."},
		}}
}

func (d *deploymentDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing model deployment (`Microsoft.CognitiveServices/accounts/deployments`).",
		Attributes: map[string]schema.Attribute{
			"id": framework.ComputedString("ARM ID of the deployment."),
			"account_id": schema.StringAttribute{Required: true, Validators: accountIDValidators(),
				MarkdownDescription: "ARM ID of the Foundry resource that holds the deployment."},
			"name":                       schema.StringAttribute{Required: true, Validators: nameValidators(), MarkdownDescription: "Name of the deployment."},
			"model":                      modelDataSchema(),
			"sku":                        skuDataSchema(),
			"rai_policy_name":            framework.ComputedString("Content filter (RAI policy) of the deployment."),
			"version_upgrade_option":     framework.ComputedString("When the service moves the deployment to a newer model version."),
			"spillover_deployment_name":  framework.ComputedString("Deployment that serves the requests this one would throttle."),
			"service_tier":               framework.ComputedString("Processing tier of requests."),
			"parent_deployment_name":     framework.ComputedString("Name of the parent deployment."),
			"context_cache_container_id": framework.ComputedString("Resource ID of the context cache container."),
			"capacity_settings": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Capacity settings (internal use only, says the spec).",
				Attributes: map[string]schema.Attribute{
					"designated_capacity": schema.Int64Attribute{Computed: true, MarkdownDescription: "The designated capacity."},
					"priority":            schema.Int64Attribute{Computed: true, MarkdownDescription: "The priority of this capacity setting."},
				}},
			"routing": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "How a model router spreads requests.",
				Attributes: map[string]schema.Attribute{
					"mode": framework.ComputedString("`cost`, `balanced` or `quality`."),
					"models": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The models the router may use.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"format":  framework.ComputedString("Model format."),
							"name":    framework.ComputedString("Model name."),
							"version": framework.ComputedString("Model version."),
						}}},
				}},
			"deployment_state":   framework.ComputedString("`Running` or `Paused`."),
			"tags":               schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags of the deployment."},
			"current_capacity":   schema.Int64Attribute{Computed: true, MarkdownDescription: "Capacity the deployment has now."},
			"provisioning_state": framework.ComputedString("Provisioning state."),
			"dynamic_throttling_enabled": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether dynamic throttling is on."},
			"capabilities": schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Capabilities of the deployed model."},
			"rate_limits": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "Rate limits that follow from the capacity.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":            framework.ComputedString("What is limited, e.g. `request` or `token`."),
					"renewal_period": schema.Float64Attribute{Computed: true, MarkdownDescription: "Window of the limit, in seconds."},
					"count":          schema.Float64Attribute{Computed: true, MarkdownDescription: "Number allowed per window."},
				}}},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *deploymentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m deploymentDataModel
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
	id := client.NewDeploymentID(account, m.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := d.Data.Client.GetDeployment(ctx, id)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, deploymentHints))
		return
	}
	resp.Diagnostics.Append(flattenDeployment(id, got, &m.deploymentAttributes)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
