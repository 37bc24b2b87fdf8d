package cognitive

import (
	"net/http"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Outbound rules of a managed network (ACC/managedNetworks/{name}/outboundRules/{ruleName}) and
// batchOutboundRules. PUT answers 202 (Location, Retry-After, no body), the rule shows status Provisioning until the
// operation ends, then Inactive (Active once the network is provisioned); DELETE 202, 204 when absent; PATCH does
// not exist (405). The rules the service adds (category Required) cannot be written or deleted, and names beginning
// with "required-" are reserved for them (the emulator's choice of names, which follow the spec's ruleName pattern).

const (
	ruleFQDN            = "FQDN"
	rulePrivateEndpoint = "PrivateEndpoint"
	ruleServiceTag      = "ServiceTag"
	categoryUserDefined = "UserDefined"
	categoryRequired    = "Required"
	// requiredRulePrefix starts the names of the rules the service adds itself.
	requiredRulePrefix = "required-"
)

var ruleTypes = []string{ruleFQDN, rulePrivateEndpoint, ruleServiceTag}

// outboundRuleType is an outbound rule of a managed network; its writes are served by this file.
func outboundRuleType(network *resourceType) *resourceType {
	return &resourceType{
		kind: kindOutboundRule, collection: "outboundRules", armType: armTypeOutboundRule, parent: network, operation: "outboundRules",
		decorate: []decorator{decorateOutboundRule},
		removed:  removeOnly,
	}
}

// rulesOf are the rules of a network, oldest first.
func (s *Service) rulesOf(net *resource) []*resource {
	prefix := lower(net.id) + "/outboundrules/"
	var out []*resource
	for k, r := range s.st.resources {
		if r.typ.kind == kindOutboundRule && strings.HasPrefix(k, prefix) {
			out = append(out, r)
		}
	}
	sortBySeq(out)
	return out
}

func ruleCategory(r *resource) string {
	c, _ := r.props()["category"].(string)
	return c
}

// decorateOutboundRule renders the rule's status (from the engine's provisioning state and the network's) in place
// of the provisioning state, which the spec's OutboundRule does not have.
func decorateOutboundRule(s *Service, r *resource, out map[string]any) {
	delete(out, "etag")
	props := propsOf(out)
	delete(props, "provisioningState")
	switch r.provisioningState() {
	case "Accepted":
		props["status"] = "Provisioning"
	case "Deleting":
		props["status"] = "Deleting"
	case "Failed":
		props["status"] = "Failed"
	default:
		props["status"] = networkInactive
		if net := s.st.resources[lower(accountID(r.sub, r.group, r.names[0])+"/managedNetworks/"+r.names[1])]; net != nil && networkIsActive(net) {
			props["status"] = networkActive
		}
	}
}

// serveOutboundRules serves the list ACC/managedNetworks/{name}/outboundRules (the service's rules included).
func serveOutboundRules(c *call, p params) *arm.Error {
	return c.getOnly(func() *arm.Error {
		net, e := c.ruleNetwork(p)
		if e != nil {
			return e
		}
		items := []map[string]any{}
		for _, r := range c.s.rulesOf(net) {
			items = append(items, c.s.render(r))
		}
		return c.WriteList(items)
	})
}

// ruleNetwork is the network a rule request names, or the 404 for its missing account or network.
func (c *call) ruleNetwork(p params) (*resource, *arm.Error) {
	acc := c.account(p)
	if acc == nil {
		return nil, arm.ParentNotFound(p["accountName"])
	}
	net := c.managedNetworkOf(acc, p["managedNetworkName"])
	if net == nil {
		return nil, arm.ParentNotFound(acc.name() + "/managedNetworks/" + p["managedNetworkName"])
	}
	return net, nil
}

// serveOutboundRule serves GET, PUT and DELETE of one rule.
func serveOutboundRule(c *call, p params) *arm.Error {
	net, e := c.ruleNetwork(p)
	if e != nil {
		if c.R.Method == http.MethodDelete {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		return e
	}
	name := p["ruleName"]
	existing := c.st.resources[lower(net.id+"/outboundRules/"+name)]
	switch c.R.Method {
	case http.MethodGet:
		if existing == nil {
			return arm.NotFound(armTypeOutboundRule, net.names[0]+"/"+net.name()+"/"+name, c.g.Name)
		}
		wire.WriteJSON(c.W, http.StatusOK, c.s.render(existing))
		return nil
	case http.MethodPut:
		return c.putOutboundRule(net, name, existing)
	case http.MethodDelete:
		if existing == nil {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		if ruleCategory(existing) != categoryUserDefined {
			return arm.Errorf(http.StatusBadRequest, codeRequiredRuleReadOnly,
				"The outbound rule '%s' (category %s) is added by the service and cannot be deleted.", name, ruleCategory(existing))
		}
		key := accountKey(net.sub, net.group, net.names[0])
		if e := c.checkBusy(key); e != nil {
			return e
		}
		c.answerAccepted(c.startDelete(existing, key))
		return nil
	}
	return arm.MethodNotAllowed(c.R.Method)
}

// putOutboundRule creates or replaces a user-defined rule and starts its operation.
func (c *call) putOutboundRule(net *resource, name string, existing *resource) *arm.Error {
	if e := checkRuleName(net, name, c.s); e != nil {
		return e
	}
	key := accountKey(net.sub, net.group, net.names[0])
	if e := c.checkBusy(key); e != nil {
		return e
	}
	body, e := c.ReadBody()
	if e != nil {
		return e
	}
	raw, ok := body["properties"]
	if !ok || raw == nil {
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "The 'properties' property of outbound rule '%s' is required.", name)
	}
	props, e := checkOutboundRule(name, raw, modeOf(net.doc))
	if e != nil {
		return e
	}
	if existing != nil {
		if e := checkRuleUpdate(name, existing.props(), props); e != nil {
			return e
		}
	}
	r, prev := c.storeRule(net, name, props)
	w := &write{method: http.MethodPut, typ: c.s.types.outboundRule, sub: c.sub, group: c.g, names: r.names, id: r.id, existing: existing}
	c.answerAccepted(c.commit(w, r, opPut, prev))
	return nil
}

// storeRule creates or replaces a rule of net with the given properties, provisioning (Accepted); it returns the
// rule and its document before the write (nil for a new rule).
func (c *call) storeRule(net *resource, name string, props map[string]any) (*resource, map[string]any) {
	id := net.id + "/outboundRules/" + name
	r := c.st.resources[lower(id)]
	var prev map[string]any
	if r == nil {
		r = &resource{typ: c.s.types.outboundRule, seq: c.st.nextSeq(), createdAt: c.Now, createdBy: c.Who.AppID,
			id: id, names: []string{net.names[0], net.name(), name}, sub: net.sub, group: net.group}
		c.st.resources[lower(id)] = r
	} else {
		prev = wire.DeepCopy(r.doc)
		r.id, r.names = id, []string{net.names[0], net.name(), name}
	}
	props["provisioningState"] = "Accepted"
	r.doc = map[string]any{"properties": props}
	r.modifiedAt, r.modifiedBy = c.Now, c.Who.AppID
	return r, prev
}

// serveBatchOutboundRules serves POST …/batchOutboundRules: the rules in properties.outboundRules are created or
// replaced (the emulator's reading: rules left out stay; the spec does not say), in one operation on the network
// whose final poll answers the network's whole rule list.
func serveBatchOutboundRules(c *call, p params) *arm.Error {
	net, e := c.ruleNetwork(p)
	if e != nil {
		return e
	}
	key := accountKey(net.sub, net.group, net.names[0])
	if e := c.checkBusy(key); e != nil {
		return e
	}
	body, e := c.ReadBody()
	if e != nil {
		return e
	}
	props, _ := body["properties"].(map[string]any)
	w := &write{method: http.MethodPatch, typ: c.s.types.managedNetwork, sub: c.sub, group: c.g, names: net.names, id: net.id, existing: net}
	ch, e := c.inlineRules(w, map[string]any{"outboundRules": props["outboundRules"]}, modeOf(net.doc))
	if e != nil {
		return e
	}
	ch.remove = nil // a batch writes rules; it never removes one
	rules := c.applyInlineRules(net, ch)
	op := c.commit(w, net, opPatch, wire.DeepCopy(net.doc))
	mark := settleRules(rules)
	op.settled = func(s *Service, now time.Time, ok bool) map[string]any {
		if mark != nil {
			mark(s, now, ok)
		}
		items := []any{}
		for _, r := range s.rulesOf(net) {
			items = append(items, s.render(r))
		}
		return map[string]any{"value": items}
	}
	c.answerAccepted(op)
	return nil
}
