package cognitive

import (
	"net/http"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// The write pipeline of the resource types that use the engine (accounts, projects, deployments, capability
// hosts). A PUT or PATCH runs, in order:
//
//  1. the front door: token, api-version, subscription, resource group (package arm; Namespace);
//  2. ARM's tag limits, then the Validator (routes.go): the request against the API specification, before anything
//     of the type; the body the type reads has no read-only properties;
//  3. the engine's ARM rules: If-Match/If-None-Match, one write at a time per account (409 RequestConflict), the
//     JSON body, provisioningState is read-only (begin, on the body as sent);
//  4. the type's own rules: prepare, then its rules list (accept);
//  5. the commit: the resource is stored Accepted, the committed hooks run and an operation starts; the answer carries
//     the headers the specification declares (answer, types.go).
//
// DELETE runs 1–3 without a body, then the type's deletable checks, then starts its operation.

// begin runs the engine's ARM rules of a PUT or PATCH and reads the body.
func (c *call) begin(w *write) (map[string]any, *arm.Error) {
	if e := c.checkPreconditions(w.existing); e != nil {
		return nil, e
	}
	if e := c.checkBusy(w.lockKey()); e != nil {
		return nil, e
	}
	body, e := c.ReadBody()
	if e != nil {
		return nil, e
	}
	sent := c.sent
	if sent == nil {
		sent = body
	}
	if e := checkClientProvisioningState(sent, w.existing); e != nil {
		return nil, e
	}
	w.body = body
	return body, nil
}

// accept runs the type's own rules on the desired document: prepare, then the rules (not on a restore).
func (c *call) accept(w *write) *arm.Error {
	if e := w.typ.prepare(c, w); e != nil {
		return e
	}
	if w.restore != nil {
		return nil
	}
	for _, rule := range w.typ.rules {
		if e := rule(c, w); e != nil {
			return e
		}
	}
	return nil
}

// commit marks the stored resource Accepted, runs the committed hooks and starts the write's operation.
func (c *call) commit(w *write, r *resource, kind opKind, prev map[string]any) *operation {
	r.setProvisioningState("Accepted")
	r.etag, r.modifiedAt, r.modifiedBy = arm.NewETag(), c.Now, c.Who.AppID
	for _, h := range w.typ.committed {
		h(c, w, r)
	}
	return c.startOp(r, kind, prev, w.lockKey())
}

// put creates or replaces a resource and starts its async operation.
func (c *call) put(w *write) *arm.Error {
	body, e := c.begin(w)
	if e != nil {
		return e
	}
	w.doc = stripReadOnly(wire.DeepCopy(body))
	if e := c.accept(w); e != nil {
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
		r.deletedAt, r.purgeAt, r.deletedID, r.heldQuota = time.Time{}, time.Time{}, "", nil
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
	op := c.commit(w, r, opPut, prev)
	status := http.StatusOK // a replace: no headers, the client GETs the resource until it is Succeeded
	if created {
		status = http.StatusCreated
		c.setLROHeaders(op, w.typ.onCreate)
	}
	c.writeResource(status, r)
	return nil
}

// patch merges a partial document into an existing resource (tags and other top-level keys replace).
func (c *call) patch(w *write) *arm.Error {
	if w.existing == nil {
		return arm.NotFound(w.typ.armType, w.names[len(w.names)-1], w.group.Name)
	}
	body, e := c.begin(w)
	if e != nil {
		return e
	}
	w.doc = patchedDoc(w.existing.doc, stripReadOnly(wire.DeepCopy(body)), w.typ.patchKeys)
	if e := c.accept(w); e != nil {
		return e
	}
	r := w.existing
	prev := wire.DeepCopy(r.doc)
	r.doc = w.doc
	op := c.commit(w, r, opPatch, prev)
	c.setLROHeaders(op, w.typ.onPatch)
	if w.typ.patchBody {
		c.writeResource(http.StatusAccepted, r)
	} else {
		c.W.WriteHeader(http.StatusAccepted)
	}
	return nil
}

// patchedDoc is the document a PATCH asks for: the keys of patch a type allows (nil: all) replace the stored
// ones, null removes, and properties are merge-patched.
func patchedDoc(stored, patch map[string]any, allowedKeys []string) map[string]any {
	if allowedKeys != nil {
		allowed := map[string]any{}
		for _, k := range allowedKeys {
			if v, ok := patch[k]; ok {
				allowed[k] = v
			}
		}
		patch = allowed
	}
	doc := wire.DeepCopy(stored)
	delete(propsOf(doc), "provisioningState")
	for k, v := range patch {
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
	return doc
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
	for _, check := range w.typ.deletable {
		if e := check(c, r); e != nil {
			return e
		}
	}
	op := c.startDelete(r, w.lockKey())
	c.setLROHeaders(op, w.typ.onDelete)
	c.W.WriteHeader(http.StatusAccepted)
	return nil
}

// startDelete marks a resource Deleting and starts its delete operation.
func (c *call) startDelete(r *resource, lockKey string) *operation {
	prev := wire.DeepCopy(r.doc)
	r.setProvisioningState("Deleting")
	r.etag, r.modifiedAt, r.modifiedBy = arm.NewETag(), c.Now, c.Who.AppID
	return c.startOp(r, opDelete, prev, lockKey)
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
	for _, k := range readOnlyFields() {
		delete(doc, k)
	}
	if p, ok := doc["properties"].(map[string]any); ok {
		delete(p, "provisioningState")
	}
	return doc
}
