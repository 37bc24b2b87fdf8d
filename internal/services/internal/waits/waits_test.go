package waits_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/waits"
)

// A wait that runs out names its subject, its bound and setting, the last answer and what to check.
func TestRunOutOfBound(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	run, wctx, stop := waits.Start(ctx, waits.PrincipalReplication, 50*time.Millisecond, "principal p to become known")
	defer stop()
	<-wctx.Done()
	err := run.Err(errors.New("PrincipalNotFound"))
	var ex *waits.Exceeded
	if !errors.As(err, &ex) || ex.TimeoutEnded {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"for principal p to become known", "set by waits.principal_replication passed", "PrincipalNotFound", "principal_type"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	if run.Err(nil) != nil {
		t.Error("success is not an error")
	}
}

// poll stops before the deadline when its next pause would cross it; the joined TimeoutError still counts as run out.
// When the resource's timeout is shorter than the bound, the error says so.
func TestRunTimeoutFirst(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	run, wctx, stop := waits.Start(ctx, waits.RolePropagation, time.Hour, "x")
	defer stop()
	err := poll.Until(wctx, func(context.Context) (bool, error) { return false, nil }, run.OnWait)
	var ex *waits.Exceeded
	if err = run.Err(err); !errors.As(err, &ex) || !ex.TimeoutEnded || !strings.Contains(err.Error(), "the resource's timeout ended first") {
		t.Fatalf("err = %v", err)
	}
	// A failure that is not the wait running out passes through.
	run2, _, stop3 := waits.Start(t.Context(), waits.RolePropagation, time.Hour, "x")
	defer stop3()
	boom := errors.New("boom")
	if got := run2.Err(boom); !errors.Is(got, boom) {
		t.Errorf("got %v", got)
	}
}

// A stall's bound counts from the last progress.
func TestStall(t *testing.T) {
	run := waits.Stall(t.Context(), waits.DeleteOrdering, 30*time.Millisecond, "projects to go")
	time.Sleep(40 * time.Millisecond)
	run.Progressed()
	if run.Stalled() {
		t.Fatal("progress restarts the bound")
	}
	time.Sleep(40 * time.Millisecond)
	run.Pending("projects a, b")
	if !run.Stalled() || !strings.Contains(run.Exceeded(nil).Error(), "still there: projects a, b") {
		t.Errorf("stalled = %v, err = %v", run.Stalled(), run.Exceeded(nil))
	}
}
