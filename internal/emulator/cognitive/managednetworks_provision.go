package cognitive

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// removeManagedNetwork takes a deleted network out with its rules.
func removeManagedNetwork(s *Service, r *resource, _ time.Time) {
	delete(s.st.resources, lower(r.id))
	for _, rule := range s.rulesOf(r) {
		delete(s.st.resources, lower(rule.id))
	}
}

// networkIsActive reports whether a network has been provisioned.
func networkIsActive(r *resource) bool {
	st, _ := networkSettings(r)["status"].(map[string]any)
	return st["status"] == networkActive
}

// decorateManagedNetwork renders the provisioning state in the spec's enum (at both levels), the status, the
// changeable isolation modes, the firewall's address and every rule of the network (outboundRules).
func decorateManagedNetwork(s *Service, r *resource, out map[string]any) {
	delete(out, "etag")
	props := propsOf(out)
	ps := r.provisioningState()
	if ps == "Accepted" || ps == "" {
		ps = "Updating"
	}
	props["provisioningState"] = ps
	mn, _ := props["managedNetwork"].(map[string]any)
	if mn == nil {
		mn = map[string]any{}
		props["managedNetwork"] = mn
	}
	mode, _ := mn["isolationMode"].(string)
	mn["provisioningState"] = ps
	mn["changeableIsolationModes"] = append([]string{}, changeableIsolations[mode]...)
	if _, ok := mn["status"]; !ok {
		mn["status"] = map[string]any{"status": networkInactive}
	}
	mn["firewallPublicIpAddress"] = nil
	if sku, _ := mn["firewallSku"].(string); networkIsActive(r) && mode == isolationApproved && sku != "" {
		mn["firewallPublicIpAddress"] = firewallAddress(r.id)
	}
	rules := map[string]any{}
	for _, rule := range s.rulesOf(r) {
		rules[rule.name()] = propsOf(s.render(rule))
	}
	mn["outboundRules"] = rules
}

// firewallAddress is a stable public address for a network's firewall (20.x.y.z, from its ID).
func firewallAddress(id string) string {
	h := sha256.Sum256([]byte(lower(id)))
	return fmt.Sprintf("20.%d.%d.%d", h[0], h[1], max(h[2], 1))
}

// serveProvision serves POST ACC/managedNetworks/{name}/provision.
func serveProvision(c *call, p params) *arm.Error {
	acc := c.account(p)
	if acc == nil {
		return arm.ParentNotFound(p["accountName"])
	}
	net := c.managedNetworkOf(acc, p["managedNetworkName"])
	if net == nil {
		return arm.ParentNotFound(acc.name() + "/managedNetworks/" + p["managedNetworkName"])
	}
	if _, e := c.ReadBody(); e != nil {
		return e
	}
	if modeOf(net.doc) == isolationDisabled {
		return arm.Errorf(http.StatusBadRequest, codeIsolationDisabled,
			"The managed network '%s' of account '%s' has isolation mode 'Disabled': there is nothing to provision. Set isolationMode to 'AllowInternetOutbound' or 'AllowOnlyApprovedOutbound' first.",
			net.name(), acc.name())
	}
	lockKey := lower(acc.id)
	if e := c.checkBusy(lockKey); e != nil {
		return e
	}
	if networkIsActive(net) {
		wire.WriteJSON(c.W, http.StatusOK, map[string]any{"status": networkActive})
		return nil
	}
	w := &write{method: http.MethodPost, typ: c.s.types.managedNetwork, sub: c.sub, group: c.g, names: net.names, id: net.id, existing: net}
	op := c.commit(w, net, opPatch, wire.DeepCopy(net.doc))
	op.due = c.Now.Add(c.Duration(provisionOperation)) // the provision action's own duration, not managedNetworks/update
	op.settled = func(_ *Service, _ time.Time, ok bool) map[string]any {
		if !ok {
			return nil
		}
		mn := networkSettings(net)
		mn["status"] = map[string]any{"status": networkActive}
		if _, ok := mn["networkId"]; !ok {
			mn["networkId"] = uuid.NewString()
		}
		return map[string]any{"status": networkActive}
	}
	c.answerAccepted(op)
	return nil
}
