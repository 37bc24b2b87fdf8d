package emulator

import (
	"net/http"
	"slices"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

// providerNamespace is the resource provider the emulator serves in full.
const providerNamespace = "Microsoft.CognitiveServices"

// pinnedAPIVersion is the api-version accepted for Microsoft.CognitiveServices, and the one on the polling URLs the
// emulator hands out.
const pinnedAPIVersion = "2026-09-01"

// apiVersions lists the api-versions accepted for Microsoft.CognitiveServices, newest first.
func apiVersions() []string { return []string{pinnedAPIVersion} }

// call carries one ARM request through the handlers; handlers run with Server.mu held.
type call struct {
	*arm.Call
	s  *Server
	st *state
}

func (s *Server) newCall(ac *arm.Call) *call { return &call{Call: ac, s: s, st: s.st} }

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
		s.settleLocked(now)
		c := &arm.Call{W: w, R: r, Now: now, Who: who, PageSize: s.pageSize, RetryAfter: s.retryAfter,
			AsyncDuration: s.asyncDuration, Failure: arm.FailureOf(r.Context())}
		if e := serve(c); e != nil {
			arm.WriteError(w, e)
		}
	}
}

// cognitiveNamespace routes Microsoft.CognitiveServices: the subscription-scope routes (subscope.go) and the
// accounts with their children (engine.go).
func (s *Server) cognitiveNamespace() arm.Namespace {
	return arm.Namespace{
		Name: providerNamespace,
		ServeSubscription: func(ac *arm.Call, sub *arm.Subscription, segs, ls []string) *arm.Error {
			c := s.newCall(ac)
			if e := c.checkAPIVersion(append([]string{lower(providerNamespace)}, ls...), ""); e != nil {
				return e
			}
			return c.subscriptionScope(sub, segs, ls)
		},
		ServeGroup: func(ac *arm.Call, sub *arm.Subscription, g *arm.Group, rg string, segs, ls []string) *arm.Error {
			c := s.newCall(ac)
			loc := ""
			if g != nil {
				loc = g.Location
			}
			if e := c.checkAPIVersion(ls, loc); e != nil {
				return e
			}
			if g == nil {
				return arm.ResourceGroupNotFound(rg)
			}
			return c.groupScope(sub, *g, segs, ls)
		},
	}
}

// checkAPIVersion rejects api-versions the provider does not register, like ARM's front door.
func (c *call) checkAPIVersion(typePath []string, location string) *arm.Error {
	v := c.APIVersion()
	if slices.Contains(apiVersions(), v) {
		return nil
	}
	typ := "accounts"
	if len(typePath) > 0 {
		typ = typePath[0]
		if len(typePath) >= 3 {
			typ = typePath[0] + "/" + typePath[2]
		}
	}
	return arm.NoRegisteredProvider(location, v, typ, apiVersions())
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
