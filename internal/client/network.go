package client

import (
	"context"
	"net/http"
)

// NetworkAPIVersion is the Microsoft.Network api-version of virtual network and subnet reads.
const NetworkAPIVersion = "2025-09-01"

// VirtualNetwork is a Microsoft.Network/virtualNetworks resource, as far as network injection needs it.
type VirtualNetwork struct {
	ID         *string                   `json:"id,omitempty"`
	Name       *string                   `json:"name,omitempty"`
	Type       *string                   `json:"type,omitempty"`
	Location   *string                   `json:"location,omitempty"`
	Etag       *string                   `json:"etag,omitempty"`
	Tags       map[string]string         `json:"tags,omitzero"`
	Properties *VirtualNetworkProperties `json:"properties,omitempty"`
}

// VirtualNetworkProperties are the properties of a virtual network.
type VirtualNetworkProperties struct {
	AddressSpace      *AddressSpace `json:"addressSpace,omitempty"`
	Subnets           []Subnet      `json:"subnets,omitzero"`
	ProvisioningState *string       `json:"provisioningState,omitempty"`
}

// AddressSpace lists address prefixes in CIDR notation.
type AddressSpace struct {
	AddressPrefixes []string `json:"addressPrefixes,omitzero"`
}

// Subnet is a Microsoft.Network/virtualNetworks/subnets resource.
type Subnet struct {
	ID         *string           `json:"id,omitempty"`
	Name       *string           `json:"name,omitempty"`
	Type       *string           `json:"type,omitempty"`
	Etag       *string           `json:"etag,omitempty"`
	Properties *SubnetProperties `json:"properties,omitempty"`
}

// SubnetProperties are the properties of a subnet; a subnet has AddressPrefix or AddressPrefixes (read both).
type SubnetProperties struct {
	AddressPrefix   *string      `json:"addressPrefix,omitempty"`
	AddressPrefixes []string     `json:"addressPrefixes,omitzero"`
	Delegations     []Delegation `json:"delegations,omitzero"`
	// ServiceAssociationLinks is read-only: the service that holds the subnet (for agents, "legionservicelink").
	ServiceAssociationLinks []ServiceAssociationLink `json:"serviceAssociationLinks,omitzero"`
	// Purpose is read-only.
	Purpose *string `json:"purpose,omitempty"`
	// ProvisioningState is read-only: Succeeded, Updating, Deleting or Failed.
	ProvisioningState *string `json:"provisioningState,omitempty"`
}

// Prefixes returns AddressPrefix and AddressPrefixes together.
func (p *SubnetProperties) Prefixes() []string {
	if p == nil {
		return nil
	}
	var out []string
	if p.AddressPrefix != nil && *p.AddressPrefix != "" {
		out = append(out, *p.AddressPrefix)
	}
	return append(out, p.AddressPrefixes...)
}

// Delegation hands a subnet to a service.
type Delegation struct {
	ID         *string               `json:"id,omitempty"`
	Name       *string               `json:"name,omitempty"`
	Type       *string               `json:"type,omitempty"`
	Etag       *string               `json:"etag,omitempty"`
	Properties *DelegationProperties `json:"properties,omitempty"`
}

// DelegationProperties name the service a subnet is delegated to, e.g. "Microsoft.App/environments".
type DelegationProperties struct {
	ServiceName *string `json:"serviceName,omitempty"`
	// Actions is read-only.
	Actions           []string `json:"actions,omitzero"`
	ProvisioningState *string  `json:"provisioningState,omitempty"`
}

// ServiceAssociationLink records that a service's resource uses a subnet (read-only).
type ServiceAssociationLink struct {
	ID         *string                           `json:"id,omitempty"`
	Name       *string                           `json:"name,omitempty"`
	Type       *string                           `json:"type,omitempty"`
	Etag       *string                           `json:"etag,omitempty"`
	Properties *ServiceAssociationLinkProperties `json:"properties,omitempty"`
}

// ServiceAssociationLinkProperties describe a service association link.
type ServiceAssociationLinkProperties struct {
	LinkedResourceType *string  `json:"linkedResourceType,omitempty"`
	Link               *string  `json:"link,omitempty"`
	AllowDelete        *bool    `json:"allowDelete,omitempty"`
	Locations          []string `json:"locations,omitzero"`
	ProvisioningState  *string  `json:"provisioningState,omitempty"`
}

// VirtualNetworkID identifies a virtual network.
type VirtualNetworkID struct {
	SubscriptionID    string
	ResourceGroupName string
	Name              string
}

var vnetShape = idShape{
	what:    "a virtual network ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", "Microsoft.Network", "virtualNetworks", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1",
}

// String returns the canonical ARM ID.
func (id VirtualNetworkID) String() string {
	return vnetShape.format(false, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

func (id VirtualNetworkID) path() string {
	return vnetShape.format(true, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

// SubnetID identifies a subnet.
type SubnetID struct {
	VirtualNetwork VirtualNetworkID
	Name           string
}

var subnetShape = idShape{
	what:    "a subnet ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", "Microsoft.Network", "virtualNetworks", "", "subnets", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/agents",
}

// ParseSubnetID parses a subnet ID; keywords match case-insensitively and names keep their casing.
func ParseSubnetID(s string) (SubnetID, error) {
	n, err := subnetShape.parse(s)
	if err != nil {
		return SubnetID{}, err
	}
	return SubnetID{VirtualNetwork: VirtualNetworkID{SubscriptionID: n[0], ResourceGroupName: n[1], Name: n[2]}, Name: n[3]}, nil
}

// String returns the canonical ARM ID.
func (id SubnetID) String() string {
	v := id.VirtualNetwork
	return subnetShape.format(false, v.SubscriptionID, v.ResourceGroupName, v.Name, id.Name)
}

func (id SubnetID) path() string {
	v := id.VirtualNetwork
	return subnetShape.format(true, v.SubscriptionID, v.ResourceGroupName, v.Name, id.Name)
}

func (c *Client) network() requester { return requester{pl: c.arm.pl, apiVersion: NetworkAPIVersion} }

// GetVirtualNetwork reads a virtual network.
func (c *Client) GetVirtualNetwork(ctx context.Context, id VirtualNetworkID) (VirtualNetwork, error) {
	var out VirtualNetwork
	err := c.network().call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// GetSubnet reads a subnet, with its delegations and service association links.
func (c *Client) GetSubnet(ctx context.Context, id SubnetID) (Subnet, error) {
	var out Subnet
	err := c.network().call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}
