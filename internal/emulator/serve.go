package emulator

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
)

// RequestRecord is one entry of the request log.
type RequestRecord struct {
	Time            time.Time
	Method          string
	Path            string
	Query           string
	Status          int
	RequestID       string
	CorrelationID   string
	ClientRequestID string
	Audience        string
	// ClientID tells callers apart: the appid of the request's bearer token, or the client_id of a token request.
	ClientID string `json:",omitempty"`
	// ErrorCode and ErrorMessage are the error of an answer with an ARM error envelope (4xx and 5xx), "" otherwise.
	ErrorCode    string `json:",omitempty"`
	ErrorMessage string `json:",omitempty"`
}

const controlPrefix = "/_emulator/"

// statusWriter remembers the status code written through it, and the body of an error answer (for the log).
type statusWriter struct {
	http.ResponseWriter
	status  int
	errBody bytes.Buffer
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.status >= 400 && w.errBody.Len() < 64<<10 {
		w.errBody.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// armError reads the code and message of an ARM error envelope (or the data plane's {"error": {...}}).
func (w *statusWriter) armError() (code, message string) {
	if w.status < 400 {
		return "", ""
	}
	var env struct {
		Error struct {
			Code    any    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(w.errBody.Bytes(), &env) != nil {
		return w.Header().Get("x-ms-error-code"), ""
	}
	code, _ = env.Error.Code.(string)
	if code == "" {
		code = w.Header().Get("x-ms-error-code")
	}
	return code, env.Error.Message
}

// bufferWriter captures a response so that an after-commit fault can replace it.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }
func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
func (b *bufferWriter) Write(p []byte) (int, error) { return b.body.Write(p) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, controlPrefix) || r.URL.Path == strings.TrimSuffix(controlPrefix, "/") {
		if !isLoopback(r.RemoteAddr) {
			arm.WriteError(w, arm.Errorf(http.StatusForbidden, "Forbidden", "The control API is only served to loopback clients."))
			return
		}
		s.serveControl(w, r)
		return
	}
	start := time.Now()
	reqID := uuid.NewString()
	corrID := r.Header.Get("x-ms-correlation-request-id")
	if corrID == "" {
		corrID = uuid.NewString()
	}
	clientReqID := r.Header.Get("x-ms-client-request-id")
	h := w.Header()
	h.Set("x-ms-request-id", reqID)
	h.Set("x-request-id", reqID)
	h.Set("x-ms-correlation-request-id", corrID)
	h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	h.Set("Cache-Control", "no-cache") // Content-Type only with a body (wire.WriteJSON)
	if clientReqID != "" && strings.EqualFold(r.Header.Get("x-ms-return-client-request-id"), "true") {
		h.Set("x-ms-client-request-id", clientReqID)
	}
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		rec := RequestRecord{
			Time: s.now(), Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Status: sw.status,
			RequestID: reqID, CorrelationID: corrID, ClientRequestID: clientReqID, Audience: entra.AudienceOf(r),
			ClientID: entra.ClientOf(r),
		}
		if rec.Status == 0 {
			rec.Status = http.StatusOK
		}
		rec.ErrorCode, rec.ErrorMessage = sw.armError()
		s.mu.Lock()
		s.requests = append(s.requests, rec)
		s.mu.Unlock()
		code := ""
		if rec.ErrorCode != "" {
			code = " " + rec.ErrorCode
		}
		s.logf("%s %s %s?%s -> %d%s (%s) request-id=%s", rec.Time.Format(time.RFC3339), r.Method, r.URL.Path, r.URL.RawQuery, rec.Status, code, time.Since(start).Round(time.Microsecond), reqID)
	}()

	if s.throttle(sw, r) {
		return
	}
	latency, f := s.matchFault(r)
	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case f == nil || f.Status == 0 && !f.AsyncFail:
		s.route(sw, r)
	case f.AsyncFail:
		s.routeFailing(sw, r, f)
	case f.AfterCommit:
		buf := &bufferWriter{header: http.Header{}}
		s.route(buf, r)
		writeFault(sw, f)
	default:
		writeFault(sw, f)
	}
}

// routeFailing answers a request whose write's outcome fails (Fault.AsyncFail): a write that starts a long-running
// operation starts it, and the operation ends Failed; a successful write that starts none is kept and answered with
// the failure instead of its success.
func (s *Server) routeFailing(w http.ResponseWriter, r *http.Request, f *Fault) {
	failure := &arm.Failure{Status: f.Status, Code: f.Code, Message: f.Message}
	r = r.WithContext(arm.WithFailure(r.Context(), failure))
	buf := &bufferWriter{header: http.Header{}}
	s.route(buf, r)
	s.mu.Lock()
	used := failure.Used
	s.mu.Unlock()
	if used || r.Method == http.MethodGet || buf.status >= 300 {
		for k, v := range buf.header {
			w.Header()[k] = v
		}
		if buf.status == 0 {
			buf.status = http.StatusOK
		}
		w.WriteHeader(buf.status)
		_, _ = w.Write(buf.body.Bytes())
		return
	}
	e := failure.Normalised()
	arm.WriteError(w, &arm.Error{Status: e.Status, Code: e.Code, Message: e.Message})
}

func writeFault(w http.ResponseWriter, f *Fault) {
	code := f.Code
	if code == "" {
		code = faultCode(f.Status)
	}
	msg := f.Message
	if msg == "" {
		msg = "Injected fault: " + http.StatusText(f.Status) + "."
	}
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
	}
	if f.RetryAfterMS > 0 {
		w.Header().Set("retry-after-ms", strconv.Itoa(f.RetryAfterMS))
		if f.RetryAfter <= 0 {
			w.Header().Set("Retry-After", strconv.Itoa(max(1, (f.RetryAfterMS+999)/1000)))
		}
	}
	arm.WriteError(w, &arm.Error{Status: f.Status, Code: code, Message: msg})
}

// route answers a non-control request with the first route of the server's table that matches its path.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	lp := strings.ToLower(r.URL.Path)
	for _, rt := range s.routes {
		if rt.matches(lp) {
			rt.serve(w, r)
			return
		}
	}
	arm.WriteError(w, arm.Errorf(http.StatusNotFound, "NotFound", "The requested path '%s' is not served by the emulator.", r.URL.Path))
}

func isLoopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
