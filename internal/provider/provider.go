// Package provider defines the foundry provider: its schema, configuration and registration lists.
package provider

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/foundrytf/terraform-provider-foundry/internal/functions"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/account"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/agent"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/capabilityhost"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/catalog"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/cmk"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/connection"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/deployment"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/managednetwork"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/project"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/raiblocklist"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/raipolicy"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/roleassignment"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/standardsetup"
)

var (
	_ provider.ProviderWithFunctions          = (*foundryProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*foundryProvider)(nil)
)

type foundryProvider struct {
	version string
	// transport, when set, replaces the default HTTP transport (tests trust the emulator's CA through it).
	transport policy.Transporter
	getenv    func(string) string
}

// New returns the provider factory used by main and by the registry.
func New(version string) func() provider.Provider {
	return NewWithTransport(version, nil)
}

// NewWithTransport returns a provider factory whose HTTP requests use transport; requests still go over
// the network to the configured endpoints with a real credential flow. It is the provider's one test seam.
func NewWithTransport(version string, transport policy.Transporter) func() provider.Provider {
	return NewForTest(version, transport, "")
}

// NewForTest is NewWithTransport for a provider served inside a test binary, which does not run in the Terraform
// working directory: dataDir stands for the working directory's data directory (TF_DATA_DIR), where the journal of
// creates lives; "" keeps the environment's.
func NewForTest(version string, transport policy.Transporter, dataDir string) func() provider.Provider {
	getenv := lookupEnv
	if dataDir != "" {
		getenv = func(name string) string {
			if name == "TF_DATA_DIR" {
				return dataDir
			}
			return lookupEnv(name)
		}
	}
	return func() provider.Provider {
		return &foundryProvider{version: version, transport: transport, getenv: getenv}
	}
}

func (p *foundryProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "foundry"
	resp.Version = p.version
}

func (p *foundryProvider) Schema(ctx context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema()
}

func (p *foundryProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		account.NewResource,
		agent.NewResource,
		capabilityhost.NewAccountResource,
		capabilityhost.NewProjectResource,
		cmk.NewResource,
		connection.NewAccountResource,
		connection.NewProjectResource,
		deployment.NewResource,
		managednetwork.NewResource,
		managednetwork.NewOutboundRuleResource,
		project.NewResource,
		raiblocklist.NewResource,
		raiblocklist.NewItemResource,
		raipolicy.NewResource,
		roleassignment.NewResource,
		standardsetup.NewResource,
	}
}

func (p *foundryProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		account.NewDataSource,
		agent.NewDataSource,
		agent.NewListDataSource,
		agent.NewEndpointsDataSource,
		capabilityhost.NewAccountDataSource,
		capabilityhost.NewProjectDataSource,
		catalog.NewModelsDataSource,
		catalog.NewUsagesDataSource,
		connection.NewAccountDataSource,
		connection.NewListDataSource,
		connection.NewProjectDataSource,
		deployment.NewDataSource,
		deployment.NewListDataSource,
		managednetwork.NewDataSource,
		managednetwork.NewOutboundRulesDataSource,
		project.NewDataSource,
		raipolicy.NewContentFiltersDataSource,
		raipolicy.NewDataSource,
		raipolicy.NewListDataSource,
		roleassignment.NewClientConfigDataSource,
	}
}

// EphemeralResources are the ephemeral resources (Terraform 1.10 and later; OpenTofu 1.11 and later).
func (p *foundryProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		account.NewKeysEphemeralResource,
	}
}

// Functions are the provider functions (Terraform 1.8 and later; OpenTofu 1.7 and later).
func (p *foundryProvider) Functions(_ context.Context) []func() function.Function {
	return functions.All()
}
