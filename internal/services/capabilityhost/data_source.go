package capabilityhost

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

var (
	_ datasource.DataSourceWithConfigure = (*accountHostDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*projectHostDataSource)(nil)
)

type accountHostDataSource struct{ providerdata.DataSourceBase }

type projectHostDataSource struct{ providerdata.DataSourceBase }

type accountHostData struct {
	connectionsModel
	accountHostSettings
	AccountID        types.String   `tfsdk:"account_id"`
	Kind             types.String   `tfsdk:"kind"`
	CustomerSubnetID types.String   `tfsdk:"customer_subnet_id"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

type projectHostData struct {
	connectionsModel
	ProjectID types.String   `tfsdk:"project_id"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// NewAccountDataSource returns the foundry_account_capability_host data source.
func NewAccountDataSource() datasource.DataSource { return &accountHostDataSource{} }

// NewProjectDataSource returns the foundry_project_capability_host data source.
func NewProjectDataSource() datasource.DataSource { return &projectHostDataSource{} }

func (d *accountHostDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_capability_host"
}

func (d *projectHostDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_capability_host"
}

// dataAttributes are the attributes both data sources share: the host's name and what the resources read.
func dataAttributes(scope string, implicitNames bool) map[string]schema.Attribute {
	list := func(what, arm string) schema.ListAttribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: fmt.Sprintf("Names of the connections used for %s (`properties.%s`).", what, arm)}
	}
	nameDesc := "Name of the capability host."
	if implicitNames {
		nameDesc += " A network-injected account's host, created by the service, is named `{account}" + client.ImplicitCapabilityHostSuffix +
			"` (`foundry_account.agent_capability_host_name`)."
	}
	return map[string]schema.Attribute{
		"id":                         framework.ComputedString("ARM ID of the capability host, `<" + scope + " ID>/capabilityHosts/{name}`."),
		"name":                       schema.StringAttribute{Required: true, Validators: []validator.String{nameValidator(implicitNames)}, MarkdownDescription: nameDesc},
		"vector_store_connections":   list("the vector store (Azure AI Search)", "vectorStoreConnections"),
		"storage_connections":        list("file storage (Azure Storage)", "storageConnections"),
		"thread_storage_connections": list("thread storage (Cosmos DB)", "threadStorageConnections"),
		"ai_services_connections":    list("models (Azure OpenAI or AI services)", "aiServicesConnections"),
		"provisioning_state":         framework.ComputedString("`properties.provisioningState`."),
	}
}

func (d *accountHostDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataAttributes("account", true)
	attrs["account_id"] = schema.StringAttribute{
		Required: true, Validators: []validator.String{framework.ARMID("Microsoft.CognitiveServices/accounts", accountExample)},
		MarkdownDescription: "ARM ID of the Foundry resource that holds the capability host.",
	}
	attrs["kind"] = framework.ComputedString("`properties.capabilityHostKind`, always `Agents`.")
	attrs["customer_subnet_id"] = framework.ComputedString("ARM ID of the agent subnet (`properties.customerSubnet`), when agents run in your virtual network.")
	attrs["description"] = framework.ComputedString("Description of the capability host (`properties.description`).")
	attrs["tags"] = schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags of the capability host (`properties.tags`)."}
	attrs["public_hosting_environment_enabled"] = framework.ComputedBool("Whether the public hosting environment is enabled (`properties.enablePublicHostingEnvironment`).")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an account-level capability host (`Microsoft.CognitiveServices/accounts/capabilityHosts`) by name: " +
			"where the Foundry Agent Service of a Foundry resource runs.",
		Attributes: attrs,
		Blocks:     map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *projectHostDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataAttributes("project", false)
	attrs["project_id"] = schema.StringAttribute{
		Required: true, Validators: []validator.String{framework.ARMID("Microsoft.CognitiveServices/accounts/projects", projectExample)},
		MarkdownDescription: "ARM ID of the project that holds the capability host.",
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a project-level capability host (`Microsoft.CognitiveServices/accounts/projects/capabilityHosts`) by name: " +
			"the connections the project's agents keep threads, files and vectors in.",
		Attributes: attrs,
		Blocks:     map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *accountHostDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readHost(ctx, req, resp, accountObject, func(m accountHostData) timeouts.Value { return m.Timeouts },
		func(m accountHostData) (client.AccountCapabilityHostID, error) {
			account, err := client.ParseAccountID(m.AccountID.ValueString())
			return client.NewAccountCapabilityHostID(account, m.Name.ValueString()), err
		},
		d.Data.Client.GetAccountCapabilityHostByID,
		func(id client.AccountCapabilityHostID, h client.CapabilityHost, m *accountHostData) {
			var r accountHostModel
			r.Tags = types.MapNull(types.StringType)
			flattenAccountHost(id, h, &r)
			m.connectionsModel, m.accountHostSettings, m.AccountID, m.Kind, m.CustomerSubnetID = r.connectionsModel, r.accountHostSettings, r.AccountID, r.Kind, r.CustomerSubnetID
		})
}

func (d *projectHostDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readHost(ctx, req, resp, projectObject, func(m projectHostData) timeouts.Value { return m.Timeouts },
		func(m projectHostData) (client.ProjectCapabilityHostID, error) {
			project, err := client.ParseProjectID(m.ProjectID.ValueString())
			return client.NewProjectCapabilityHostID(project, m.Name.ValueString()), err
		},
		d.Data.Client.GetProjectCapabilityHost,
		func(id client.ProjectCapabilityHostID, h client.ProjectCapabilityHost, m *projectHostData) {
			var r projectHostModel
			flattenProjectHost(id, h, &r)
			m.connectionsModel, m.ProjectID = r.connectionsModel, r.ProjectID
		})
}

// readHost is the Read of both data sources: the host's ID from the configuration (idOf; the parent passed
// validation, so an error is a bug), a GET, and show, which writes what the resource's flattening reads into the
// data source's model M (all but its timeouts).
func readHost[M any, ID interface{ String() string }, H any](ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse,
	object string, timeoutsOf func(M) timeouts.Value, idOf func(M) (ID, error), get func(context.Context, ID) (H, error), show func(ID, H, *M)) {
	var m M
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, timeoutsOf(m).Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, err := idOf(m)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("the parent ID passed validation but does not parse: " + err.Error()))
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := get(ctx, id)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err))
		return
	}
	show(id, got, &m)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
