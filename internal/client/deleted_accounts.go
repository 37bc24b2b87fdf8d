package client

import (
	"context"
	"net/http"
	"net/url"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// GetDeletedAccount reads a soft-deleted account; its Properties carry DeletionDate and ScheduledPurgeDate.
func (c *Client) GetDeletedAccount(ctx context.Context, id DeletedAccountID) (Account, error) {
	var out Account
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// ListDeletedAccounts lists the subscription's soft-deleted accounts, following nextLink; their IDs parse with
// ParseDeletedAccountID.
func (c *Client) ListDeletedAccounts(ctx context.Context, subscriptionID string) ([]Account, error) {
	return list[Account](ctx, c.arm, c.url(subscriptionPath(subscriptionID)+"/providers/"+providerNamespace+"/deletedAccounts"))
}

// BeginPurgeDeletedAccount permanently deletes a soft-deleted account; a 204 (nothing to purge) is success.
func (c *Client) BeginPurgeDeletedAccount(ctx context.Context, id DeletedAccountID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}

func subscriptionPath(subscriptionID string) string {
	return "/subscriptions/" + url.PathEscape(subscriptionID)
}
