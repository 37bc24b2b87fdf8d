package cognitive

import (
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

type opKind int

const (
	opPut opKind = iota
	opPatch
	opDelete
	opPurge
)

const (
	statusInProgress = "InProgress"
	statusSucceeded  = "Succeeded"
	statusFailed     = "Failed"
)

// operation is one asynchronous write tracked in the operation table.
type operation struct {
	id         string
	sub        string
	location   string
	kind       opKind
	status     string
	start, end time.Time
	due        time.Time
	res        *resource
	resKey     string
	prev       map[string]any // document before the write, nil for a create
	lockKey    string
	accountID  string
	failStatus int
	failCode   string
	failMsg    string
	result     map[string]any // final body of a successful PUT/PATCH
	// settled, when set, runs once a PUT or PATCH operation on a live resource has ended (ok: it succeeded), after
	// the engine's own bookkeeping; a non-nil answer replaces the final body of a successful operation (actions whose
	// result is not the resource: managed network provisioning and batch rules, managednetworks.go).
	settled func(s *Service, now time.Time, ok bool) map[string]any
}

// startOp records an operation for r and marks its account busy.
func (c *call) startOp(r *resource, kind opKind, prev map[string]any, lockKey string) *operation {
	op := &operation{
		id: uuid.NewString(), sub: r.sub, location: c.s.opLocation(r), kind: kind, status: statusInProgress,
		start: c.Now, due: c.Now.Add(c.Duration(operationName(r.typ, kind, prev))), res: r, resKey: lower(r.id), prev: prev, lockKey: lockKey,
		accountID: accountID(r.sub, r.group, r.names[0]),
	}
	if kind == opPurge {
		op.resKey = lower(r.deletedID)
	}
	if f := c.Failure; f != nil {
		f.Used = true
		n := f.Normalised()
		op.failStatus, op.failCode, op.failMsg = n.Status, n.Code, n.Message
	}
	c.st.ops[op.id] = op
	if lockKey != "" {
		c.st.busy[lockKey] = op.id
	}
	return op
}

// opLocation is the normalised region used in polling URLs.
func (s *Service) opLocation(r *resource) string {
	acc := r
	if r.typ.parent != nil {
		if a := s.st.resources[accountKey(r.sub, r.group, r.names[0])]; a != nil {
			acc = a
		}
	}
	loc, _ := acc.doc["location"].(string)
	if loc == "" {
		return "global"
	}
	return arm.NormaliseRegion(loc)
}

func (c *call) opURL(op *operation, collection string) string {
	return arm.BaseURL(c.R) + "/subscriptions/" + op.sub + "/providers/" + providerNamespace + "/locations/" + op.location +
		"/" + collection + "/" + op.id + "?api-version=" + pinnedAPIVersion
}

// setLROHeaders sets the headers of a write's first response (see answer).
func (c *call) setLROHeaders(op *operation, a answer) {
	h := c.W.Header()
	switch a.monitor {
	case "Azure-AsyncOperation":
		h.Set("Azure-AsyncOperation", c.opURL(op, "operationStatuses"))
	case "Location":
		h.Set("Location", c.opURL(op, "operationResults"))
	}
	if a.retryAfter {
		h.Set("Retry-After", strconv.Itoa(c.RetryAfter))
	}
	if a.timeout {
		h.Set("x-ms-async-operation-timeout", capabilityHostOperationTimeout)
	}
}

// operationName names an operation for its duration: "{type}/create" (a PUT that creates), "{type}/update" (a PUT
// that replaces, a PATCH), "{type}/delete", "accounts/purge".
func operationName(t *resourceType, kind opKind, prev map[string]any) string {
	switch kind {
	case opPurge:
		return "accounts/purge"
	case opDelete:
		return t.operation + "/delete"
	case opPut:
		if prev == nil {
			return t.operation + "/create"
		}
	}
	return t.operation + "/update"
}

// Settle finishes due operations and purges expired soft-deleted accounts.
func (s *Service) Settle(now time.Time) {
	var due []*operation
	for _, op := range s.st.ops {
		if op.status == statusInProgress && !now.Before(op.due) {
			due = append(due, op)
		}
	}
	sort.Slice(due, func(i, j int) bool { return due[i].start.Before(due[j].start) })
	for _, op := range due {
		s.finish(op, now)
	}
	for k, r := range s.st.deleted {
		if !now.Before(r.purgeAt) {
			s.purgeDeletedLocked(k, now)
		}
	}
}

func (s *Service) finish(op *operation, now time.Time) {
	op.end = now
	if s.st.busy[op.lockKey] == op.id {
		delete(s.st.busy, op.lockKey)
	}
	s.holdAfterWrite(op.lockKey, now)
	r := op.res
	var live bool
	if op.kind == opPurge {
		live = s.st.deleted[op.resKey] == r
	} else {
		live = s.st.resources[op.resKey] == r
	}
	if op.failCode != "" {
		op.status = statusFailed
		if !live {
			return
		}
		switch op.kind {
		case opPut, opPatch:
			if op.prev != nil {
				r.doc = op.prev
			}
			r.setProvisioningState("Failed")
			r.etag = arm.NewETag()
		case opDelete:
			r.doc = op.prev
		}
		if op.settled != nil && op.kind != opDelete {
			op.settled(s, now, false)
		}
		return
	}
	op.status = statusSucceeded
	if !live {
		return
	}
	switch op.kind {
	case opPut, opPatch:
		r.setProvisioningState("Succeeded")
		r.etag = arm.NewETag()
		op.result = s.render(r)
		if op.settled != nil {
			if res := op.settled(s, now, true); res != nil {
				op.result = res
			}
		}
	case opDelete:
		r.typ.removed(s, r, now)
	case opPurge:
		s.purgeDeletedLocked(op.resKey, now)
	}
}

// operationResult serves the Location-pattern monitor.
func (c *call) operationResult(opID string) *arm.Error {
	op, e := c.findOp(opID)
	if e != nil {
		return e
	}
	switch {
	case op.status == statusInProgress:
		c.W.Header().Set("Location", c.opURL(op, "operationResults"))
		c.W.Header().Set("Retry-After", strconv.Itoa(c.RetryAfter))
		c.W.WriteHeader(http.StatusAccepted)
	case op.status == statusFailed:
		return &arm.Error{Status: op.failStatus, Code: op.failCode, Message: op.failMsg}
	case op.result != nil:
		wire.WriteJSON(c.W, http.StatusOK, op.result)
	default:
		c.W.WriteHeader(http.StatusOK)
	}
	return nil
}

// operationStatus serves the Azure-AsyncOperation status monitor.
func (c *call) operationStatus(opID string) *arm.Error {
	op, e := c.findOp(opID)
	if e != nil {
		return e
	}
	body := map[string]any{
		"id":        "/subscriptions/" + op.sub + "/providers/" + providerNamespace + "/locations/" + op.location + "/operationStatuses/" + op.id,
		"name":      op.id,
		"status":    op.status,
		"startTime": op.start.Format(arm.TimeFormat),
	}
	if op.status != statusInProgress {
		body["endTime"] = op.end.Format(arm.TimeFormat)
		body["percentComplete"] = 100
	} else {
		c.W.Header().Set("Retry-After", strconv.Itoa(c.RetryAfter))
	}
	if op.status == statusFailed {
		body["error"] = map[string]any{"code": op.failCode, "message": op.failMsg}
	}
	wire.WriteJSON(c.W, http.StatusOK, body)
	return nil
}

func (c *call) findOp(opID string) (*operation, *arm.Error) {
	if c.R.Method != http.MethodGet {
		return nil, arm.MethodNotAllowed(c.R.Method)
	}
	op := c.st.ops[opID]
	if op == nil || lower(op.sub) != lower(c.sub.ID) {
		return nil, arm.Errorf(http.StatusNotFound, arm.CodeOperationNotFound, "The operation '%s' could not be found.", opID)
	}
	return op, nil
}
