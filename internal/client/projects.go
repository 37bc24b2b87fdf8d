package client

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Project is a Microsoft.CognitiveServices/accounts/projects resource. Read-only fields are decoded but never sent.
type Project struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type *string `json:"type,omitempty"`
	// Location can only be set on create; it must be the account's.
	Location *string           `json:"location,omitempty"`
	Tags     map[string]string `json:"tags,omitzero"`
	// Etag is read-only.
	Etag       *string            `json:"etag,omitempty"`
	Identity   *Identity          `json:"identity,omitempty"`
	Properties *ProjectProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// ProjectProperties are the properties of a project. DisplayName and Description cannot be cleared once set.
type ProjectProperties struct {
	// ProvisioningState is read-only.
	ProvisioningState *ProvisioningState `json:"provisioningState,omitempty"`
	DisplayName       *string            `json:"displayName,omitempty"`
	Description       *string            `json:"description,omitempty"`
	// Endpoints maps service names to URLs; "AI Foundry API" is the project endpoint. Read-only.
	Endpoints map[string]string `json:"endpoints,omitempty"`
	// IsDefault is read-only.
	IsDefault *bool `json:"isDefault,omitempty"`
	// InternalID is returned by the service, not in the spec: 32 hex digits without dashes, the project's workspace
	// GUID (samples format it 8-4-4-4-12 for storage role conditions). Read-only.
	InternalID *string `json:"internalId,omitempty"`
}

// writable returns a copy of p without read-only fields, as sent in PUT and PATCH bodies.
func (p Project) writable() Project {
	p.ID, p.Name, p.Type, p.Etag, p.SystemData = nil, nil, nil, nil, nil
	p.Identity = p.Identity.writable()
	if p.Properties != nil {
		props := *p.Properties
		props.ProvisioningState, props.Endpoints, props.IsDefault, props.InternalID = nil, nil, nil, nil
		p.Properties = &props
	}
	return p
}

// GetProject reads a project.
func (c *Client) GetProject(ctx context.Context, id ProjectID) (Project, error) {
	var out Project
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// BeginCreateOrUpdateProject PUTs the whole project. Once the operation succeeds the poller's result is a fresh GET
// of the project. ARM answers 409 RequestConflict while the account is busy; the client retries those.
func (c *Client) BeginCreateOrUpdateProject(ctx context.Context, id ProjectID, body Project) (*runtime.Poller[Project], error) {
	get := func(ctx context.Context) (Project, error) { return c.GetProject(ctx, id) }
	return beginThenGet(ctx, c.arm, http.MethodPut, c.url(id.path()), body.writable(), runtime.FinalStateViaLocation, get,
		http.StatusOK, http.StatusCreated, http.StatusAccepted)
}

// beginUpdateProject PATCHes the project: send only what changes (properties merge, tags replace). Once the
// operation succeeds the poller's result is a fresh GET of the project. DisplayName and Description cannot be
// cleared this way either.
func (c *Client) beginUpdateProject(ctx context.Context, id ProjectID, body Project) (*runtime.Poller[Project], error) {
	get := func(ctx context.Context) (Project, error) { return c.GetProject(ctx, id) }
	return beginThenGet(ctx, c.arm, http.MethodPatch, c.url(id.path()), body.writable(), runtime.FinalStateViaLocation, get,
		http.StatusOK, http.StatusAccepted)
}

// ListProjects lists every project of an account, following nextLink.
func (c *Client) ListProjects(ctx context.Context, account AccountID) ([]Project, error) {
	return list[Project](ctx, c.arm, c.url(account.path()+"/projects"))
}

// BeginDeleteProject deletes a project; a 204 (already gone) is success.
func (c *Client) BeginDeleteProject(ctx context.Context, id ProjectID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}
