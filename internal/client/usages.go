package client

import (
	"context"
	"net/url"
)

// Usage is the use and limit of one quota (read-only). The enum-valued fields are plain strings; compare them with
// the UnitType, QuotaUsageStatus and QuotaScopeType values.
type Usage struct {
	Name *MetricName `json:"name,omitempty"`
	// Unit is one of the UnitType values.
	Unit *string `json:"unit,omitempty"`
	// QuotaPeriod is the period usage is summed over, e.g. "30.00:00:00".
	QuotaPeriod  *string  `json:"quotaPeriod,omitempty"`
	Limit        *float64 `json:"limit,omitempty"`
	CurrentValue *float64 `json:"currentValue,omitempty"`
	// NextResetTime is text as sent, e.g. "2018-03-28T09:33:51Z".
	NextResetTime *string `json:"nextResetTime,omitempty"`
	// Status is one of the QuotaUsageStatus values.
	Status *string `json:"status,omitempty"`
	// ScopeType is one of the QuotaScopeType values; nullable.
	ScopeType *string `json:"scopeType,omitempty"`
	// ScopeID identifies the scope, e.g. the region "eastus"; nullable.
	ScopeID *string `json:"scopeId,omitempty"`
}

// MetricName names a quota: Value is the name to filter on (e.g. "OpenAI.Standard.gpt-4o"), LocalizedValue is for
// display.
type MetricName struct {
	Value          *string `json:"value,omitempty"`
	LocalizedValue *string `json:"localizedValue,omitempty"`
}

// UnitType is the unit of a Usage.
type UnitType string

// Usage units.
const (
	UnitTypeCount          UnitType = "Count"
	UnitTypeBytes          UnitType = "Bytes"
	UnitTypeSeconds        UnitType = "Seconds"
	UnitTypePercent        UnitType = "Percent"
	UnitTypeCountPerSecond UnitType = "CountPerSecond"
	UnitTypeBytesPerSecond UnitType = "BytesPerSecond"
	UnitTypeMilliseconds   UnitType = "Milliseconds"
)

// QuotaUsageStatus is the status of a Usage.
type QuotaUsageStatus string

// Quota usage statuses.
const (
	QuotaUsageStatusIncluded  QuotaUsageStatus = "Included"
	QuotaUsageStatusBlocked   QuotaUsageStatus = "Blocked"
	QuotaUsageStatusInOverage QuotaUsageStatus = "InOverage"
	QuotaUsageStatusUnknown   QuotaUsageStatus = "Unknown"
)

// QuotaScopeType is the level at which a quota applies.
type QuotaScopeType string

// Quota scopes.
const (
	QuotaScopeTypeRegional QuotaScopeType = "Regional"
	QuotaScopeTypeGlobal   QuotaScopeType = "Global"
	QuotaScopeTypeDataZone QuotaScopeType = "DataZone"
	QuotaScopeTypeClassic  QuotaScopeType = "Classic"
)

// ListUsages lists the subscription's quotas in a location, following nextLink. filter is an OData $filter on
// name.value, e.g. "name.value eq 'OpenAI.Standard.gpt-4o'" (or several joined with "or"); "" lists all.
func (c *Client) ListUsages(ctx context.Context, subscriptionID, location, filter string) ([]Usage, error) {
	return list[Usage](ctx, c.arm, withFilter(c.url(locationPath(subscriptionID, location)+"/usages"), filter))
}

// ListAccountUsages lists an account's quotas, following nextLink; filter is as for ListUsages.
func (c *Client) ListAccountUsages(ctx context.Context, account AccountID, filter string) ([]Usage, error) {
	return list[Usage](ctx, c.arm, withFilter(c.url(account.path()+"/usages"), filter))
}

// withFilter adds $filter to rawURL (which has no query yet) unless filter is empty.
func withFilter(rawURL, filter string) string {
	if filter == "" {
		return rawURL
	}
	return rawURL + "?" + url.Values{"$filter": {filter}}.Encode()
}
