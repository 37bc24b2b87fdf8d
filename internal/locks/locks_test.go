package locks_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/locks"
)

func TestHold_mutualExclusionPerKey(t *testing.T) {
	var inside, maxInside atomic.Int32
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"
			if i%2 == 1 {
				key = "/SUBSCRIPTIONS/S/resourcegroups/RG/providers/microsoft.cognitiveservices/accounts/A"
			}
			defer hold(t, key)()
			n := inside.Add(1)
			for {
				m := maxInside.Load()
				if n <= m || maxInside.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			inside.Add(-1)
		}()
	}
	wg.Wait()
	if got := maxInside.Load(); got != 1 {
		t.Fatalf("at most one holder expected per key, saw %d at once", got)
	}
}

func TestHold_parallelAcrossKeys(t *testing.T) {
	unlockA := hold(t, "a")
	defer unlockA()
	done := make(chan struct{})
	go func() {
		defer hold(t, "b")()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("holding key a blocked key b")
	}
}

func TestHoldContext_givesUpWhenContextEnds(t *testing.T) {
	unlock := hold(t, "x")
	defer unlock()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	release, err := locks.Hold(ctx, "X")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	release() // a no-op, must not unlock the other holder
}

func TestHoldContext_acquiresWhenFree(t *testing.T) {
	unlock, err := locks.Hold(t.Context(), "free")
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	unlock() // idempotent
	unlock2, err := locks.Hold(t.Context(), "free")
	if err != nil {
		t.Fatal(err)
	}
	unlock2()
}

// The error of an abandoned wait says what the write was waiting for, in the key's own spelling.
func TestHold_waitErrorNamesKey(t *testing.T) {
	unlock := hold(t, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a")
	defer unlock()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err := locks.Hold(ctx, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/A")
	want := "the timeout ended while waiting for another write on /subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/A to finish"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

// hold takes the lock with the test's context; the tests' waits are short, so an error is a failure.
func hold(t *testing.T, key string) func() {
	t.Helper()
	unlock, err := locks.Hold(t.Context(), key)
	if err != nil {
		t.Error(err)
	}
	return unlock
}
