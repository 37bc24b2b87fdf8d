package emulator

import (
	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

// armEntry answers an ARM request with serve: the token is checked, the state locked, due operations settled,
// and an error becomes the ARM envelope.
func (s *Server) armEntry(serve func(c *arm.Call) *arm.Error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, te := s.dir.Authenticate(r, arm.Audiences())
		if te != nil {
			arm.WriteAuthError(w, te, s.url+"/"+s.seed.TenantID)
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		now := s.nowLocked()
		s.cs.Settle(now)
		c := &arm.Call{W: w, R: r, Now: now, Who: who, PageSize: s.pageSize, RetryAfter: s.retryAfter,
			AsyncDuration: s.asyncDuration, Failure: arm.FailureOf(r.Context())}
		if e := serve(c); e != nil {
			arm.WriteError(w, e)
		}
	}
}

// subscriptionsOf indexes the seeded subscriptions and their resource groups.
func subscriptionsOf(seed *Seed) arm.Subscriptions {
	subs := arm.Subscriptions{}
	for _, s := range seed.Subscriptions {
		sub := &arm.Subscription{ID: s.ID, DisplayName: s.DisplayName, Groups: map[string]arm.Group{}}
		for _, g := range s.ResourceGroups {
			sub.Groups[strings.ToLower(g.Name)] = arm.Group{Name: g.Name, Location: g.Location}
		}
		subs[strings.ToLower(s.ID)] = sub
	}
	return subs
}
