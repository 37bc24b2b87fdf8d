package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// beginPollingResource starts a long-running PUT whose answer (200 or 201) carries the resource and an
// Azure-AsyncOperation monitor, and follows the resource instead of the monitor. ARM's contract for a PUT keeps the
// resource's provisioningState non-terminal until its operation ends, so the resource alone says when it is done, and
// its last poll is the result: one read per poll instead of the monitor's polls and then azcore's final GET of the
// resource (issue 18). The monitor is read once, only when the resource ends in a failed state, for the error code
// and message a resource cannot carry. Any other first answer (202, or no monitor) is left to beginThenGet.
func beginPollingResource[T any](ctx context.Context, r requester, rawURL string, body any, get func(context.Context) (T, error), ok ...int) (*runtime.Poller[T], error) {
	req, err := r.newRequest(ctx, http.MethodPut, rawURL, true, body)
	if err != nil {
		return nil, err
	}
	resp, err := r.do(req, ok...)
	if err != nil {
		return nil, err
	}
	monitor := resp.Header.Get("Azure-AsyncOperation")
	if monitor == "" || resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		return pollerThenGet(resp, r, runtime.FinalStateViaAzureAsyncOp, get)
	}
	// azcore polls the resource itself (its body pattern) when the answer names no monitor.
	bare := *resp
	bare.Header = resp.Header.Clone()
	for _, h := range []string{"Azure-AsyncOperation", "Location", "Operation-Location"} {
		bare.Header.Del(h)
	}
	inner, err := runtime.NewPoller(&bare, r.pl, &runtime.NewPollerOptions[T]{})
	if err != nil {
		return nil, err
	}
	return runtime.NewPoller(resp, r.pl, &runtime.NewPollerOptions[T]{Handler: &resourcePoll[T]{inner: inner, monitor: monitor, r: r,
		retryAfter: resp.Header.Get("Retry-After")}})
}

// resourcePoll polls the resource (inner) and, when it ends failed, reads the operation's monitor for its error.
type resourcePoll[T any] struct {
	inner   *runtime.Poller[T]
	monitor string
	r       requester
	// retryAfter is the first answer's Retry-After: how often the service asked for the operation to be polled. A
	// resource's GET carries none, and without it polls would wait the client's default frequency (10 s).
	retryAfter string
}

// Done implements runtime.PollingHandler.
func (h *resourcePoll[T]) Done() bool { return h.inner.Done() }

// Poll implements runtime.PollingHandler: a poll of the resource, paced as the service asked for the operation.
func (h *resourcePoll[T]) Poll(ctx context.Context) (*http.Response, error) {
	resp, err := h.inner.Poll(ctx)
	if err == nil && resp != nil && h.retryAfter != "" && resp.Header.Get("Retry-After") == "" {
		resp.Header.Set("Retry-After", h.retryAfter)
	}
	return resp, err
}

// Result implements runtime.PollingHandler: the resource as its last poll returned it, or the operation's error.
func (h *resourcePoll[T]) Result(ctx context.Context, out *T) error {
	v, err := h.inner.Result(ctx)
	if err == nil {
		*out = v
		return nil
	}
	failed := provisioningFailed(err)
	var pf *ProvisioningFailedError
	if !errors.As(failed, &pf) {
		return failed
	}
	if re, err := h.operationError(ctx); err == nil && re != nil {
		return re
	}
	return failed
}

// operationError reads the monitor of a failed operation and returns its error, with the operation's ARM code, as
// azcore's own Azure-AsyncOperation poller reports it; nil when the monitor says nothing usable. An error reading the
// monitor is returned as the second value (the caller then reports the resource's failed state).
func (h *resourcePoll[T]) operationError(ctx context.Context) (*azcore.ResponseError, error) {
	req, err := h.r.newRequest(ctx, http.MethodGet, h.monitor, false, nil)
	if err != nil {
		return nil, err
	}
	resp, err := h.r.pl.Do(req)
	if err != nil {
		return nil, err
	}
	data, err := runtime.Payload(resp)
	if err != nil {
		return nil, err
	}
	var status struct {
		Status string `json:"status"`
		Error  *struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	if err := json.Unmarshal(data, &status); err != nil {
		return nil, err
	}
	if status.Error == nil || status.Error.Code == "" || !strings.EqualFold(status.Status, "Failed") && !strings.EqualFold(status.Status, "Canceled") {
		return nil, nil
	}
	var re *azcore.ResponseError
	errors.As(runtime.NewResponseError(resp), &re)
	return re, nil
}
