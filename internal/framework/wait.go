package framework

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
)

// WaitUntilGone calls exists until it reports false, on the provider's one polling schedule (poll.NextDelay), until
// ctx ends: the resource's timeout bounds the wait, never a fixed sleep.
func WaitUntilGone(ctx context.Context, exists func(context.Context) (bool, error)) error {
	err := poll.Until(ctx, func(ctx context.Context) (bool, error) {
		present, err := exists(ctx)
		return !present, err
	}, nil)
	var te *poll.TimeoutError
	if errors.As(err, &te) {
		return fmt.Errorf("still present when the timeout ended (waited %s)", te.Waited.Round(time.Second))
	}
	return err
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
