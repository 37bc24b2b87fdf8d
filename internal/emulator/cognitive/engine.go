package cognitive

import (
	"net/http"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

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

// crud serves GET, PUT, PATCH and DELETE of one resource of any registered type.
func (c *call) crud(typ *resourceType, names []string) *arm.Error {
	sub, g := c.sub, c.g
	w := &write{method: c.R.Method, typ: typ, sub: sub, group: g, names: names}
	if typ.parent == nil {
		w.id = accountID(sub.ID, g.Name, names[0])
	} else {
		w.id = childID(sub.ID, g.Name, names[0], typ, names[1])
		w.parent = c.st.resources[accountKey(sub.ID, g.Name, names[0])]
	}
	w.existing = c.st.resources[lower(w.id)]
	if typ.parent != nil && w.parent == nil {
		if c.R.Method == http.MethodDelete {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		return arm.ParentNotFound(names[0])
	}
	if typ.serveWrite != nil && c.R.Method != http.MethodGet {
		return typ.serveWrite(c, w)
	}
	switch c.R.Method {
	case http.MethodGet:
		if w.existing == nil {
			return arm.NotFound(typ.armType, strings.Join(names, "/"), g.Name)
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
	return arm.MethodNotAllowed(c.R.Method)
}

// lockKey is the account whose one-write-at-a-time rule covers the write.
func (w *write) lockKey() string {
	return accountKey(w.sub.ID, w.group.Name, w.names[0])
}

func (c *call) checkBusy(key string) *arm.Error {
	if until, ok := c.st.holds[key]; ok {
		if c.Now.Before(until) {
			accID := key
			if r := c.st.resources[key]; r != nil {
				accID = r.id
			}
			return arm.Errorf(http.StatusConflict, arm.CodeRequestConflict,
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
		return arm.Errorf(http.StatusConflict, arm.CodeRequestConflict,
			"Another operation is being performed on the parent resource '%s'. Please try again later.", accID)
	}
	delete(c.st.busy, key)
	return nil
}

// holdAfterWrite starts the WriteHold of an account after a write completed at t.
func (s *Service) holdAfterWrite(key string, t time.Time) {
	if s.writeHold > 0 && key != "" {
		s.st.holds[key] = t.Add(s.writeHold)
	}
}

func (c *call) checkPreconditions(existing *resource) *arm.Error {
	if existing == nil {
		return c.CheckPreconditions(false, "")
	}
	return c.CheckPreconditions(true, existing.etag)
}

func (c *call) writeResource(status int, r *resource) {
	if r.etag != "" {
		c.W.Header().Set("ETag", r.etag)
	}
	wire.WriteJSON(c.W, status, c.s.render(r))
}

// render is the GET representation of a resource.
func (s *Service) render(r *resource) map[string]any {
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
		"createdBy": r.createdBy, "createdByType": "Application", "createdAt": r.createdAt.Format(arm.TimeFormat),
		"lastModifiedBy": r.modifiedBy, "lastModifiedByType": "Application", "lastModifiedAt": r.modifiedAt.Format(arm.TimeFormat),
	}
	for _, d := range r.typ.decorate {
		d(s, r, out)
	}
	return out
}
