package client

import (
	"context"
	"net/http"
	"net/url"
)

// CapabilityHost is a Microsoft.CognitiveServices/accounts/capabilityHosts resource. A network-injected account gets
// one from the service itself, named "{account}@aml_aiagentservice".
type CapabilityHost struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type       *string                   `json:"type,omitempty"`
	Properties *CapabilityHostProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// CapabilityHostProperties are the properties of an account-scope capability host; description and tags sit here,
// inside properties, as the spec's ResourceBase puts them.
type CapabilityHostProperties struct {
	// CapabilityHostKind is "Agents".
	CapabilityHostKind *string `json:"capabilityHostKind,omitempty"`
	// CustomerSubnet is the ARM ID of the agent subnet.
	CustomerSubnet                 *string  `json:"customerSubnet,omitempty"`
	AIServicesConnections          []string `json:"aiServicesConnections,omitzero"`
	StorageConnections             []string `json:"storageConnections,omitzero"`
	ThreadStorageConnections       []string `json:"threadStorageConnections,omitzero"`
	VectorStoreConnections         []string `json:"vectorStoreConnections,omitzero"`
	EnablePublicHostingEnvironment *bool    `json:"enablePublicHostingEnvironment,omitempty"`
	// ProvisioningState is read-only: Succeeded, Failed, Canceled, Creating, Updating or Deleting.
	ProvisioningState *string           `json:"provisioningState,omitempty"`
	Description       *string           `json:"description,omitempty"`
	Tags              map[string]string `json:"tags,omitzero"`
}

// ListAccountCapabilityHosts lists the account-scope capability hosts (at most one), following nextLink.
func (c *Client) ListAccountCapabilityHosts(ctx context.Context, id AccountID) ([]CapabilityHost, error) {
	return list[CapabilityHost](ctx, c.arm, c.url(id.path()+"/capabilityHosts"))
}

// getAccountCapabilityHost reads one account-scope capability host.
func (c *Client) getAccountCapabilityHost(ctx context.Context, id AccountID, name string) (CapabilityHost, error) {
	var out CapabilityHost
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()+"/capabilityHosts/"+url.PathEscape(name)), nil, &out, http.StatusOK)
	return out, err
}
