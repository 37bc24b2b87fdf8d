package connection

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// cacheTTL bounds how long an account's connection names are reused: one plan of many connections lists each account
// once, and a long-lived provider does not check against an old listing for long.
const cacheTTL = 30 * time.Second

// nameCache holds, per configured provider, the connection names of each account ModifyPlan has listed. Concurrent
// lookups of one account wait for a single listing (Terraform plans up to -parallelism resources at once).
type nameCache struct {
	mu      sync.Mutex
	entries map[string]*nameEntry
	now     func() time.Time
}

type nameEntry struct {
	ready   chan struct{}
	names   map[string]string
	err     error
	expires time.Time
}

// caches maps each *framework.ProviderData to its cache: the framework builds a new resource value per request.
var caches sync.Map

func cacheFor(data *framework.ProviderData) *nameCache {
	c, _ := caches.LoadOrStore(data, &nameCache{entries: map[string]*nameEntry{}, now: time.Now})
	nc, _ := c.(*nameCache)
	return nc
}

// names returns the account's connection names (lower case) and the ID of the connection holding each.
func (c *nameCache) names(ctx context.Context, api *client.Client, account client.AccountID) (map[string]string, error) {
	return c.get(ctx, account.String(), func(ctx context.Context) (map[string]string, error) {
		return nameOwners(ctx, api, account)
	})
}

// get returns the cached value of key or calls load once for all concurrent callers; failures are not kept.
func (c *nameCache) get(ctx context.Context, key string, load func(context.Context) (map[string]string, error)) (map[string]string, error) {
	key = strings.ToLower(key)
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && (e.expires.IsZero() || c.now().Before(e.expires)) {
		c.mu.Unlock()
		select {
		case <-e.ready:
			return e.names, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	e := &nameEntry{ready: make(chan struct{})}
	c.entries[key] = e
	c.mu.Unlock()

	names, err := load(ctx)
	c.mu.Lock()
	e.names, e.err = names, err
	if err != nil {
		delete(c.entries, key)
	} else {
		e.expires = c.now().Add(cacheTTL)
	}
	c.mu.Unlock()
	close(e.ready)
	return names, err
}
