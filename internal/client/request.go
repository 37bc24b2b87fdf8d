package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// requester builds, sends and checks requests for one pipeline and api-version. Every operation goes through it;
// it is the only place that looks at status codes.
type requester struct {
	pl         runtime.Pipeline
	apiVersion string
}

// newRequest builds a request for rawURL. With setAPIVersion it sets api-version (links returned by the service —
// nextLink, polling URLs — already carry theirs and are used as given). A non-nil body is sent as JSON.
func (r requester) newRequest(ctx context.Context, method, rawURL string, setAPIVersion bool, body any) (*policy.Request, error) {
	req, err := runtime.NewRequest(ctx, method, rawURL)
	if err != nil {
		return nil, err
	}
	if setAPIVersion {
		q := req.Raw().URL.Query()
		q.Set("api-version", r.apiVersion)
		req.Raw().URL.RawQuery = q.Encode()
	}
	req.Raw().Header.Set("Accept", "application/json")
	if body != nil {
		if err := runtime.MarshalAsJSON(req, body); err != nil {
			return nil, err
		}
	}
	return req, nil
}

// do sends req and returns the response when its status is one of ok; otherwise the *azcore.ResponseError.
func (r requester) do(req *policy.Request, ok ...int) (*http.Response, error) {
	resp, err := r.pl.Do(req)
	if err != nil {
		return nil, err
	}
	if !runtime.HasStatusCode(resp, ok...) {
		return nil, runtime.NewResponseError(resp)
	}
	return resp, nil
}

// call is newRequest + do + decoding the body into out (when out is non-nil).
func (r requester) call(ctx context.Context, method, rawURL string, body, out any, ok ...int) error {
	req, err := r.newRequest(ctx, method, rawURL, true, body)
	if err != nil {
		return err
	}
	resp, err := r.do(req, ok...)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	return runtime.UnmarshalAsJSON(resp, out)
}

// page is the Azure list shape: {"value": [...], "nextLink": "..."}.
type page[T any] struct {
	Value    []T     `json:"value"`
	NextLink *string `json:"nextLink"`
}

// list GETs rawURL and follows nextLink until it is absent or empty, returning every item.
func list[T any](ctx context.Context, r requester, rawURL string) ([]T, error) {
	var all []T
	seen := map[string]bool{}
	next, first := rawURL, true
	for next != "" {
		req, err := r.newRequest(ctx, http.MethodGet, next, first, nil)
		if err != nil {
			return nil, err
		}
		resp, err := r.do(req, http.StatusOK)
		if err != nil {
			return nil, err
		}
		var p page[T]
		if err := runtime.UnmarshalAsJSON(resp, &p); err != nil {
			return nil, err
		}
		all = append(all, p.Value...)
		seen[next], first, next = true, false, ""
		if p.NextLink != nil {
			next = *p.NextLink
		}
		if seen[next] {
			return nil, fmt.Errorf("listing %s: the service returned the same nextLink twice (%s)", rawURL, next)
		}
	}
	return all, nil
}

// beginDelete sends a long-running DELETE; 200, 202 and 204 (nothing to delete) start the poller.
func beginDelete(ctx context.Context, r requester, rawURL string) (*runtime.Poller[struct{}], error) {
	req, err := r.newRequest(ctx, http.MethodDelete, rawURL, true, nil)
	if err != nil {
		return nil, err
	}
	resp, err := r.do(req, http.StatusOK, http.StatusAccepted, http.StatusNoContent)
	if err != nil {
		return nil, err
	}
	return runtime.NewPoller(resp, r.pl, &runtime.NewPollerOptions[struct{}]{FinalStateVia: runtime.FinalStateViaLocation})
}

// beginThenGet is begin for PUT/PATCH whose result is the resource as it is once the operation succeeds: a
// Location-pattern operation ends with whatever the poll URL returns, which need not be the resource, so that one
// ends with a fresh GET; the other patterns already end with the resource.
// via is the spec's final-state-via; azcore picks the polling pattern from the response headers either way.
func beginThenGet[T any](ctx context.Context, r requester, method, rawURL string, body any, via runtime.FinalStateVia, get func(context.Context) (T, error), ok ...int) (*runtime.Poller[T], error) {
	req, err := r.newRequest(ctx, method, rawURL, true, body)
	if err != nil {
		return nil, err
	}
	resp, err := r.do(req, ok...)
	if err != nil {
		return nil, err
	}
	return pollerThenGet(resp, r, via, get)
}

// pollerThenGet is beginThenGet's poller for the first answer resp.
func pollerThenGet[T any](resp *http.Response, r requester, via runtime.FinalStateVia, get func(context.Context) (T, error)) (*runtime.Poller[T], error) {
	inner, err := runtime.NewPoller(resp, r.pl, &runtime.NewPollerOptions[T]{FinalStateVia: via})
	if err != nil {
		return nil, err
	}
	// Which answer ends the operation follows from the first response's headers, as azcore chooses its pattern
	// (issue 18: one read after a write, not two). With Azure-AsyncOperation azcore itself ends a PUT or PATCH with a
	// GET of the resource; without polling headers it polls the resource itself, so its last answer is the resource.
	// The Location pattern ends with what the Location URL returns, which need not be the resource, and a synchronous
	// answer may leave out what a read returns (a managed network's rules): those two end with a fresh GET.
	fresh := inner.Done() || resp.Header.Get("Azure-AsyncOperation") == "" && resp.Header.Get("Location") != ""
	return runtime.NewPoller(resp, r.pl, &runtime.NewPollerOptions[T]{Handler: &thenGet[T]{inner: inner, get: get, fresh: fresh}})
}

// thenGet is a polling handler that delegates to inner and, when fresh, replaces its result with get's.
type thenGet[T any] struct {
	inner *runtime.Poller[T]
	get   func(context.Context) (T, error)
	fresh bool
}

// Done implements runtime.PollingHandler.
func (h *thenGet[T]) Done() bool { return h.inner.Done() }

// Poll implements runtime.PollingHandler.
func (h *thenGet[T]) Poll(ctx context.Context) (*http.Response, error) { return h.inner.Poll(ctx) }

// Result implements runtime.PollingHandler: inner's outcome, then on success (Location pattern only) the fresh GET.
func (h *thenGet[T]) Result(ctx context.Context, out *T) error {
	v, err := h.inner.Result(ctx)
	if err != nil {
		return provisioningFailed(err)
	}
	if !h.fresh {
		*out = v
		return nil
	}
	v, err = h.get(ctx)
	if err != nil {
		return err
	}
	*out = v
	return nil
}

// ProvisioningFailedError is a long-running PUT or PATCH whose resource ended in a terminal provisioningState other
// than Succeeded while no answer carried an error: the operation answered without a polling header (Accounts_Create
// and Projects_Create declare only Retry-After on 201), so azcore polled the resource itself, and an ARM resource
// has no error field. It wraps the *azcore.ResponseError of the last GET.
type ProvisioningFailedError struct {
	State string
	err   error
}

func (e *ProvisioningFailedError) Error() string {
	return fmt.Sprintf("the operation ended with provisioningState %q; the service gave no error code or message (the resource carries none)", e.State)
}

func (e *ProvisioningFailedError) Unwrap() error { return e.err }

// provisioningFailed turns azcore's body-poller failure (a 200 GET of a resource in a failed state, no error code)
// into a ProvisioningFailedError; any other error is returned as it is.
func provisioningFailed(err error) error {
	var re *azcore.ResponseError
	if !errors.As(err, &re) || re.ErrorCode != "" || re.RawResponse == nil || re.RawResponse.StatusCode != http.StatusOK {
		return err
	}
	data, rerr := runtime.Payload(re.RawResponse)
	var body struct {
		Properties struct {
			ProvisioningState string `json:"provisioningState"`
		} `json:"properties"`
	}
	if rerr != nil || json.Unmarshal(data, &body) != nil || body.Properties.ProvisioningState == "" {
		return err
	}
	return &ProvisioningFailedError{State: body.Properties.ProvisioningState, err: err}
}
