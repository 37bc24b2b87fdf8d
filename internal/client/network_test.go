package client_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

const (
	vnetPath   = "/subscriptions/" + sub + "/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet1"
	subnetPath = vnetPath + "/subnets/agents"
	subnetBody = `{"id":"` + subnetPath + `","name":"agents","type":"Microsoft.Network/virtualNetworks/subnets","etag":"W/\"1\"",
	  "properties":{"addressPrefix":"192.168.0.0/24","addressPrefixes":["192.168.5.0/24"],
	  "delegations":[{"name":"Microsoft.App/environments","properties":{"serviceName":"Microsoft.App/environments","actions":["Microsoft.Network/virtualNetworks/subnets/join/action"]}}],
	  "serviceAssociationLinks":[{"id":"` + subnetPath + `/serviceAssociationLinks/legionservicelink","name":"legionservicelink",
	    "properties":{"linkedResourceType":"Microsoft.App/environments","link":"/subscriptions/x/env","allowDelete":false}}],
	  "provisioningState":"Succeeded"}}`
)

func TestParseSubnetID(t *testing.T) {
	got, err := client.ParseSubnetID("/subscriptions/" + sub + "/resourcegroups/rg-net/providers/microsoft.network/virtualnetworks/vnet1/SUBNETS/agents")
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != subnetPath || got.VirtualNetwork.String() != vnetPath {
		t.Errorf("String() = %q, vnet %q", got.String(), got.VirtualNetwork.String())
	}
	if _, err := client.ParseSubnetID(vnetPath); err == nil {
		t.Error("a virtual network ID is not a subnet ID")
	}
}

func TestGetSubnet(t *testing.T) {
	tr := newTransport(t, reply(200, subnetBody), reply(200, `{"id":"`+vnetPath+`","name":"vnet1","location":"eastus","properties":{"addressSpace":{"addressPrefixes":["192.168.0.0/16"]}}}`))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	id, _ := client.ParseSubnetID(subnetPath)
	got, err := c.GetSubnet(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	p := got.Properties
	if pf := p.Prefixes(); len(pf) != 2 || pf[0] != "192.168.0.0/24" || pf[1] != "192.168.5.0/24" ||
		*p.Delegations[0].Properties.ServiceName != "Microsoft.App/environments" || *p.ServiceAssociationLinks[0].Name != "legionservicelink" {
		t.Errorf("decoded subnet is wrong: %s", mustJSON(t, got))
	}
	vnet, err := c.GetVirtualNetwork(ctx, id.VirtualNetwork)
	if err != nil || *vnet.Location != "eastus" || vnet.Properties.AddressSpace.AddressPrefixes[0] != "192.168.0.0/16" {
		t.Errorf("vnet = %s, %v", mustJSON(t, vnet), err)
	}
	reqs := tr.requests()
	wantRequest(t, reqs[0], http.MethodGet, subnetPath, client.NetworkAPIVersion)
	wantRequest(t, reqs[1], http.MethodGet, vnetPath, client.NetworkAPIVersion)
	if (*client.SubnetProperties)(nil).Prefixes() != nil {
		t.Error("nil properties have no prefixes")
	}
}
