package client

import (
	"context"
	"net/http"
)

// APIKeys are an account's two access keys; they are secrets.
type APIKeys struct {
	Key1 *string `json:"key1,omitempty"`
	Key2 *string `json:"key2,omitempty"`
}

// KeyName names one of an account's keys (a closed list in the spec).
type KeyName string

// Key names.
const (
	KeyNameKey1 KeyName = "Key1"
	KeyNameKey2 KeyName = "Key2"
)

// RegenerateKeyParameters is the body of regenerateKey.
type RegenerateKeyParameters struct {
	KeyName KeyName `json:"keyName"`
}

// CheckDomainAvailabilityParameter is the body of CheckDomainAvailability.
type CheckDomainAvailabilityParameter struct {
	SubdomainName string  `json:"subdomainName"`
	Type          string  `json:"type"`
	Kind          *string `json:"kind,omitempty"`
}

// DomainAvailability says whether a custom subdomain is free.
type DomainAvailability struct {
	IsSubdomainAvailable *bool   `json:"isSubdomainAvailable,omitempty"`
	Reason               *string `json:"reason,omitempty"`
	SubdomainName        *string `json:"subdomainName,omitempty"`
	Type                 *string `json:"type,omitempty"`
	Kind                 *string `json:"kind,omitempty"`
}

// ListKeys returns the account's access keys; it fails with 400 when the account has DisableLocalAuth.
func (c *Client) ListKeys(ctx context.Context, id AccountID) (APIKeys, error) {
	var out APIKeys
	err := c.arm.call(ctx, http.MethodPost, c.url(id.path()+"/listKeys"), nil, &out, http.StatusOK)
	return out, err
}

// regenerateKey replaces one access key and returns both keys.
func (c *Client) regenerateKey(ctx context.Context, id AccountID, keyName KeyName) (APIKeys, error) {
	var out APIKeys
	err := c.arm.call(ctx, http.MethodPost, c.url(id.path()+"/regenerateKey"), RegenerateKeyParameters{KeyName: keyName}, &out, http.StatusOK)
	return out, err
}

// CheckDomainAvailability asks whether subdomain is free as the custom subdomain of an account of kind
// (optional, e.g. "AIServices").
func (c *Client) CheckDomainAvailability(ctx context.Context, subscriptionID, subdomain, kind string) (DomainAvailability, error) {
	body := CheckDomainAvailabilityParameter{SubdomainName: subdomain, Type: providerNamespace + "/accounts"}
	if kind != "" {
		body.Kind = &kind
	}
	var out DomainAvailability
	path := subscriptionPath(subscriptionID) + "/providers/" + providerNamespace + "/checkDomainAvailability"
	err := c.arm.call(ctx, http.MethodPost, c.url(path), body, &out, http.StatusOK)
	return out, err
}
