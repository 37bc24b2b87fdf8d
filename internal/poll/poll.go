// Package poll waits for conditions in Azure (propagation, deletion, link release) by asking again, never by a
// fixed sleep: one schedule for the whole provider, bounded by the caller's context (the resource's timeout).
package poll

import (
	"context"
	"time"
)

// Bounds of the time between the starts of two attempts, and the least pause after a slow attempt.
const (
	MinDelay = time.Second
	MaxDelay = 30 * time.Second
	MinGap   = 250 * time.Millisecond
)

// NextDelay is the wait before the next attempt after having waited `waited` so far: a fifth of it, between MinDelay
// and MaxDelay. A condition that comes true after t is therefore seen at most max(1 s, t/5) late, and a long wait
// costs few requests.
func NextDelay(waited time.Duration) time.Duration {
	return min(max(waited/5, MinDelay), MaxDelay)
}

// Sleep waits d and reports true, or reports false at once when ctx ends first or its deadline would pass during d.
func Sleep(ctx context.Context, d time.Duration) bool {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// Until calls try until it reports done or fails. Attempts start on the NextDelay schedule: the wait after an attempt
// is NextDelay less the time the attempt itself took (at least MinGap), so a slow probe (a PUT that fails
// asynchronously, say) does not stretch the schedule. onWait, when not nil, is told each wait before it starts (for
// progress logs). When ctx ends first, Until returns try's last error if there was one, else a TimeoutError wrapping
// the context's error.
func Until(ctx context.Context, try func(context.Context) (done bool, err error), onWait func(attempt int, waited, next time.Duration)) error {
	start := time.Now()
	for attempt := 1; ; attempt++ {
		began := time.Now()
		done, err := try(ctx)
		if done || err != nil {
			return err
		}
		waited := time.Since(start)
		next := max(NextDelay(waited)-time.Since(began), MinGap)
		if onWait != nil {
			onWait(attempt, waited, next)
		}
		if !Sleep(ctx, next) {
			return &TimeoutError{Waited: waited, Err: ctx.Err()}
		}
	}
}

// TimeoutError reports a condition still false when the context ended.
type TimeoutError struct {
	Waited time.Duration
	Err    error // the context's error, or nil when the deadline was too close to wait again
}

func (e *TimeoutError) Error() string {
	return "the condition was still not met after " + e.Waited.Round(time.Second).String() + " when the timeout ended"
}

// Unwrap returns the context's error.
func (e *TimeoutError) Unwrap() error { return e.Err }
