package cognitive

import (
	"sort"
	"time"
)

// state is everything the provider knows; guarded by the emulator's state lock.
type state struct {
	resources map[string]*resource     // live resources by lower-case ARM ID
	deleted   map[string]*resource     // soft-deleted accounts by lower-case deleted-account ID
	ops       map[string]*operation    // async operations by ID
	busy      map[string]string        // lower-case account ID -> running operation ID
	holds     map[string]time.Time     // lower-case account ID -> end of its WriteHold after a write
	quotas    map[string]quotaOverride // quotaKey -> limit set with SetQuota
	seq       int64
}

// resource is one ARM resource: a user document plus server-maintained fields.
type resource struct {
	typ   *resourceType
	id    string   // ARM ID with the casing last specified
	sub   string   // subscription ID as specified
	group string   // resource group name as specified
	names []string // account name, then the child name for child resources
	doc   map[string]any
	etag  string
	seq   int64

	createdAt, modifiedAt   time.Time
	createdBy, modifiedBy   string
	internalID, principalID string
	keys                    [2]string
	deletedAt, purgeAt      time.Time // soft-deleted accounts only
	deletedID               string
	heldQuota               map[string]float64 // soft-deleted accounts: deployment capacity per lower-case usage name
}

// quotaOverride is a quota limit set through SetQuota.
type quotaOverride struct {
	usageName string
	limit     float64
}

func newState() *state {
	st := &state{
		resources: map[string]*resource{},
		deleted:   map[string]*resource{},
		ops:       map[string]*operation{},
		busy:      map[string]string{},
		holds:     map[string]time.Time{},
		quotas:    map[string]quotaOverride{},
	}
	return st
}

func (st *state) nextSeq() int64 {
	st.seq++
	return st.seq
}

// name returns the resource's own (last) name segment.
func (r *resource) name() string { return r.names[len(r.names)-1] }

// props returns the properties object of the document, creating it when absent.
func (r *resource) props() map[string]any { return propsOf(r.doc) }

func propsOf(doc map[string]any) map[string]any {
	p, ok := doc["properties"].(map[string]any)
	if !ok {
		p = map[string]any{}
		doc["properties"] = p
	}
	return p
}

func (r *resource) provisioningState() string {
	s, _ := r.props()["provisioningState"].(string)
	return s
}

func (r *resource) setProvisioningState(v string) { r.props()["provisioningState"] = v }

// children returns the live child resources of an account, in creation order.
func (st *state) children(acc *resource, k kind) []*resource {
	var out []*resource
	for _, r := range st.resources {
		if r.typ.parent == nil || len(r.names) < 2 {
			continue
		}
		if (k == kindAny || r.typ.kind == k) && lower(r.sub) == lower(acc.sub) && lower(r.group) == lower(acc.group) && lower(r.names[0]) == lower(acc.names[0]) {
			out = append(out, r)
		}
	}
	sortBySeq(out)
	return out
}

func sortBySeq(rs []*resource) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].seq < rs[j].seq })
}
