// Package authorization is Microsoft.Authorization in the emulator: the built-in role definitions, role
// assignments at any scope, the directory's principals (with replication delay) and the checks other wings make
// against them (data actions on the data plane, the roles a capability host needs), with propagation delay.
package authorization

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Store holds role assignments and the principals registered with AddPrincipal. Its methods run with the
// emulator's state lock held.
type Store struct {
	cfg Config

	// PropagationDelay is how long a role assignment takes to become effective (emulator clock, from its creation);
	// 0 = at once. ReplicationDelay is how long a new principal stays unknown to role-assignment writes without
	// principalType. Both survive Reset.
	PropagationDelay time.Duration
	ReplicationDelay time.Duration

	assignments map[string]*roleAssignment // by lower-case name (names are unique in the tenant)
	principals  map[string]time.Time       // lower-case object ID -> creation time
	seq         int64
}

// Config is the tenant the store serves and what it asks the other wings.
type Config struct {
	TenantID      string
	Subscriptions arm.Subscriptions
	// SubscriptionIDs are the seeded subscriptions in seed order (the seeded grants follow it).
	SubscriptionIDs []string
	// Clients are the seeded applications: known to the directory from the start; the first one makes AssignRole's
	// assignments.
	Clients []entra.Client
	// GrantSeededClients gives every seeded client Foundry User on every seeded subscription, effective at once.
	GrantSeededClients bool

	// MissingResource tells whether a scope names a resource of a provider that checks its resources (the
	// Microsoft.CognitiveServices accounts and their children) and that resource does not exist: role assignments
	// cannot be made there and go with it.
	MissingResource func(scope string) (typ, name string, missing bool)
	// Principals are the other sources of directory principals (managed identities): whether one knows an object ID
	// and since when.
	Principals []func(objectID string) (created time.Time, known bool)
}

// New creates the store with the seeded grants.
func New(cfg Config) *Store {
	a := &Store{cfg: cfg}
	a.Reset()
	return a
}

// Reset drops every assignment and registered principal and makes the seeded grants again.
func (a *Store) Reset() {
	a.assignments, a.principals, a.seq = map[string]*roleAssignment{}, map[string]time.Time{}, 0
	if !a.cfg.GrantSeededClients {
		return
	}
	for _, sub := range a.cfg.SubscriptionIDs {
		for _, c := range a.cfg.Clients {
			if c.ObjectID == "" {
				continue
			}
			ra := &roleAssignment{
				name:  wire.DerivedUUID("seed-grant:" + lower(sub) + ":" + lower(c.ObjectID)),
				scope: "/subscriptions/" + sub, roleID: RoleFoundryUser, principalID: c.ObjectID, principalType: "ServicePrincipal",
				seq: a.nextSeq(), seeded: true,
			}
			a.assignments[lower(ra.name)] = ra
		}
	}
}

func (a *Store) nextSeq() int64 {
	a.seq++
	return a.seq
}

// roleAssignment is one Microsoft.Authorization/roleAssignments resource.
type roleAssignment struct {
	name             string // GUID as sent
	scope            string // scope as sent, no trailing slash ("/" for the root)
	roleID           string // role definition GUID (lower-case)
	principalID      string
	principalType    string
	description      any
	condition        any
	conditionVersion any
	delegatedMI      any
	createdOn        time.Time
	updatedOn        time.Time
	createdBy        string
	updatedBy        string
	seq              int64
	seeded           bool // granted by GrantSeededClients: effective at once
}

func (ra *roleAssignment) id() string {
	return strings.TrimSuffix(ra.scope, "/") + "/providers/Microsoft.Authorization/roleAssignments/" + ra.name
}

// AddPrincipal registers a directory principal (e.g. a user or group) created at now.
func (a *Store) AddPrincipal(objectID string, now time.Time) {
	if _, ok := a.principals[lower(objectID)]; !ok {
		a.principals[lower(objectID)] = now
	}
}

// directoryPrincipal looks a principal up: whether the directory knows it and when it was created (zero for the
// seeded clients and user-assigned identities). Managed identities of live resources count from the resource's
// creation.
func (a *Store) directoryPrincipal(id string) (time.Time, bool) {
	id = lower(id)
	for _, c := range a.cfg.Clients {
		if c.ObjectID != "" && lower(c.ObjectID) == id {
			return time.Time{}, true
		}
	}
	var found bool
	var at time.Time
	note := func(t time.Time) {
		if !found || t.Before(at) {
			at = t
		}
		found = true
	}
	if t, ok := a.principals[id]; ok {
		note(t)
	}
	for _, known := range a.cfg.Principals {
		if t, ok := known(id); ok {
			note(t)
		}
	}
	return at, found
}

// AssignRole creates a role assignment as if made through ARM by the first seeded client, without the directory
// checks of the ARM route (any principal ID is accepted). role is a role definition GUID, a role definition ID or a
// built-in role name. It returns the assignment's ARM ID (the existing one's for a duplicate).
func (a *Store) AssignRole(scope, role, principalID string, now time.Time) (string, error) {
	def := findRole(role)
	if m := roleDefIDPattern.FindStringSubmatch(role); m != nil {
		def = findRole(m[2])
	}
	if def == nil {
		for _, r := range builtInRoles {
			if strings.EqualFold(r.name, role) {
				def = r
			}
		}
	}
	if def == nil {
		return "", fmt.Errorf("unknown role %q", role)
	}
	if principalID == "" {
		return "", fmt.Errorf("principalId is required")
	}
	scope = "/" + strings.Trim(scope, "/")
	segs := strings.Split(strings.Trim(scope, "/"), "/")
	if len(segs) < 2 || lower(segs[0]) != "subscriptions" || a.cfg.Subscriptions.Get(segs[1]) == nil {
		return "", fmt.Errorf("scope %q is not under a seeded subscription", scope)
	}
	by := ""
	if len(a.cfg.Clients) > 0 {
		by = a.cfg.Clients[0].ObjectID
	}
	for _, ex := range a.assignments {
		if lower(ex.scope) == lower(scope) && strings.EqualFold(ex.principalID, principalID) && strings.EqualFold(ex.roleID, def.id) {
			return ex.id(), nil
		}
	}
	ra := &roleAssignment{
		name: uuid.NewString(), scope: scope, roleID: def.id, principalID: principalID, principalType: "ServicePrincipal",
		createdOn: now, updatedOn: now, createdBy: by, updatedBy: by, seq: a.nextSeq(),
	}
	a.assignments[lower(ra.name)] = ra
	return ra.id(), nil
}

// Dump renders every role assignment, oldest first (state dump and control API).
func (a *Store) Dump() []map[string]any {
	out := []map[string]any{}
	for _, ra := range a.sorted() {
		out = append(out, renderAssignment(ra))
	}
	return out
}

// sorted returns the assignments in creation order.
func (a *Store) sorted() []*roleAssignment {
	out := make([]*roleAssignment, 0, len(a.assignments))
	for _, ra := range a.assignments {
		out = append(out, ra)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

// scopeCovers reports whether an assignment at scope applies to target (same scope or a descendant).
func scopeCovers(scope, target string) bool {
	scope, target = lower(strings.TrimSuffix(scope, "/")), lower(strings.TrimSuffix(target, "/"))
	return scope == "" || scope == target || strings.HasPrefix(target, scope+"/")
}

// effective reports whether an assignment has propagated at now.
func (a *Store) effective(ra *roleAssignment, now time.Time) bool {
	return ra.seeded || !now.Before(ra.createdOn.Add(a.PropagationDelay))
}

// HasDataAction reports whether principalID holds, at scopeID or one of its parents, an assignment that is
// effective at now and whose role grants dataAction.
func (a *Store) HasDataAction(principalID, scopeID, dataAction string, now time.Time) bool {
	a.Prune()
	for _, ra := range a.assignments {
		if !strings.EqualFold(ra.principalID, principalID) || !scopeCovers(ra.scope, scopeID) || !a.effective(ra, now) {
			continue
		}
		if role := findRole(ra.roleID); role != nil && role.grantsDataAction(dataAction) {
			return true
		}
	}
	return false
}

// Grant is how far one of some principals holds a permission at a scope.
type Grant int

// Grants, from none to effective.
const (
	GrantMissing Grant = iota
	GrantPending       // assigned, not yet propagated
	GrantEffective
)

// GrantOf reports whether one of the principals holds a role granting permission (a data action when data) at
// scope or above, and whether that assignment has propagated at now.
func (a *Store) GrantOf(principals []string, scope, permission string, data bool, now time.Time) Grant {
	a.Prune()
	best := GrantMissing
	for _, ra := range a.assignments {
		if !containsFold(principals, ra.principalID) || !scopeCovers(ra.scope, scope) {
			continue
		}
		role := findRole(ra.roleID)
		if role == nil {
			continue
		}
		ok := role.grantsDataAction(permission)
		if !data {
			ok = role.grantsAction(permission)
		}
		if !ok {
			continue
		}
		if a.effective(ra, now) {
			return GrantEffective
		}
		best = GrantPending
	}
	return best
}

// Prune drops assignments whose scope is (or lies below) a resource that no longer exists: ARM removes extension
// resources with their parent.
func (a *Store) Prune() {
	for k, ra := range a.assignments {
		if _, _, missing := a.cfg.MissingResource(ra.scope); missing {
			delete(a.assignments, k)
		}
	}
}

func containsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

func lower(s string) string { return strings.ToLower(s) }
