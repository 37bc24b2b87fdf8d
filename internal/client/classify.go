package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// Class is how the provider treats a failed call; the package documentation has the table behind Classify.
type Class int

const (
	// Final errors are returned at once with the service's code and message: sending the request again can only get
	// the same answer.
	Final Class = iota
	// Transient errors (a busy parent, throttling, 5xx, a dropped connection, a timeout) are retried by the client
	// within the caller's context, the resource's timeout; one that still reaches the caller is what the last attempt
	// got when the timeout ended.
	Transient
	// Propagation errors say that something created moments ago is not visible yet (a principal not replicated, a
	// role not yet effective on the data plane). The client does not retry them by itself: the caller waits for them
	// within a bound of their own, far below the resource's timeout.
	Propagation
	// Authentication errors: no token (wrong secret, unknown tenant or client), or a token the service refused
	// (wrong audience, expired). Final, and never downgraded to a warning.
	Authentication
	// Authorization errors: the caller is known but lacks a permission (403). Final, and never downgraded to a
	// warning.
	Authorization
)

// String names the class in logs and tests.
func (c Class) String() string {
	switch c {
	case Transient:
		return "transient"
	case Propagation:
		return "propagation"
	case Authentication:
		return "authentication"
	case Authorization:
		return "authorization"
	}
	return "final"
}

// Classify sorts err into a Class, by HTTP status and error code, never by message text.
func Classify(err error) Class {
	if err == nil {
		return Final
	}
	var ce *CredentialError
	if errors.As(err, &ce) {
		// Microsoft Entra ID throttling or failing (its retries ended with the deadline) says nothing about the
		// credential: transient, like the same answer from ARM.
		var afe *azidentity.AuthenticationFailedError
		if errors.Is(err, context.DeadlineExceeded) ||
			errors.As(err, &afe) && afe.RawResponse != nil && slices.Contains(retryStatusCodes, afe.RawResponse.StatusCode) {
			return Transient
		}
		return Authentication
	}
	var re *azcore.ResponseError
	if !errors.As(err, &re) {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return Transient
		}
		var ne net.Error
		if errors.As(err, &ne) {
			return Transient
		}
		return Final
	}
	code := strings.ToLower(ErrorCode(err))
	switch status := re.StatusCode; {
	case status == http.StatusConflict && (armBusyCodes[code] || dataPlaneBusyCodes[code] && isDataPlane(re)):
		return Transient
	case status == http.StatusPreconditionFailed, status == http.StatusRequestTimeout, status == http.StatusTooManyRequests,
		status >= 500:
		return Transient
	case status == http.StatusBadRequest && code == "principalnotfound":
		return Propagation
	case status == http.StatusUnauthorized && code == "permissiondenied":
		return Propagation
	case status == http.StatusUnauthorized:
		return Authentication
	case status == http.StatusForbidden:
		return Authorization
	}
	return Final
}

// IsAuthFailure reports whether err is an authentication or authorization failure: a check that meets one must fail,
// not warn, because everything after it would fail the same way.
func IsAuthFailure(err error) bool {
	c := Classify(err)
	return c == Authentication || c == Authorization
}

// isDataPlane reports whether a response came from a project endpoint rather than from ARM: the data plane's paths
// start with /api/projects/.
func isDataPlane(re *azcore.ResponseError) bool {
	return re.RawResponse != nil && re.RawResponse.Request != nil && strings.Contains(strings.ToLower(re.RawResponse.Request.URL.Path), "/api/projects/")
}

// CredentialError is a failure of the credential itself: it could not get a token (wrong client secret, unknown
// tenant or client, no Azure CLI login, ...). Advice, when set, says which settings to check (Options.CredentialAdvice).
type CredentialError struct {
	Err    error
	Advice string
}

func (e *CredentialError) Error() string { return e.Err.Error() }

// Unwrap returns the credential's error.
func (e *CredentialError) Unwrap() error { return e.Err }

// adviseCredential wraps a credential so that every failure to get a token is a *CredentialError.
type adviseCredential struct {
	inner  azcore.TokenCredential
	advice func(error) string
}

// GetToken implements azcore.TokenCredential.
func (c adviseCredential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	// The token request of one attempt runs in the call's context: Microsoft Entra ID's own retries (RetryOptions)
	// are bounded by the call's deadline, not by the attempt's TryTimeout; a token asked for outside a call without a
	// deadline gets DefaultCallTimeout, like a call.
	ctx = callContext(ctx)
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultCallTimeout)
		defer cancel()
	}
	tk, err := c.inner.GetToken(ctx, opts)
	if err != nil {
		ce := &CredentialError{Err: err}
		if c.advice != nil {
			ce.Advice = c.advice(err)
		}
		return tk, ce
	}
	return tk, nil
}
