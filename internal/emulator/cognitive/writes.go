package cognitive

import (
	"net/http"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// put creates or replaces a resource and starts its async operation.
func (c *call) put(w *write) *arm.Error {
	if e := c.checkPreconditions(w.existing); e != nil {
		return e
	}
	if e := c.checkBusy(w.lockKey()); e != nil {
		return e
	}
	body, e := c.ReadBody()
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
		r.id, r.names, r.sub, r.group = w.id, w.names, w.sub.ID, w.group.Name
		r.deletedAt, r.purgeAt, r.deletedID, r.heldQuota = zeroTime, zeroTime, "", nil
		r.seq = c.st.nextSeq()
		c.st.resources[lower(r.id)] = r
	case created:
		r = &resource{typ: w.typ, seq: c.st.nextSeq(), createdAt: c.Now, createdBy: c.Who.AppID}
		r.id, r.names, r.sub, r.group = w.id, w.names, w.sub.ID, w.group.Name
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
	r.etag, r.modifiedAt, r.modifiedBy = arm.NewETag(), c.Now, c.Who.AppID
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
func (c *call) patch(w *write) *arm.Error {
	if w.existing == nil {
		return arm.NotFound(w.typ.armType, w.names[len(w.names)-1], w.group.Name)
	}
	if e := c.checkPreconditions(w.existing); e != nil {
		return e
	}
	if e := c.checkBusy(w.lockKey()); e != nil {
		return e
	}
	body, e := c.ReadBody()
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
	r.etag, r.modifiedAt, r.modifiedBy = arm.NewETag(), c.Now, c.Who.AppID
	if w.typ.committed != nil {
		w.typ.committed(c, w, r)
	}
	op := c.startOp(r, opPatch, prev, w.lockKey())
	c.setLROHeaders(op, patternLocation)
	if w.typ.patchBody {
		c.writeResource(http.StatusAccepted, r)
	} else {
		c.W.Header().Del("Content-Type")
		c.W.WriteHeader(http.StatusAccepted)
	}
	return nil
}

// delete starts the deletion of a resource; a missing resource is a success (204).
func (c *call) delete(w *write) *arm.Error {
	if w.existing == nil {
		c.W.WriteHeader(http.StatusNoContent)
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
	r.etag, r.modifiedAt, r.modifiedBy = arm.NewETag(), c.Now, c.Who.AppID
	op := c.startOp(r, opDelete, prev, w.lockKey())
	c.setLROHeaders(op, patternLocation)
	c.W.WriteHeader(http.StatusAccepted)
	return nil
}

func checkClientProvisioningState(body map[string]any, existing *resource) *arm.Error {
	p, _ := body["properties"].(map[string]any)
	sent, ok := p["provisioningState"]
	if !ok || sent == nil || existing == nil {
		return nil
	}
	if s, _ := sent.(string); s != existing.provisioningState() {
		return arm.Errorf(http.StatusBadRequest, codeInvalidProvisioning,
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
