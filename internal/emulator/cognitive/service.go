// Package cognitive is the Microsoft.CognitiveServices resource provider of the emulator: accounts (with soft
// delete, customer-managed keys and network injection), projects, deployments (catalog and quota), connections,
// capability hosts, RAI policies and blocklists, managed networks and their outbound rules, with the write engine
// they share (one write at a time per account, long-running operations). Its rules consult the neighbouring resources
// and the role assignments; the other wings reach it through the methods of Service.
package cognitive

import (
	"slices"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/authorization"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/neighbours"
)

// providerNamespace is the resource provider this package serves.
const providerNamespace = "Microsoft.CognitiveServices"

// pinnedAPIVersion is the api-version accepted for Microsoft.CognitiveServices, and the one on the polling URLs the
// emulator hands out.
const pinnedAPIVersion = "2026-09-01"

// apiVersions lists the api-versions accepted for Microsoft.CognitiveServices, newest first.
func apiVersions() []string { return []string{pinnedAPIVersion} }

// Service is the resource provider: its settings, its state and the wings it consults. Its methods run with the
// emulator's state lock held.
type Service struct {
	url        string // the emulator's base URL (account and project endpoints)
	tenantID   string
	permissive bool
	nb         *neighbours.Store
	authz      *authorization.Store

	validate       Validator     // the specification check of every request, before any type's rules; nil = none
	writeHold      time.Duration // see SetWriteHold
	capHostRBACOff bool          // see SetEnforceCapabilityHostRBAC

	types     types   // the resource types with their rules and hooks (types.go)
	subRoutes []route // below /subscriptions/{s}/providers/Microsoft.CognitiveServices/ (routes.go)
	rgRoutes  []route // below …/resourceGroups/{g}/providers/Microsoft.CognitiveServices/ (routes.go)
	st        *state
}

// Config configures a Service.
type Config struct {
	URL           string // the emulator's base URL
	TenantID      string
	Permissive    bool                 // skips the capability host RBAC check
	Neighbours    *neighbours.Store    // key vaults (CMK), subnets (network injection), capability host dependencies
	Authorization *authorization.Store // the roles a project capability host needs
	WriteHold     time.Duration
	// EnforceCapabilityHostRBAC: a project capability host needs its project identity's roles on its dependencies.
	EnforceCapabilityHostRBAC bool
	// Validate, when set, checks every request against the API specification before any resource type's own rules
	// (wiring.go sets the 2026-09-01 specification check, specification.go; see Validator).
	Validate Validator
}

// New creates the provider with no resources.
func New(cfg Config) *Service {
	s := &Service{url: cfg.URL, tenantID: cfg.TenantID, permissive: cfg.Permissive, nb: cfg.Neighbours, authz: cfg.Authorization,
		writeHold: max(cfg.WriteHold, 0), capHostRBACOff: !cfg.EnforceCapabilityHostRBAC, validate: cfg.Validate, types: newTypes()}
	s.subRoutes, s.rgRoutes = s.subscriptionRoutes(), s.groupRoutes()
	s.Reset()
	return s
}

// Reset drops every resource, soft-deleted account, operation, hold and quota override.
func (s *Service) Reset() { s.st = newState() }

// call carries one ARM request through the handlers; handlers run with the state lock held.
type call struct {
	*arm.Call
	s    *Service
	st   *state
	sub  *arm.Subscription
	g    arm.Group      // the resource group of group-scope requests
	segs []string       // the path below providers/Microsoft.CognitiveServices/, as sent
	sent map[string]any // the body of a PUT or PATCH as sent (read-only properties included), nil when unreadable
}

// Namespace is Microsoft.CognitiveServices for ARM's front door: it checks the api-version, then answers with the
// route tables (routes.go).
func (s *Service) Namespace() arm.Namespace {
	return arm.Namespace{
		Name: providerNamespace,
		ServeSubscription: func(ac *arm.Call, sub *arm.Subscription, segs, ls []string) *arm.Error {
			c := &call{Call: ac, s: s, st: s.st, sub: sub, segs: segs}
			if e := c.checkAPIVersion(""); e != nil {
				return e
			}
			return c.serve(s.subRoutes, subscriptionPrefix, c.unknownAtSubscription)
		},
		ServeGroup: func(ac *arm.Call, sub *arm.Subscription, g *arm.Group, rg string, segs, ls []string) *arm.Error {
			c := &call{Call: ac, s: s, st: s.st, sub: sub, segs: segs}
			loc := ""
			if g != nil {
				loc = g.Location
			}
			if e := c.checkAPIVersion(loc); e != nil {
				return e
			}
			if g == nil {
				return arm.ResourceGroupNotFound(rg)
			}
			c.g = *g
			return c.serve(s.rgRoutes, groupPrefix, c.unknownInGroup)
		},
		ResourceTypes: resourceTypes(),
	}
}

// resourceTypes are the types the provider GET lists, each offered in every region the emulator knows but "global".
func resourceTypes() []arm.ResourceType {
	var locations []string
	for _, r := range arm.RegionNames() {
		if r != "global" {
			locations = append(locations, r)
		}
	}
	var out []arm.ResourceType
	for _, t := range []string{"accounts", "accounts/projects", "accounts/deployments", "accounts/connections",
		"accounts/projects/connections", "accounts/capabilityHosts", "accounts/projects/capabilityHosts",
		"accounts/raiPolicies", "accounts/raiBlocklists", "accounts/raiBlocklists/raiBlocklistItems",
		"accounts/managedNetworks", "accounts/managedNetworks/outboundRules"} {
		out = append(out, arm.ResourceType{Name: t, Locations: locations})
	}
	return out
}

// checkAPIVersion rejects api-versions the provider does not register, like ARM's front door. The type ARM names is
// the path's type segments below the provider ("accounts/projects", "locations/models"), without the names.
func (c *call) checkAPIVersion(location string) *arm.Error {
	v := c.APIVersion()
	if slices.Contains(apiVersions(), v) {
		return nil
	}
	var typ []string
	for i := 0; i < len(c.segs); i += 2 {
		typ = append(typ, c.segs[i])
	}
	if len(typ) == 0 {
		typ = []string{"accounts"}
	}
	return arm.NoRegisteredProvider(location, v, strings.Join(typ, "/"), apiVersions())
}

// MissingResource tells whether a scope names an account or account child that does not exist (role assignments
// cannot be made there and go with it), with the type and name ARM reports for it.
func (s *Service) MissingResource(scope string) (typ, name string, missing bool) {
	id := cognitiveResourceOf(scope)
	if id == "" || s.st.resources[lower(id)] != nil {
		return "", "", false
	}
	rest := strings.Split(strings.Trim(id, "/"), "/")[6:]
	typ, name = providerNamespace+"/"+rest[0], rest[1]
	if len(rest) >= 4 {
		typ += "/" + rest[2]
		name += "/" + rest[3]
	}
	return typ, name, true
}

// PrincipalCreated tells the directory since when a managed identity (lower-case object ID) of a live account or
// project exists.
func (s *Service) PrincipalCreated(objectID string) (time.Time, bool) {
	var found bool
	var at time.Time
	for _, r := range s.st.resources {
		for _, p := range principalsOf(s.render(r)) {
			if lower(p) == objectID && (!found || r.createdAt.Before(at)) {
				at, found = r.createdAt, true
			}
		}
	}
	return at, found
}

// principalsOf collects managed identity principal IDs from a rendered resource: its system-assigned
// identity, the user-assigned identities it references, and properties.principalId of identity resources.
func principalsOf(doc map[string]any) []string {
	var out []string
	if id, ok := doc["identity"].(map[string]any); ok {
		if p, _ := id["principalId"].(string); p != "" {
			out = append(out, p)
		}
		if uai, ok := id["userAssignedIdentities"].(map[string]any); ok {
			for _, v := range uai {
				if m, ok := v.(map[string]any); ok {
					if p, _ := m["principalId"].(string); p != "" {
						out = append(out, p)
					}
				}
			}
		}
	}
	if t, _ := doc["type"].(string); strings.EqualFold(t, "Microsoft.ManagedIdentity/userAssignedIdentities") {
		if p, _ := propsOf(doc)["principalId"].(string); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cognitiveResourceOf returns the account or account child ID a scope names, or "" for other scopes.
func cognitiveResourceOf(scope string) string {
	segs := strings.Split(strings.Trim(scope, "/"), "/")
	for i := 0; i+1 < len(segs); i++ {
		if lower(segs[i]) == "providers" && lower(segs[i+1]) == lower(providerNamespace) {
			end := min(len(segs), i+6) // providers/ns/accounts/{a}/{type}/{name}
			if end-i < 4 {
				return ""
			}
			if (end-i)%2 == 1 {
				end--
			}
			return "/" + strings.Join(segs[:end], "/")
		}
	}
	return ""
}
