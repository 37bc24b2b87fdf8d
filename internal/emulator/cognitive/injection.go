package cognitive

import (
	"net/http"
	"net/netip"
	"regexp"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/neighbours"
)

const (
	// agentLinkName is the service association link Foundry's agent service puts on an injected subnet.
	agentLinkName = "legionservicelink"
	// AgentSubnetDelegation is the delegation an agent subnet needs.
	AgentSubnetDelegation = "Microsoft.App/environments"
)

// injection is one entry of properties.networkInjections.
type injection struct {
	scenario string // "agent" or "none"
	subnet   string
	managed  bool
}

var (
	subnetIDPattern = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Network/virtualNetworks/[^/]+/subnets/[^/]+$`)
	// rfc1918 are the ranges an agent subnet may use; agentReserved must not be overlapped (arm-neighbours.md §4).
	rfc1918       = mustPrefixes("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
	agentReserved = mustPrefixes("169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24", "0.0.0.0/8", "127.0.0.0/8",
		"100.100.0.0/17", "100.100.192.0/19", "100.100.224.0/19", "100.64.0.0/11")
)

func mustPrefixes(s ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(s))
	for i, p := range s {
		out[i] = netip.MustParsePrefix(p)
	}
	return out
}

// injectionsOf parses properties.networkInjections (absent or null = none).
func injectionsOf(props map[string]any) ([]injection, *arm.Error) {
	raw, ok := props["networkInjections"]
	if !ok || raw == nil {
		return nil, nil
	}
	list, ok := raw.([]any)
	if !ok {
		return nil, arm.Errorf(http.StatusBadRequest, codeInvalidInjection, "The 'networkInjections' property must be an array.")
	}
	out := make([]injection, 0, len(list))
	for i, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, arm.Errorf(http.StatusBadRequest, codeInvalidInjection, "networkInjections[%d] must be an object.", i)
		}
		in := injection{}
		scenario, _ := m["scenario"].(string)
		in.subnet, _ = m["subnetArmId"].(string)
		in.managed, _ = m["useMicrosoftManagedNetwork"].(bool)
		switch {
		case strings.EqualFold(scenario, "agent"):
			in.scenario = "agent"
		case strings.EqualFold(scenario, "none"):
			in.scenario = "none"
		default:
			return nil, arm.Errorf(http.StatusBadRequest, codeInvalidInjection,
				"networkInjections[%d].scenario '%s' is not supported. Supported values are 'agent' and 'none'.", i, scenario)
		}
		out = append(out, in)
	}
	return out, nil
}

func sameInjections(a, b []injection) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].scenario != b[i].scenario || !strings.EqualFold(strings.TrimRight(a[i].subnet, "/"), strings.TrimRight(b[i].subnet, "/")) || a[i].managed != b[i].managed {
			return false
		}
	}
	return true
}

// checkNetworkInjections applies the agent network injection rules: set at create only, on a suitable subnet.
func checkNetworkInjections(c *call, w *write) *arm.Error {
	list, e := injectionsOf(propsOf(w.doc))
	if e != nil {
		return e
	}
	if w.existing != nil {
		exList, _ := injectionsOf(w.existing.props())
		if !sameInjections(list, exList) {
			return arm.Errorf(http.StatusBadRequest, codeInjectionUpdate,
				"The networkInjections of account '%s' cannot be changed after the account is created; delete and purge the account, then create it again.", w.existing.name())
		}
		return nil
	}
	agents := 0
	for i, in := range list {
		if in.scenario != "agent" {
			continue
		}
		if agents++; agents > 1 {
			return arm.Errorf(http.StatusBadRequest, codeInvalidInjection, "Only one networkInjections entry with scenario 'agent' is supported.")
		}
		if in.subnet == "" {
			if !in.managed {
				return arm.Errorf(http.StatusBadRequest, codeInvalidInjection,
					"networkInjections[%d] needs a subnetArmId (or useMicrosoftManagedNetwork: true) for scenario 'agent'.", i)
			}
			continue
		}
		if e := c.checkAgentSubnet(w, i, in.subnet); e != nil {
			return e
		}
	}
	return nil
}

func (c *call) checkAgentSubnet(w *write, i int, id string) *arm.Error {
	if !subnetIDPattern.MatchString(id) {
		return arm.Errorf(http.StatusBadRequest, codeLinkedInvalidPropertyID,
			"Property id '%s' at path 'properties.networkInjections[%d].subnetArmId' is invalid. Expect fully qualified resource Id that start with '/subscriptions/{subscriptionId}' or '/providers/{resourceProviderNamespace}/'.", id, i)
	}
	sn := c.s.nb.Subnet(id)
	if sn == nil {
		return arm.Errorf(http.StatusBadRequest, codeSubnetNotFound, "The subnet '%s' was not found.", id)
	}
	if loc, _ := w.doc["location"].(string); sn.Location() != loc {
		return arm.Errorf(http.StatusBadRequest, codeSubnetLocationMismatch,
			"The subnet '%s' is in region '%s'; the virtual network must be in the account's region '%s'.", id, sn.Location(), loc)
	}
	if !containsFoldString(sn.Delegations(), AgentSubnetDelegation) {
		return arm.Errorf(http.StatusBadRequest, codeSubnetMissingDelegation,
			"Subnet requires any of the following delegation(s) [%s] to reference service association link %s/serviceAssociationLinks/%s.", AgentSubnetDelegation, sn.ID(), agentLinkName)
	}
	for _, p := range sn.Prefixes() {
		if !neighbours.PrefixWithin(p, rfc1918) || overlapsAny(p, agentReserved) {
			return arm.Errorf(http.StatusBadRequest, codeInvalidSubnetAddressSpace,
				"Provided subnet must be of the proper address space. Please provide a subnet which has address space in the range of 172 or 192.")
		}
	}
	if links := sn.ActiveLinks(c.Now); len(links) > 0 {
		state := "it is released after the account is purged or its capability host deleted"
		if links[0].Releasing {
			state = "it is being released and goes at " + links[0].ReleaseAt.Format(arm.TimeFormat)
		}
		return arm.Errorf(http.StatusBadRequest, codeSubnetInUse,
			"Subnet already in use. The subnet '%s' has service association link '%s' to '%s'; %s.", sn.ID(), links[0].Name, links[0].Link, state)
	}
	return nil
}

func overlapsAny(p netip.Prefix, in []netip.Prefix) bool {
	for _, a := range in {
		if a.Overlaps(p) {
			return true
		}
	}
	return false
}

// commitNetworkInjections links the subnet and creates the implicit capability host when an injected account is
// created; a restored account gets its capability host back while its link is still held.
func commitNetworkInjections(c *call, w *write, r *resource) {
	if w.existing != nil && w.restore == nil {
		return
	}
	list, _ := injectionsOf(r.props())
	for _, in := range list {
		if in.scenario != "agent" || in.subnet == "" {
			continue
		}
		sn := c.s.nb.Subnet(in.subnet)
		if sn == nil {
			continue
		}
		if w.restore == nil {
			sn.AddLink(agentLinkName, AgentSubnetDelegation, r.id)
		} else if !holdsLink(sn, r.id, c) {
			continue
		}
		c.createImplicitCapabilityHost(r, in.subnet)
	}
}

func holdsLink(sn *neighbours.Subnet, account string, c *call) bool {
	for _, l := range sn.ActiveLinks(c.Now) {
		if !l.Releasing && strings.EqualFold(l.Link, account) {
			return true
		}
	}
	return false
}

// releaseLinksOnPurge starts the release of every service association link of a purged account.
func releaseLinksOnPurge(s *Service, r *resource, now time.Time) {
	s.nb.ReleaseLinks(accountID(r.sub, r.group, r.names[0]), "", now)
}
