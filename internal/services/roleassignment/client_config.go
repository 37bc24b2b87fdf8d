package roleassignment

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*clientConfigDataSource)(nil)

type clientConfigDataSource struct{ providerdata.DataSourceBase }

type clientConfigModel struct {
	ObjectID       types.String `tfsdk:"object_id"`
	TenantID       types.String `tfsdk:"tenant_id"`
	ClientID       types.String `tfsdk:"client_id"`
	SubscriptionID types.String `tfsdk:"subscription_id"`
}

// NewClientConfigDataSource returns the foundry_client_config data source.
func NewClientConfigDataSource() datasource.DataSource { return &clientConfigDataSource{} }

func (d *clientConfigDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client_config"
}

func (d *clientConfigDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Who the provider signs in as: read from the claims of an access token obtained through the provider's credential " +
			"(the token is decoded, not verified, and never stored). Use `object_id` as the `principal_id` of a `foundry_role_assignment` " +
			"that lets Terraform itself manage agents.",
		Attributes: map[string]schema.Attribute{
			"object_id":       framework.ComputedString("Object ID of the signed-in principal (the token's `oid` claim)."),
			"tenant_id":       framework.ComputedString("Tenant of the signed-in principal (`tid` claim)."),
			"client_id":       framework.ComputedString("Application (client) ID of the signed-in principal (`appid` or `azp` claim); empty for some user sign-ins."),
			"subscription_id": framework.ComputedString("The provider's subscription ID."),
		},
	}
}

func (d *clientConfigDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	caller, err := d.Data.Client.Caller(ctx)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.ProviderSetup("Reading who the provider signs in as failed", err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, clientConfigModel{
		ObjectID:       types.StringValue(caller.ObjectID),
		TenantID:       types.StringValue(caller.TenantID),
		ClientID:       types.StringValue(caller.ClientID),
		SubscriptionID: types.StringValue(d.Data.SubscriptionID),
	})...)
}
