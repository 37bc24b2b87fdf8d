package client

import (
	"context"
	"net/http"
)

// ManagedIdentityAPIVersion is the Microsoft.ManagedIdentity api-version of user-assigned identity reads.
const ManagedIdentityAPIVersion = "2026-05-31"

// UserAssignedIdentityResource is a Microsoft.ManagedIdentity/userAssignedIdentities resource.
type UserAssignedIdentityResource struct {
	ID         *string                         `json:"id,omitempty"`
	Name       *string                         `json:"name,omitempty"`
	Type       *string                         `json:"type,omitempty"`
	Location   *string                         `json:"location,omitempty"`
	Tags       map[string]string               `json:"tags,omitzero"`
	Properties *UserAssignedIdentityProperties `json:"properties,omitempty"`
}

// UserAssignedIdentityProperties are the read-only GUIDs of a user-assigned identity.
type UserAssignedIdentityProperties struct {
	TenantID    *string `json:"tenantId,omitempty"`
	PrincipalID *string `json:"principalId,omitempty"`
	ClientID    *string `json:"clientId,omitempty"`
}

// UserAssignedIdentityID identifies a user-assigned identity.
type UserAssignedIdentityID struct {
	SubscriptionID    string
	ResourceGroupName string
	Name              string
}

var userAssignedIdentityShape = idShape{
	what:    "a user-assigned identity ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", "Microsoft.ManagedIdentity", "userAssignedIdentities", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1",
}

// ParseUserAssignedIdentityID parses a user-assigned identity ID.
func ParseUserAssignedIdentityID(s string) (UserAssignedIdentityID, error) {
	n, err := userAssignedIdentityShape.parse(s)
	if err != nil {
		return UserAssignedIdentityID{}, err
	}
	return UserAssignedIdentityID{SubscriptionID: n[0], ResourceGroupName: n[1], Name: n[2]}, nil
}

// String returns the canonical ARM ID.
func (id UserAssignedIdentityID) String() string {
	return userAssignedIdentityShape.format(false, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

func (id UserAssignedIdentityID) path() string {
	return userAssignedIdentityShape.format(true, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

// GetUserAssignedIdentity reads a user-assigned identity (for its client and principal IDs).
func (c *Client) GetUserAssignedIdentity(ctx context.Context, id UserAssignedIdentityID) (UserAssignedIdentityResource, error) {
	var out UserAssignedIdentityResource
	r := requester{pl: c.arm.pl, apiVersion: ManagedIdentityAPIVersion}
	err := r.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}
