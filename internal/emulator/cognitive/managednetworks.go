package cognitive

import (
	"net/http"
	"slices"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// The managed network of an account (ACC/managedNetworks/default), its provision action and its outbound rules
// (outboundrules.go), per the 2026-09-01 specification:
//
//   - PUT and PATCH answer 202 with Location and Retry-After and no body (the spec also allows a synchronous 200);
//     the final poll answers 200 with the network. PATCH merge-patches properties.managedNetwork.
//   - DELETE answers 202 (Location, Retry-After), 204 when absent; the network's rules go with it.
//   - POST …/provision answers 202 (Location, Retry-After); the operation lasts the duration of
//     managedNetworks/provision, the network shows provisioningState Updating meanwhile and ends status Active; the
//     final poll answers 200 {"status": "Active"}. An Active network answers 200 at once.
//   - Only the name "default"; the isolation mode may go Disabled → AllowInternetOutbound → AllowOnlyApprovedOutbound,
//     never back (changeableIsolationModes); the kind V1 → V2, never back (a PUT that leaves it out keeps it).
//   - The service adds Required rules itself (requiredRules); rules set inline in outboundRules (PUT: the user rules
//     become exactly that map; PATCH: merge-patch, null removes) and rules written as child resources are one set.
//
// Every write takes the account's one-write-at-a-time rule (409 RequestConflict) like the other children. The
// resources carry no etag (the spec's ProxyResource has none); the engine's provisioningState drives the network's
// own (Accepted shows as Updating, which is in the spec's enum) and each rule's status.

const (
	armTypeManagedNetwork = providerNamespace + "/accounts/managedNetworks"
	armTypeOutboundRule   = providerNamespace + "/accounts/managedNetworks/outboundRules"

	managedNetworkDefault = "default"

	// provisionOperation names the provision action for its duration (emulator.OpManagedNetworkProvision).
	provisionOperation = "managedNetworks/provision"

	isolationDisabled = "Disabled"
	isolationInternet = "AllowInternetOutbound"
	isolationApproved = "AllowOnlyApprovedOutbound"

	networkActive   = "Active"
	networkInactive = "Inactive"
)

var (
	isolationModes       = []string{isolationDisabled, isolationInternet, isolationApproved}
	firewallSkus         = []string{"Standard", "Basic"}
	managedNetworkKinds  = []string{"V1", "V2"}
	changeableIsolations = map[string][]string{
		isolationDisabled: {isolationInternet, isolationApproved},
		isolationInternet: {isolationApproved},
		isolationApproved: {},
	}
)

// managedNetworkType is the managed network of an account; its writes are served by this file.
func managedNetworkType(account *resourceType) *resourceType {
	return &resourceType{
		kind: kindManagedNetwork, collection: "managedNetworks", armType: armTypeManagedNetwork, parent: account, operation: "managedNetworks",
		decorate: []decorator{decorateManagedNetwork},
		removed:  removeManagedNetwork,
	}
}

// managedNetworkID is the ID of an account's managed network with the names' casing as sent.
func managedNetworkID(acc *resource, name string) string { return acc.id + "/managedNetworks/" + name }

// managedNetworkOf is the live managed network name of acc, nil when there is none.
func (c *call) managedNetworkOf(acc *resource, name string) *resource {
	if acc == nil {
		return nil
	}
	return c.st.resources[lower(managedNetworkID(acc, name))]
}

// serveManagedNetworks serves ACC/managedNetworks (the list: zero or one network).
func serveManagedNetworks(c *call, p params) *arm.Error {
	return c.getOnly(func() *arm.Error {
		acc := c.account(p)
		if acc == nil {
			return arm.ParentNotFound(p["accountName"])
		}
		items := []map[string]any{}
		for _, r := range c.st.children(acc, kindManagedNetwork) {
			items = append(items, c.s.render(r))
		}
		return c.WriteList(items)
	})
}

// serveManagedNetwork serves GET, PUT, PATCH and DELETE of ACC/managedNetworks/{managedNetworkName}.
func serveManagedNetwork(c *call, p params) *arm.Error {
	acc, name := c.account(p), p["managedNetworkName"]
	w := &write{method: c.R.Method, typ: c.s.types.managedNetwork, sub: c.sub, group: c.g, parent: acc}
	if acc == nil {
		if c.R.Method == http.MethodDelete {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		return arm.ParentNotFound(p["accountName"])
	}
	w.names, w.id = []string{acc.names[0], name}, managedNetworkID(acc, name)
	w.existing = c.st.resources[lower(w.id)]
	switch c.R.Method {
	case http.MethodGet:
		if w.existing == nil {
			return arm.NotFound(armTypeManagedNetwork, acc.name()+"/"+name, c.g.Name)
		}
		wire.WriteJSON(c.W, http.StatusOK, c.s.render(w.existing))
		return nil
	case http.MethodPut, http.MethodPatch:
		return c.putManagedNetwork(w)
	case http.MethodDelete:
		if w.existing == nil {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		if e := c.checkBusy(w.lockKey()); e != nil {
			return e
		}
		c.answerAccepted(c.startDelete(w.existing, w.lockKey()))
		return nil
	}
	return arm.MethodNotAllowed(c.R.Method)
}

// answerAccepted answers 202 with the operation's Location and Retry-After and no body.
func (c *call) answerAccepted(op *operation) {
	c.setLROHeaders(op, answerLocation)
	c.W.Header().Del("Content-Type")
	c.W.WriteHeader(http.StatusAccepted)
}

// putManagedNetwork creates, replaces (PUT) or merge-patches (PATCH) a managed network and starts its operation.
func (c *call) putManagedNetwork(w *write) *arm.Error {
	if c.R.Method == http.MethodPatch && w.existing == nil {
		return arm.NotFound(armTypeManagedNetwork, w.parent.name()+"/"+w.names[1], c.g.Name)
	}
	if !strings.EqualFold(w.names[1], managedNetworkDefault) {
		return arm.Errorf(http.StatusBadRequest, codeInvalidResourceName,
			"The managed network name '%s' is not supported. Only 'default' is supported.", w.names[1])
	}
	if e := c.checkBusy(w.lockKey()); e != nil {
		return e
	}
	body, e := c.ReadBody()
	if e != nil {
		return e
	}
	sent, e := managedNetworkSettingsOf(body)
	if e != nil {
		return e
	}
	settings := map[string]any{}
	if w.existing != nil && c.R.Method == http.MethodPatch {
		settings = wire.DeepCopy(networkSettings(w.existing))
		wire.MergePatch(settings, withoutRules(sent))
	} else {
		for k, v := range withoutRules(sent) {
			if v != nil {
				settings[k] = v
			}
		}
	}
	doc, e := normaliseManagedNetwork(settings, w.existing)
	if e != nil {
		return e
	}
	rules, e := c.inlineRules(w, sent, modeOf(doc))
	if e != nil {
		return e
	}
	r := w.existing
	var prev map[string]any
	if r == nil {
		r = &resource{typ: w.typ, seq: c.st.nextSeq(), createdAt: c.Now, createdBy: c.Who.AppID, names: w.names, sub: w.sub.ID, group: w.group.Name}
		r.id = w.id
		c.st.resources[lower(r.id)] = r
	} else {
		prev = wire.DeepCopy(r.doc)
	}
	r.doc = doc
	op := c.commit(w, r, opPut, prev)
	op.settled = settleRules(c.applyInlineRules(r, rules))
	c.s.syncRequiredRules(r, c.Now, c.Who.AppID)
	c.answerAccepted(op)
	return nil
}

// managedNetworkSettingsOf is properties.managedNetwork of a body (absent or null: empty).
func managedNetworkSettingsOf(body map[string]any) (map[string]any, *arm.Error) {
	props, ok := body["properties"]
	if !ok || props == nil {
		return map[string]any{}, nil
	}
	pm, ok := props.(map[string]any)
	if !ok {
		return nil, arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent, "The 'properties' property must be an object.")
	}
	mn, ok := pm["managedNetwork"]
	if !ok || mn == nil {
		return map[string]any{}, nil
	}
	m, ok := mn.(map[string]any)
	if !ok {
		return nil, arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent, "The 'properties.managedNetwork' property must be an object.")
	}
	return m, nil
}

// withoutRules is the settings a client sent without outboundRules and the read-only or computed fields.
func withoutRules(sent map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"isolationMode", "firewallSku", "managedNetworkKind"} {
		if v, ok := sent[k]; ok {
			out[k] = v
		}
	}
	return out
}

// networkSettings is the stored properties.managedNetwork of a network.
func networkSettings(r *resource) map[string]any {
	mn, ok := r.props()["managedNetwork"].(map[string]any)
	if !ok {
		mn = map[string]any{}
		r.props()["managedNetwork"] = mn
	}
	return mn
}

// modeOf is the isolation mode of a stored or desired network document.
func modeOf(doc map[string]any) string {
	mn, _ := propsOf(doc)["managedNetwork"].(map[string]any)
	m, _ := mn["isolationMode"].(string)
	return m
}

// normaliseManagedNetwork checks the desired settings against the enums and the one-way changes, fills the
// defaults (isolation Disabled, kind V1, firewall Standard for AllowOnlyApprovedOutbound) and keeps what the service
// owns (networkId, status) from the existing network.
func normaliseManagedNetwork(settings map[string]any, ex *resource) (map[string]any, *arm.Error) {
	out := map[string]any{}
	for _, f := range []struct {
		key, code string
		values    []string
		def       string
	}{
		{"isolationMode", codeInvalidIsolationMode, isolationModes, isolationDisabled},
		{"firewallSku", codeInvalidFirewallSku, firewallSkus, ""},
		{"managedNetworkKind", codeInvalidManagedNetworkKind, managedNetworkKinds, "V1"},
	} {
		v, ok := settings[f.key]
		if (!ok || v == nil) && f.key == "managedNetworkKind" && ex != nil {
			v, ok = networkSettings(ex)[f.key], true // a kind left out stays what it is (it only goes V1 → V2)
		}
		if !ok || v == nil {
			if f.def != "" {
				out[f.key] = f.def
			}
			continue
		}
		s, _ := v.(string)
		i := slices.IndexFunc(f.values, func(x string) bool { return strings.EqualFold(x, s) })
		if i < 0 {
			return nil, arm.Errorf(http.StatusBadRequest, f.code, "The value '%v' of 'properties.managedNetwork.%s' is not valid. Valid values are '%s'.",
				v, f.key, strings.Join(f.values, "', '"))
		}
		out[f.key] = f.values[i]
	}
	mode, _ := out["isolationMode"].(string)
	if _, ok := out["firewallSku"]; !ok && mode == isolationApproved {
		out["firewallSku"] = "Standard"
	}
	if ex != nil {
		old := networkSettings(ex)
		if from, _ := old["isolationMode"].(string); from != mode && !slices.Contains(changeableIsolations[from], mode) {
			return nil, arm.Errorf(http.StatusBadRequest, codeIsolationModeChange,
				"The isolation mode of managed network '%s' cannot be changed from '%s' to '%s'. It can be changed to: %s. Delete the managed network and create it again to use another mode.",
				ex.name(), from, mode, describeModes(changeableIsolations[from]))
		}
		if from, _ := old["managedNetworkKind"].(string); from == "V2" && out["managedNetworkKind"] == "V1" {
			return nil, arm.Errorf(http.StatusBadRequest, codeManagedNetworkKindChange,
				"The kind of managed network '%s' cannot be changed from 'V2' back to 'V1'.", ex.name())
		}
		for _, k := range []string{"networkId", "status"} {
			if v, ok := old[k]; ok {
				out[k] = wire.DeepCopyValue(v)
			}
		}
	}
	return map[string]any{"properties": map[string]any{"managedNetwork": out}}, nil
}

func describeModes(modes []string) string {
	if len(modes) == 0 {
		return "none"
	}
	return "'" + strings.Join(modes, "', '") + "'"
}
