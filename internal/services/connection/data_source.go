package connection

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	_ datasource.DataSourceWithConfigure        = (*listDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*listDataSource)(nil)
)

type listDataSource struct{ providerdata.DataSourceBase }

type listModel struct {
	AccountID   types.String   `tfsdk:"account_id"`
	ProjectID   types.String   `tfsdk:"project_id"`
	Category    types.String   `tfsdk:"category"`
	Connections types.List     `tfsdk:"connections"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

// listedAttrTypes are the attributes of one listed connection: no credentials, as the API returns none.
var listedAttrTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "category": types.StringType, "target": types.StringType,
	"auth_type": types.StringType, "metadata": types.MapType{ElemType: types.StringType}, "is_shared_to_all": types.BoolType,
	"group": types.StringType, "expiry_time": types.StringType,
}

// NewListDataSource returns the foundry_connections data source.
func NewListDataSource() datasource.DataSource { return &listDataSource{} }

func (d *listDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connections"
}

func (d *listDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("account_id"), path.MatchRoot("project_id"))}
}

func (d *listDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the connections of a Foundry account (its own, not its projects') or of a Foundry project, without credentials " +
			"(Azure never returns them).",
		Attributes: map[string]schema.Attribute{
			"account_id": schema.StringAttribute{
				Optional: true, Validators: []validator.String{framework.ARMID(accountScope.parentType, accountScope.parentExample)},
				MarkdownDescription: "ARM ID of the account whose connections to list. Exactly one of `account_id` and `project_id`.",
			},
			"project_id": schema.StringAttribute{
				Optional: true, Validators: []validator.String{framework.ARMID(projectScope.parentType, projectScope.parentExample)},
				MarkdownDescription: "ARM ID of the project whose connections to list. Exactly one of `account_id` and `project_id`.",
			},
			"category": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.OneOf(categories...)},
				MarkdownDescription: "List only connections of this category.",
			},
			"connections": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The connections, sorted by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":               framework.ComputedString("ARM ID of the connection."),
					"name":             framework.ComputedString("Name of the connection."),
					"category":         framework.ComputedString("Category of the connection."),
					"target":           framework.ComputedString("Target URL or address."),
					"auth_type":        framework.ComputedString("Authentication type."),
					"metadata":         schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Metadata of the connection."},
					"is_shared_to_all": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether every user may use the connection."},
					"group":            framework.ComputedString("Group Azure derives from the category."),
					"expiry_time":      framework.ComputedString("When the credentials expire, if set."),
				}},
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *listDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m listModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, 5*time.Minute, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	opts := client.ListConnectionsOptions{Category: m.Category.ValueString()}
	var conns []client.Connection
	var err error
	scopeID := m.AccountID.ValueString()
	if m.ProjectID.IsNull() {
		account, perr := client.ParseAccountID(scopeID)
		if perr != nil {
			resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + perr.Error()))
			return
		}
		ctx = tflog.SetField(ctx, "resource_id", account.String())
		conns, err = d.Data.Client.ListAccountConnections(ctx, account, opts)
	} else {
		scopeID = m.ProjectID.ValueString()
		project, perr := client.ParseProjectID(scopeID)
		if perr != nil {
			resp.Diagnostics.Append(diagnostics.Bug("project_id passed validation but does not parse: " + perr.Error()))
			return
		}
		ctx = tflog.SetField(ctx, "resource_id", project.String())
		conns, err = d.Data.Client.ListProjectConnections(ctx, project, opts)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "connections of", scopeID, err))
		return
	}
	list, diags := flattenList(conns)
	resp.Diagnostics.Append(diags...)
	m.Connections = list
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// flattenList turns listed connections into the data source's list; credentials are not part of it.
func flattenList(conns []client.Connection) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	objType := types.ObjectType{AttrTypes: listedAttrTypes}
	conns = slices.Clone(conns)
	slices.SortStableFunc(conns, func(a, b client.Connection) int {
		return strings.Compare(strings.ToLower(framework.Deref(a.Name)), strings.ToLower(framework.Deref(b.Name)))
	})
	elems := make([]attr.Value, 0, len(conns))
	for _, c := range conns {
		p := c.Properties
		if p == nil {
			p = &client.ConnectionProperties{}
		}
		group := types.StringNull()
		if p.Group != nil {
			group = types.StringValue(string(*p.Group))
		}
		obj, d := types.ObjectValue(listedAttrTypes, map[string]attr.Value{
			"id":               types.StringPointerValue(c.ID),
			"name":             types.StringPointerValue(c.Name),
			"category":         types.StringPointerValue(p.Category),
			"target":           types.StringPointerValue(p.Target),
			"auth_type":        types.StringValue(string(p.AuthType)),
			"metadata":         framework.StringMap(p.Metadata, types.MapNull(types.StringType), &diags),
			"is_shared_to_all": types.BoolValue(framework.Deref(p.IsSharedToAll)),
			"group":            group,
			"expiry_time":      types.StringPointerValue(p.ExpiryTime),
		})
		diags.Append(d...)
		elems = append(elems, obj)
	}
	list, d := types.ListValue(objType, elems)
	diags.Append(d...)
	return list, diags
}
