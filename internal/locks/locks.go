// Package locks serialises writes to the same Azure object across concurrently running resources.
package locks

import (
	"context"
	"strings"
	"sync"
)

// entry is one key's lock: a one-slot channel (so waiting can be abandoned when a context ends)
// and the number of holders and waiters, so the entry is removed when nobody needs it.
type entry struct {
	ch   chan struct{}
	refs int
}

var (
	mu      sync.Mutex
	entries = map[string]*entry{}
)

// Hold locks key (compared case-insensitively) and returns the unlock function: defer locks.Hold(id)().
func Hold(key string) func() {
	unlock, _ := HoldContext(context.Background(), key)
	return unlock
}

// HoldContext is Hold that gives up when ctx ends; it then returns ctx.Err() and a no-op unlock function.
func HoldContext(ctx context.Context, key string) (func(), error) {
	k := strings.ToLower(key)
	e := acquireEntry(k)
	select {
	case e.ch <- struct{}{}:
	case <-ctx.Done():
		releaseEntry(k, e)
		return func() {}, ctx.Err()
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-e.ch
			releaseEntry(k, e)
		})
	}, nil
}

func acquireEntry(k string) *entry {
	mu.Lock()
	defer mu.Unlock()
	e, ok := entries[k]
	if !ok {
		e = &entry{ch: make(chan struct{}, 1)}
		entries[k] = e
	}
	e.refs++
	return e
}

func releaseEntry(k string, e *entry) {
	mu.Lock()
	defer mu.Unlock()
	e.refs--
	if e.refs == 0 {
		delete(entries, k)
	}
}

// size reports how many keys are tracked; tests use it to prove entries do not leak.
func size() int {
	mu.Lock()
	defer mu.Unlock()
	return len(entries)
}
