package emulator

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
)

// ReadLimit is ARM's throttling of reads: a token bucket per subscription and principal (the caller's client ID)
// holding Capacity reads, refilled at RefillPerSecond; a read that finds it empty is answered 429
// SubscriptionRequestsThrottled with Retry-After (the seconds until a token is back). Azure's documented figures
// for Azure Resource Manager are about 250 reads refilled at 25 per second (DefaultReadLimit). The zero ReadLimit is
// off (the default: tests opt in).
type ReadLimit struct {
	Capacity        int     `json:"capacity"`
	RefillPerSecond float64 `json:"refillPerSecond"`
}

// DefaultReadLimit is ARM's read bucket per subscription and principal.
func DefaultReadLimit() ReadLimit { return ReadLimit{Capacity: 250, RefillPerSecond: 25} }

func (l ReadLimit) on() bool { return l.Capacity > 0 && l.RefillPerSecond > 0 }

// bucket is one subscription's and principal's reads left, as of last.
type bucket struct {
	tokens float64
	last   time.Time
}

// SetReadLimit turns ARM's read limit on (or off with the zero ReadLimit); the buckets start full.
func (s *Server) SetReadLimit(l ReadLimit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.readLimit = l
	s.buckets = map[string]*bucket{}
}

// Throttled returns how many requests the read limit has answered 429 since the start (or the last SetReadLimit).
func (s *Server) Throttled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttled
}

// throttle takes a token for an ARM read (GET or HEAD under /subscriptions/) of the caller's subscription when the read
// limit is on; when none is left it answers 429 and returns true. Wall-clock time refills the bucket: the limit is
// about the client's pace, not the emulator clock.
func (s *Server) throttle(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	parts := strings.SplitN(strings.TrimPrefix(r.URL.Path, "/"), "/", 3)
	if len(parts) < 2 || !strings.EqualFold(parts[0], "subscriptions") {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.readLimit
	if !l.on() {
		return false
	}
	key := strings.ToLower(parts[1]) + "|" + entra.ClientOf(r)
	now := time.Now()
	b := s.buckets[key]
	if b == nil {
		b = &bucket{tokens: float64(l.Capacity), last: now}
		s.buckets[key] = b
	}
	b.tokens = math.Min(float64(l.Capacity), b.tokens+now.Sub(b.last).Seconds()*l.RefillPerSecond)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		w.Header().Set("x-ms-ratelimit-remaining-subscription-reads", strconv.Itoa(int(b.tokens)))
		return false
	}
	s.throttled++
	wait := int(math.Ceil((1 - b.tokens) / l.RefillPerSecond))
	w.Header().Set("Retry-After", strconv.Itoa(max(wait, 1)))
	w.Header().Set("x-ms-ratelimit-remaining-subscription-reads", "0")
	arm.WriteError(w, arm.Errorf(http.StatusTooManyRequests, "SubscriptionRequestsThrottled",
		"Number of 'read' requests for subscription '%s' actor '%s' exceeded. Please try again after '%d' seconds after the "+
			"last request.", parts[1], entra.ClientOf(r), max(wait, 1)))
	return true
}
