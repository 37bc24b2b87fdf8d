package emulator

import (
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Fault is a rule that makes matching requests fail, slow down or fail asynchronously.
//
// How rules combine (the same for every request, Entra ID and the data plane included): a rule matches on method,
// path, client and its time window. Every matching latency-only rule (no status, no asyncFail) adds its latency, each
// with its own draw. Of the other matching rules, those with probability 0 ("always") come first, in order, and the
// first of them decides; otherwise one draw is shared by the probabilistic ones, each owning a slice of its own
// probability in order, so that each fires at exactly its own rate on the requests it matches (as long as the
// probabilities of the rules that match one request add up to at most 1). "20% 429 on everything, 5% 5xx on
// everything, 5% failed operations on PUT" thus fails 20%, 5% and 5% of the PUTs, never first-match starved.
type Fault struct {
	Method      string `json:"method"`      // "" = any
	PathPattern string `json:"pathPattern"` // Go regexp matched against the lower-cased URL path; "" = any
	// ClientID limits the rule to one client: the appid of the request's bearer token, or the client_id of a token
	// request; "" = any.
	ClientID     string  `json:"clientId"`
	Status       int     `json:"status"`       // 0 = no status fault (latency only)
	Code         string  `json:"code"`         // ARM error code in the envelope
	Message      string  `json:"message"`      //
	RetryAfter   int     `json:"retryAfter"`   // seconds, sets Retry-After when > 0 (429/503)
	RetryAfterMS int     `json:"retryAfterMs"` // milliseconds, sets retry-after-ms (and a Retry-After of whole seconds, at least 1) when > 0
	Count        int     `json:"count"`        // how many matching requests to hit; 0 = unlimited
	Probability  float64 `json:"probability"`  // 0 = always
	// ForMS ends the rule this long after it was added, on the emulator clock (a storm of a given length); 0 = never.
	ForMS     int `json:"forMs"`
	LatencyMS int `json:"latencyMs"`
	// AfterCommit: do the write, then answer with the fault.
	AfterCommit bool `json:"afterCommit"`
	// AsyncFail: the write's outcome fails with Code/Message (a 4xx status, default 400). A write that starts a
	// long-running operation starts it, and the operation ends Failed; a write that starts none (connections, RAI
	// policies and blocklists, role assignments, a capability host PUT that changes nothing, data-plane writes) is
	// stored and then answered with the error, as a service that fails after it wrote.
	AsyncFail bool `json:"asyncFail"`
}

// FaultRule is an installed Fault: its id, how often it fired and when it ends (ForMS).
type FaultRule struct {
	ID string `json:"id"`
	Fault
	Hits  int       `json:"hits"`
	Until time.Time `json:"until,omitzero"`
	re    *regexp.Regexp
}

// AddFault installs a fault rule and returns its id; an invalid PathPattern matches nothing.
func (s *Server) AddFault(f Fault) string {
	id, _ := s.addFault(f)
	return id
}

func (s *Server) addFault(f Fault) (string, error) {
	rule := &FaultRule{ID: "fault-" + wire.RandomHex(6), Fault: f}
	if f.PathPattern != "" {
		re, err := regexp.Compile(f.PathPattern)
		if err != nil {
			return "", err
		}
		rule.re = re
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.ForMS > 0 {
		rule.Until = s.nowLocked().Add(time.Duration(f.ForMS) * time.Millisecond)
	}
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

// Faults lists the installed fault rules, in order.
func (s *Server) Faults() []FaultRule { return s.listFaults() }

func (s *Server) listFaults() []FaultRule {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]FaultRule, 0, len(s.faults))
	for _, f := range s.faults {
		out = append(out, *f)
	}
	return out
}

// SetFaultSeed makes the fault rules' draws repeatable: the same seed and the same requests in the same order fire
// the same rules. 0 picks a random seed.
func (s *Server) SetFaultSeed(seed uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rng = newRNG(seed)
}

func newRNG(seed uint64) *rand.Rand {
	if seed == 0 {
		seed = rand.Uint64()
	}
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// matchFault returns what the rules do to a request (see Fault for how they combine): the total latency, and the
// rule that answers or fails it (nil for none), consuming one hit of each rule that fires.
func (s *Server) matchFault(r *http.Request) (latency time.Duration, answer *Fault) {
	path := strings.ToLower(r.URL.Path)
	client := entra.ClientOf(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.nowLocked()
	var fired []*FaultRule
	var probabilistic []*FaultRule
	var always *FaultRule
	for _, f := range s.faults {
		if f.Method != "" && !strings.EqualFold(f.Method, r.Method) ||
			f.PathPattern != "" && (f.re == nil || !f.re.MatchString(path)) ||
			f.ClientID != "" && !strings.EqualFold(f.ClientID, client) ||
			!f.Until.IsZero() && !now.Before(f.Until) {
			continue
		}
		switch {
		case f.Status == 0 && !f.AsyncFail:
			if f.Probability <= 0 || s.rng.Float64() < f.Probability {
				fired = append(fired, f)
				latency += time.Duration(f.LatencyMS) * time.Millisecond
			}
		case f.Probability <= 0:
			if always == nil {
				always = f
			}
		default:
			probabilistic = append(probabilistic, f)
		}
	}
	chosen := always
	if chosen == nil && len(probabilistic) > 0 {
		u, edge := s.rng.Float64(), 0.0
		for _, f := range probabilistic {
			if edge += f.Probability; u < edge {
				chosen = f
				break
			}
		}
	}
	if chosen != nil {
		fired = append(fired, chosen)
		latency += time.Duration(chosen.LatencyMS) * time.Millisecond
		out := chosen.Fault
		answer = &out
	}
	for _, f := range fired {
		f.Hits++
		if f.Count > 0 && f.Hits >= f.Count {
			s.dropFaultLocked(f)
		}
	}
	return latency, answer
}

func (s *Server) dropFaultLocked(rule *FaultRule) {
	for i, f := range s.faults {
		if f == rule {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			return
		}
	}
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
