package client

import (
	"context"
	"net/http"
	"net/url"
)

// RAIContentFilter is a content filter available in a location (Microsoft.CognitiveServices/locations/
// raiContentFilters): what RAIPolicyContentFilter entries can configure. It is read-only.
type RAIContentFilter struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is the filter's resource name, e.g. "IndirectAttack"; policies use Properties.Name instead.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type       *string                     `json:"type,omitempty"`
	Properties *RAIContentFilterProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// RAIContentFilterProperties describe a content filter.
type RAIContentFilterProperties struct {
	// Name is the filter's name as RAI policies give it, e.g. "Indirect Attack" (which may differ from the resource
	// name).
	Name *string `json:"name,omitempty"`
	// IsMultiLevelFilter says whether the filter takes a severity threshold (Low, Medium or High).
	IsMultiLevelFilter *bool                   `json:"isMultiLevelFilter,omitempty"`
	Source             *RAIPolicyContentSource `json:"source,omitempty"`
}

// ListRAIContentFilters lists the content filters available in a location of the subscription, following nextLink.
func (c *Client) ListRAIContentFilters(ctx context.Context, subscriptionID, location string) ([]RAIContentFilter, error) {
	return list[RAIContentFilter](ctx, c.arm, c.url(locationPath(subscriptionID, location)+"/raiContentFilters"))
}

// GetRAIContentFilter reads one content filter of a location by its resource name.
func (c *Client) GetRAIContentFilter(ctx context.Context, subscriptionID, location, name string) (RAIContentFilter, error) {
	var out RAIContentFilter
	err := c.arm.call(ctx, http.MethodGet, c.url(locationPath(subscriptionID, location)+"/raiContentFilters/"+url.PathEscape(name)),
		nil, &out, http.StatusOK)
	return out, err
}
