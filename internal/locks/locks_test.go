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
			defer locks.Hold(key)()
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
	unlockA := locks.Hold("a")
	defer unlockA()
	done := make(chan struct{})
	go func() {
		defer locks.Hold("b")()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("holding key a blocked key b")
	}
}

func TestHoldContext_givesUpWhenContextEnds(t *testing.T) {
	unlock := locks.Hold("x")
	defer unlock()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	release, err := locks.HoldContext(ctx, "X")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	release() // a no-op, must not unlock the other holder
}

func TestHoldContext_acquiresWhenFree(t *testing.T) {
	unlock, err := locks.HoldContext(t.Context(), "free")
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	unlock() // idempotent
	unlock2, err := locks.HoldContext(t.Context(), "free")
	if err != nil {
		t.Fatal(err)
	}
	unlock2()
}
