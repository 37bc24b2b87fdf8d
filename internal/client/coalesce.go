package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// DefaultCoalesceWindow is how long a parent's list answers its children's reads (Options.CoalesceWindow).
const DefaultCoalesceWindow = 30 * time.Second

// lists is the coalesced refresh (issue 18): when many children of one parent are read in one Terraform operation
// (a refresh reads every resource, ten at a time), the first read lists the parent's children of that type, every
// page, and the reads of its siblings are answered from that list instead of one GET each. A list is shared by
// concurrent readers (single flight), kept for the window after it was read, and dropped at once by any write this
// client sends under the parent (writeWatch); a failed list is not kept, and its readers fall back to their GET, as
// does a child the list lacks (created after the list, or listed by a lagging replica), so that nothing leaves the
// state on the word of a list alone.
//
// The consistency window: a read answered from a list sees the parent as it was when the list was read, at most the
// window before; a write by another process (the portal, another Terraform run) in that time is seen by the next
// refresh, as a write just after a GET would be. Writes of this process are never missed: they drop the list.
type lists struct {
	window time.Duration
	mu     sync.Mutex
	byURL  map[string]*listing // lower-cased list path
}

// listing is one list of a parent's children, in flight until done is closed.
type listing struct {
	done  chan struct{}
	items map[string]json.RawMessage // lower-cased name -> item
	err   error
	at    time.Time
}

func newLists(window time.Duration) *lists {
	return &lists{window: window, byURL: map[string]*listing{}}
}

// readShared reads the child at path (an ARM resource path: the parent's path, the collection, the name): from the
// parent's list when coalescing is on and the list has it, otherwise with get.
func readShared[T any](ctx context.Context, c *Client, path string, get func(context.Context) (T, error)) (T, error) {
	i := strings.LastIndex(path, "/")
	if i <= 0 {
		return get(ctx)
	}
	return readFrom(ctx, c, c.arm, path[:i], "", path, get)
}

// readFrom answers the read of the child at path from the list of collection (with query, e.g. a $filter) sent with
// r, when coalescing is on and the list has an item with that ID; otherwise with get.
func readFrom[T any](ctx context.Context, c *Client, r requester, collection, query, path string, get func(context.Context) (T, error)) (T, error) {
	if c.lists == nil || c.lists.window <= 0 {
		return get(ctx)
	}
	items, ok := c.lists.get(ctx, c, r, collection, query)
	if !ok {
		return get(ctx)
	}
	raw, found := items[strings.ToLower(path[strings.LastIndex(path, "/")+1:])]
	if !found {
		return get(ctx) // not (yet) in the list: only a GET may say it is gone
	}
	var v struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(raw, &v) != nil || v.ID != "" && !strings.EqualFold(strings.TrimSuffix(v.ID, "/"), unescapePath(path)) {
		return get(ctx) // an item of another scope with the same name (a role assignment inherited from above)
	}
	var out T
	if err := json.Unmarshal(raw, &out); err != nil {
		return get(ctx)
	}
	return out, nil
}

// unescapePath undoes the path escaping of an ARM path, for comparing it with an item's ID.
func unescapePath(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

// get returns the children listed under collection with query, listing them when no fresh list is kept; ok is false
// when the list failed or ctx ended while waiting for it.
func (l *lists) get(ctx context.Context, c *Client, r requester, collection, query string) (map[string]json.RawMessage, bool) {
	key := strings.ToLower(collection) + query
	l.mu.Lock()
	e := l.byURL[key]
	if e != nil {
		select {
		case <-e.done:
			if e.err != nil || time.Since(e.at) > l.window {
				delete(l.byURL, key)
				e = nil
			}
		default: // in flight: wait for it below
		}
	}
	owner := e == nil
	if owner {
		e = &listing{done: make(chan struct{})}
		l.byURL[key] = e
	}
	l.mu.Unlock()
	if owner {
		e.items, e.err = listItems(ctx, c, r, collection+query)
		e.at = time.Now()
		close(e.done)
	}
	select {
	case <-e.done:
	case <-ctx.Done():
		return nil, false
	}
	if e.err != nil {
		l.mu.Lock()
		if l.byURL[key] == e {
			delete(l.byURL, key) // failures are not kept
		}
		l.mu.Unlock()
		return nil, false
	}
	return e.items, true
}

// listItems lists every page of collection and indexes the items by name.
func listItems(ctx context.Context, c *Client, r requester, collection string) (map[string]json.RawMessage, error) {
	raws, err := list[json.RawMessage](ctx, r, c.url(collection))
	if err != nil {
		return nil, err
	}
	items := make(map[string]json.RawMessage, len(raws))
	for _, raw := range raws {
		var v struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(raw, &v) == nil && v.Name != "" {
			items[strings.ToLower(v.Name)] = raw
		}
	}
	return items, nil
}

// dropUnder forgets every list under path (a write there): the parent itself, its children and their descendants.
func (l *lists) dropUnder(path string) {
	p := strings.ToLower(strings.TrimSuffix(unescapePath(path), "/"))
	l.mu.Lock()
	defer l.mu.Unlock()
	for key := range l.byURL {
		// A list of collection C under parent P is stale after a write to P, to anything under P, and (for the
		// account's list of projects) after a write to a child of a listed child, whose parent's view may change.
		collection, _, _ := strings.Cut(key, "?")
		parent := collection[:max(strings.LastIndex(collection, "/"), 0)]
		if strings.HasPrefix(p, parent) || strings.HasPrefix(parent, p) {
			delete(l.byURL, key)
		}
	}
}

// writeWatch is the pipeline policy that drops the lists a write may change: any request but GET and HEAD.
type writeWatch struct{ lists *lists }

func (w writeWatch) Do(req *policy.Request) (*http.Response, error) {
	if m := req.Raw().Method; m != http.MethodGet && m != http.MethodHead {
		w.lists.dropUnder(req.Raw().URL.Path)
		resp, err := req.Next()
		w.lists.dropUnder(req.Raw().URL.Path) // and a list read while the write ran
		return resp, err
	}
	return req.Next()
}

// ReadDeployment is GetDeployment for a refresh: answered from the account's list of deployments when coalescing is
// on (see lists).
func (c *Client) ReadDeployment(ctx context.Context, id DeploymentID) (Deployment, error) {
	return readShared(ctx, c, id.path(), func(ctx context.Context) (Deployment, error) { return c.GetDeployment(ctx, id) })
}

// ReadProject is GetProject for a refresh: answered from the account's list of projects when coalescing is on.
func (c *Client) ReadProject(ctx context.Context, id ProjectID) (Project, error) {
	return readShared(ctx, c, id.path(), func(ctx context.Context) (Project, error) { return c.GetProject(ctx, id) })
}

// ReadConnection is GetConnection for a refresh: answered from the list of connections of its scope (the account's
// own, or the project's) when coalescing is on.
func (c *Client) ReadConnection(ctx context.Context, id ConnectionID) (Connection, error) {
	return readShared(ctx, c, id.path(), func(ctx context.Context) (Connection, error) { return c.GetConnection(ctx, id) })
}

// ReadProjectCapabilityHost is GetProjectCapabilityHost for a refresh: answered from the project's list of capability
// hosts when coalescing is on.
func (c *Client) ReadProjectCapabilityHost(ctx context.Context, id ProjectCapabilityHostID) (ProjectCapabilityHost, error) {
	return readShared(ctx, c, id.path(), func(ctx context.Context) (ProjectCapabilityHost, error) { return c.GetProjectCapabilityHost(ctx, id) })
}

// ReadAccountCapabilityHost is GetAccountCapabilityHostByID for a refresh: answered from the account's list of
// capability hosts when coalescing is on.
func (c *Client) ReadAccountCapabilityHost(ctx context.Context, id AccountCapabilityHostID) (CapabilityHost, error) {
	return readShared(ctx, c, id.AccountID.path()+"/capabilityHosts/"+url.PathEscape(id.Name),
		func(ctx context.Context) (CapabilityHost, error) { return c.GetAccountCapabilityHostByID(ctx, id) })
}

// ReadRoleAssignment is GetRoleAssignment for a refresh: answered, when coalescing is on, from the list of the role
// assignments at its scope ($filter=atScope(): those of the scope and of the scopes above it, so only an item with
// this very ID answers).
func (c *Client) ReadRoleAssignment(ctx context.Context, id RoleAssignmentID) (RoleAssignment, error) {
	collection := escapeScope(id.Scope) + strings.TrimSuffix(roleAssignmentsSegment, "/")
	return readFrom(ctx, c, c.authz(), collection, filterQuery("atScope()"), id.path(),
		func(ctx context.Context) (RoleAssignment, error) { return c.GetRoleAssignment(ctx, id) })
}
