package client

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// ConflictRetryOptions configure how writes answered with a busy 409 or a 412 are sent again.
type ConflictRetryOptions struct {
	// MaxAttempts is the most times a request is sent, the first included; default 0: no limit but the call's
	// deadline (the resource's timeout), like every other retry of the client.
	MaxAttempts int
	// InitialDelay is the first backoff when the service sends no Retry-After; default 2s.
	InitialDelay time.Duration
	// MaxDelay caps every wait, Retry-After included; default 30s.
	MaxDelay time.Duration
}

func (o ConflictRetryOptions) withDefaults() ConflictRetryOptions {
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = math.MaxInt
	}
	if o.InitialDelay <= 0 {
		o.InitialDelay = 2 * time.Second
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 30 * time.Second
	}
	if o.MaxDelay < o.InitialDelay {
		o.MaxDelay = o.InitialDelay
	}
	return o
}

// armBusyCodes (lower case; codes compare case-insensitively) are the 409 codes with which ARM says "the resource or
// its parent is busy with another operation; try again later": RequestConflict while an account runs another write
// (arm-foundry.md §8.5), AnotherOperationInProgress, and RetryableErrorDueToAnotherOperation (arm-contract.md §6).
// Every other 409 of ARM is final, the generic Conflict included: Foundry answers Conflict when a name or a scope is
// taken (a connection name used elsewhere in the account, a second capability host), and a request sent again can
// only get the same answer. See the package documentation for the whole classification.
var armBusyCodes = map[string]bool{
	"requestconflict":                     true,
	"anotheroperationinprogress":          true,
	"retryableerrorduetoanotheroperation": true,
}

// dataPlaneBusyCodes are the busy 409 codes of the project data plane: "conflict", "The resource already exists or
// was modified concurrently. Please retry." (project-dataplane.md §7.6). They are retried on the data-plane pipeline
// only: on ARM the same word means a name is taken.
var dataPlaneBusyCodes = map[string]bool{
	"conflict": true,
}

// conflictPolicy resends PUT/PATCH/DELETE/POST requests that got a busy 409 or a 412, since ARM rejects
// concurrent writes under one account instead of queueing them. It sits before azcore's retry policy, so each
// attempt is itself retried on throttling and 5xx. When ctx ends while waiting, the last response is returned.
type conflictPolicy struct {
	opts ConflictRetryOptions
	log  LogFunc
	busy map[string]bool // the 409 codes that mean "busy" on this pipeline
}

func newConflictPolicy(opts ConflictRetryOptions, log LogFunc, busy map[string]bool) policy.Policy {
	return conflictPolicy{opts: opts.withDefaults(), log: log, busy: busy}
}

// Do implements policy.Policy.
func (p conflictPolicy) Do(req *policy.Request) (*http.Response, error) {
	switch req.Raw().Method {
	case http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodPost:
	default:
		return req.Next()
	}
	ctx := req.Raw().Context()
	for attempt := 1; ; attempt++ {
		if err := req.RewindBody(); err != nil {
			return nil, err
		}
		resp, err := req.Clone(ctx).Next()
		if err != nil || attempt >= p.opts.MaxAttempts {
			return resp, err
		}
		code, retry := p.conflictCode(resp)
		if !retry {
			return resp, nil
		}
		delay := p.delay(resp, attempt)
		if p.log != nil {
			reason := code
			if reason == "" {
				reason = http.StatusText(resp.StatusCode)
			}
			p.log(ctx, "retrying after "+strconv.Itoa(resp.StatusCode)+" "+reason, map[string]any{
				"method": req.Raw().Method, "url": redactURL(req.Raw().URL), "status": resp.StatusCode,
				"error_code": code, "attempt": attempt, "delay_ms": delay.Milliseconds(),
			})
		}
		select {
		case <-ctx.Done():
			return resp, nil
		case <-time.After(delay):
		}
		_ = resp.Body.Close()
	}
}

// conflictCode returns the response's error code and whether the request should be sent again: a 412 (the
// neighbours' "another operation in progress", e.g. Cosmos DB role assignments; the provider sends no If-Match), or a
// 409 whose code is one of the pipeline's busy codes.
func (p conflictPolicy) conflictCode(resp *http.Response) (string, bool) {
	if resp.StatusCode != http.StatusConflict && resp.StatusCode != http.StatusPreconditionFailed {
		return "", false
	}
	code := resp.Header.Get("x-ms-error-code")
	if code == "" {
		if body, err := runtime.Payload(resp); err == nil {
			var env struct {
				Error struct {
					Code string `json:"code"`
				} `json:"error"`
			}
			if json.Unmarshal(body, &env) == nil {
				code = env.Error.Code
			}
		}
	}
	if resp.StatusCode == http.StatusPreconditionFailed {
		return code, true
	}
	return code, p.busy[strings.ToLower(code)]
}

// delay honours Retry-After (capped at MaxDelay), else backs off exponentially from InitialDelay with ±20% jitter.
func (p conflictPolicy) delay(resp *http.Response, attempt int) time.Duration {
	if d := retryAfter(resp); d > 0 {
		return min(d, p.opts.MaxDelay)
	}
	d := p.opts.InitialDelay
	for i := 1; i < attempt && d < p.opts.MaxDelay; i++ {
		d *= 2
	}
	d = time.Duration(float64(min(d, p.opts.MaxDelay)) * (0.8 + 0.4*rand.Float64()))
	return min(d, p.opts.MaxDelay)
}

// retryAfter reads retry-after-ms, x-ms-retry-after-ms and Retry-After (seconds or an HTTP date); 0 if absent.
func retryAfter(resp *http.Response) time.Duration {
	for _, h := range []string{"retry-after-ms", "x-ms-retry-after-ms"} {
		if ms, err := strconv.Atoi(resp.Header.Get(h)); err == nil && ms > 0 {
			return time.Duration(ms) * time.Millisecond
		}
	}
	v := resp.Header.Get("Retry-After")
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}
