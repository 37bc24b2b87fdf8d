package arm

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// TimeFormat is how ARM writes times (systemData, operations).
const TimeFormat = "2006-01-02T15:04:05.0000000Z"

// maxBody is ARM's request size limit.
const maxBody = 4 << 20

// Call is one ARM request on its way from the front door to a resource provider. Handlers run with the
// emulator's state lock held.
type Call struct {
	W   http.ResponseWriter
	R   *http.Request
	Now time.Time       // the emulator clock when the request arrived
	Who entra.Principal // the caller, from a validated token

	// The emulator's settings, as they are for this request.
	PageSize   int // page size of lists
	RetryAfter int // seconds of Retry-After on long-running operation answers
	// Durations say how long an operation the request starts stays InProgress, by the operation's name (its
	// provider's choice, e.g. "accounts/create"); see Duration.
	Durations Durations

	// Failure, when set, makes the operation this request starts end Failed: an AsyncFail fault rule, or a
	// provider's own late failure (a capability host whose project identity lacks its roles).
	Failure *Failure
}

// Failure is how an operation ends when it fails: the error of its status monitor.
type Failure struct {
	Status  int
	Code    string
	Message string
	// Used is set (with the state lock held) when an operation took the failure on: the write started one. A write
	// that started none is answered with the failure instead (the fault rules' AsyncFail).
	Used bool
}

// Normalised is the failure as an operation reports it: a 4xx status (400 unless the rule gave another 4xx), and a
// code and message even when the rule gave none.
func (f Failure) Normalised() Failure {
	if f.Status < 400 || f.Status >= 500 {
		f.Status = http.StatusBadRequest
	}
	if f.Code == "" {
		f.Code = "OperationFailed"
	}
	if f.Message == "" {
		f.Message = "The operation failed (injected fault)."
	}
	return f
}

type failureKey struct{}

// WithFailure attaches an operation failure to a request's context (the fault rules' AsyncFail).
func WithFailure(ctx context.Context, f *Failure) context.Context {
	return context.WithValue(ctx, failureKey{}, f)
}

// FailureOf is the operation failure attached to a request's context, if any.
func FailureOf(ctx context.Context) *Failure {
	f, _ := ctx.Value(failureKey{}).(*Failure)
	return f
}

// Durations are the durations of long-running operations: by name, else Default.
type Durations struct {
	Default time.Duration
	ByName  map[string]time.Duration
}

// For is the duration of the operation name.
func (d Durations) For(name string) time.Duration {
	if v, ok := d.ByName[name]; ok {
		return v
	}
	return d.Default
}

// Duration is how long the operation name that this request starts stays InProgress.
func (c *Call) Duration(name string) time.Duration { return c.Durations.For(name) }

// APIVersion is the request's api-version.
func (c *Call) APIVersion() string { return c.R.URL.Query().Get("api-version") }

// ReadBody decodes a JSON object body; an empty body decodes to an empty object.
func (c *Call) ReadBody() (map[string]any, *Error) {
	data, err := io.ReadAll(io.LimitReader(c.R.Body, maxBody+1))
	if err != nil {
		return nil, Errorf(http.StatusBadRequest, CodeInvalidRequestContent, "The request content could not be read.")
	}
	return decodeBody(data)
}

// PeekBody decodes the body like ReadBody and leaves it in the request for the next reader.
func (c *Call) PeekBody() (map[string]any, *Error) {
	data, e := c.PeekRaw()
	if e != nil {
		return nil, e
	}
	return decodeBody(data)
}

// PeekRaw reads the raw body and leaves it in the request for the next reader: 413 beyond ARM's 4 MB limit.
func (c *Call) PeekRaw() ([]byte, *Error) {
	data, err := io.ReadAll(io.LimitReader(c.R.Body, maxBody+1))
	c.R.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return nil, Errorf(http.StatusBadRequest, CodeInvalidRequestContent, "The request content could not be read.")
	}
	if len(data) > maxBody {
		return nil, tooLarge()
	}
	return data, nil
}

// ReplaceBody makes body the request body the next reader sees.
func (c *Call) ReplaceBody(body []byte) {
	c.R.Body = io.NopCloser(bytes.NewReader(body))
	c.R.ContentLength = int64(len(body))
}

func tooLarge() *Error {
	return Errorf(http.StatusRequestEntityTooLarge, "RequestEntityTooLarge", "The request content size exceeds the 4 MB limit.")
}

func decodeBody(data []byte) (map[string]any, *Error) {
	if len(data) > maxBody {
		return nil, tooLarge()
	}
	if strings.TrimSpace(string(data)) == "" {
		return map[string]any{}, nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, Errorf(http.StatusBadRequest, CodeInvalidRequestContent,
			"The request content was invalid and could not be deserialized: '%s'.", err.Error())
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, Errorf(http.StatusBadRequest, CodeInvalidRequestContent,
			"The request content was invalid and could not be deserialized: a JSON object was expected.")
	}
	return m, nil
}

// WriteList answers a list with paging by $skiptoken and an absolute nextLink on the called host.
func (c *Call) WriteList(items []map[string]any) *Error {
	skip := 0
	if t := c.R.URL.Query().Get("$skiptoken"); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 {
			return Errorf(http.StatusBadRequest, CodeBadRequest, "The $skiptoken '%s' is not valid.", t)
		}
		skip = n
	}
	if skip > len(items) {
		skip = len(items)
	}
	end := skip + c.PageSize
	if end > len(items) {
		end = len(items)
	}
	out := map[string]any{"value": items[skip:end]}
	if end < len(items) {
		q := c.R.URL.Query()
		q.Set("$skiptoken", strconv.Itoa(end))
		u := url.URL{Path: c.R.URL.Path, RawQuery: q.Encode()}
		out["nextLink"] = BaseURL(c.R) + u.String()
	}
	wire.WriteJSON(c.W, http.StatusOK, out)
	return nil
}

// CheckPreconditions applies If-Match and If-None-Match to a resource (exists false: there is none).
func (c *Call) CheckPreconditions(exists bool, etag string) *Error {
	ifMatch := c.R.Header.Get("If-Match")
	ifNone := c.R.Header.Get("If-None-Match")
	if ifMatch != "" && (!exists || !ETagMatches(ifMatch, etag)) {
		return Errorf(http.StatusPreconditionFailed, CodePreconditionFailed, "The specified precondition 'If-Match = %s' failed.", ifMatch)
	}
	if ifNone != "" && exists && ETagMatches(ifNone, etag) {
		return Errorf(http.StatusPreconditionFailed, CodePreconditionFailed, "The specified precondition 'If-None-Match = %s' failed.", ifNone)
	}
	return nil
}

// ETagMatches compares a header value (a list or "*") with an etag, ignoring weakness.
func ETagMatches(header, etag string) bool {
	for _, v := range strings.Split(header, ",") {
		v = strings.TrimSpace(v)
		if v == "*" || strings.TrimPrefix(v, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

// NewETag is a fresh weak etag.
func NewETag() string { return `W/"` + wire.RandomHex(16) + `"` }

// BaseURL returns scheme://host as called by the client, for absolute links.
func BaseURL(r *http.Request) string {
	scheme := "https"
	if r.TLS == nil {
		scheme = "http"
	}
	return scheme + "://" + r.Host
}
