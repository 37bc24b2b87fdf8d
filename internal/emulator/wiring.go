package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/authorization"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/cognitive"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/dataplane"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/neighbours"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/specvalidate"
)

// route answers the requests whose (lower-cased) path it matches.
type route struct {
	matches func(path string) bool
	serve   http.HandlerFunc
}

// wire builds the wings of one server and the table that says which wing answers which request. Every request
// first passes serveHTTP (the control API for loopback clients; otherwise the request log and the fault rules),
// then the first route of s.routes whose path matches. Arrows between wings: a wing given another wing uses it;
// a hook (func field) is a question a wing asks one it must not import.
func (s *Server) wire() error {
	var err error
	s.subs = subscriptionsOf(s.seed)

	// Entra ID issues the tokens every other wing checks.
	s.dir, err = entra.New(entra.Config{URL: s.url, TenantID: s.seed.TenantID, Clients: s.seed.Clients, Permissive: s.opts.Permissive, Now: s.now})
	if err != nil {
		return err
	}
	// Neighbouring resources: key vaults, subnets, identities, storage, Cosmos DB, search.
	if s.nb, err = neighbours.New(s.seed.neighbours(), time.Now().UTC()); err != nil {
		return fmt.Errorf("invalid seed: %w", err)
	}
	s.nb.LinkReleaseDelay = max(s.opts.LinkReleaseDelay, 0)
	// Microsoft.Authorization asks the other wings about resources and managed identities through hooks.
	s.authz = authorization.New(authorization.Config{
		TenantID: s.seed.TenantID, Subscriptions: s.subs, SubscriptionIDs: s.seed.subscriptionIDs(), Clients: s.seed.Clients,
		GrantSeededClients: s.opts.GrantSeededClientsFoundryUser || s.seed.GrantSeededClientsFoundryUser,
		// Role assignments go with the account or project they are on.
		MissingResource: func(scope string) (string, string, bool) { return s.cs.MissingResource(scope) },
		Principals: []func(string) (time.Time, bool){ // managed identities: user-assigned ones, then accounts' and projects'
			func(id string) (time.Time, bool) { return time.Time{}, s.nb.HasIdentityPrincipal(id) },
			func(id string) (time.Time, bool) { return s.cs.PrincipalCreated(id) },
		},
	})
	s.authz.PropagationDelay = max(s.opts.RBACPropagationDelay, 0)
	s.authz.ReplicationDelay = max(s.opts.PrincipalReplicationDelay, 0)
	// Microsoft.CognitiveServices consults the neighbours (CMK, injection, capability host dependencies) and the
	// role assignments (capability host RBAC). Its own type and route tables: cognitive/types.go, routes.go.
	s.cs = cognitive.New(cognitive.Config{URL: s.url, TenantID: s.seed.TenantID, Permissive: s.opts.Permissive,
		Neighbours: s.nb, Authorization: s.authz, WriteHold: s.opts.WriteHold,
		EnforceCapabilityHostRBAC: s.opts.EnforceCapabilityHostRBAC == nil || *s.opts.EnforceCapabilityHostRBAC,
		Validate:                  specificationCheck(specvalidate.Default())}) // the 2026-09-01 specification (specification.go)
	// The project data plane asks for projects, deployments and role checks through hooks.
	s.plane = dataplane.New(dataplane.Config{
		Authenticate:  s.dir.Authenticate,
		Locked:        s.locked,
		Now:           s.nowLocked,
		Project:       s.cs.DataPlaneProject,
		HasDataAction: s.authz.HasDataAction,
		Permissive:    s.opts.Permissive,
	})

	// ARM's front door: after the api-version, subscription and resource group checks, the namespace picks the
	// provider.
	s.router = &arm.Router{TenantID: s.seed.TenantID, Subscriptions: s.subs, Namespaces: append([]arm.Namespace{
		s.cs.Namespace(), // Microsoft.CognitiveServices: accounts and their children
	}, s.nb.Namespaces()...)} // Microsoft.ManagedIdentity, .KeyVault, .Network, .Storage, .DocumentDB, .Search

	s.routes = []route{
		// Microsoft.Authorization at any scope (subscription, resource group, resource).
		{matches: func(p string) bool { return strings.Contains(p, "/providers/microsoft.authorization/") }, serve: s.armEntry(s.authz.Serve)},
		// The rest of ARM: /subscriptions/...
		{matches: func(p string) bool { return strings.HasPrefix(p, "/subscriptions/") || p == "/subscriptions" }, serve: s.armEntry(s.router.Serve)},
		// The Foundry project data plane: /ai/{subdomain}/api/projects/{project}/...
		{matches: func(p string) bool { return strings.HasPrefix(p, "/ai/") }, serve: s.plane.ServeHTTP},
		// Entra ID: instance discovery, OpenID configuration, keys, token.
		{matches: s.dir.Serves, serve: s.dir.ServeHTTP},
	}
	s.control = s.controlRoutes()
	return nil
}

// controlRoutes is the /_emulator/ control API.
func (s *Server) controlRoutes() []controlRoute {
	return []controlRoute{
		{http.MethodGet, "faults", controlGet(func() any { return map[string]any{"value": s.listFaults()} })},
		{http.MethodPost, "faults", s.controlAddFault},
		{http.MethodDelete, "faults", controlDo(s.ClearFaults)},
		{http.MethodDelete, "faults/{id}", s.controlRemoveFault},
		{http.MethodPut, "config", s.controlSetConfig},
		{http.MethodPatch, "config", s.controlSetConfig},
		{http.MethodGet, "config", controlGet(func() any { return s.config() })},
		{http.MethodPut, "quota", s.controlSetQuota},
		{http.MethodGet, "quota", controlGet(func() any { return map[string]any{"value": s.quotaOverrides()} })},
		{http.MethodPost, "clock/advance", s.controlAdvanceClock},
		{http.MethodPost, "reset", controlDo(s.Reset)},
		// Identities: tokens for any client and audience; revoked tokens and access.
		{http.MethodPost, "token", s.controlToken},
		{http.MethodPost, "clients/revoke", s.controlRevoke},
		{http.MethodPost, "clients/restore", s.controlRestore},
		{http.MethodGet, "state", controlGet(func() any { return s.stateDump() })},
		{http.MethodGet, "requests", controlGet(func() any { return map[string]any{"value": s.Requests()} })},
		{http.MethodDelete, "requests", controlDo(s.ResetRequests)},
		{http.MethodPost, "delete-out-of-band", s.controlDeleteOutOfBand},
		{http.MethodGet, "ca.pem", s.controlCA},
		// Neighbouring resources.
		{http.MethodPost, "identities", controlAdd(s.AddUserAssignedIdentity)},
		{http.MethodPost, "keyvaults", controlAdd(s.AddKeyVault)},
		{http.MethodPost, "managedhsms", controlAdd(s.AddManagedHSM)},
		{http.MethodPost, "virtualnetworks", controlAdd(s.AddVirtualNetwork)},
		{http.MethodPost, "keys/rotate", s.controlRotateKey},
		{http.MethodPost, "keyvault/access", s.controlGrantKeyAccess},
		{http.MethodPost, "storageaccounts", controlAdd(s.AddStorageAccount)},
		{http.MethodPost, "cosmosdbaccounts", controlAdd(s.AddCosmosDBAccount)},
		{http.MethodPost, "searchservices", controlAdd(s.AddSearchService)},
		// Directory and role assignments.
		{http.MethodPost, "principals", s.controlAddPrincipal},
		{http.MethodPost, "role-assignments", s.controlAssignRole},
		{http.MethodGet, "role-assignments", controlGet(func() any {
			s.mu.Lock()
			defer s.mu.Unlock()
			return map[string]any{"value": s.authz.Dump()}
		})},
		// Connections.
		{http.MethodPost, "connections/credentials", s.controlConnectionCredentials},
	}
}

// armEntry answers an ARM request with serve: the token is checked, the state locked, due operations settled,
// and an error becomes the ARM envelope.
func (s *Server) armEntry(serve func(c *arm.Call) *arm.Error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, te := s.dir.Authenticate(r, arm.Audiences())
		if te != nil {
			arm.WriteAuthError(w, te, s.url+"/"+s.seed.TenantID)
			return
		}
		if s.dir.Denied(who.AppID) { // DenyAccess: the client's role assignments are gone
			arm.WriteError(w, arm.Errorf(http.StatusForbidden, entra.CodeAuthorizationFailed,
				"The client '%s' with object id '%s' does not have authorization to perform action '%s' over scope '%s' or the scope is invalid.",
				who.AppID, who.ObjectID, r.Method, r.URL.Path))
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		now := s.nowLocked()
		s.cs.Settle(now)
		c := &arm.Call{W: w, R: r, Now: now, Who: who, PageSize: s.pageSize, RetryAfter: s.retryAfter,
			Durations: s.durations, Failure: arm.FailureOf(r.Context())}
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

// locked runs fn with the state lock held, after due operations are settled.
func (s *Server) locked(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cs.Settle(s.nowLocked())
	fn()
}
