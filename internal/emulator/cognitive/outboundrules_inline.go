package cognitive

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

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
