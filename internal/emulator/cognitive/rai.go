package cognitive

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// RAI (content filter) policies, ACC/raiPolicies (2026-09-01). PUT is synchronous (200 updated, 201 created);
// DELETE is long-running (202 + Location, 204 when absent) and goes through the engine's delete, so it holds the
// account like every long-running child write. PUT is refused with 409 RequestConflict while another operation runs
// on the account, like a connection write, and starts no hold. The two built-in policies exist in every account
// without being stored: they are listed (type SystemManaged) and read like stored ones, deployments may name them,
// and they can be neither written nor deleted. A policy that a deployment of its account names cannot be deleted.
// The rules of a policy's document are in rai_rules.go; blocklists in rai_blocklists.go; content filters in
// rai_filters.go.

// raiNamePattern is the specification's pattern of raiPolicyName, raiBlocklistName and raiBlocklistItemName.
var raiNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)

// The built-in policies.
const (
	raiPolicyDefault   = "Microsoft.Default"
	raiPolicyDefaultV2 = "Microsoft.DefaultV2"
)

// raiBuiltins are the built-in policies' properties: the four harm categories at Medium for prompts and completions
// (Microsoft.Default), plus prompt shields for jailbreaks and protected material detection (Microsoft.DefaultV2), as
// Learn describes them; the exact documents Azure returns are not established (the emulator's reading).
func raiBuiltins() map[string]map[string]any {
	harm := func() []any {
		var out []any
		for _, name := range []string{"Hate", "Sexual", "Selfharm", "Violence"} {
			for _, src := range []string{"Prompt", "Completion"} {
				out = append(out, map[string]any{"name": name, "enabled": true, "blocking": true, "severityThreshold": "Medium", "source": src})
			}
		}
		return out
	}
	v2 := append(harm(),
		map[string]any{"name": "Jailbreak", "enabled": true, "blocking": true, "source": "Prompt"},
		map[string]any{"name": "Protected Material Text", "enabled": true, "blocking": true, "source": "Completion"},
		map[string]any{"name": "Protected Material Code", "enabled": true, "blocking": false, "source": "Completion"}, // annotate only
	)
	return map[string]map[string]any{
		raiPolicyDefault:   {"type": "SystemManaged", "mode": "Blocking", "contentFilters": harm()},
		raiPolicyDefaultV2: {"type": "SystemManaged", "mode": "Blocking", "contentFilters": v2},
	}
}

// raiBuiltinName returns the canonical name of a built-in policy ("" when name is none).
func raiBuiltinName(name string) string {
	for _, b := range []string{raiPolicyDefault, raiPolicyDefaultV2} {
		if strings.EqualFold(b, name) {
			return b
		}
	}
	return ""
}

// raiPolicyType is the resource type of RAI policies.
func raiPolicyType(account *resourceType) *resourceType {
	return &resourceType{
		kind: kindRAIPolicy, collection: "raipolicies", armType: armTypeRAIPolicy, parent: account, operation: "raiPolicies",
		onDelete:  answerLocation, // RaiPolicies_Delete 202: location, Retry-After (the PUT is synchronous)
		decorate:  []decorator{decorateRAIPolicy},
		deletable: []func(c *call, r *resource) *arm.Error{checkRAIPolicyInUse},
		removed:   removeOnly,
	}
}

// HasRAIPolicy tells whether the account (its ARM ID, any casing) has the RAI policy name: a built-in one, or one
// stored in the account.
func (s *Service) HasRAIPolicy(accountARMID, name string) bool {
	if raiBuiltinName(name) != "" {
		return s.st.resources[lower(accountARMID)] != nil
	}
	return s.st.resources[lower(accountARMID+"/raiPolicies/"+name)] != nil
}

// raiPolicyNames are the names of the policies an account has: the built-in ones, then the stored ones.
func (s *Service) raiPolicyNames(acc *resource) []string {
	names := []string{raiPolicyDefault, raiPolicyDefaultV2}
	for _, p := range s.st.children(acc, kindRAIPolicy) {
		names = append(names, p.name())
	}
	return names
}

// raiPolicies serves ACC/raiPolicies and ACC/raiPolicies/{raiPolicyName}.
func raiPolicies(c *call, p params) *arm.Error {
	acc, name := c.account(p), p["raiPolicyName"]
	if acc == nil {
		if c.R.Method == http.MethodDelete {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		return arm.ParentNotFound(p["accountName"])
	}
	if _, listing := p["raiPolicyName"]; !listing {
		return c.getOnly(func() *arm.Error { return c.listRAIPolicies(acc) })
	}
	id := acc.id + "/raiPolicies/" + name
	existing := c.st.resources[lower(id)]
	builtin := raiBuiltinName(name)
	switch c.R.Method {
	case http.MethodGet:
		switch {
		case builtin != "":
			wire.WriteJSON(c.W, http.StatusOK, c.renderRAIBuiltin(acc, builtin))
		case existing == nil:
			return arm.NotFound(armTypeRAIPolicy, acc.name()+"/"+name, c.g.Name)
		default:
			c.writeResource(http.StatusOK, existing)
		}
		return nil
	case http.MethodPut, http.MethodDelete:
		if builtin != "" {
			return arm.Errorf(http.StatusBadRequest, codeOperationNotSupported,
				"The RAI policy '%s' is a system-managed policy: it cannot be created, changed or deleted. Create a policy of another name with basePolicyName '%s'.",
				builtin, builtin)
		}
		if c.R.Method == http.MethodDelete {
			w := &write{method: http.MethodDelete, typ: c.s.types.raiPolicy, sub: c.sub, group: c.g, id: id,
				names: []string{acc.names[0], name}, existing: existing, parent: acc}
			return c.delete(w)
		}
		return c.putRAIPolicy(acc, id, name, existing)
	}
	return arm.MethodNotAllowed(c.R.Method)
}

// listRAIPolicies lists an account's policies: the built-in ones first, then the stored ones in creation order.
func (c *call) listRAIPolicies(acc *resource) *arm.Error {
	items := []map[string]any{c.renderRAIBuiltin(acc, raiPolicyDefault), c.renderRAIBuiltin(acc, raiPolicyDefaultV2)}
	for _, r := range c.st.children(acc, kindRAIPolicy) {
		items = append(items, c.s.render(r))
	}
	return c.WriteList(items)
}

// renderRAIBuiltin is a built-in policy as the account lists it.
func (c *call) renderRAIBuiltin(acc *resource, name string) map[string]any {
	return map[string]any{
		"id": acc.id + "/raiPolicies/" + name, "name": name, "type": armTypeRAIPolicy,
		"properties": wire.DeepCopy(raiBuiltins()[name]),
	}
}

// putRAIPolicy creates or replaces a policy (synchronous).
func (c *call) putRAIPolicy(acc *resource, id, name string, existing *resource) *arm.Error {
	body, e := c.beginRAIPut("RAI policy", name, lower(acc.id), existing)
	if e != nil {
		return e
	}
	doc, e := c.prepareRAIPolicy(acc, name, body, existing)
	if e != nil {
		return e
	}
	c.storeRAIChild(c.s.types.raiPolicy, id, []string{acc.names[0], name}, doc, existing)
	return nil
}

// beginRAIPut runs what every synchronous RAI PUT checks first: the name, If-Match and If-None-Match, and one write
// at a time per account (accountKey); then it reads the body.
func (c *call) beginRAIPut(what, name, accountKey string, existing *resource) (map[string]any, *arm.Error) {
	if !raiNamePattern.MatchString(name) {
		return nil, arm.Errorf(http.StatusBadRequest, codeInvalidResourceName,
			"The %s name '%s' is not valid. It must match the pattern '%s'.", what, name, raiNamePattern.String())
	}
	if e := c.checkPreconditions(existing); e != nil {
		return nil, e
	}
	if e := c.checkBusy(accountKey); e != nil {
		return nil, e
	}
	return c.ReadBody()
}

// decorateRAIPolicy adds the read-only type and leaves out the secrets of the egress policy (x-ms-secret: never
// returned).
func decorateRAIPolicy(_ *Service, _ *resource, out map[string]any) {
	props := propsOf(out)
	props["type"] = "UserManaged"
	for _, h := range egressHeaders(props) {
		delete(h, "value")
		if ref, ok := h["valueRef"].(map[string]any); ok {
			if sr, ok := ref["secretRef"].(map[string]any); ok {
				delete(sr, "secretKey")
			}
		}
	}
}

// checkRAIPolicyInUse refuses to delete a policy while deployments of its account name it.
func checkRAIPolicyInUse(c *call, r *resource) *arm.Error {
	acc := c.s.accountOf(r)
	if acc == nil {
		return nil
	}
	var users []string
	for _, d := range c.st.children(acc, kindDeployment) {
		if name, _ := d.props()["raiPolicyName"].(string); strings.EqualFold(name, r.name()) {
			users = append(users, d.name())
		}
	}
	if len(users) == 0 {
		return nil
	}
	return arm.Errorf(http.StatusConflict, codeRAIPolicyInUse,
		"The RAI policy '%s' cannot be deleted because it is used by deployments of account '%s': %s. Change their raiPolicyName or delete them first.",
		r.name(), acc.name(), strings.Join(users, ", "))
}

// checkDeploymentRAIPolicy is a deployment rule: its raiPolicyName must be a built-in policy or a policy of its
// account.
func checkDeploymentRAIPolicy(c *call, w *write) *arm.Error {
	name, _ := propsOf(w.doc)["raiPolicyName"].(string)
	if name == "" || c.s.HasRAIPolicy(w.parent.id, name) {
		return nil
	}
	return arm.Errorf(http.StatusBadRequest, codeRAIPolicyNotFound,
		"The RAI policy '%s' does not exist in account '%s'. Available policies: %s.", name, w.parent.name(), strings.Join(c.s.raiPolicyNames(w.parent), ", "))
}

// RAIPolicyDocument returns the stored document of a policy (egress secrets included, which ARM never returns);
// ok is false when there is none.
func (s *Service) RAIPolicyDocument(policyID string) (map[string]any, bool) {
	r := s.st.resources[lower(strings.TrimRight(policyID, "/"))]
	if r == nil || r.typ.kind != kindRAIPolicy {
		return nil, false
	}
	return wire.DeepCopy(r.doc), true
}

// removeWithChildren takes a deleted resource out with the resources below it (a blocklist with its items).
func removeWithChildren(s *Service, r *resource, _ time.Time) {
	prefix := lower(r.id) + "/"
	for k := range s.st.resources {
		if strings.HasPrefix(k, prefix) {
			delete(s.st.resources, k)
		}
	}
	delete(s.st.resources, lower(r.id))
}

// sortedFold returns names sorted case-insensitively (for messages).
func sortedFold(names []string) []string {
	out := slices.Clone(names)
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(lower(a), lower(b)) })
	return out
}
