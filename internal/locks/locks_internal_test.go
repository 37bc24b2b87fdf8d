package locks

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestHoldReleasesEntries(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := "k"
			if i%2 == 0 {
				key = "K"
			}
			unlock, err := Hold(t.Context(), key)
			if err != nil {
				t.Error(err)
				return
			}
			unlock()
		}()
	}
	wg.Wait()
	if n := size(); n != 0 {
		t.Fatalf("entries left after all unlocks: %d", n)
	}
}

func TestHoldContextCancelledReleasesEntry(t *testing.T) {
	unlock, err := Hold(t.Context(), "busy")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if _, err := Hold(ctx, "busy"); err == nil {
		t.Fatal("expected an error")
	}
	unlock()
	if n := size(); n != 0 {
		t.Fatalf("entries left: %d", n)
	}
}
