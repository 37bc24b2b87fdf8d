package client

import (
	"context"
	"net/http"
)

// API versions of the data services the agent standard setup connects (arm-neighbours.md §0: newest stable).
const (
	StorageAPIVersion = "2026-09-01"
	SearchAPIVersion  = "2025-05-01"
)

// StorageAccount is a Microsoft.Storage/storageAccounts resource, as far as a connection needs it.
type StorageAccount struct {
	ID         *string                   `json:"id,omitempty"`
	Name       *string                   `json:"name,omitempty"`
	Type       *string                   `json:"type,omitempty"`
	Location   *string                   `json:"location,omitempty"`
	Kind       *string                   `json:"kind,omitempty"`
	Properties *StorageAccountProperties `json:"properties,omitempty"`
}

// StorageAccountProperties are the read properties of a storage account.
type StorageAccountProperties struct {
	PrimaryEndpoints  *StorageEndpoints `json:"primaryEndpoints,omitempty"`
	ProvisioningState *string           `json:"provisioningState,omitempty"`
}

// StorageEndpoints are a storage account's service endpoints (with a trailing slash, as returned).
type StorageEndpoints struct {
	Blob *string `json:"blob,omitempty"`
}

// SearchService is a Microsoft.Search/searchServices resource, as far as a connection needs it.
type SearchService struct {
	ID         *string                  `json:"id,omitempty"`
	Name       *string                  `json:"name,omitempty"`
	Type       *string                  `json:"type,omitempty"`
	Location   *string                  `json:"location,omitempty"`
	Properties *SearchServiceProperties `json:"properties,omitempty"`
}

// SearchServiceProperties are the read properties of a search service; Endpoint exists from 2025-05-01.
type SearchServiceProperties struct {
	Endpoint          *string `json:"endpoint,omitempty"`
	ProvisioningState *string `json:"provisioningState,omitempty"`
}

// StorageAccountID identifies a storage account.
type StorageAccountID struct {
	SubscriptionID    string
	ResourceGroupName string
	Name              string
}

var storageAccountShape = idShape{
	what:    "a storage account ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", "Microsoft.Storage", "storageAccounts", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/st1",
}

// ParseStorageAccountID parses a storage account ID.
func ParseStorageAccountID(s string) (StorageAccountID, error) {
	n, err := storageAccountShape.parse(s)
	if err != nil {
		return StorageAccountID{}, err
	}
	return StorageAccountID{SubscriptionID: n[0], ResourceGroupName: n[1], Name: n[2]}, nil
}

// String returns the canonical ARM ID.
func (id StorageAccountID) String() string {
	return storageAccountShape.format(false, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

func (id StorageAccountID) path() string {
	return storageAccountShape.format(true, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

// SearchServiceID identifies a search service.
type SearchServiceID struct {
	SubscriptionID    string
	ResourceGroupName string
	Name              string
}

var searchServiceShape = idShape{
	what:    "a search service ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", "Microsoft.Search", "searchServices", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Search/searchServices/srch1",
}

// ParseSearchServiceID parses a search service ID.
func ParseSearchServiceID(s string) (SearchServiceID, error) {
	n, err := searchServiceShape.parse(s)
	if err != nil {
		return SearchServiceID{}, err
	}
	return SearchServiceID{SubscriptionID: n[0], ResourceGroupName: n[1], Name: n[2]}, nil
}

// String returns the canonical ARM ID.
func (id SearchServiceID) String() string {
	return searchServiceShape.format(false, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

func (id SearchServiceID) path() string {
	return searchServiceShape.format(true, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

// GetStorageAccount reads a storage account.
func (c *Client) GetStorageAccount(ctx context.Context, id StorageAccountID) (StorageAccount, error) {
	var out StorageAccount
	r := requester{pl: c.arm.pl, apiVersion: StorageAPIVersion}
	err := r.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// GetSearchService reads a search service.
func (c *Client) GetSearchService(ctx context.Context, id SearchServiceID) (SearchService, error) {
	var out SearchService
	r := requester{pl: c.arm.pl, apiVersion: SearchAPIVersion}
	err := r.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}
