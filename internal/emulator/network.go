package emulator

import (
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

const (
	networkNamespace = "Microsoft.Network"
	// agentLinkName is the service association link Foundry's agent service puts on an injected subnet.
	agentLinkName = "legionservicelink"
)

// virtualNetwork is a Microsoft.Network/virtualNetworks resource with its subnets.
type virtualNetwork struct {
	id, sub, group, name, location string
	addressSpace                   []netip.Prefix
	subnets                        []*subnet
	seq                            int64
}

type subnet struct {
	vnet        *virtualNetwork
	name        string
	prefixes    []netip.Prefix
	multi       bool // seeded with addressPrefixes rather than addressPrefix
	delegations []string
	links       []*serviceLink
	gen         int // bumped on every change (etag)
}

// serviceLink is a service association link; a releasing link disappears at releaseAt (emulator clock).
type serviceLink struct {
	name, linkedType, link string
	releasing              bool
	releaseAt              time.Time
}

// VirtualNetworkID is the ARM ID of a virtual network.
func VirtualNetworkID(sub, group, name string) string {
	return providerID(sub, group, networkNamespace) + "/virtualNetworks/" + name
}

// SubnetID is the ARM ID of a subnet.
func SubnetID(sub, group, vnet, name string) string {
	return VirtualNetworkID(sub, group, vnet) + "/subnets/" + name
}

func (sn *subnet) id() string { return sn.vnet.id + "/subnets/" + sn.name }

func (nb *neighbourStore) addVirtualNetwork(sv SeedVirtualNetwork) (string, error) {
	sub, group, loc, err := nb.placement(sv.SubscriptionID, sv.ResourceGroup, sv.Name, sv.Location, nil)
	if err != nil {
		return "", err
	}
	vn := &virtualNetwork{id: VirtualNetworkID(sub, group, sv.Name), sub: sub, group: group, name: sv.Name, location: loc}
	if nb.vnets[lower(vn.id)] != nil {
		return "", fmt.Errorf("virtual network %s already exists", vn.id)
	}
	if len(sv.AddressSpace) == 0 {
		return "", fmt.Errorf("addressSpace needs at least one prefix")
	}
	for _, a := range sv.AddressSpace {
		p, err := parsePrefix(a)
		if err != nil {
			return "", fmt.Errorf("addressSpace: %w", err)
		}
		vn.addressSpace = append(vn.addressSpace, p)
	}
	for i, ss := range sv.Subnets {
		if !neighbourNamePattern.MatchString(ss.Name) {
			return "", fmt.Errorf("subnets[%d]: name %q is not valid", i, ss.Name)
		}
		sn := &subnet{vnet: vn, name: ss.Name, delegations: append([]string(nil), ss.Delegations...)}
		raw := ss.AddressPrefixes
		switch {
		case ss.AddressPrefix != "" && len(raw) > 0:
			return "", fmt.Errorf("subnets[%d]: set addressPrefix or addressPrefixes, not both", i)
		case ss.AddressPrefix != "":
			raw = []string{ss.AddressPrefix}
		case len(raw) == 0:
			return "", fmt.Errorf("subnets[%d]: an address prefix is required", i)
		default:
			sn.multi = true
		}
		for _, a := range raw {
			p, err := parsePrefix(a)
			if err != nil {
				return "", fmt.Errorf("subnets[%d]: %w", i, err)
			}
			if !containedInAny(p, vn.addressSpace) {
				return "", fmt.Errorf("subnets[%d]: %s is not within the address space of the virtual network", i, p)
			}
			for _, other := range vn.subnets {
				if strings.EqualFold(other.name, sn.name) {
					return "", fmt.Errorf("subnets[%d]: subnet %q is listed twice", i, sn.name)
				}
				for _, op := range other.prefixes {
					if op.Overlaps(p) {
						return "", fmt.Errorf("subnets[%d]: %s overlaps subnet %s (%s)", i, p, other.name, op)
					}
				}
			}
			sn.prefixes = append(sn.prefixes, p)
		}
		vn.subnets = append(vn.subnets, sn)
	}
	vn.seq = nb.nextSeq()
	nb.vnets[lower(vn.id)] = vn
	return vn.id, nil
}

func parsePrefix(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("%q is not an IPv4 CIDR prefix", s)
	}
	if p.Masked() != p {
		return netip.Prefix{}, fmt.Errorf("%q has host bits set (use %s)", s, p.Masked())
	}
	return p, nil
}

func containedInAny(p netip.Prefix, in []netip.Prefix) bool {
	for _, a := range in {
		if a.Bits() <= p.Bits() && a.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

// activeLinks drops released links and returns the ones still present at now.
func (sn *subnet) activeLinks(now time.Time) []*serviceLink {
	kept := sn.links[:0]
	for _, l := range sn.links {
		if l.releasing && !now.Before(l.releaseAt) {
			sn.gen++
			continue
		}
		kept = append(kept, l)
	}
	sn.links = kept
	return kept
}

func (sn *subnet) etag() string {
	return `W/"` + wire.DerivedUUID(lower(sn.id())+"#"+strconv.Itoa(sn.gen)) + `"`
}

func (sn *subnet) render(now time.Time) map[string]any {
	id := sn.id()
	links := sn.activeLinks(now)
	props := map[string]any{
		"provisioningState": "Succeeded", "privateEndpointNetworkPolicies": "Disabled", "privateLinkServiceNetworkPolicies": "Enabled",
	}
	if sn.multi {
		prefixes := make([]string, len(sn.prefixes))
		for i, p := range sn.prefixes {
			prefixes[i] = p.String()
		}
		props["addressPrefixes"] = prefixes
	} else {
		props["addressPrefix"] = sn.prefixes[0].String()
	}
	etag := sn.etag()
	delegations := []map[string]any{}
	for _, d := range sn.delegations {
		name := strings.ReplaceAll(d, "/", ".")
		delegations = append(delegations, map[string]any{
			"id": id + "/delegations/" + name, "name": name, "etag": etag, "type": networkNamespace + "/virtualNetworks/subnets/delegations",
			"properties": map[string]any{"serviceName": d, "actions": []string{"Microsoft.Network/virtualNetworks/subnets/join/action"}, "provisioningState": "Succeeded"},
		})
	}
	props["delegations"] = delegations
	if len(links) > 0 {
		out := []map[string]any{}
		for _, l := range links {
			out = append(out, map[string]any{
				"id": id + "/serviceAssociationLinks/" + l.name, "name": l.name, "etag": etag,
				"type": networkNamespace + "/virtualNetworks/subnets/serviceAssociationLinks",
				"properties": map[string]any{"linkedResourceType": l.linkedType, "link": l.link, "allowDelete": false,
					"locations": []string{sn.vnet.location}, "provisioningState": "Succeeded"},
			})
		}
		props["serviceAssociationLinks"] = out
	}
	return map[string]any{"id": id, "name": sn.name, "etag": etag, "type": networkNamespace + "/virtualNetworks/subnets", "properties": props}
}

func (vn *virtualNetwork) render(now time.Time) map[string]any {
	space := make([]string, len(vn.addressSpace))
	for i, p := range vn.addressSpace {
		space[i] = p.String()
	}
	subnets := []map[string]any{}
	gen := 0
	for _, sn := range vn.subnets {
		subnets = append(subnets, sn.render(now))
		gen += sn.gen
	}
	return map[string]any{
		"id": vn.id, "name": vn.name, "type": networkNamespace + "/virtualNetworks", "location": vn.location, "tags": map[string]any{},
		"etag": `W/"` + wire.DerivedUUID(lower(vn.id)+"#"+strconv.Itoa(gen)+"#"+strconv.Itoa(len(vn.subnets))) + `"`,
		"properties": map[string]any{
			"provisioningState": "Succeeded", "resourceGuid": wire.DerivedUUID("guid:" + lower(vn.id)),
			"addressSpace": map[string]any{"addressPrefixes": space}, "subnets": subnets,
			"virtualNetworkPeerings": []any{}, "enableDdosProtection": false,
		},
	}
}

// serveNetwork serves GET of virtualNetworks and subnets (and their lists) and subnet DELETE.
func serveNetwork(c *call, sub *arm.Subscription, g *arm.Group, segs, ls []string) *arm.Error {
	if ls[0] != "virtualnetworks" || len(segs) > 4 || (len(segs) >= 3 && ls[2] != "subnets") {
		return c.neighbourUnsupported()
	}
	nb := c.st.nb
	if c.R.Method != http.MethodGet && (c.R.Method != http.MethodDelete || len(segs) != 4) {
		return c.neighbourReadOnly()
	}
	if len(segs) == 1 {
		var items []seqItem
		for _, vn := range nb.vnets {
			if inScope(sub, g, vn.sub, vn.group) {
				items = append(items, seqItem{vn.seq, vn.render(c.Now)})
			}
		}
		return c.writeItems(items)
	}
	vn := nb.vnets[lower(VirtualNetworkID(sub.ID, g.Name, segs[1]))]
	if vn == nil {
		if len(segs) == 2 {
			return arm.NotFound(networkNamespace+"/virtualNetworks", segs[1], g.Name)
		}
		return arm.ParentNotFound(segs[1])
	}
	switch len(segs) {
	case 2:
		wire.WriteJSON(c.W, http.StatusOK, vn.render(c.Now))
		return nil
	case 3:
		var items []seqItem
		for i, sn := range vn.subnets {
			items = append(items, seqItem{int64(i), sn.render(c.Now)})
		}
		return c.writeItems(items)
	}
	idx := -1
	for i, sn := range vn.subnets {
		if strings.EqualFold(sn.name, segs[3]) {
			idx = i
		}
	}
	if c.R.Method == http.MethodDelete {
		if idx < 0 {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		sn := vn.subnets[idx]
		if links := sn.activeLinks(c.Now); len(links) > 0 {
			return arm.Errorf(http.StatusBadRequest, codeInUseSubnetCannotDelete,
				"Subnet %s is in use by %s/serviceAssociationLinks/%s and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet.",
				sn.name, sn.id(), links[0].name)
		}
		vn.subnets = append(vn.subnets[:idx], vn.subnets[idx+1:]...)
		c.W.WriteHeader(http.StatusOK)
		return nil
	}
	if idx < 0 {
		return arm.NotFound(networkNamespace+"/virtualNetworks/subnets", segs[1]+"/"+segs[3], g.Name)
	}
	wire.WriteJSON(c.W, http.StatusOK, vn.subnets[idx].render(c.Now))
	return nil
}

// subnetByID finds a subnet by its ARM ID.
func (nb *neighbourStore) subnetByID(id string) *subnet {
	i := strings.LastIndex(lower(id), "/subnets/")
	if i < 0 {
		return nil
	}
	vn := nb.vnets[lower(id[:i])]
	if vn == nil {
		return nil
	}
	name := id[i+len("/subnets/"):]
	for _, sn := range vn.subnets {
		if strings.EqualFold(sn.name, name) {
			return sn
		}
	}
	return nil
}

// releaseLinks starts the release of the links to account (on subnetID only, if set) that are not yet releasing.
func (s *Server) releaseLinks(account, subnetID string, now time.Time) {
	for _, vn := range s.st.nb.vnets {
		for _, sn := range vn.subnets {
			if subnetID != "" && !strings.EqualFold(sn.id(), subnetID) {
				continue
			}
			for _, l := range sn.links {
				if !l.releasing && strings.EqualFold(l.link, account) {
					l.releasing, l.releaseAt = true, now.Add(s.linkReleaseDelay)
				}
			}
		}
	}
}

// AddVirtualNetwork adds a virtual network with its subnets at runtime (until Reset) and returns its ARM ID.
func (s *Server) AddVirtualNetwork(v SeedVirtualNetwork) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.nb.addVirtualNetwork(v)
}

// SetLinkReleaseDelay sets how long (emulator clock) a subnet keeps the service association link of an account
// after the account is purged or its capability host deleted; 0 releases at once. Links already releasing keep
// their time.
func (s *Server) SetLinkReleaseDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.linkReleaseDelay = max(d, 0)
}
