package deployment

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// cacheTTL bounds how long a catalog or usage list is reused: long enough for one plan of many deployments,
// short enough that a long-lived provider (or the apply walk) does not plan against stale quota for long.
const cacheTTL = time.Minute

// planCache holds, per configured provider, the account catalogs and location usages ModifyPlan reads. Concurrent
// lookups of one key wait for a single request (Terraform plans up to -parallelism resources at once).
type planCache struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry
	now     func() time.Time
}

type cacheEntry struct {
	ready   chan struct{}
	value   any
	err     error
	expires time.Time
}

// caches maps each configured provider (one *framework.ProviderData per Configure) to its cache: the framework
// builds a new resource value for every request, so the cache cannot live in the resource value itself.
var caches sync.Map

func cacheFor(data *framework.ProviderData) *planCache {
	c, _ := caches.LoadOrStore(data, newPlanCache(time.Now))
	pc, _ := c.(*planCache)
	return pc
}

func newPlanCache(now func() time.Time) *planCache {
	return &planCache{entries: map[string]*cacheEntry{}, now: now}
}

// get returns the cached value of key, or calls load once for all concurrent callers. Failures are not kept.
func (c *planCache) get(ctx context.Context, key string, load func(context.Context) (any, error)) (any, error) {
	key = strings.ToLower(key)
	c.mu.Lock()
	e, ok := c.entries[key]
	if ok && e.expires.IsZero() || ok && c.now().Before(e.expires) {
		c.mu.Unlock()
		select {
		case <-e.ready:
			return e.value, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	e = &cacheEntry{ready: make(chan struct{})}
	c.entries[key] = e
	c.mu.Unlock()

	v, err := load(ctx)
	c.mu.Lock()
	e.value, e.err = v, err
	if err != nil {
		delete(c.entries, key)
	} else {
		e.expires = c.now().Add(cacheTTL)
	}
	c.mu.Unlock()
	close(e.ready)
	return v, err
}

// accountModels is the account's model catalog.
func (c *planCache) accountModels(ctx context.Context, api *client.Client, account client.AccountID) ([]client.AccountModel, error) {
	v, err := c.get(ctx, "models|"+account.String(), func(ctx context.Context) (any, error) {
		return api.ListAccountModels(ctx, account)
	})
	models, _ := v.([]client.AccountModel)
	return models, err
}

// account is the account itself (for its location).
func (c *planCache) account(ctx context.Context, api *client.Client, account client.AccountID) (client.Account, error) {
	v, err := c.get(ctx, "account|"+account.String(), func(ctx context.Context) (any, error) {
		return api.GetAccount(ctx, account)
	})
	acc, _ := v.(client.Account)
	return acc, err
}

// usages are all quotas of a subscription in a location (one request serves every usage name).
func (c *planCache) usages(ctx context.Context, api *client.Client, subscriptionID, location string) ([]client.Usage, error) {
	v, err := c.get(ctx, "usages|"+subscriptionID+"|"+location, func(ctx context.Context) (any, error) {
		return api.ListUsages(ctx, subscriptionID, location, "")
	})
	usages, _ := v.([]client.Usage)
	return usages, err
}
