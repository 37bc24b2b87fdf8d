package framework

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// WaitUntilGone calls exists until it reports false, waiting interval between calls (doubling up to a minute),
// until ctx ends: the resource's timeout bounds the wait, never a fixed sleep.
func WaitUntilGone(ctx context.Context, interval time.Duration, exists func(context.Context) (bool, error)) error {
	for {
		present, err := exists(ctx)
		if err != nil {
			return err
		}
		if !present {
			return nil
		}
		t := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("still present when the timeout ended: %w", ctx.Err())
		case <-t.C:
		}
		interval = min(2*interval, time.Minute)
	}
}

// WithTimeout bounds ctx by a resource's configured timeout (get is e.g. plan.Timeouts.Create), or def when unset.
// ok is false when the timeouts block could not be read; the reason is in diags.
func WithTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration,
	diags *diag.Diagnostics) (_ context.Context, _ context.CancelFunc, ok bool) {
	timeout, d := get(ctx, def)
	if diags.Append(d...); diags.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, true
}
