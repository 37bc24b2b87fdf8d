// Package locks serialises writes to the same Azure object across concurrently running resources. The table is
// process-wide on purpose: two configurations of the provider (aliases) in one run write to the same accounts.
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

// Hold locks key (compared case-insensitively), waiting while another write holds it, and returns the unlock
// function (safe to call more than once). When ctx ends first (the resource's timeout), it returns a *WaitError that
// names key and a no-op unlock function.
func Hold(ctx context.Context, key string) (func(), error) {
	k := strings.ToLower(key)
	e := acquireEntry(k)
	select {
	case e.ch <- struct{}{}:
	case <-ctx.Done():
		releaseEntry(k, e)
		return func() {}, &WaitError{Key: key, Err: ctx.Err()}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-e.ch
			releaseEntry(k, e)
		})
	}, nil
}

// WaitError reports a wait for a lock that ended with its context.
type WaitError struct {
	Key string
	Err error // the context's error
}

func (e *WaitError) Error() string {
	return "the timeout ended while waiting for another write on " + e.Key + " to finish"
}

// Unwrap returns the context's error.
func (e *WaitError) Unwrap() error { return e.Err }

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
