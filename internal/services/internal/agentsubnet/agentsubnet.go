// Package agentsubnet checks, at plan, a subnet the Agent Service is to inject into: the account's network injection
// subnet and an account capability host's customer subnet follow the same rules (arm-neighbours.md §4).
package agentsubnet

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// Delegation is the delegation an agent subnet needs.
const Delegation = "Microsoft.App/environments"

// reservedRanges are the ranges the Agent Service uses itself; an agent subnet (or its virtual network) must not
// overlap them (foundry-samples template 15 README).
var reservedRanges = mustPrefixes("169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24", "0.0.0.0/8", "127.0.0.0/8",
	"100.100.0.0/17", "100.100.192.0/19", "100.100.224.0/19", "100.64.0.0/11")

var privateRanges = mustPrefixes("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")

func mustPrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// Check checks an agent subnet through ARM and reports what is wrong on p: it exists, is delegated to
// Microsoft.App/environments, lies in location (the account's region), uses an allowed range, and has no service
// association link but self's (the account that may already hold it). Used for foundry_account's
// network_injection.subnet_id and foundry_account_capability_host's customer_subnet_id.
func Check(ctx context.Context, api *client.Client, subnetID, location, self string, p path.Path, diags *diag.Diagnostics) {
	id, err := client.ParseSubnetID(subnetID)
	if err != nil {
		return
	}
	subnet, err := api.GetSubnet(ctx, id)
	if client.IsNotFound(err) {
		diags.Append(diagnostics.InvalidAttribute(p, "Agent subnet not found",
			fmt.Sprintf("Subnet %q does not exist. Create it (delegated to %s) before the account, or correct subnet_id.", id.String(), Delegation)))
		return
	}
	if err != nil {
		diags.Append(diagnostics.CheckSkipped("agent subnet", "subnet", id.String(), err))
		return
	}
	props := subnet.Properties
	if props == nil {
		props = &client.SubnetProperties{}
	}
	delegated := false
	for _, d := range props.Delegations {
		if d.Properties != nil && strings.EqualFold(framework.Deref(d.Properties.ServiceName), Delegation) {
			delegated = true
		}
	}
	if !delegated {
		diags.Append(diagnostics.InvalidAttribute(p, "Agent subnet is not delegated to Microsoft.App/environments",
			fmt.Sprintf("Subnet %q must be delegated to %s for the Agent Service to inject into it. Add the delegation "+
				"(az network vnet subnet update --delegations %s ...), or choose a delegated subnet.", id.String(), Delegation, Delegation)))
	}
	if len(props.ServiceAssociationLinks) > 0 && !linkedTo(props.ServiceAssociationLinks, self) {
		l := props.ServiceAssociationLinks[0]
		by := framework.Deref(l.Name)
		if l.Properties != nil && l.Properties.Link != nil {
			by += " to " + *l.Properties.Link
		}
		diags.Append(diagnostics.InvalidAttribute(p, "Agent subnet is already in use",
			fmt.Sprintf("Subnet %q already has a service association link (%s): another Foundry account injects its agents there, and a subnet "+
				"serves one account only. Use another subnet. If that account was deleted, the link goes once it is purged "+
				"(az cognitiveservices account purge), which can take a while after the purge.", id.String(), by)))
	}
	checkRanges(id, props.Prefixes(), "Subnet", p, diags)
	vnet, err := api.GetVirtualNetwork(ctx, id.VirtualNetwork)
	if err != nil {
		diags.Append(diagnostics.CheckSkipped("agent subnet's region", "virtual network", id.VirtualNetwork.String(), err))
		return
	}
	if loc := framework.Deref(vnet.Location); loc != "" && framework.NormalizeLocation(loc) != framework.NormalizeLocation(location) {
		diags.Append(diagnostics.InvalidAttribute(p, "Agent subnet is in another region",
			fmt.Sprintf("Subnet %q belongs to virtual network %q in %s, but the account is in %s; the agent subnet must be in the account's region. "+
				"Use a subnet of a virtual network in %s.", id.String(), id.VirtualNetwork.Name, loc, location, location)))
	}
}

func linkedTo(links []client.ServiceAssociationLink, accountID string) bool {
	for _, l := range links {
		if l.Properties == nil || !strings.EqualFold(framework.Deref(l.Properties.Link), accountID) {
			return false
		}
	}
	return true
}

// checkRanges reports prefixes outside RFC 1918 or overlapping the ranges the Agent Service reserves.
func checkRanges(id client.SubnetID, prefixes []string, what string, p path.Path, diags *diag.Diagnostics) {
	for _, s := range prefixes {
		pre, err := netip.ParsePrefix(s)
		if err != nil || !pre.Addr().Is4() {
			continue
		}
		private := false
		for _, r := range privateRanges {
			if r.Bits() <= pre.Bits() && r.Contains(pre.Addr()) {
				private = true
			}
		}
		if !private {
			diags.Append(diagnostics.InvalidAttribute(p, "Agent subnet is not in a private range",
				fmt.Sprintf("%s %q uses %s, which is not in an RFC 1918 range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); the Agent Service needs "+
					"a private range. Use a subnet in one of them (the samples use 192.168.0.0/24).", what, id.String(), s)))
			continue
		}
		for _, r := range reservedRanges {
			if r.Overlaps(pre) {
				diags.Append(diagnostics.InvalidAttribute(p, "Agent subnet overlaps a reserved range",
					fmt.Sprintf("%s %q uses %s, which overlaps %s, a range the Agent Service reserves for itself. Use a subnet outside %s "+
						"(for example in 192.168.0.0/16).", what, id.String(), s, r, reservedList())))
				break
			}
		}
	}
}

func reservedList() string {
	ss := make([]string, len(reservedRanges))
	for i, r := range reservedRanges {
		ss[i] = r.String()
	}
	return strings.Join(ss, ", ")
}
