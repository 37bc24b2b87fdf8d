package emulator

import (
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Fault is a rule that makes matching requests fail, slow down or fail asynchronously.
type Fault struct {
	Method      string  `json:"method"`      // "" = any
	PathPattern string  `json:"pathPattern"` // Go regexp matched against the lower-cased URL path; "" = any
	Status      int     `json:"status"`      // 0 = no status fault (latency only)
	Code        string  `json:"code"`        // ARM error code in the envelope
	Message     string  `json:"message"`
	RetryAfter  int     `json:"retryAfter"`  // seconds, sets Retry-After when > 0 (429/503)
	Count       int     `json:"count"`       // how many matching requests to hit; 0 = unlimited
	Probability float64 `json:"probability"` // 0 = always
	LatencyMS   int     `json:"latencyMs"`
	AfterCommit bool    `json:"afterCommit"` // apply the write, then answer with the fault
	AsyncFail   bool    `json:"asyncFail"`   // let the write start an async operation that ends Failed with Code/Message
}

type faultRule struct {
	ID string `json:"id"`
	Fault
	Hits int `json:"hits"`
	re   *regexp.Regexp
}

// AddFault installs a fault rule and returns its id; an invalid PathPattern matches nothing.
func (s *Server) AddFault(f Fault) string {
	id, _ := s.addFault(f)
	return id
}

func (s *Server) addFault(f Fault) (string, error) {
	rule := &faultRule{ID: "fault-" + wire.RandomHex(6), Fault: f}
	if f.PathPattern != "" {
		re, err := regexp.Compile(f.PathPattern)
		if err != nil {
			return "", err
		}
		rule.re = re
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, rule)
	return rule.ID, nil
}

// ClearFaults removes every fault rule.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

func (s *Server) removeFault(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.ID == id {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			return true
		}
	}
	return false
}

func (s *Server) listFaults() []faultRule {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]faultRule, 0, len(s.faults))
	for _, f := range s.faults {
		out = append(out, *f)
	}
	return out
}

// matchFault returns the first matching rule (consuming one of its hits) or nil.
func (s *Server) matchFault(r *http.Request) *Fault {
	path := strings.ToLower(r.URL.Path)
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.Method != "" && !strings.EqualFold(f.Method, r.Method) {
			continue
		}
		if f.PathPattern != "" && (f.re == nil || !f.re.MatchString(path)) {
			continue
		}
		if f.Probability > 0 && rand.Float64() >= f.Probability {
			continue
		}
		f.Hits++
		out := f.Fault
		if f.Count > 0 && f.Hits >= f.Count {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return &out
	}
	return nil
}

// faultCode picks a realistic code for an injected status fault without one.
func faultCode(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "TooManyRequests"
	case http.StatusServiceUnavailable:
		return "ServiceUnavailable"
	case http.StatusInternalServerError:
		return "InternalServerError"
	case http.StatusBadGateway:
		return "BadGateway"
	case http.StatusGatewayTimeout:
		return "GatewayTimeout"
	case http.StatusConflict:
		return "Conflict"
	case http.StatusNotFound:
		return "NotFound"
	case http.StatusForbidden:
		return "AuthorizationFailed"
	}
	return http.StatusText(status)
}
