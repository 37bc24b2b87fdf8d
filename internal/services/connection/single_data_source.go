package connection

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*connectionDataSource)(nil)

// connectionDataSource reads one connection of an account or a project: what the resource reads, without the
// credentials (Azure never returns secrets, and the non-secret credential values are the configuration's).
type connectionDataSource struct {
	providerdata.DataSourceBase
	sc scope
}

// connectionData is the data source's model but the parent attribute, which differs by scope.
type connectionData struct {
	ID                          types.String   `tfsdk:"id"`
	Name                        types.String   `tfsdk:"name"`
	Category                    types.String   `tfsdk:"category"`
	Target                      types.String   `tfsdk:"target"`
	AuthType                    types.String   `tfsdk:"auth_type"`
	Metadata                    types.Map      `tfsdk:"metadata"`
	IsSharedToAll               types.Bool     `tfsdk:"is_shared_to_all"`
	SharedUserList              types.Set      `tfsdk:"shared_user_list"`
	ExpiryTime                  types.String   `tfsdk:"expiry_time"`
	UseWorkspaceManagedIdentity types.Bool     `tfsdk:"use_workspace_managed_identity"`
	PERequirement               types.String   `tfsdk:"pe_requirement"`
	Group                       types.String   `tfsdk:"group"`
	Timeouts                    timeouts.Value `tfsdk:"timeouts"`
}

type accountConnectionData struct {
	AccountID types.String `tfsdk:"account_id"`
	connectionData
}

type projectConnectionData struct {
	ProjectID types.String `tfsdk:"project_id"`
	connectionData
}

// NewAccountDataSource returns the foundry_account_connection data source.
func NewAccountDataSource() datasource.DataSource { return &connectionDataSource{sc: accountScope} }

// NewProjectDataSource returns the foundry_project_connection data source.
func NewProjectDataSource() datasource.DataSource { return &connectionDataSource{sc: projectScope} }

func (d *connectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.sc.typeSuffix
}

func (d *connectionDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Reads one connection of a %s (`%s`) by name, without its credentials: Azure never returns "+
			"secrets. To list connections, use `foundry_connections`.", d.sc.parentNoun, d.sc.armType),
		Attributes: map[string]schema.Attribute{
			"id": framework.ComputedString("ARM ID of the connection."),
			d.sc.parentAttr: schema.StringAttribute{
				Required: true, Validators: []validator.String{framework.ARMID(d.sc.parentType, d.sc.parentExample)},
				MarkdownDescription: "ARM ID of the " + d.sc.parentNoun + " that holds the connection.",
			},
			"name":      schema.StringAttribute{Required: true, Validators: nameValidators(), MarkdownDescription: "Name of the connection."},
			"category":  framework.ComputedString("What the connection points at (`properties.category`), e.g. `AzureOpenAI` or `AppInsights`."),
			"target":    framework.ComputedString("The URL, address or ARM ID of the target (`properties.target`)."),
			"auth_type": framework.ComputedString("The authentication type (`properties.authType`), e.g. `AAD` or `ApiKey`."),
			"metadata": schema.MapAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Metadata of the connection (`properties.metadata`)."},
			"is_shared_to_all": framework.ComputedBool("Whether every user of the " + d.sc.parentNoun + " may use the connection (`properties.isSharedToAll`)."),
			"shared_user_list": schema.SetAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Object IDs of the users the connection is shared with (`properties.sharedUserList`)."},
			"expiry_time": framework.ComputedString("When the credentials expire (`properties.expiryTime`), if set."),
			"use_workspace_managed_identity": framework.ComputedBool("Whether the connection uses the managed identity of the " + d.sc.parentNoun +
				" (`properties.useWorkspaceManagedIdentity`)."),
			"pe_requirement": framework.ComputedString("How private endpoints are used with the connection (`properties.peRequirement`)."),
			"group":          framework.ComputedString("The group Azure derives from the category (`properties.group`)."),
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *connectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var parent, name types.String
	var to timeouts.Value
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(d.sc.parentAttr), &parent)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("timeouts"), &to)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, to.Read, 5*time.Minute, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, err := d.sc.newID(parent.ValueString(), name.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug(d.sc.parentAttr + " passed validation but does not parse: " + err.Error()))
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := d.Data.Client.GetConnection(ctx, id)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, d.sc.object, id.String(), err))
		return
	}
	// The resource's flattening, then only what the data source shows of it.
	var m connectionModel
	resp.Diagnostics.Append(flattenConnection(id, got, &m)...)
	c := connectionData{
		ID: m.ID, Name: m.Name, Category: m.Category, Target: m.Target, AuthType: m.AuthType, Metadata: m.Metadata,
		IsSharedToAll: m.IsSharedToAll, SharedUserList: m.SharedUserList, ExpiryTime: m.ExpiryTime,
		UseWorkspaceManagedIdentity: m.UseWorkspaceManagedIdentity, PERequirement: m.PERequirement, Group: m.Group, Timeouts: to,
	}
	var state any = accountConnectionData{AccountID: parent, connectionData: c}
	if d.sc.parentAttr == projectScope.parentAttr {
		state = projectConnectionData{ProjectID: parent, connectionData: c}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
