// Package waits bounds the provider's waits on Azure's eventual consistency: each kind of wait (a new principal
// replicating, a role becoming effective, a subnet link being released, ...) has its own bound, set in the provider's
// waits block and far below the resource's timeout where Azure is known to be quick; each try is logged at INFO with
// what it waits for; and a wait that runs out ends with an error naming what never came true and what to check.
package waits

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
)

// Wait is one kind of wait: its setting in the provider's waits block, and what to check when it never ends.
type Wait struct {
	Setting string
	Check   string
}

// The provider's waits on eventual consistency; the provider's waits block sets their bounds (providerdata.Waits).
var (
	PrincipalReplication = Wait{Setting: "principal_replication",
		Check: "Check that principal_id is the object ID (not the client ID) of a user, group or service principal in this tenant. " +
			"For a managed identity created in the same run, set principal_type = \"ServicePrincipal\", which Azure accepts before the identity " +
			"has replicated. If your tenant replicates slowly, raise waits.principal_replication in the provider block."}
	RolePropagation = Wait{Setting: "role_propagation",
		Check: "Check that the role assignment exists at the project or its account for the principal the provider signs in as " +
			"(data.foundry_client_config.current.object_id), with a role holding the data action named above (Foundry User does). " +
			"If Azure is slow to propagate roles, raise waits.role_propagation in the provider block."}
	CapabilityHostReady = Wait{Setting: "capability_host_ready",
		Check: "Check that the project's managed identity holds Cosmos DB Operator on the Cosmos DB account, Storage Blob Data Contributor on the " +
			"storage account, and Search Index Data Contributor and Search Service Contributor on the search service, and that those services " +
			"accept Microsoft Entra ID. If Azure is slow to propagate roles, raise waits.capability_host_ready in the provider block."}
	SubnetLinkRelease = Wait{Setting: "subnet_link_release",
		Check: "The service releases the agent subnet's service association link (legionservicelink) in the background after the account is " +
			"purged, usually within 20 minutes, sometimes much later. Destroy again to keep waiting, or raise waits.subnet_link_release; " +
			"the subnet cannot be deleted or reused until the link is gone."}
	DeleteOrdering = Wait{Setting: "delete_ordering",
		Check: "The objects named above must be deleted first and none of them went away. If they are not in this configuration, delete " +
			"them first (or remove them from the other configuration that manages them); raise waits.delete_ordering if their deletion is slow."}
)

// WithCheck is w with other advice, for a wait whose subject needs its own.
func (w Wait) WithCheck(check string) Wait {
	w.Check = check
	return w
}

// Run is one wait under way: Start begins it, OnWait logs each try, Err turns its outcome into the error to report.
type Run struct {
	wait     Wait
	subject  string
	bound    time.Duration
	start    time.Time
	parent   context.Context
	ctx      context.Context
	log      context.Context
	progress time.Time
	pending  string
}

// Start begins waiting for subject ("principal 1234 to appear in Microsoft Entra ID") for at most bound, and never past
// ctx (the resource's timeout). Use the returned context for the tries, and cancel it when done.
func Start(ctx context.Context, w Wait, bound time.Duration, subject string) (*Run, context.Context, context.CancelFunc) {
	wctx, cancel := context.WithTimeout(ctx, bound)
	r := &Run{wait: w, subject: subject, bound: bound, start: time.Now(), parent: ctx, ctx: wctx,
		log: tflog.SetField(ctx, "wait", w.Setting)}
	return r, wctx, cancel
}

// OnWait logs, at INFO, that the condition is not met yet and when the next try is; its signature is poll.Until's.
func (r *Run) OnWait(attempt int, waited, next time.Duration) {
	tflog.Info(r.log, "Waiting for "+r.subject, map[string]any{
		"attempt": attempt, "waited_ms": waited.Milliseconds(), "next_try_ms": next.Milliseconds(), "bound_ms": r.bound.Milliseconds(),
	})
}

// Stall begins a wait whose bound counts from the last progress rather than from the start: waiting for several
// objects to go away, each one that goes restarts the bound. Call Progressed on progress and Exceeded once Stalled.
func Stall(ctx context.Context, w Wait, bound time.Duration, subject string) *Run {
	return &Run{wait: w, subject: subject, bound: bound, start: time.Now(), parent: ctx, ctx: ctx,
		log: tflog.SetField(ctx, "wait", w.Setting), progress: time.Now()}
}

// Progressed restarts a Stall's bound.
func (r *Run) Progressed() { r.progress = time.Now() }

// Stalled reports whether a Stall's bound has passed since the last progress.
func (r *Run) Stalled() bool { return time.Since(r.progress) > r.bound }

// Exceeded is the error of a wait that ran out, with last as the last answer.
func (r *Run) Exceeded(last error) error {
	return &Exceeded{Wait: r.wait, Subject: r.subject, Bound: r.bound, Waited: time.Since(r.start),
		TimeoutEnded: r.timeoutFirst(), Stall: !r.progress.IsZero(), Pending: r.pending, Last: last}
}

// Pending records what the wait still waits for ("projects p2, p3"), named when it runs out.
func (r *Run) Pending(what string) { r.pending = what }

// timeoutFirst reports whether the resource's timeout, not the wait's bound, ended the wait.
func (r *Run) timeoutFirst() bool {
	if r.parent.Err() != nil {
		return true
	}
	if !r.progress.IsZero() {
		return !r.Stalled() // a stall that has not run out was ended by the timeout
	}
	dl, ok := r.parent.Deadline()
	return ok && !dl.After(r.start.Add(r.bound))
}

// Tried is OnWait for callers that only know the attempt and the next delay.
func (r *Run) Tried(attempt int, next time.Duration) {
	r.OnWait(attempt, time.Since(r.start), next)
}

// Err is the wait's outcome: err itself when the wait ended by itself (success, or a failure that is not waiting),
// else an *Exceeded naming what never came true, with err as the last answer. A wait ran out when its context ended or
// err holds a *poll.TimeoutError (poll stops early when the deadline would pass during its next pause); the callers'
// retry helpers return their last answer joined with that TimeoutError.
func (r *Run) Err(err error) error {
	var te *poll.TimeoutError
	if err == nil || (r.ctx.Err() == nil && !errors.As(err, &te)) {
		return err
	}
	if te != nil && err.Error() == te.Error() {
		err = nil // nothing but the timeout: no last answer to show
	}
	return r.Exceeded(err)
}

// Exceeded reports a wait that ran out: its bound passed, or the resource's timeout ended first.
type Exceeded struct {
	Wait         Wait
	Subject      string
	Bound        time.Duration
	Waited       time.Duration
	TimeoutEnded bool
	Stall        bool   // the bound counted from the last progress
	Pending      string // what was still awaited, if the wait knows
	Last         error
}

func (e *Exceeded) Error() string {
	why := fmt.Sprintf("the bound of %s set by waits.%s passed", e.Bound, e.Wait.Setting)
	if e.Stall {
		why = fmt.Sprintf("nothing changed for %s, the bound set by waits.%s", e.Bound, e.Wait.Setting)
	}
	if e.TimeoutEnded {
		why = "the resource's timeout ended first"
	}
	last := ""
	if e.Last != nil {
		code, msg := client.ErrorCode(e.Last), client.ErrorMessage(e.Last)
		switch {
		case code != "" && msg != "":
			last = fmt.Sprintf(" The last answer was %s: %s", code, msg)
		case code != "":
			last = fmt.Sprintf(" The last answer was %s (HTTP %d).", code, client.StatusCode(e.Last))
		default:
			var te *poll.TimeoutError
			if !errors.As(e.Last, &te) {
				last = " The last answer was: " + e.Last.Error() + "."
			}
		}
	}
	if e.Pending != "" {
		why += "; still there: " + e.Pending
	}
	return fmt.Sprintf("waited %s for %s, and it did not happen: %s.%s\n\n%s", e.Waited.Round(time.Second), e.Subject, why, last, e.Wait.Check)
}
