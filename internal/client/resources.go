package client

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// ResourcesAPIVersion is the Microsoft.Resources api-version of resource group and resource provider reads.
const ResourcesAPIVersion = "2021-04-01"

// ResourceGroup is the part of a resource group the provider reads.
type ResourceGroup struct {
	ID       *string `json:"id,omitempty"`
	Name     *string `json:"name,omitempty"`
	Location *string `json:"location,omitempty"`
}

// ResourceProvider is a resource provider's registration in a subscription, with the locations each of its resource
// types is offered in.
type ResourceProvider struct {
	Namespace         *string                `json:"namespace,omitempty"`
	RegistrationState *string                `json:"registrationState,omitempty"`
	ResourceTypes     []ProviderResourceType `json:"resourceTypes,omitempty"`
}

// ProviderResourceType is one resource type of a provider: its name ("accounts", "accounts/projects") and the
// locations (display names, e.g. "East US") it is offered in.
type ProviderResourceType struct {
	ResourceType *string  `json:"resourceType,omitempty"`
	Locations    []string `json:"locations,omitempty"`
}

func (c *Client) resources() requester {
	return requester{pl: c.arm.pl, apiVersion: ResourcesAPIVersion}
}

// GetResourceGroup reads a resource group; a 404 (ResourceGroupNotFound) means it does not exist.
func (c *Client) GetResourceGroup(ctx context.Context, subscriptionID, name string) (ResourceGroup, error) {
	var out ResourceGroup
	id := ResourceGroupID{SubscriptionID: subscriptionID, Name: name}
	err := c.resources().call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// ListResourceGroups lists the resource groups of a subscription, following nextLink.
func (c *Client) ListResourceGroups(ctx context.Context, subscriptionID string) ([]ResourceGroup, error) {
	return list[ResourceGroup](ctx, c.resources(), c.url("/subscriptions/"+url.PathEscape(subscriptionID)+"/resourcegroups"))
}

// GetResourceProvider reads the registration of namespace (e.g. "Microsoft.CognitiveServices") in a subscription.
func (c *Client) GetResourceProvider(ctx context.Context, subscriptionID, namespace string) (ResourceProvider, error) {
	var out ResourceProvider
	path := "/subscriptions/" + url.PathEscape(subscriptionID) + "/providers/" + url.PathEscape(namespace)
	err := c.resources().call(ctx, http.MethodGet, c.url(path), nil, &out, http.StatusOK)
	return out, err
}

// Locations returns the locations resourceType is offered in, and whether the provider lists the type at all.
func (p ResourceProvider) Locations(resourceType string) ([]string, bool) {
	for _, t := range p.ResourceTypes {
		if t.ResourceType != nil && strings.EqualFold(*t.ResourceType, resourceType) {
			return t.Locations, true
		}
	}
	return nil, false
}
