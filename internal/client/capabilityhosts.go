package client

import (
	"context"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// ImplicitCapabilityHostSuffix ends the name of the account capability host the service creates for network
// injection ("{account}@aml_aiagentservice"); such names do not match the spec's capabilityHostName pattern.
const ImplicitCapabilityHostSuffix = "@aml_aiagentservice"

// CapabilityHostKindAgents is the only capabilityHostKind.
const CapabilityHostKindAgents = "Agents"

// ProjectCapabilityHost is a Microsoft.CognitiveServices/accounts/projects/capabilityHosts resource. The 2026-09-01
// project schema has no capabilityHostKind (the host is for agents), no customerSubnet, description or tags.
type ProjectCapabilityHost struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type       *string                          `json:"type,omitempty"`
	Properties *ProjectCapabilityHostProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// ProjectCapabilityHostProperties are the properties of a project capability host: connection names (exactly one
// each for vector store, storage and thread storage).
type ProjectCapabilityHostProperties struct {
	AIServicesConnections    []string `json:"aiServicesConnections,omitzero"`
	VectorStoreConnections   []string `json:"vectorStoreConnections,omitzero"`
	StorageConnections       []string `json:"storageConnections,omitzero"`
	ThreadStorageConnections []string `json:"threadStorageConnections,omitzero"`
	// ProvisioningState is read-only.
	ProvisioningState *string `json:"provisioningState,omitempty"`
}

// AccountCapabilityHostID identifies an account-scope capability host.
type AccountCapabilityHostID struct {
	AccountID AccountID
	Name      string
}

// NewAccountCapabilityHostID returns the ID of the capability host name under account.
func NewAccountCapabilityHostID(account AccountID, name string) AccountCapabilityHostID {
	return AccountCapabilityHostID{AccountID: account, Name: name}
}

var accountCapabilityHostShape = idShape{
	what:    "an account capability host ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "capabilityHosts", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/capabilityHosts/agents",
}

// ParseAccountCapabilityHostID parses an account capability host ID; keywords match case-insensitively.
func ParseAccountCapabilityHostID(s string) (AccountCapabilityHostID, error) {
	n, err := accountCapabilityHostShape.parse(s)
	if err != nil {
		return AccountCapabilityHostID{}, err
	}
	return NewAccountCapabilityHostID(NewAccountID(n[0], n[1], n[2]), n[3]), nil
}

// String returns the canonical ARM ID.
func (id AccountCapabilityHostID) String() string {
	a := id.AccountID
	return accountCapabilityHostShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

func (id AccountCapabilityHostID) path() string {
	a := id.AccountID
	return accountCapabilityHostShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

// isImplicit reports whether the host is the one the service created for network injection.
func (id AccountCapabilityHostID) isImplicit() bool {
	return strings.HasSuffix(strings.ToLower(id.Name), ImplicitCapabilityHostSuffix)
}

// ProjectCapabilityHostID identifies a project-scope capability host.
type ProjectCapabilityHostID struct {
	ProjectID ProjectID
	Name      string
}

// NewProjectCapabilityHostID returns the ID of the capability host name under project.
func NewProjectCapabilityHostID(project ProjectID, name string) ProjectCapabilityHostID {
	return ProjectCapabilityHostID{ProjectID: project, Name: name}
}

var projectCapabilityHostShape = idShape{
	what: "a project capability host ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "projects", "",
		"capabilityHosts", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/projects/project1/capabilityHosts/agents",
}

// ParseProjectCapabilityHostID parses a project capability host ID; keywords match case-insensitively.
func ParseProjectCapabilityHostID(s string) (ProjectCapabilityHostID, error) {
	n, err := projectCapabilityHostShape.parse(s)
	if err != nil {
		return ProjectCapabilityHostID{}, err
	}
	return NewProjectCapabilityHostID(NewProjectID(NewAccountID(n[0], n[1], n[2]), n[3]), n[4]), nil
}

// String returns the canonical ARM ID.
func (id ProjectCapabilityHostID) String() string {
	a := id.ProjectID.AccountID
	return projectCapabilityHostShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.ProjectID.Name, id.Name)
}

func (id ProjectCapabilityHostID) path() string {
	a := id.ProjectID.AccountID
	return projectCapabilityHostShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.ProjectID.Name, id.Name)
}

// writable returns a copy of h without read-only fields.
func (h CapabilityHost) writable() CapabilityHost {
	h.ID, h.Name, h.Type, h.SystemData = nil, nil, nil, nil
	if h.Properties != nil {
		p := *h.Properties
		p.ProvisioningState = nil
		h.Properties = &p
	}
	return h
}

func (h ProjectCapabilityHost) writable() ProjectCapabilityHost {
	h.ID, h.Name, h.Type, h.SystemData = nil, nil, nil, nil
	if h.Properties != nil {
		p := *h.Properties
		p.ProvisioningState = nil
		h.Properties = &p
	}
	return h
}

// GetAccountCapabilityHostByID reads one account-scope capability host.
func (c *Client) GetAccountCapabilityHostByID(ctx context.Context, id AccountCapabilityHostID) (CapabilityHost, error) {
	return c.getAccountCapabilityHost(ctx, id.AccountID, id.Name)
}

// BeginCreateOrUpdateAccountCapabilityHost PUTs an account capability host (final-state-via original-uri: the
// service answers 200/201 with Azure-AsyncOperation). Once the operation succeeds the poller's result is a fresh GET.
// The service allows one host per account (409 Conflict for a second name) and no updates (400 for another body).
func (c *Client) BeginCreateOrUpdateAccountCapabilityHost(ctx context.Context, id AccountCapabilityHostID, body CapabilityHost) (*runtime.Poller[CapabilityHost], error) {
	get := func(ctx context.Context) (CapabilityHost, error) { return c.GetAccountCapabilityHostByID(ctx, id) }
	return beginThenGet(ctx, c.arm, http.MethodPut, c.url(id.path()), body.writable(), runtime.FinalStateViaOriginalURI, get,
		http.StatusOK, http.StatusCreated, http.StatusAccepted)
}

// BeginDeleteAccountCapabilityHost deletes an account capability host (202 + Location; 204 when absent).
func (c *Client) BeginDeleteAccountCapabilityHost(ctx context.Context, id AccountCapabilityHostID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}

// GetProjectCapabilityHost reads one project-scope capability host.
func (c *Client) GetProjectCapabilityHost(ctx context.Context, id ProjectCapabilityHostID) (ProjectCapabilityHost, error) {
	var out ProjectCapabilityHost
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// ListProjectCapabilityHosts lists a project's capability hosts (at most one), following nextLink.
func (c *Client) ListProjectCapabilityHosts(ctx context.Context, project ProjectID) ([]ProjectCapabilityHost, error) {
	return list[ProjectCapabilityHost](ctx, c.arm, c.url(project.path()+"/capabilityHosts"))
}

// BeginCreateOrUpdateProjectCapabilityHost PUTs a project capability host; the same contract as the account scope.
// A host whose data-plane set-up fails (e.g. the project identity's roles have not propagated) ends the operation
// Failed; the error carries the service's code.
func (c *Client) BeginCreateOrUpdateProjectCapabilityHost(ctx context.Context, id ProjectCapabilityHostID, body ProjectCapabilityHost) (*runtime.Poller[ProjectCapabilityHost], error) {
	get := func(ctx context.Context) (ProjectCapabilityHost, error) { return c.GetProjectCapabilityHost(ctx, id) }
	return beginThenGet(ctx, c.arm, http.MethodPut, c.url(id.path()), body.writable(), runtime.FinalStateViaOriginalURI, get,
		http.StatusOK, http.StatusCreated, http.StatusAccepted)
}

// BeginDeleteProjectCapabilityHost deletes a project capability host (202 + Location; 204 when absent).
func (c *Client) BeginDeleteProjectCapabilityHost(ctx context.Context, id ProjectCapabilityHostID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}
