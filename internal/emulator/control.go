package emulator

import (
	"time"
)

// SetWriteHold keeps an account busy for d after every write to it or to one of its children completes,
// so that further writes get 409 RequestConflict even when operations finish at once; 0 turns it off
// and ends the holds already running.
func (s *Server) SetWriteHold(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cs.SetWriteHold(d)
}

// SetRetryAfter sets the Retry-After seconds on LRO responses; 0 sends "0".
func (s *Server) SetRetryAfter(seconds int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.retryAfter = max(seconds, 0)
}

// SetPageSize sets the page size of list responses (default 100).
func (s *Server) SetPageSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= 0 {
		n = defaultPageSize
	}
	s.pageSize = n
}

// AdvanceClock moves the emulator clock forward, finishing due operations and purging expired soft-deleted accounts.
func (s *Server) AdvanceClock(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clockOffset += d
	s.cs.Settle(s.nowLocked())
}

// Requests returns the request log, oldest first.
func (s *Server) Requests() []RequestRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]RequestRecord(nil), s.requests...)
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// Reset drops all resources, operations and faults, returning to the seed.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cs.Reset()
	_ = s.nb.Reset(time.Now().UTC()) // the seed loaded at Start
	s.authz.Reset()
	s.plane.Reset()
	s.faults = nil
	s.dir.ResetRevocations()
}

// DeleteOutOfBand simulates a deletion made by someone else: an account is soft-deleted (or purged),
// a child resource removed; a soft-deleted account ID is purged.
func (s *Server) DeleteOutOfBand(armID string, purge bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.nowLocked()
	s.cs.Settle(now)
	return s.cs.DeleteOutOfBand(armID, purge, now)
}

func (s *Server) config() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return map[string]any{
		"asyncDurationMs": s.durations.Default.Milliseconds(), "durationsMs": durationsMS(s.durationsLocked()),
		"retryAfter": s.retryAfter, "pageSize": s.pageSize,
		"writeHoldMs": s.cs.WriteHold().Milliseconds(), "linkReleaseMs": s.nb.LinkReleaseDelay.Milliseconds(),
		"rbacPropagationMs": s.authz.PropagationDelay.Milliseconds(), "principalReplicationMs": s.authz.ReplicationDelay.Milliseconds(),
		"permissive": s.opts.Permissive, "now": s.nowLocked().Format(time.RFC3339Nano),
		"enforceCapabilityHostRbac": s.cs.EnforcesCapabilityHostRBAC(),
		"readLimit":                 s.readLimit, "throttled": s.throttled,
	}
}

// stateDump is the JSON view of every wing's state.
func (s *Server) stateDump() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.nowLocked()
	s.cs.Settle(now)
	subs := []map[string]any{}
	for _, sub := range s.seed.Subscriptions {
		subs = append(subs, map[string]any{"id": sub.ID, "displayName": sub.DisplayName, "resourceGroups": sub.ResourceGroups})
	}
	out := map[string]any{
		"now": now.Format(time.RFC3339Nano), "tenantId": s.seed.TenantID, "subscriptions": subs,
		"neighbours":      s.nb.Dump(now),
		"roleAssignments": s.authz.Dump(),
		"dataServices":    s.nb.DumpDataServices(),
	}
	for k, v := range s.cs.Dump() { // resources, deletedAccounts, operations
		out[k] = v
	}
	return out
}

// State is the JSON view of every wing's state (GET /_emulator/state): resources, soft-deleted accounts, operations,
// role assignments, the neighbours and the data services.
func (s *Server) State() map[string]any { return s.stateDump() }
