package project

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
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/identity"
)

var _ datasource.DataSourceWithConfigure = (*projectDataSource)(nil)

type projectDataSource struct{ providerdata.DataSourceBase }

type projectDataModel struct {
	projectAttributes
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// NewDataSource returns the foundry_project data source.
func NewDataSource() datasource.DataSource { return &projectDataSource{} }

func (d *projectDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (d *projectDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing Foundry project (`Microsoft.CognitiveServices/accounts/projects`).",
		Attributes: map[string]schema.Attribute{
			"id": framework.ComputedString("ARM ID of the project."),
			"account_id": schema.StringAttribute{Required: true, Validators: accountIDValidators(),
				MarkdownDescription: "ARM ID of the Foundry resource that holds the project."},
			"name":             schema.StringAttribute{Required: true, Validators: nameValidators(), MarkdownDescription: "Name of the project."},
			"location":         schema.StringAttribute{Computed: true, CustomType: framework.LocationType{}, MarkdownDescription: "Azure region of the project."},
			"identity":         identity.DataSourceSchema("project"),
			"display_name":     framework.ComputedString("Name shown in the Foundry portal."),
			"description":      framework.ComputedString("Description of the project."),
			"tags":             schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags of the project."},
			"internal_id":      framework.ComputedString("The project's internal ID (32 hex digits)."),
			"project_guid":     framework.ComputedString("`internal_id` formatted as a GUID."),
			"endpoints":        schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Endpoints of the project by service name."},
			"project_endpoint": framework.ComputedString("The project's data-plane endpoint."),
			"is_default":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this is the account's default project."},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *projectDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m projectDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, 5*time.Minute, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	account, err := client.ParseAccountID(m.AccountID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewProjectID(account, m.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := d.Data.Client.GetProject(ctx, id)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, projectHints))
		return
	}
	resp.Diagnostics.Append(flattenProject(ctx, id, got, &m.projectAttributes)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
