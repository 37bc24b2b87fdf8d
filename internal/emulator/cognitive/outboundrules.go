package cognitive

import (
	"net/http"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
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

var (
	ruleTypes       = []string{ruleFQDN, rulePrivateEndpoint, ruleServiceTag}
	ruleNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`)
	// A wildcard is allowed as the whole leftmost label only; no scheme, port or path.
	fqdnPattern       = regexp.MustCompile(`^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`)
	serviceTagPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$`)
	armIDPattern      = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/[^/]+(/[^/]+/[^/]+)+$`)
	ruleProtocols     = []string{"TCP", "UDP", "ICMP", "*"}
	ruleActions       = []string{"Allow", "Deny"}
)

// outboundRuleType is an outbound rule of a managed network; its writes are served by this file.
func outboundRuleType(network *resourceType) *resourceType {
	return &resourceType{
		kind: kindOutboundRule, collection: "outboundRules", armType: armTypeOutboundRule, parent: network,
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

// checkRuleName applies the spec's ruleName pattern and the names reserved for the service's rules.
func checkRuleName(net *resource, name string, s *Service) *arm.Error {
	if !ruleNamePattern.MatchString(name) {
		return arm.Errorf(http.StatusBadRequest, codeInvalidResourceName,
			"The outbound rule name '%s' is not valid. It must match '%s' (3 to 33 letters, digits, '_' or '-', starting with a letter or digit).",
			name, ruleNamePattern.String())
	}
	if strings.HasPrefix(lower(name), requiredRulePrefix) {
		return arm.Errorf(http.StatusBadRequest, codeRuleNameReserved,
			"The outbound rule name '%s' is reserved: names beginning with '%s' belong to the rules the service adds to managed network '%s'.",
			name, requiredRulePrefix, net.name())
	}
	if r := s.st.resources[lower(net.id+"/outboundRules/"+name)]; r != nil && ruleCategory(r) != categoryUserDefined {
		return arm.Errorf(http.StatusBadRequest, codeRequiredRuleReadOnly,
			"The outbound rule '%s' (category %s) is added by the service and cannot be changed.", name, ruleCategory(r))
	}
	return nil
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

// checkRuleUpdate refuses what a rule cannot change in place: its type and a private endpoint's target.
func checkRuleUpdate(name string, old, props map[string]any) *arm.Error {
	if old["type"] != props["type"] {
		return arm.Errorf(http.StatusBadRequest, codeRuleUpdateNotSupported,
			"The type of outbound rule '%s' cannot be changed from '%v' to '%v'. Delete the rule and create it again.", name, old["type"], props["type"])
	}
	if props["type"] != rulePrivateEndpoint {
		return nil
	}
	od, _ := old["destination"].(map[string]any)
	nd, _ := props["destination"].(map[string]any)
	for _, k := range []string{"serviceResourceId", "subresourceTarget"} {
		a, _ := od[k].(string)
		b, _ := nd[k].(string)
		if !strings.EqualFold(a, b) {
			return arm.Errorf(http.StatusBadRequest, codeRuleUpdateNotSupported,
				"The %s of private endpoint rule '%s' cannot be changed. Delete the rule and create it again.", k, name)
		}
	}
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

// settleRules ends the provisioning of rules written by a network write or a batch: Succeeded, or Failed with the
// operation.
func settleRules(rules []*resource) func(s *Service, now time.Time, ok bool) map[string]any {
	if len(rules) == 0 {
		return nil
	}
	return func(s *Service, _ time.Time, ok bool) map[string]any {
		for _, r := range rules {
			if s.st.resources[lower(r.id)] != r {
				continue
			}
			if ok {
				r.setProvisioningState(statusSucceeded)
			} else {
				r.setProvisioningState(statusFailed)
				r.props()["errorInformation"] = "The operation that wrote the rule failed."
			}
		}
		return nil
	}
}

// ruleChanges are the rules a network write sets inline: PUT with a map replaces the user-defined set, PATCH
// merge-patches it (remove: the names sent as null).
type ruleChanges struct {
	replace bool
	set     map[string]map[string]any
	remove  []string
}

// inlineRules reads and checks properties.managedNetwork.outboundRules of a network write for the desired mode.
// Entries of the service's categories are ignored (a client that read the network sends them back).
func (c *call) inlineRules(w *write, sent map[string]any, mode string) (ruleChanges, *arm.Error) {
	ch := ruleChanges{set: map[string]map[string]any{}}
	raw, ok := sent["outboundRules"]
	if !ok || raw == nil {
		return ch, nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return ch, arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent, "The 'properties.managedNetwork.outboundRules' property must be an object.")
	}
	ch.replace = c.R.Method == http.MethodPut
	probe := &resource{id: w.id, names: w.names}
	for name, v := range m {
		if v == nil {
			ch.remove = append(ch.remove, name)
			continue
		}
		if vm, ok := v.(map[string]any); ok {
			if cat, _ := vm["category"].(string); cat != "" && !strings.EqualFold(cat, categoryUserDefined) {
				continue
			}
		}
		if e := checkRuleName(probe, name, c.s); e != nil {
			return ch, e
		}
		props, e := checkOutboundRule(name, v, mode)
		if e != nil {
			return ch, e
		}
		if w.existing != nil {
			if old := c.st.resources[lower(w.id+"/outboundRules/"+name)]; old != nil {
				if e := checkRuleUpdate(name, old.props(), props); e != nil {
					return ch, e
				}
			}
		}
		ch.set[name] = props
	}
	return ch, nil
}

// applyInlineRules writes the inline rules of a network write and returns those it created or replaced.
func (c *call) applyInlineRules(net *resource, ch ruleChanges) []*resource {
	for _, r := range c.s.rulesOf(net) {
		if ruleCategory(r) != categoryUserDefined {
			continue
		}
		_, keep := ch.set[r.name()]
		if (ch.replace && !keep) || slices.ContainsFunc(ch.remove, func(n string) bool { return strings.EqualFold(n, r.name()) }) {
			delete(c.st.resources, lower(r.id))
		}
	}
	var out []*resource
	for name, props := range ch.set {
		r, _ := c.storeRule(net, name, props)
		out = append(out, r)
	}
	return out
}

// requiredRules are the rules the service adds to a network of acc in mode (the emulator's reading): a private
// endpoint to the account itself in both enabled modes, and with AllowOnlyApprovedOutbound the service tags the
// agents need (Microsoft Entra ID, Azure Monitor).
func requiredRules(acc *resource, mode string) map[string]map[string]any {
	out := map[string]map[string]any{}
	if mode == isolationDisabled || mode == "" {
		return out
	}
	pe := map[string]any{"type": rulePrivateEndpoint, "category": categoryRequired,
		"destination": map[string]any{"serviceResourceId": acc.id, "subresourceTarget": "account"}}
	if sd := lower(subdomainOf(acc)); sd != "" {
		pe["fqdns"] = []any{sd + ".cognitiveservices.azure.com", sd + ".openai.azure.com", sd + ".services.ai.azure.com"}
	}
	out[requiredRulePrefix+"foundry-account"] = pe
	if mode == isolationApproved {
		for name, tag := range map[string]string{"entra-id": "AzureActiveDirectory", "azure-monitor": "AzureMonitor"} {
			out[requiredRulePrefix+name] = map[string]any{"type": ruleServiceTag, "category": categoryRequired,
				"destination": map[string]any{"serviceTag": tag, "protocol": "TCP", "portRanges": "443", "action": "Allow"}}
		}
	}
	return out
}

// syncRequiredRules makes the service's rules of net those its mode needs.
func (s *Service) syncRequiredRules(net *resource, now time.Time, who string) {
	acc := s.st.resources[accountKey(net.sub, net.group, net.names[0])]
	if acc == nil {
		return
	}
	want := requiredRules(acc, modeOf(net.doc))
	for _, r := range s.rulesOf(net) {
		if ruleCategory(r) == categoryUserDefined {
			continue
		}
		if _, ok := want[r.name()]; !ok {
			delete(s.st.resources, lower(r.id))
		}
		delete(want, r.name())
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		props := want[name]
		props["provisioningState"] = statusSucceeded
		id := net.id + "/outboundRules/" + name
		s.st.resources[lower(id)] = &resource{typ: s.types.outboundRule, seq: s.st.nextSeq(), createdAt: now, createdBy: who,
			modifiedAt: now, modifiedBy: who, id: id, names: []string{net.names[0], net.name(), name}, sub: net.sub, group: net.group,
			doc: map[string]any{"properties": props}}
	}
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

// checkOutboundRule checks a rule's properties for mode and returns them normalised: canonical type, category
// UserDefined, the destination of the rule's type, FQDNs of a private endpoint; status and read-only fields dropped.
func checkOutboundRule(name string, raw any, mode string) (map[string]any, *arm.Error) {
	bad := func(format string, args ...any) *arm.Error {
		return arm.Errorf(http.StatusBadRequest, codeInvalidOutboundRule, "Outbound rule '%s': "+format, append([]any{name}, args...)...)
	}
	in, ok := raw.(map[string]any)
	if !ok {
		return nil, bad("the properties must be an object.")
	}
	t, _ := in["type"].(string)
	i := slices.IndexFunc(ruleTypes, func(x string) bool { return strings.EqualFold(x, t) })
	if i < 0 {
		return nil, bad("type '%v' is not valid. Valid types are '%s'.", in["type"], strings.Join(ruleTypes, "', '"))
	}
	typ := ruleTypes[i]
	if cat, _ := in["category"].(string); cat != "" && !strings.EqualFold(cat, categoryUserDefined) {
		return nil, arm.Errorf(http.StatusBadRequest, codeInvalidRuleCategory,
			"Outbound rule '%s': category '%s' is set by the service. Rules you write have category 'UserDefined'.", name, cat)
	}
	switch {
	case mode == isolationDisabled:
		return nil, arm.Errorf(http.StatusBadRequest, codeIsolationDisabled,
			"Outbound rule '%s' cannot be written: the managed network's isolation mode is 'Disabled', so it has no outbound rules. Set isolationMode to 'AllowInternetOutbound' or 'AllowOnlyApprovedOutbound' first.", name)
	case mode == isolationInternet && typ != rulePrivateEndpoint:
		return nil, arm.Errorf(http.StatusBadRequest, codeRuleNotAllowedForMode,
			"Outbound rule '%s' of type '%s' is not allowed with isolation mode 'AllowInternetOutbound', which already allows all internet traffic; only PrivateEndpoint rules apply. Use 'AllowOnlyApprovedOutbound' to restrict outbound traffic with FQDN and ServiceTag rules.", name, typ)
	}
	out := map[string]any{"type": typ, "category": categoryUserDefined}
	switch typ {
	case ruleFQDN:
		dest, _ := in["destination"].(string)
		if msg := fqdnProblem(dest); msg != "" {
			return nil, bad("destination %s", msg)
		}
		out["destination"] = dest
	case rulePrivateEndpoint:
		d, _ := in["destination"].(map[string]any)
		id, _ := d["serviceResourceId"].(string)
		sub, _ := d["subresourceTarget"].(string)
		if !armIDPattern.MatchString(id) {
			return nil, bad("destination.serviceResourceId '%v' is not the ARM ID of a resource.", d["serviceResourceId"])
		}
		if sub == "" {
			return nil, bad("destination.subresourceTarget is required (the target's private link sub-resource, e.g. 'blob' or 'account').")
		}
		out["destination"] = map[string]any{"serviceResourceId": id, "subresourceTarget": sub}
		if f, ok := in["fqdns"]; ok && f != nil {
			list, ok := f.([]any)
			if !ok {
				return nil, bad("fqdns must be an array of strings.")
			}
			for _, v := range list {
				s, _ := v.(string)
				if msg := fqdnProblem(s); msg != "" {
					return nil, bad("fqdns: %s", msg)
				}
			}
			out["fqdns"] = wire.DeepCopyValue(list)
		}
	case ruleServiceTag:
		d, e := checkServiceTagDestination(in["destination"], bad)
		if e != nil {
			return nil, e
		}
		out["destination"] = d
	}
	return out, nil
}

func checkServiceTagDestination(raw any, bad func(string, ...any) *arm.Error) (map[string]any, *arm.Error) {
	d, ok := raw.(map[string]any)
	if !ok {
		return nil, bad("destination must be an object with serviceTag or addressPrefixes, protocol, portRanges and action.")
	}
	out := map[string]any{}
	tag, _ := d["serviceTag"].(string)
	prefixes, _ := d["addressPrefixes"].([]any)
	if tag == "" && len(prefixes) == 0 {
		return nil, bad("destination needs a serviceTag or addressPrefixes.")
	}
	if tag != "" {
		if !serviceTagPattern.MatchString(tag) {
			return nil, bad("destination.serviceTag '%s' is not a service tag name (e.g. 'Storage' or 'Storage.EastUS').", tag)
		}
		out["serviceTag"] = tag
	}
	if len(prefixes) > 0 {
		for _, p := range prefixes {
			s, _ := p.(string)
			if _, err := netip.ParsePrefix(s); err != nil {
				if _, err := netip.ParseAddr(s); err != nil {
					return nil, bad("destination.addressPrefixes: '%v' is not an IP address or CIDR range.", p)
				}
			}
		}
		out["addressPrefixes"] = wire.DeepCopyValue(prefixes)
	}
	proto, _ := d["protocol"].(string)
	i := slices.IndexFunc(ruleProtocols, func(x string) bool { return strings.EqualFold(x, proto) })
	if i < 0 {
		return nil, bad("destination.protocol '%v' is not valid. Valid protocols are '%s'.", d["protocol"], strings.Join(ruleProtocols, "', '"))
	}
	out["protocol"] = ruleProtocols[i]
	ports, _ := d["portRanges"].(string)
	if ports == "" && (ruleProtocols[i] == "ICMP") {
		ports = "*"
	}
	if msg := portRangesProblem(ports); msg != "" {
		return nil, bad("destination.portRanges %s", msg)
	}
	out["portRanges"] = ports
	action := "Allow"
	if a, ok := d["action"].(string); ok && a != "" {
		j := slices.IndexFunc(ruleActions, func(x string) bool { return strings.EqualFold(x, a) })
		if j < 0 {
			return nil, bad("destination.action '%s' is not valid. Valid actions are 'Allow', 'Deny'.", a)
		}
		action = ruleActions[j]
	}
	out["action"] = action
	return out, nil
}

// fqdnProblem says what is wrong with an FQDN destination ("" when it is fine).
func fqdnProblem(s string) string {
	switch {
	case s == "":
		return "is required (a fully qualified domain name such as 'pypi.org' or '*.blob.core.windows.net')."
	case strings.Contains(s, "://"), strings.ContainsAny(s, ":/"):
		return "'" + s + "' must be a domain name only, without a scheme, port or path."
	case strings.Count(s, "*") > 1, strings.Contains(s, "*") && !strings.HasPrefix(s, "*."):
		return "'" + s + "' may have one wildcard only, as its whole leftmost label ('*.contoso.com')."
	case len(s) > 253 || !fqdnPattern.MatchString(s):
		return "'" + s + "' is not a fully qualified domain name."
	}
	return ""
}

// portRangesProblem says what is wrong with a port range list such as "443", "80,443" or "8000-8080" ("" when
// it is fine); "*" is every port.
func portRangesProblem(s string) string {
	if s == "*" {
		return ""
	}
	if s == "" {
		return "is required: '*', a port, a range such as '8000-8080', or a comma-separated list of them."
	}
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		if !isRange {
			hi = lo
		}
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil || a < 1 || b > 65535 || a > b {
			return "'" + s + "' is not valid: '" + part + "' is not a port (1-65535) or an ascending range of them."
		}
	}
	return ""
}
