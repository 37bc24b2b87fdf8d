package client

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// DefaultCallTimeout bounds a call made without a deadline of its own (a plan-time check, a data source without a
// timeouts block), retries included: every retry the client makes ends with the operation's deadline, never after a
// number of attempts, so a call needs one.
const DefaultCallTimeout = 5 * time.Minute

// unlimitedRetries is azcore's MaxRetries: in effect no limit, since the deadline ends the retries (azcore counts
// tries in an int32, and MaxRetries+1 must not overflow).
const unlimitedRetries = math.MaxInt32 - 1

// retryStatusCodes are the transient statuses azcore's retry policy sends again (408, 429, 500, 502, 503, 504).
var retryStatusCodes = []int{
	http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
	http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout,
}

// RetryOptions are the retry options of every pipeline of the provider, ARM, the project data plane and Microsoft
// Entra ID's token requests (azidentity's ClientOptions.Retry): transient answers are sent again without a limit on
// the number of attempts, honouring Retry-After (up to maxRetryDelay), or backing off from 2 s to the same cap,
// until the caller's context ends (deadlinePolicy gives every call one).
func RetryOptions() policy.RetryOptions {
	return policy.RetryOptions{
		MaxRetries:    unlimitedRetries,
		RetryDelay:    2 * time.Second,
		MaxRetryDelay: maxRetryDelay,
		// A hung attempt is cut after two minutes and sent again; the deadline still bounds the whole call.
		TryTimeout:  2 * time.Minute,
		StatusCodes: retryStatusCodes,
	}
}

type callKey struct{}

// callState is what deadlinePolicy shares with the policies after azcore's retry policy: the call's own context
// (the token request of a retry uses it, not the attempt's) and the last transient answer.
type callState struct {
	ctx      context.Context
	start    time.Time
	mu       sync.Mutex
	last     error
	attempts int
}

func stateOf(ctx context.Context) *callState {
	s, _ := ctx.Value(callKey{}).(*callState)
	return s
}

// deadlinePolicy comes first in every pipeline. A call without a deadline gets DefaultCallTimeout. When the deadline
// ends the retries of a transient failure, the caller gets a *RetriesEndedError that names the last answer (the
// throttling or the 5xx), not only "context deadline exceeded".
type deadlinePolicy struct{ bound time.Duration }

func (p deadlinePolicy) Do(req *policy.Request) (*http.Response, error) {
	ctx := req.Raw().Context()
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, p.bound)
		defer cancel()
	}
	st := &callState{start: time.Now()}
	ctx = context.WithValue(ctx, callKey{}, st)
	st.ctx = ctx
	resp, err := req.WithContext(ctx).Next()
	if err != nil && ctx.Err() != nil {
		st.mu.Lock()
		defer st.mu.Unlock()
		if st.last != nil {
			return resp, &RetriesEndedError{Last: st.last, Attempts: st.attempts, Waited: time.Since(st.start), Err: err}
		}
	}
	return resp, err
}

// attemptPolicy runs after azcore's retry policy, once per attempt: it remembers the last transient answer for
// deadlinePolicy.
type attemptPolicy struct{}

func (attemptPolicy) Do(req *policy.Request) (*http.Response, error) {
	resp, err := req.Next()
	st := stateOf(req.Raw().Context())
	if st == nil {
		return resp, err
	}
	var last error
	switch {
	case err != nil && req.Raw().Context().Err() == nil:
		last = err
	case err == nil && runtime.HasStatusCode(resp, retryStatusCodes...):
		last = runtime.NewResponseError(resp)
	}
	st.mu.Lock()
	st.attempts++
	if last != nil {
		st.last = last
	}
	st.mu.Unlock()
	return resp, err
}

// RetriesEndedError says that the caller's deadline (the resource's timeout, or DefaultCallTimeout) ended while a
// transient failure was being retried. Last is the last answer (an *azcore.ResponseError for an HTTP answer), so
// Classify, ErrorCode and the diagnostics see the throttling or server error itself.
type RetriesEndedError struct {
	Last     error
	Attempts int
	Waited   time.Duration
	Err      error // the context's error
}

func (e *RetriesEndedError) Error() string {
	return fmt.Sprintf("%v (retried %d times over %s until the timeout ended)", e.Last, e.Attempts, e.Waited.Round(time.Second))
}

// Unwrap returns the last answer and the context's error.
func (e *RetriesEndedError) Unwrap() []error { return []error{e.Last, e.Err} }

// callContext is the context of the call a request belongs to, when deadlinePolicy started it: a token request made
// for one attempt uses it, so that Microsoft Entra ID's retries are bounded by the call's deadline, not by one
// attempt's TryTimeout.
func callContext(ctx context.Context) context.Context {
	if st := stateOf(ctx); st != nil && st.ctx != nil {
		return st.ctx
	}
	return ctx
}
