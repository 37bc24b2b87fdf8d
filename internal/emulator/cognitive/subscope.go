package cognitive

import (
	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// listDeletedAccounts serves DeletedAccounts_List of the subscription.
func (c *call) listDeletedAccounts(params) *arm.Error {
	var items []*resource
	for _, r := range c.st.deleted {
		if lower(r.sub) == lower(c.sub.ID) {
			items = append(items, r)
		}
	}
	return c.writeRendered(items)
}

func (c *call) listAccounts(g *arm.Group) *arm.Error {
	sub := c.sub
	var items []*resource
	for _, r := range c.st.resources {
		if r.typ.kind != kindAccount || lower(r.sub) != lower(sub.ID) || (g != nil && lower(r.group) != lower(g.Name)) {
			continue
		}
		items = append(items, r)
	}
	return c.writeRendered(items)
}

func (c *call) writeRendered(items []*resource) *arm.Error {
	sortBySeq(items)
	out := make([]map[string]any, 0, len(items))
	for _, r := range items {
		out = append(out, c.s.render(r))
	}
	return c.WriteList(out)
}

func (c *call) deletedAccount(loc, group, name string) *arm.Error {
	sub := c.sub
	key := lower(deletedAccountID(sub.ID, arm.NormaliseRegion(loc), group, name))
	r := c.st.deleted[key]
	switch c.R.Method {
	case http.MethodGet:
		if r == nil {
			return arm.NotFound(providerNamespace+"/locations/resourceGroups/deletedAccounts", name, group)
		}
		wire.WriteJSON(c.W, http.StatusOK, c.s.render(r))
		return nil
	case http.MethodDelete:
		if r == nil {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		for _, op := range c.st.ops {
			if op.kind == opPurge && op.res == r && op.status == statusInProgress {
				return arm.Errorf(http.StatusConflict, arm.CodeRequestConflict, "Another operation is being performed on the resource '%s'. Please try again later.", r.deletedID)
			}
		}
		op := c.startOp(r, opPurge, nil, "")
		c.setLROHeaders(op, answerLocation)
		c.W.WriteHeader(http.StatusAccepted)
		return nil
	}
	return arm.MethodNotAllowed(c.R.Method)
}

func (c *call) checkDomainAvailability() *arm.Error {
	body, e := c.ReadBody()
	if e != nil {
		return e
	}
	sd, _ := body["subdomainName"].(string)
	typ, _ := body["type"].(string)
	if sd == "" || typ == "" {
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "The request must contain 'subdomainName' and 'type'.")
	}
	out := map[string]any{"subdomainName": sd, "type": typ, "isSubdomainAvailable": true}
	if kind, ok := body["kind"].(string); ok {
		out["kind"] = kind
	}
	switch owner := c.subdomainOwner(sd, nil); {
	case !subdomainPattern.MatchString(sd):
		out["isSubdomainAvailable"] = false
		out["reason"] = "Sub domain name '" + sd + "' is not valid"
	case owner != nil && !owner.deletedAt.IsZero():
		out["isSubdomainAvailable"] = false
		out["reason"] = "Sub domain name '" + sd + "' is already used by a soft-deleted resource. Purge it or wait until it is purged (48 hours after deletion)."
	case owner != nil:
		out["isSubdomainAvailable"] = false
		out["reason"] = "Sub domain name '" + sd + "' is already used. Please pick a different one."
	case !strings.EqualFold(typ, armTypeAccount):
		out["isSubdomainAvailable"] = false
		out["reason"] = "Resource type '" + typ + "' is not supported."
	}
	wire.WriteJSON(c.W, http.StatusOK, out)
	return nil
}
