package poll_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
)

func TestNextDelay(t *testing.T) {
	cases := map[time.Duration]time.Duration{
		0:                poll.MinDelay,
		3 * time.Second:  poll.MinDelay,
		10 * time.Second: 2 * time.Second,
		time.Minute:      12 * time.Second,
		time.Hour:        poll.MaxDelay,
	}
	for waited, want := range cases {
		if got := poll.NextDelay(waited); got != want {
			t.Errorf("NextDelay(%s) = %s, want %s", waited, got, want)
		}
	}
}

func TestUntil(t *testing.T) {
	calls := 0
	err := poll.Until(context.Background(), func(context.Context) (bool, error) {
		calls++
		return calls == 2, nil
	}, nil)
	if err != nil || calls != 2 {
		t.Fatalf("Until = %v after %d calls, want nil after 2", err, calls)
	}

	boom := errors.New("boom")
	if err := poll.Until(context.Background(), func(context.Context) (bool, error) { return false, boom }, nil); !errors.Is(err, boom) {
		t.Fatalf("Until = %v, want the try's error", err)
	}

	// A deadline shorter than the next wait ends the loop at once with a TimeoutError, without sleeping to the end.
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	var te *poll.TimeoutError
	if err := poll.Until(ctx, func(context.Context) (bool, error) { return false, nil }, nil); !errors.As(err, &te) {
		t.Fatalf("Until = %v, want a TimeoutError", err)
	}
}

// A slow attempt counts towards the wait: the next one starts on the schedule, not NextDelay after the slow one ended.
func TestUntil_slowAttemptShortensTheWait(t *testing.T) {
	var waits []time.Duration
	calls := 0
	err := poll.Until(context.Background(), func(context.Context) (bool, error) {
		calls++
		if calls == 1 {
			time.Sleep(600 * time.Millisecond)
		}
		return calls == 2, nil
	}, func(_ int, _, next time.Duration) { waits = append(waits, next) })
	if err != nil || len(waits) != 1 {
		t.Fatalf("Until = %v with waits %v, want nil after one wait", err, waits)
	}
	if waits[0] > poll.MinDelay-600*time.Millisecond || waits[0] < poll.MinGap {
		t.Errorf("wait after a 600 ms attempt = %v, want between %v and %v", waits[0], poll.MinGap, poll.MinDelay-600*time.Millisecond)
	}
}
