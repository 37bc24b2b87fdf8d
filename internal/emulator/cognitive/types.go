package cognitive

import (
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

// lroPattern is how a long-running write reports progress.
type lroPattern int

const (
	// patternLocation is final-state-via location: Location + Retry-After, poll until not 202.
	patternLocation lroPattern = iota
	// patternAsyncOperation is final-state-via azure-async-operation: Azure-AsyncOperation status monitor.
	patternAsyncOperation
)

// resourceType describes one ARM resource type; adding a child type is one entry plus its hooks.
type resourceType struct {
	collection string // URL collection segment, lower-case ("accounts", "projects", "deployments")
	armType    string
	parent     *resourceType
	tracked    bool       // carries location
	putPattern lroPattern // LRO pattern of PUT; PATCH and DELETE always use Location
	patchBody  bool       // whether the 202 answer to PATCH carries the resource
	patchKeys  []string   // top-level keys a PATCH may change; nil means all
	// prepare validates the desired document of a PUT or PATCH and normalises it in place.
	prepare func(c *call, w *write) *arm.Error
	// created runs once a new resource is stored (server-assigned fields).
	created func(c *call, r *resource)
	// committed runs after a PUT (create, restore or replace) or PATCH has been accepted and stored.
	committed func(c *call, w *write, r *resource)
	// decorate adds computed read-only fields to a rendered resource.
	decorate func(s *Service, r *resource, out map[string]any)
	// deletable may refuse a DELETE before it starts.
	deletable func(c *call, r *resource) *arm.Error
	// removed runs when a DELETE completes; it must take the resource out of the live store.
	removed func(s *Service, r *resource, now time.Time)
	// actions are POST operations on one resource, by lower-case name.
	actions map[string]func(c *call, r *resource) *arm.Error
	// views are GET-only sub-collections of one resource (e.g. accounts/{a}/models), by lower-case name.
	views map[string]func(c *call, r *resource) *arm.Error
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

var (
	accountType    *resourceType
	childTypes     = map[string]*resourceType{}
	readOnlyFields = []string{"id", "name", "type", "etag", "systemData"}
)

func registerChild(t *resourceType) { childTypes[t.collection] = t }

// groupRoutes claim paths below an account before the childTypes lookup (e.g. connections at account and project
// scope, connections.go); a route returns handled=false to pass.
var groupRoutes []func(c *call, sub *arm.Subscription, g arm.Group, acc *resource, segs, ls []string) (handled bool, e *arm.Error)

func init() {
	accountType = newAccountType()
	registerChild(newProjectType())
	registerChild(newDeploymentType())
	registerChild(newCapabilityHostType())
	initConnectionTypes() // connections.go
	// capabilityhosts.go: project-scope capability hosts
	initProjectCapabilityHostType()
}
