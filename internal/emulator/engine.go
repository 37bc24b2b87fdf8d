package emulator

import (
	"net/http"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// groupScope routes resource-group-scoped paths below providers/Microsoft.CognitiveServices.
func (c *call) groupScope(sub *subscription, g SeedResourceGroup, segs, ls []string) *armError {
	if ls[0] != accountType.collection {
		return errf(http.StatusNotFound, codeInvalidResourceType, "The resource type '%s' could not be found in the namespace '%s' for api version '%s'.", segs[0], providerNamespace, c.r.URL.Query().Get("api-version"))
	}
	switch len(segs) {
	case 1:
		if c.r.Method != http.MethodGet {
			return methodNotAllowed(c.r.Method)
		}
		return c.listAccounts(sub, &g)
	case 2:
		return c.crud(accountType, sub, g, segs[1:2])
	}
	acc := c.st.resources[accountKey(sub.id, g.Name, segs[1])]
	for _, route := range groupRoutes {
		if handled, e := route(c, sub, g, acc, segs, ls); handled {
			return e
		}
	}
	if len(segs) == 3 {
		if act, ok := accountType.actions[ls[2]]; ok {
			if c.r.Method != http.MethodPost {
				return methodNotAllowed(c.r.Method)
			}
			if acc == nil {
				return notFound(accountType.armType, segs[1], g.Name)
			}
			return act(c, acc)
		}
	}
	if view, ok := accountType.views[ls[2]]; ok && len(segs) == 3 {
		if c.r.Method != http.MethodGet {
			return methodNotAllowed(c.r.Method)
		}
		if acc == nil {
			return notFound(accountType.armType, segs[1], g.Name)
		}
		return view(c, acc)
	}
	typ, ok := childTypes[ls[2]]
	if !ok {
		return errf(http.StatusNotFound, codeInvalidResourceType, "The resource type 'accounts/%s' could not be found in the namespace '%s' for api version '%s'.", segs[2], providerNamespace, c.r.URL.Query().Get("api-version"))
	}
	switch len(segs) {
	case 3:
		if c.r.Method != http.MethodGet {
			return methodNotAllowed(c.r.Method)
		}
		if acc == nil {
			return parentNotFound(segs[1])
		}
		items := []map[string]any{}
		for _, r := range c.st.children(acc, typ) {
			items = append(items, c.s.render(r))
		}
		return c.writeList(items)
	case 4:
		return c.crud(typ, sub, g, []string{segs[1], segs[3]})
	case 5:
		act, ok := typ.actions[ls[4]]
		if !ok || c.r.Method != http.MethodPost {
			return errf(http.StatusNotFound, codeInvalidResourceType, "The action '%s' is not supported on '%s'.", segs[4], typ.armType)
		}
		if acc == nil {
			return parentNotFound(segs[1])
		}
		r := c.st.resources[childKey(sub.id, g.Name, segs[1], typ, segs[3])]
		if r == nil {
			return notFound(typ.armType, segs[1]+"/"+segs[3], g.Name)
		}
		return act(c, r)
	}
	return errf(http.StatusNotFound, codeInvalidResourceType, "The request path '%s' is not a valid ARM path.", c.r.URL.Path)
}

func accountID(sub, group, name string) string {
	return "/subscriptions/" + sub + "/resourceGroups/" + group + "/providers/" + providerNamespace + "/accounts/" + name
}

func accountKey(sub, group, name string) string { return lower(accountID(sub, group, name)) }

func childID(sub, group, account string, typ *resourceType, name string) string {
	return accountID(sub, group, account) + "/" + typ.collection + "/" + name
}

func childKey(sub, group, account string, typ *resourceType, name string) string {
	return lower(childID(sub, group, account, typ, name))
}

func parentNotFound(account string) *armError {
	return errf(http.StatusNotFound, codeParentNotFound,
		"Can not perform requested operation on nested resource. Parent resource '%s' not found.", account)
}

// crud serves GET, PUT, PATCH and DELETE of one resource of any registered type.
func (c *call) crud(typ *resourceType, sub *subscription, g SeedResourceGroup, names []string) *armError {
	w := &write{method: c.r.Method, typ: typ, sub: sub, group: g, names: names}
	if typ.parent == nil {
		w.id = accountID(sub.id, g.Name, names[0])
	} else {
		w.id = childID(sub.id, g.Name, names[0], typ, names[1])
		w.parent = c.st.resources[accountKey(sub.id, g.Name, names[0])]
	}
	w.existing = c.st.resources[lower(w.id)]
	if typ.parent != nil && w.parent == nil {
		if c.r.Method == http.MethodDelete {
			c.w.WriteHeader(http.StatusNoContent)
			return nil
		}
		return parentNotFound(names[0])
	}
	if typ.serveWrite != nil && c.r.Method != http.MethodGet {
		return typ.serveWrite(c, w)
	}
	switch c.r.Method {
	case http.MethodGet:
		if w.existing == nil {
			return notFound(typ.armType, strings.Join(names, "/"), g.Name)
		}
		c.writeResource(http.StatusOK, w.existing)
		return nil
	case http.MethodPut:
		return c.put(w)
	case http.MethodPatch:
		return c.patch(w)
	case http.MethodDelete:
		return c.delete(w)
	}
	return methodNotAllowed(c.r.Method)
}

// lockKey is the account whose one-write-at-a-time rule covers the write.
func (w *write) lockKey() string {
	return accountKey(w.sub.id, w.group.Name, w.names[0])
}

func (c *call) checkBusy(key string) *armError {
	if until, ok := c.st.holds[key]; ok {
		if c.now.Before(until) {
			accID := key
			if r := c.st.resources[key]; r != nil {
				accID = r.id
			}
			return errf(http.StatusConflict, codeRequestConflict,
				"Another operation is being performed on the parent resource '%s'. Please try again later.", accID)
		}
		delete(c.st.holds, key)
	}
	opID, ok := c.st.busy[key]
	if !ok {
		return nil
	}
	if op := c.st.ops[opID]; op != nil && op.status == statusInProgress {
		accID := key
		if r := c.st.resources[key]; r != nil {
			accID = r.id
		} else if op.res != nil {
			accID = op.accountID
		}
		return errf(http.StatusConflict, codeRequestConflict,
			"Another operation is being performed on the parent resource '%s'. Please try again later.", accID)
	}
	delete(c.st.busy, key)
	return nil
}

// holdAfterWrite starts the WriteHold of an account after a write completed at t.
func (s *Server) holdAfterWrite(key string, t time.Time) {
	if s.writeHold > 0 && key != "" {
		s.st.holds[key] = t.Add(s.writeHold)
	}
}

func (c *call) checkPreconditions(existing *resource) *armError {
	ifMatch := c.r.Header.Get("If-Match")
	ifNone := c.r.Header.Get("If-None-Match")
	if ifMatch != "" && (existing == nil || !etagMatches(ifMatch, existing.etag)) {
		return errf(http.StatusPreconditionFailed, codePreconditionFailed, "The specified precondition 'If-Match = %s' failed.", ifMatch)
	}
	if ifNone != "" && existing != nil && etagMatches(ifNone, existing.etag) {
		return errf(http.StatusPreconditionFailed, codePreconditionFailed, "The specified precondition 'If-None-Match = %s' failed.", ifNone)
	}
	return nil
}

// etagMatches compares a header value (a list or "*") with an etag, ignoring weakness.
func etagMatches(header, etag string) bool {
	for _, v := range strings.Split(header, ",") {
		v = strings.TrimSpace(v)
		if v == "*" || strings.TrimPrefix(v, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

func (c *call) newETag() string { return `W/"` + wire.RandomHex(16) + `"` }

func (c *call) writeResource(status int, r *resource) {
	if r.etag != "" {
		c.w.Header().Set("ETag", r.etag)
	}
	wire.WriteJSON(c.w, status, c.s.render(r))
}

// render is the GET representation of a resource.
func (s *Server) render(r *resource) map[string]any {
	out := wire.DeepCopy(r.doc)
	if out == nil {
		out = map[string]any{}
	}
	out["id"] = r.id
	out["name"] = r.name()
	out["type"] = r.typ.armType
	if r.etag != "" {
		out["etag"] = r.etag
	}
	out["systemData"] = map[string]any{
		"createdBy": r.createdBy, "createdByType": "Application", "createdAt": r.createdAt.Format(timeFormat),
		"lastModifiedBy": r.modifiedBy, "lastModifiedByType": "Application", "lastModifiedAt": r.modifiedAt.Format(timeFormat),
	}
	if r.typ.decorate != nil {
		r.typ.decorate(s, r, out)
	}
	return out
}

const timeFormat = "2006-01-02T15:04:05.0000000Z"
