package providerdata

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ResourceBase is embedded by every resource: it implements Configure and keeps the provider data, nil until the
// provider is configured.
type ResourceBase struct{ Data *Data }

// Configure keeps the provider data.
func (b *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Data = Unpack(req.ProviderData, &resp.Diagnostics)
}

// DataSourceBase is ResourceBase for data sources.
type DataSourceBase struct{ Data *Data }

// Configure keeps the provider data.
func (b *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.Data = Unpack(req.ProviderData, &resp.Diagnostics)
}

// EphemeralResourceBase is ResourceBase for ephemeral resources.
type EphemeralResourceBase struct{ Data *Data }

// Configure keeps the provider data.
func (b *EphemeralResourceBase) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	b.Data = Unpack(req.ProviderData, &resp.Diagnostics)
}
