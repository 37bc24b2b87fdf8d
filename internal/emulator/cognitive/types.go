package cognitive

import (
	"time"

	"github.com/google/uuid"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// lroPattern is how a long-running write reports progress.
type lroPattern int

const (
	// patternLocation is final-state-via location: Location + Retry-After, poll until not 202.
	patternLocation lroPattern = iota
	// patternAsyncOperation is final-state-via azure-async-operation: Azure-AsyncOperation status monitor.
	patternAsyncOperation
)

// kind names a resource type; resources are compared by kind, not by type value.
type kind int

const (
	kindAny kind = iota // children of any kind
	kindAccount
	kindProject
	kindDeployment
	kindAccountCapabilityHost
	kindProjectCapabilityHost
	kindAccountConnection
	kindProjectConnection
)

// ARM types.
const (
	armTypeAccount               = providerNamespace + "/accounts"
	armTypeProject               = providerNamespace + "/accounts/projects"
	armTypeDeployment            = providerNamespace + "/accounts/deployments"
	armTypeAccountCapabilityHost = providerNamespace + "/accounts/capabilityHosts"
	armTypeProjectCapabilityHost = providerNamespace + "/accounts/projects/capabilityHosts"
	armTypeAccountConnection     = providerNamespace + "/accounts/connections"
	armTypeProjectConnection     = providerNamespace + "/accounts/projects/connections"
)

// resourceType describes one ARM resource type: how the write engine treats it, its own rules and its hooks.
type resourceType struct {
	kind       kind
	collection string // URL collection segment, lower-case ("accounts", "projects", "deployments")
	armType    string
	parent     *resourceType
	putPattern lroPattern // LRO pattern of PUT; PATCH and DELETE always use Location
	patchBody  bool       // whether the 202 answer to PATCH carries the resource
	patchKeys  []string   // top-level keys a PATCH may change; nil means all

	// prepare validates the desired document of a PUT or PATCH and normalises it in place: the type's own rules.
	prepare func(c *call, w *write) *arm.Error
	// rules run after prepare, in order, unless the write restores a soft-deleted account.
	rules []func(c *call, w *write) *arm.Error
	// created runs once a new resource is stored (server-assigned fields).
	created func(c *call, r *resource)
	// committed run after a PUT (create, restore or replace) or PATCH has been accepted and stored.
	committed []func(c *call, w *write, r *resource)
	// decorate add computed read-only fields to a rendered resource, in order.
	decorate []func(s *Service, r *resource, out map[string]any)
	// deletable may refuse a DELETE before it starts; the first refusal wins.
	deletable []func(c *call, r *resource) *arm.Error
	// removed runs when a DELETE completes (or a resource is deleted out of band); it must take the resource out of
	// the live store.
	removed func(s *Service, r *resource, now time.Time)
	// purged run when a soft-deleted resource is purged (by request, expiry or out of band).
	purged []func(s *Service, r *resource, now time.Time)
	// serveWrite, when set, answers PUT, PATCH and DELETE itself (it may hand over to c.put / c.delete),
	// e.g. capability hosts (capabilityhosts.go).
	serveWrite func(c *call, w *write) *arm.Error
}

// write is a PUT or PATCH being validated.
type write struct {
	method   string
	typ      *resourceType
	sub      *arm.Subscription
	group    arm.Group
	id       string
	names    []string
	existing *resource
	parent   *resource
	body     map[string]any // request body as sent
	doc      map[string]any // desired document (PUT: body; PATCH: merged), read-only fields removed
	restore  *resource      // a soft-deleted account to bring back (accounts only)
}

// types are the resource types of the provider.
type types struct {
	account, project, deployment                 *resourceType
	accountCapabilityHost, projectCapabilityHost *resourceType
	accountConnection, projectConnection         *resourceType
}

// newTypes builds the resource types, each with its rules and hooks. Connections bypass the write engine (they are
// synchronous, connections.go); capability hosts take over their writes (capabilityhosts.go).
func newTypes() types {
	removeOnly := func(s *Service, r *resource, _ time.Time) { delete(s.st.resources, lower(r.id)) }
	account := &resourceType{
		kind: kindAccount, collection: "accounts", armType: armTypeAccount,
		putPattern: patternLocation, patchBody: true,
		prepare: prepareAccount,
		rules: []func(c *call, w *write) *arm.Error{
			checkEncryption,        // customer-managed keys (cmk.go)
			checkNetworkInjections, // agent network injection (injection.go)
		},
		created: func(_ *call, r *resource) {
			r.internalID = wire.RandomHex(16)
			r.principalID = uuid.NewString()
			r.keys = [2]string{wire.RandomHex(16), wire.RandomHex(16)}
		},
		committed: []func(c *call, w *write, r *resource){commitNetworkInjections},
		decorate:  []func(s *Service, r *resource, out map[string]any){decorateAccount, decorateEncryption},
		deletable: []func(c *call, r *resource) *arm.Error{checkAccountCapabilityHostsDelete},
		removed:   softDeleteAccount,
		purged:    []func(s *Service, r *resource, now time.Time){releaseLinksOnPurge},
	}
	project := &resourceType{
		kind: kindProject, collection: "projects", armType: armTypeProject, parent: account,
		putPattern: patternLocation, patchBody: true,
		prepare: prepareProject,
		created: func(_ *call, r *resource) {
			r.internalID = wire.RandomHex(16)
			r.principalID = uuid.NewString()
		},
		decorate:  []func(s *Service, r *resource, out map[string]any){decorateProject},
		deletable: []func(c *call, r *resource) *arm.Error{checkProjectCapabilityHostDelete, checkDefaultProjectDelete},
		removed:   removeProject,
	}
	return types{
		account: account,
		project: project,
		deployment: &resourceType{
			kind: kindDeployment, collection: "deployments", armType: armTypeDeployment, parent: account,
			putPattern: patternAsyncOperation, patchKeys: []string{"tags", "sku"},
			prepare: prepareDeployment, // no rules beyond the catalog, quota and reference checks yet
			removed: removeOnly,
		},
		accountCapabilityHost: &resourceType{
			kind: kindAccountCapabilityHost, collection: "capabilityhosts", armType: armTypeAccountCapabilityHost, parent: account,
			putPattern: patternAsyncOperation,
			prepare:    prepareCapabilityHost,
			decorate:   []func(s *Service, r *resource, out map[string]any){decorateCapabilityHost},
			serveWrite: serveCapabilityHostWrite,
			removed:    removeCapabilityHost,
		},
		projectCapabilityHost: &resourceType{
			kind: kindProjectCapabilityHost, collection: "capabilityhosts", armType: armTypeProjectCapabilityHost, parent: project,
			putPattern: patternAsyncOperation,
			prepare:    prepareCapabilityHost,
			decorate:   []func(s *Service, r *resource, out map[string]any){decorateCapabilityHost},
			serveWrite: serveCapabilityHostWrite,
			removed:    removeOnly,
		},
		accountConnection: &resourceType{
			kind: kindAccountConnection, collection: "connections", armType: armTypeAccountConnection, parent: account,
			decorate: []func(s *Service, r *resource, out map[string]any){decorateConnection},
			removed:  removeOnly,
		},
		projectConnection: &resourceType{
			kind: kindProjectConnection, collection: "connections", armType: armTypeProjectConnection, parent: project,
			decorate: []func(s *Service, r *resource, out map[string]any){decorateConnection},
			removed:  removeOnly,
		},
	}
}

// readOnlyFields are the top-level fields a client may send but never sets.
func readOnlyFields() []string { return []string{"id", "name", "type", "etag", "systemData"} }
