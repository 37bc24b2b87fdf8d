package cognitive

import (
	"time"

	"github.com/google/uuid"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// answer is the headers a long-running write's first response carries, as the specification declares them for the
// operation and status (specvalidate's Responses; TestResponsesAreDeclared walks them). A response without a monitor
// header leaves the client to GET the resource until its provisioningState is terminal (azcore's body poller).
type answer struct {
	monitor    string // "", "Location" (operationResults) or "Azure-AsyncOperation" (operationStatuses)
	retryAfter bool   // Retry-After
	timeout    bool   // x-ms-async-operation-timeout
}

// Response headers of the writes, by the specification's declarations (2026-09-01).
var (
	answerRetryAfter     = answer{retryAfter: true}                                  // Accounts_Create, Projects_Create 201
	answerLocation       = answer{monitor: "Location", retryAfter: true}             // 202 of PATCH and DELETE, purge
	answerLocationOnly   = answer{monitor: "Location"}                               // Projects_Update 202
	answerAsyncOperation = answer{monitor: "Azure-AsyncOperation", retryAfter: true} // Deployments_CreateOrUpdate 201
	answerHostCreated    = answer{monitor: "Azure-AsyncOperation", timeout: true}    // capability host PUT 201
	answerHostDeleting   = answer{monitor: "Location", timeout: true}                // capability host DELETE 202
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
	kindRAIPolicy
	kindRAIBlocklist
	kindRAIBlocklistItem
	kindManagedNetwork
	kindOutboundRule
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
	armTypeRAIPolicy             = providerNamespace + "/accounts/raiPolicies"
	armTypeRAIBlocklist          = providerNamespace + "/accounts/raiBlocklists"
	armTypeRAIBlocklistItem      = providerNamespace + "/accounts/raiBlocklists/raiBlocklistItems"
)

// resourceType describes one ARM resource type: how the write engine treats it, its own rules and its hooks.
type resourceType struct {
	kind       kind
	collection string // URL collection segment, lower-case ("accounts", "projects", "deployments")
	armType    string
	parent     *resourceType
	// The headers of the 201 to a PUT that creates, the 202 to a PATCH and the 202 to a DELETE; a PUT that replaces
	// answers 200 without headers (no operation declares any on 200).
	onCreate, onPatch, onDelete answer
	patchBody                   bool     // whether the 202 answer to PATCH carries the resource
	patchKeys                   []string // top-level keys a PATCH may change; nil means all
	// operation names the type's operations for their durations ("accounts" → "accounts/create", …/update, …/delete).
	operation string

	// prepare validates the desired document of a PUT or PATCH and normalises it in place: the type's own rules.
	prepare rule
	// rules run after prepare, in order, unless the write restores a soft-deleted account.
	rules []rule
	// created runs once a new resource is stored (server-assigned fields).
	created func(c *call, r *resource)
	// committed run after a PUT (create, restore or replace) or PATCH has been accepted and stored.
	committed []func(c *call, w *write, r *resource)
	// decorate add computed read-only fields to a rendered resource, in order.
	decorate []decorator
	// deletable may refuse a DELETE before it starts; the first refusal wins.
	deletable []func(c *call, r *resource) *arm.Error
	// removed runs when a DELETE completes (or a resource is deleted out of band); it must take the resource out of
	// the live store.
	removed lifecycleHook
	// purged run when a soft-deleted resource is purged (by request, expiry or out of band).
	purged []lifecycleHook
	// serveWrite, when set, answers PUT, PATCH and DELETE itself (it may hand over to c.put / c.delete),
	// e.g. capability hosts (capabilityhosts.go).
	serveWrite func(c *call, w *write) *arm.Error
}

// rule checks (and may normalise) the desired document of a write.
type rule func(c *call, w *write) *arm.Error

// decorator adds computed read-only fields to a rendered resource.
type decorator func(s *Service, r *resource, out map[string]any)

// lifecycleHook runs when a resource leaves the live store or is purged.
type lifecycleHook func(s *Service, r *resource, now time.Time)

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
	raiPolicy, raiBlocklist, raiBlocklistItem    *resourceType
	managedNetwork, outboundRule                 *resourceType
}

// newTypes builds the resource types, each with its rules and hooks. Connections and the RAI types bypass the write
// engine for their synchronous PUTs (connections.go, rai.go, rai_blocklists.go); capability hosts take over their
// writes (capabilityhosts.go); managed networks and their rules have routes of their own that use the engine's
// operations (managednetworks*.go, outboundrules*.go).
func newTypes() types {
	account := &resourceType{
		kind: kindAccount, collection: "accounts", armType: armTypeAccount, operation: "accounts",
		onCreate: answerRetryAfter, onPatch: answerLocation, onDelete: answerLocation, patchBody: true,
		prepare: prepareAccount,
		rules: []rule{
			checkEncryption,        // customer-managed keys (cmk.go)
			checkNetworkInjections, // agent network injection (injection.go)
		},
		created: func(_ *call, r *resource) {
			r.internalID = wire.RandomHex(16)
			r.principalID = uuid.NewString()
			r.keys = [2]string{wire.RandomHex(16), wire.RandomHex(16)}
		},
		committed: []func(c *call, w *write, r *resource){commitNetworkInjections},
		decorate:  []decorator{decorateAccount, decorateEncryption},
		deletable: []func(c *call, r *resource) *arm.Error{checkAccountCapabilityHostsDelete},
		removed:   softDeleteAccount,
		purged:    []lifecycleHook{releaseLinksOnPurge},
	}
	project := &resourceType{
		kind: kindProject, collection: "projects", armType: armTypeProject, parent: account, operation: "projects",
		onCreate: answerRetryAfter, onPatch: answerLocationOnly, onDelete: answerLocation, patchBody: true,
		prepare: prepareProject,
		created: func(_ *call, r *resource) {
			r.internalID = wire.RandomHex(16)
			r.principalID = uuid.NewString()
		},
		decorate:  []decorator{decorateProject},
		deletable: []func(c *call, r *resource) *arm.Error{checkProjectCapabilityHostDelete, checkDefaultProjectDelete},
		removed:   removeProject,
	}
	raiBlocklist := raiBlocklistType(account)
	managedNetwork := managedNetworkType(account) // managednetworks.go, outboundrules.go
	return types{
		account: account,
		project: project,
		deployment: &resourceType{
			kind: kindDeployment, collection: "deployments", armType: armTypeDeployment, parent: account, operation: "deployments",
			onCreate: answerAsyncOperation, onPatch: answerLocation, onDelete: answerLocation, patchKeys: []string{"tags", "sku"},
			prepare: prepareDeployment,                // the catalog, quota and reference checks
			rules:   []rule{checkDeploymentRAIPolicy}, // the RAI policy exists (rai.go)
			removed: removeOnly,
		},
		accountCapabilityHost: capabilityHostType(kindAccountCapabilityHost, armTypeAccountCapabilityHost, account, removeCapabilityHost),
		projectCapabilityHost: capabilityHostType(kindProjectCapabilityHost, armTypeProjectCapabilityHost, project, removeOnly),
		accountConnection:     connectionType(kindAccountConnection, armTypeAccountConnection, account),
		projectConnection:     connectionType(kindProjectConnection, armTypeProjectConnection, project),
		raiPolicy:             raiPolicyType(account),
		raiBlocklist:          raiBlocklist,
		raiBlocklistItem:      raiBlocklistItemType(raiBlocklist),
		managedNetwork:        managedNetwork,
		outboundRule:          outboundRuleType(managedNetwork),
	}
}

// capabilityHostType is a capability host type of an account or project: its writes are its own (pattern C PUT,
// DELETE with both monitors), its document passes the engine.
func capabilityHostType(k kind, armType string, parent *resourceType, removed lifecycleHook) *resourceType {
	return &resourceType{
		kind: k, collection: "capabilityhosts", armType: armType, parent: parent, operation: "capabilityHosts",
		onCreate: answerHostCreated, onDelete: answerHostDeleting,
		prepare:    prepareCapabilityHost,
		decorate:   []decorator{decorateCapabilityHost},
		serveWrite: serveCapabilityHostWrite,
		removed:    removed,
	}
}

// connectionType is a connection type of an account or project (served synchronously by connections.go).
func connectionType(k kind, armType string, parent *resourceType) *resourceType {
	return &resourceType{
		kind: k, collection: "connections", armType: armType, parent: parent,
		decorate: []decorator{decorateConnection},
		removed:  removeOnly,
	}
}

// removeOnly takes a deleted resource out of the live store.
func removeOnly(s *Service, r *resource, _ time.Time) { delete(s.st.resources, lower(r.id)) }

// readOnlyFields are the top-level fields a client may send but never sets.
func readOnlyFields() []string { return []string{"id", "name", "type", "etag", "systemData"} }
