package deployment

import (
	"context"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

// lookupTTL bounds how long ModifyPlan reuses a catalog or usage list from the provider's memo: long enough for one
// plan of many deployments (one request per account or location), short enough that a long-lived provider (or the
// apply walk) does not plan against stale quota for long.
const lookupTTL = time.Minute

// accountModels is the account's model catalog.
func (r *deploymentResource) accountModels(ctx context.Context, account client.AccountID) ([]client.AccountModel, error) {
	return providerdata.Remember(ctx, r.Data.Memo, "models|"+account.String(), lookupTTL, func(ctx context.Context) ([]client.AccountModel, error) {
		return r.Data.Client.ListAccountModels(ctx, account)
	})
}

// account is the account itself (for its location).
func (r *deploymentResource) account(ctx context.Context, account client.AccountID) (client.Account, error) {
	return providerdata.Remember(ctx, r.Data.Memo, "account|"+account.String(), lookupTTL, func(ctx context.Context) (client.Account, error) {
		return r.Data.Client.GetAccount(ctx, account)
	})
}

// usages are all quotas of a subscription in a location (one request serves every usage name).
func (r *deploymentResource) usages(ctx context.Context, subscriptionID, location string) ([]client.Usage, error) {
	return providerdata.Remember(ctx, r.Data.Memo, "usages|"+subscriptionID+"|"+location, lookupTTL, func(ctx context.Context) ([]client.Usage, error) {
		return r.Data.Client.ListUsages(ctx, subscriptionID, location, "")
	})
}
