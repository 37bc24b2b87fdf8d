package deployment

import (
	"context"
	"strings"
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

// locationModels is the catalog of a location, as offered to AIServices accounts: what a new account there can deploy.
func (r *deploymentResource) locationModels(ctx context.Context, subscriptionID, location string) ([]client.AccountModel, error) {
	return providerdata.Remember(ctx, r.Data.Memo, "location-models|"+subscriptionID+"|"+location, lookupTTL, func(ctx context.Context) ([]client.AccountModel, error) {
		all, err := r.Data.Client.ListLocationModels(ctx, subscriptionID, location)
		var out []client.AccountModel
		for _, m := range all {
			if m.Model != nil && (m.Kind == nil || strings.EqualFold(*m.Kind, "AIServices")) {
				out = append(out, *m.Model)
			}
		}
		return out, err
	})
}

// usages are all quotas of a subscription in a location (one request serves every usage name).
func (r *deploymentResource) usages(ctx context.Context, subscriptionID, location string) ([]client.Usage, error) {
	return providerdata.Remember(ctx, r.Data.Memo, "usages|"+subscriptionID+"|"+location, lookupTTL, func(ctx context.Context) ([]client.Usage, error) {
		return r.Data.Client.ListUsages(ctx, subscriptionID, location, "")
	})
}
