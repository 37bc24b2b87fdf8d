package deployment

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPlanCache(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(0, 0)
	c := newPlanCache(func() time.Time { return now })
	var loads atomic.Int32
	load := func(context.Context) (any, error) {
		loads.Add(1)
		time.Sleep(20 * time.Millisecond)
		return "catalog", nil
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := c.get(ctx, "Models|A", load); v != "catalog" || err != nil {
				t.Errorf("get = %v, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("20 concurrent lookups loaded %d times, want 1", n)
	}
	_, _ = c.get(ctx, "models|a", load) // keys compare case-insensitively, like ARM IDs
	if n := loads.Load(); n != 1 {
		t.Errorf("loaded %d times, want 1", n)
	}
	now = now.Add(cacheTTL + time.Second)
	_, _ = c.get(ctx, "models|a", load)
	if n := loads.Load(); n != 2 {
		t.Errorf("an expired entry must be loaded again; loads = %d", n)
	}

	fail := func(context.Context) (any, error) { loads.Add(1); return nil, errors.New("boom") }
	if _, err := c.get(ctx, "usages", fail); err == nil {
		t.Error("want the load's error")
	}
	if _, err := c.get(ctx, "usages", load); err != nil {
		t.Error("a failure must not be cached")
	}
}
