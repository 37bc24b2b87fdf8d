package emulator

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

const defaultPageSize = 100

// put creates or replaces a resource and starts its async operation.
func (c *call) put(w *write) *armError {
	if e := c.checkPreconditions(w.existing); e != nil {
		return e
	}
	if e := c.checkBusy(w.lockKey()); e != nil {
		return e
	}
	body, e := c.readBody()
	if e != nil {
		return e
	}
	if e := checkClientProvisioningState(body, w.existing); e != nil {
		return e
	}
	w.body = body
	w.doc = stripReadOnly(wire.DeepCopy(body))
	if e := w.typ.prepare(c, w); e != nil {
		return e
	}
	created := w.existing == nil
	var prev map[string]any
	r := w.existing
	switch {
	case w.restore != nil:
		r = w.restore
		delete(c.st.deleted, lower(r.deletedID))
		r.id, r.names, r.sub, r.group = w.id, w.names, w.sub.id, w.group.Name
		r.deletedAt, r.purgeAt, r.deletedID, r.heldQuota = zeroTime, zeroTime, "", nil
		r.seq = c.st.nextSeq()
		c.st.resources[lower(r.id)] = r
	case created:
		r = &resource{typ: w.typ, seq: c.st.nextSeq(), createdAt: c.now, createdBy: c.who.AppID}
		r.id, r.names, r.sub, r.group = w.id, w.names, w.sub.id, w.group.Name
		r.doc = w.doc
		c.st.resources[lower(r.id)] = r
		if w.typ.created != nil {
			w.typ.created(c, r)
		}
	default:
		prev = wire.DeepCopy(r.doc)
		r.id, r.names = w.id, w.names
		r.doc = w.doc
	}
	r.setProvisioningState("Accepted")
	r.etag, r.modifiedAt, r.modifiedBy = c.newETag(), c.now, c.who.AppID
	if w.typ.committed != nil {
		w.typ.committed(c, w, r)
	}
	op := c.startOp(r, opPut, prev, w.lockKey())
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.setLROHeaders(op, w.typ.putPattern)
	c.writeResource(status, r)
	return nil
}

// patch merges a partial document into an existing resource (tags and other top-level keys replace).
func (c *call) patch(w *write) *armError {
	if w.existing == nil {
		return notFound(w.typ.armType, w.names[len(w.names)-1], w.group.Name)
	}
	if e := c.checkPreconditions(w.existing); e != nil {
		return e
	}
	if e := c.checkBusy(w.lockKey()); e != nil {
		return e
	}
	body, e := c.readBody()
	if e != nil {
		return e
	}
	if e := checkClientProvisioningState(body, w.existing); e != nil {
		return e
	}
	w.body = body
	patchDoc := stripReadOnly(wire.DeepCopy(body))
	if w.typ.patchKeys != nil {
		allowed := map[string]any{}
		for _, k := range w.typ.patchKeys {
			if v, ok := patchDoc[k]; ok {
				allowed[k] = v
			}
		}
		patchDoc = allowed
	}
	doc := wire.DeepCopy(w.existing.doc)
	delete(propsOf(doc), "provisioningState")
	for k, v := range patchDoc {
		switch {
		case v == nil:
			delete(doc, k)
		case k == "properties":
			if pm, ok := v.(map[string]any); ok {
				wire.MergePatch(propsOf(doc), pm)
			} else {
				doc[k] = v
			}
		default:
			doc[k] = v
		}
	}
	w.doc = doc
	if e := w.typ.prepare(c, w); e != nil {
		return e
	}
	r := w.existing
	prev := wire.DeepCopy(r.doc)
	r.doc = w.doc
	r.setProvisioningState("Accepted")
	r.etag, r.modifiedAt, r.modifiedBy = c.newETag(), c.now, c.who.AppID
	if w.typ.committed != nil {
		w.typ.committed(c, w, r)
	}
	op := c.startOp(r, opPatch, prev, w.lockKey())
	c.setLROHeaders(op, patternLocation)
	if w.typ.patchBody {
		c.writeResource(http.StatusAccepted, r)
	} else {
		c.w.Header().Del("Content-Type")
		c.w.WriteHeader(http.StatusAccepted)
	}
	return nil
}

// delete starts the deletion of a resource; a missing resource is a success (204).
func (c *call) delete(w *write) *armError {
	if w.existing == nil {
		c.w.WriteHeader(http.StatusNoContent)
		return nil
	}
	if e := c.checkPreconditions(w.existing); e != nil {
		return e
	}
	if e := c.checkBusy(w.lockKey()); e != nil {
		return e
	}
	r := w.existing
	if w.typ.deletable != nil {
		if e := w.typ.deletable(c, r); e != nil {
			return e
		}
	}
	prev := wire.DeepCopy(r.doc)
	r.setProvisioningState("Deleting")
	r.etag, r.modifiedAt, r.modifiedBy = c.newETag(), c.now, c.who.AppID
	op := c.startOp(r, opDelete, prev, w.lockKey())
	c.setLROHeaders(op, patternLocation)
	c.w.WriteHeader(http.StatusAccepted)
	return nil
}

func checkClientProvisioningState(body map[string]any, existing *resource) *armError {
	p, _ := body["properties"].(map[string]any)
	sent, ok := p["provisioningState"]
	if !ok || sent == nil || existing == nil {
		return nil
	}
	if s, _ := sent.(string); s != existing.provisioningState() {
		return errf(http.StatusBadRequest, codeInvalidProvisioning,
			"The provisioningState '%v' sent in the request does not match the current value '%s'. provisioningState is read-only.", sent, existing.provisioningState())
	}
	return nil
}

func stripReadOnly(doc map[string]any) map[string]any {
	for _, k := range readOnlyFields {
		delete(doc, k)
	}
	if p, ok := doc["properties"].(map[string]any); ok {
		delete(p, "provisioningState")
	}
	return doc
}

// writeList answers a list with paging by $skiptoken and an absolute nextLink on the called host.
func (c *call) writeList(items []map[string]any) *armError {
	skip := 0
	if t := c.r.URL.Query().Get("$skiptoken"); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 {
			return errf(http.StatusBadRequest, codeBadRequest, "The $skiptoken '%s' is not valid.", t)
		}
		skip = n
	}
	if skip > len(items) {
		skip = len(items)
	}
	end := skip + c.s.pageSize
	if end > len(items) {
		end = len(items)
	}
	out := map[string]any{"value": items[skip:end]}
	if end < len(items) {
		q := c.r.URL.Query()
		q.Set("$skiptoken", strconv.Itoa(end))
		u := url.URL{Path: c.r.URL.Path, RawQuery: q.Encode()}
		out["nextLink"] = baseURL(c.r) + u.String()
	}
	wire.WriteJSON(c.w, http.StatusOK, out)
	return nil
}
