// Package emulator is a stateful local emulator of Entra ID, ARM for Microsoft.CognitiveServices and the Foundry project data plane.
package emulator

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/authorization"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/cognitive"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/dataplane"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/neighbours"
)

// defaultPageSize is the page size of ARM lists until SetPageSize.
const defaultPageSize = 100

// Options configure a Server.
type Options struct {
	Addr      string // listen address; default "127.0.0.1:0"
	PlainHTTP bool   // serve http instead of https (explicit opt-in only)
	CA        *CA    // optional: reuse a CA (tests share one per process); nil = generate
	Seed      *Seed  // nil = DefaultSeed()
	// AsyncDuration is how long every async operation stays InProgress; 0 = it completes at the next request. The
	// zero Options are the fast mode for Go tests; the foundry-emulator program defaults to AzureLikeDurations.
	AsyncDuration time.Duration
	// Durations set the duration of named operations (OpAccountCreate, …; AzureLikeDurations), overriding
	// AsyncDuration for those names.
	Durations  map[string]time.Duration
	RetryAfter int           // seconds in Retry-After on LRO responses; 0 = default 1; negative = send "0" (SetRetryAfter(0) also sends "0")
	WriteHold  time.Duration // keep an account busy (409 RequestConflict) this long after a write to it or a child completes; 0 = off
	Permissive bool          // accept any bearer token (documented escape hatch)
	// LinkReleaseDelay is how long a subnet keeps its service association link after the account is purged or its
	// capability host deleted (emulator clock); 0 = released at once.
	LinkReleaseDelay time.Duration
	// RBACPropagationDelay is how long a role assignment takes to become effective on the project data plane
	// (emulator clock, from its creation); 0 = at once. See SetRBACPropagationDelay.
	RBACPropagationDelay time.Duration
	// PrincipalReplicationDelay is how long a new managed identity stays unknown to role-assignment writes
	// without principalType (400 PrincipalNotFound); 0 = known at once. See SetPrincipalReplicationDelay.
	PrincipalReplicationDelay time.Duration
	// GrantSeededClientsFoundryUser gives every seeded client the Foundry User role on every seeded
	// subscription (effective at once), for users who only test modules; default false, as in Azure.
	GrantSeededClientsFoundryUser bool

	// EnforceCapabilityHostRBAC: a project capability host needs the project identity's roles on its Cosmos DB,
	// storage and search dependencies (cognitive/capabilityhosts_rbac.go); nil = true. See SetEnforceCapabilityHostRBAC.
	EnforceCapabilityHostRBAC *bool

	// FaultSeed makes the fault rules' probabilistic draws repeatable (SetFaultSeed); 0 = a random seed.
	FaultSeed uint64

	// ReadLimit enforces ARM's read throttling per subscription and principal (429 with Retry-After); the zero value
	// is off. See SetReadLimit and DefaultReadLimit.
	ReadLimit ReadLimit

	Log io.Writer // optional request log lines
}

// Server is a running emulator.
type Server struct {
	opts     Options
	ca       *CA
	ln       net.Listener
	hs       *http.Server
	url      string
	logMu    sync.Mutex
	closeMux sync.Once

	// The wings and the tables that route to them, built once by wire (wiring.go).
	subs    arm.Subscriptions
	dir     *entra.Directory     // Entra ID: tokens and their checks
	nb      *neighbours.Store    // neighbouring resources of other providers
	authz   *authorization.Store // Microsoft.Authorization: role assignments, directory principals
	cs      *cognitive.Service   // Microsoft.CognitiveServices: accounts and their children
	plane   *dataplane.Plane     // the Foundry project data plane
	router  *arm.Router          // ARM's front door for /subscriptions/...
	routes  []route              // who answers a request, by path
	control []controlRoute       // the /_emulator/ control API

	// mu guards everything below and the state of every wing; handlers run with it held.
	mu          sync.Mutex
	seed        *Seed
	clockOffset time.Duration
	durations   arm.Durations
	retryAfter  int
	pageSize    int
	faults      []*FaultRule
	rng         *rand.Rand // the fault rules' draws (FaultSeed)
	requests    []RequestRecord
	readLimit   ReadLimit
	buckets     map[string]*bucket // the read limit's buckets by subscription and principal
	throttled   int                // reads the read limit answered 429
}

// Start creates the emulator and starts listening immediately.
func Start(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	seed := opts.Seed
	if seed == nil {
		seed = DefaultSeed()
	}
	if err := seed.validate(); err != nil {
		return nil, fmt.Errorf("invalid seed: %w", err)
	}
	s := &Server{
		opts:       opts,
		seed:       seed.clone(),
		durations:  arm.Durations{Default: max(opts.AsyncDuration, 0), ByName: maps.Clone(opts.Durations)},
		retryAfter: opts.RetryAfter,
		pageSize:   defaultPageSize,
		rng:        newRNG(opts.FaultSeed),
		readLimit:  opts.ReadLimit,
		buckets:    map[string]*bucket{},
	}
	switch {
	case s.retryAfter == 0:
		s.retryAfter = 1
	case s.retryAfter < 0:
		s.retryAfter = 0
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", opts.Addr, err)
	}
	host, _, _ := net.SplitHostPort(ln.Addr().String())
	s.hs = &http.Server{Handler: http.HandlerFunc(s.serveHTTP), ReadHeaderTimeout: 30 * time.Second}
	if opts.PlainHTTP {
		s.url = "http://" + ln.Addr().String()
	} else {
		s.ca = opts.CA
		if s.ca == nil {
			if s.ca, err = NewCA(); err != nil {
				_ = ln.Close()
				return nil, err
			}
		}
		cert, err := s.ca.serverCertificate(host)
		if err != nil {
			_ = ln.Close()
			return nil, fmt.Errorf("issuing server certificate: %w", err)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
		s.url = "https://" + ln.Addr().String()
	}
	s.ln = ln
	if err := s.wire(); err != nil {
		_ = ln.Close()
		return nil, err
	}
	go func() { _ = s.hs.Serve(ln) }()
	return s, nil
}

// URL returns the base URL without a trailing slash, e.g. "https://127.0.0.1:PORT".
func (s *Server) URL() string { return s.url }

// CA returns the certificate authority that signed the TLS certificate (nil with PlainHTTP).
func (s *Server) CA() *CA { return s.ca }

// ARMAudience is the token audience the emulator's Resource Manager accepts (the public cloud's).
const ARMAudience = "https://management.core.windows.net/"

// ProviderEnv returns the environment variables that point the provider (or azurerm-style tooling) at this emulator
// as the first seeded client: subscription, tenant, client credentials, Resource Manager endpoint and audience, and
// the authority host. Trusting the emulator's certificate authority (SSL_CERT_FILE) is left to the caller, who
// chooses where the CA file goes.
func (s *Server) ProviderEnv() map[string]string {
	env := map[string]string{
		"ARM_TENANT_ID":                 s.seed.TenantID,
		"ARM_RESOURCE_MANAGER_ENDPOINT": s.url,
		"ARM_RESOURCE_MANAGER_AUDIENCE": ARMAudience,
		"ARM_AUTHORITY_HOST":            s.url + "/",
	}
	if len(s.seed.Subscriptions) > 0 {
		env["ARM_SUBSCRIPTION_ID"] = s.seed.Subscriptions[0].ID
	}
	if len(s.seed.Clients) > 0 {
		env["ARM_CLIENT_ID"], env["ARM_CLIENT_SECRET"] = s.seed.Clients[0].ClientID, s.seed.Clients[0].ClientSecret
	}
	return env
}

// TenantID returns the seeded tenant ID.
func (s *Server) TenantID() string { return s.seed.TenantID }

// Close stops the server.
func (s *Server) Close() error {
	var err error
	s.closeMux.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		err = s.hs.Shutdown(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			err = s.hs.Close()
		}
	})
	return err
}

// HTTPClient returns an HTTP client that trusts the emulator's CA.
func (s *Server) HTTPClient() *http.Client {
	tr := &http.Transport{Proxy: nil, ForceAttemptHTTP2: true, MaxIdleConnsPerHost: 16}
	if s.ca != nil {
		tr.TLSClientConfig = &tls.Config{RootCAs: s.ca.Pool(), MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr, Timeout: 60 * time.Second}
}

// now returns the emulator clock; the caller need not hold the lock.
func (s *Server) now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nowLocked()
}

func (s *Server) nowLocked() time.Time { return time.Now().UTC().Add(s.clockOffset) }

func (s *Server) logf(format string, args ...any) {
	if s.opts.Log == nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Log, format+"\n", args...)
}

// Token mints a valid token for the first seeded client (tests use it to call ARM directly).
func (s *Server) Token(audience string) (string, error) { return s.dir.Token(audience) }

// TokenFor mints a valid token of audience for the seeded client clientID ("" = the first one).
func (s *Server) TokenFor(clientID, audience string) (string, error) {
	return s.dir.TokenFor(clientID, audience)
}

// RevokeTokens invalidates every token issued so far to clientID (401 InvalidAuthenticationToken); new ones are valid.
func (s *Server) RevokeTokens(clientID string) error { return s.dir.RevokeTokens(clientID) }

// DenyAccess makes ARM answer clientID's requests with 403 AuthorizationFailed until RestoreAccess.
func (s *Server) DenyAccess(clientID string) error { return s.dir.DenyAccess(clientID) }

// IssuedTokens returns the access tokens the token endpoint issued (the last 1000), oldest first: tests look for
// them where they must never be (state, plans, logs).
func (s *Server) IssuedTokens() []string { return s.dir.Issued() }

// RestoreAccess ends DenyAccess.
func (s *Server) RestoreAccess(clientID string) { s.dir.RestoreAccess(clientID) }
