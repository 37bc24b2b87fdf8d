package providerdata

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Memo remembers, for a short while, what plan-time checks read from Azure (catalogs, quotas, connection names), so
// that one plan of many resources reads each once. Terraform plans up to -parallelism resources at once: concurrent
// look-ups of one key wait for a single load. It belongs to one configured provider (Data.Memo) and goes with it.
type Memo struct {
	mu      sync.Mutex
	entries map[string]*memoEntry
	now     func() time.Time
}

type memoEntry struct {
	ready   chan struct{} // closed once the load has finished
	value   any
	err     error
	expires time.Time // zero while loading
}

// NewMemo returns an empty memo that tells time with now.
func NewMemo(now func() time.Time) *Memo {
	return &Memo{entries: map[string]*memoEntry{}, now: now}
}

// Remember returns the value m holds for key (compared case-insensitively, like ARM IDs), or calls load once for all
// concurrent callers and keeps its result for ttl. Failures are not kept: the next look-up loads again. A caller
// waiting for another's load gives up when its own ctx ends. Keys name what they hold ("models|<account ID>"), so
// each key is always used with one type T.
func Remember[T any](ctx context.Context, m *Memo, key string, ttl time.Duration, load func(context.Context) (T, error)) (T, error) {
	var zero T
	e, loading := m.entry(strings.ToLower(key))
	if !loading {
		select {
		case <-e.ready:
		case <-ctx.Done():
			return zero, ctx.Err()
		}
		if e.err != nil {
			return zero, e.err
		}
		v, ok := e.value.(T)
		if !ok {
			return zero, fmt.Errorf("the memo holds a %T under %q, not a %T", e.value, key, zero)
		}
		return v, nil
	}
	v, err := load(ctx)
	m.finish(strings.ToLower(key), e, v, err, ttl)
	return v, err
}

// entry returns the live entry of key, or a new one that the caller must load (loading true).
func (m *Memo) entry(key string) (e *memoEntry, loading bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.entries[key]; ok && (e.expires.IsZero() || m.now().Before(e.expires)) {
		return e, false
	}
	e = &memoEntry{ready: make(chan struct{})}
	m.entries[key] = e
	return e, true
}

// finish records a load's result and wakes its waiters; a failed load is forgotten.
func (m *Memo) finish(key string, e *memoEntry, v any, err error, ttl time.Duration) {
	m.mu.Lock()
	e.value, e.err = v, err
	if err != nil {
		delete(m.entries, key)
	} else {
		e.expires = m.now().Add(ttl)
	}
	m.mu.Unlock()
	close(e.ready)
}
