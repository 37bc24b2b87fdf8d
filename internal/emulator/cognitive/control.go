package cognitive

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

// What the control API and the Go API do to the provider (the emulator holds the state lock).

// DeleteOutOfBand simulates a deletion made by someone else: an account is soft-deleted (or purged),
// a child resource removed; a soft-deleted account ID is purged.
func (s *Service) DeleteOutOfBand(armID string, purge bool, now time.Time) error {
	key := lower(strings.TrimRight(armID, "/"))
	if r := s.st.resources[key]; r != nil {
		r.typ.removed(s, r, now)
		if r.typ.kind == kindAccount && purge {
			s.purgeDeletedLocked(lower(r.deletedID), now)
		}
		return nil
	}
	if _, ok := s.st.deleted[key]; ok {
		s.purgeDeletedLocked(key, now)
		return nil
	}
	return fmt.Errorf("resource %q not found", armID)
}

// Dump is the provider's part of GET /_emulator/state: resources, soft-deleted accounts and operations.
func (s *Service) Dump() map[string]any {
	var live, deleted []*resource
	for _, r := range s.st.resources {
		live = append(live, r)
	}
	for _, r := range s.st.deleted {
		deleted = append(deleted, r)
	}
	sortBySeq(live)
	sortBySeq(deleted)
	render := func(rs []*resource) []map[string]any {
		out := []map[string]any{}
		for _, r := range rs {
			out = append(out, s.render(r))
		}
		return out
	}
	sorted := make([]*operation, 0, len(s.st.ops))
	for _, op := range s.st.ops {
		sorted = append(sorted, op)
	}
	sort.Slice(sorted, func(i, j int) bool { // oldest first, then by ID: the same state dumps the same
		if !sorted[i].start.Equal(sorted[j].start) {
			return sorted[i].start.Before(sorted[j].start)
		}
		return sorted[i].id < sorted[j].id
	})
	ops := []map[string]any{}
	for _, op := range sorted {
		o := map[string]any{"id": op.id, "status": op.status, "resourceId": op.res.id, "startTime": op.start.Format(arm.TimeFormat)}
		if op.failCode != "" {
			o["error"] = map[string]any{"code": op.failCode, "message": op.failMsg}
		}
		ops = append(ops, o)
	}
	return map[string]any{"resources": render(live), "deletedAccounts": render(deleted), "operations": ops}
}

// SetWriteHold keeps an account busy for d after every write to it or to one of its children completes; 0 turns
// it off and ends the holds already running.
func (s *Service) SetWriteHold(d time.Duration) {
	s.writeHold = max(d, 0)
	if s.writeHold == 0 {
		clear(s.st.holds)
	}
}

// WriteHold is the current write hold.
func (s *Service) WriteHold() time.Duration { return s.writeHold }

// EnforcesCapabilityHostRBAC reports the setting of SetEnforceCapabilityHostRBAC.
func (s *Service) EnforcesCapabilityHostRBAC() bool { return !s.capHostRBACOff }
