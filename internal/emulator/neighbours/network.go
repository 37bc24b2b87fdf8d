package neighbours

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
	// codeInUseSubnetCannotDelete is Microsoft.Network's refusal to delete a subnet with a service association link.
	codeInUseSubnetCannotDelete = "InUseSubnetCannotBeDeleted"
)

// virtualNetwork is a Microsoft.Network/virtualNetworks resource with its subnets.
type virtualNetwork struct {
	id, sub, group, name, location string
	addressSpace                   []netip.Prefix
	subnets                        []*Subnet
	seq                            int64
}

// Subnet is a subnet of a virtual network; other wings read it and link it through its methods.
type Subnet struct {
	vnet        *virtualNetwork
	name        string
	prefixes    []netip.Prefix
	multi       bool // seeded with addressPrefixes rather than addressPrefix
	delegations []string
	links       []*ServiceLink
	gen         int // bumped on every change (etag)
}

// ServiceLink is a service association link; a releasing link disappears at ReleaseAt (emulator clock).
type ServiceLink struct {
	Name, LinkedType, Link string
	Releasing              bool
	ReleaseAt              time.Time
}

// VirtualNetworkID is the ARM ID of a virtual network.
func VirtualNetworkID(sub, group, name string) string {
	return providerID(sub, group, networkNamespace) + "/virtualNetworks/" + name
}

// SubnetID is the ARM ID of a subnet.
func SubnetID(sub, group, vnet, name string) string {
	return VirtualNetworkID(sub, group, vnet) + "/subnets/" + name
}

// ID is the subnet's ARM ID.
func (sn *Subnet) ID() string { return sn.vnet.id + "/subnets/" + sn.name }

// AddVirtualNetwork adds a virtual network with its subnets and returns its ARM ID.
func (nb *Store) AddVirtualNetwork(sv SeedVirtualNetwork) (string, error) {
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
		sn := &Subnet{vnet: vn, name: ss.Name, delegations: append([]string(nil), ss.Delegations...)}
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
			if !PrefixWithin(p, vn.addressSpace) {
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

// PrefixWithin reports whether p lies inside one of the prefixes in.
func PrefixWithin(p netip.Prefix, in []netip.Prefix) bool {
	for _, a := range in {
		if a.Bits() <= p.Bits() && a.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

// ActiveLinks drops released links and returns the ones still present at now.
func (sn *Subnet) ActiveLinks(now time.Time) []*ServiceLink {
	kept := sn.links[:0]
	for _, l := range sn.links {
		if l.Releasing && !now.Before(l.ReleaseAt) {
			sn.gen++
			continue
		}
		kept = append(kept, l)
	}
	sn.links = kept
	return kept
}

func (sn *Subnet) etag() string {
	return `W/"` + wire.DerivedUUID(lower(sn.ID())+"#"+strconv.Itoa(sn.gen)) + `"`
}

func (sn *Subnet) render(now time.Time) map[string]any {
	id := sn.ID()
	links := sn.ActiveLinks(now)
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
				"id": id + "/serviceAssociationLinks/" + l.Name, "name": l.Name, "etag": etag,
				"type": networkNamespace + "/virtualNetworks/subnets/serviceAssociationLinks",
				"properties": map[string]any{"linkedResourceType": l.LinkedType, "link": l.Link, "allowDelete": false,
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
		return c.unsupported()
	}
	nb := c.nb
	if c.R.Method != http.MethodGet && (c.R.Method != http.MethodDelete || len(segs) != 4) {
		return c.readOnly()
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
		if links := sn.ActiveLinks(c.Now); len(links) > 0 {
			return arm.Errorf(http.StatusBadRequest, codeInUseSubnetCannotDelete,
				"Subnet %s is in use by %s/serviceAssociationLinks/%s and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet.",
				sn.name, sn.ID(), links[0].Name)
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

// Subnet finds a subnet by its ARM ID; nil when there is none.
func (nb *Store) Subnet(id string) *Subnet {
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

// ReleaseLinks starts the release of the links to account (on subnetID only, if set) that are not yet releasing;
// they go LinkReleaseDelay after now.
func (nb *Store) ReleaseLinks(account, subnetID string, now time.Time) {
	for _, vn := range nb.vnets {
		for _, sn := range vn.subnets {
			if subnetID != "" && !strings.EqualFold(sn.ID(), subnetID) {
				continue
			}
			for _, l := range sn.links {
				if !l.Releasing && strings.EqualFold(l.Link, account) {
					l.Releasing, l.ReleaseAt = true, now.Add(nb.LinkReleaseDelay)
				}
			}
		}
	}
}

// Location is the region of the subnet's virtual network.
func (sn *Subnet) Location() string { return sn.vnet.location }

// Delegations are the service names the subnet is delegated to.
func (sn *Subnet) Delegations() []string { return sn.delegations }

// Prefixes are the subnet's address prefixes.
func (sn *Subnet) Prefixes() []netip.Prefix { return sn.prefixes }

// AddLink puts a service association link on the subnet.
func (sn *Subnet) AddLink(name, linkedType, link string) {
	sn.links = append(sn.links, &ServiceLink{Name: name, LinkedType: linkedType, Link: link})
	sn.gen++
}
