package providerdata_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

func TestPlanCache(t *testing.T) {
	ctx := context.Background()
	const ttl = time.Minute
	now := time.Unix(0, 0)
	c := providerdata.NewMemo(func() time.Time { return now })
	var loads atomic.Int32
	load := func(context.Context) (string, error) {
		loads.Add(1)
		time.Sleep(20 * time.Millisecond)
		return "catalog", nil
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := providerdata.Remember(ctx, c, "Models|A", ttl, load); v != "catalog" || err != nil {
				t.Errorf("get = %v, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("20 concurrent lookups loaded %d times, want 1", n)
	}
	_, _ = providerdata.Remember(ctx, c, "models|a", ttl, load) // keys compare case-insensitively, like ARM IDs
	if n := loads.Load(); n != 1 {
		t.Errorf("loaded %d times, want 1", n)
	}
	now = now.Add(ttl + time.Second)
	_, _ = providerdata.Remember(ctx, c, "models|a", ttl, load)
	if n := loads.Load(); n != 2 {
		t.Errorf("an expired entry must be loaded again; loads = %d", n)
	}

	fail := func(context.Context) (string, error) { loads.Add(1); return "", errors.New("boom") }
	if _, err := providerdata.Remember(ctx, c, "usages", ttl, fail); err == nil {
		t.Error("want the load's error")
	}
	if _, err := providerdata.Remember(ctx, c, "usages", ttl, load); err != nil {
		t.Error("a failure must not be cached")
	}
}

// A caller waiting for another's load gives up when its own context ends; the load goes on for the others.
func TestMemoWaitIsCancellable(t *testing.T) {
	c := providerdata.NewMemo(time.Now)
	release := make(chan struct{})
	started := make(chan struct{})
	slow := func(context.Context) (int, error) { close(started); <-release; return 7, nil }
	done := make(chan int)
	go func() {
		v, _ := providerdata.Remember(context.Background(), c, "k", time.Minute, slow)
		done <- v
	}()
	<-started
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if _, err := providerdata.Remember(ctx, c, "k", time.Minute, slow); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	close(release)
	if v := <-done; v != 7 {
		t.Errorf("the load returned %d, want 7", v)
	}
	if v, err := providerdata.Remember(t.Context(), c, "k", time.Minute, slow); v != 7 || err != nil {
		t.Errorf("remembered = %d, %v; want 7 without a second load", v, err)
	}
}

// Each configured provider has its own memo: a second Configure starts empty.
func TestMemoPerConfiguredProvider(t *testing.T) {
	a, b := providerdata.New(nil, "s", providerdata.Features{}, providerdata.DefaultWaits()), providerdata.New(nil, "s", providerdata.Features{}, providerdata.DefaultWaits())
	if a.Memo == nil || a.Memo == b.Memo {
		t.Fatal("each Data needs its own memo")
	}
	n := 0
	load := func(context.Context) (int, error) { n++; return n, nil }
	_, _ = providerdata.Remember(t.Context(), a.Memo, "k", time.Minute, load)
	if v, _ := providerdata.Remember(t.Context(), b.Memo, "k", time.Minute, load); v != 2 {
		t.Errorf("the second provider saw the first one's value (%d)", v)
	}
}
