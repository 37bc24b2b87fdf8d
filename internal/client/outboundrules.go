package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// OutboundRule is a Microsoft.CognitiveServices/accounts/managedNetworks/outboundRules resource (the spec's
// OutboundRuleBasicResource): one rule of what an account's managed network may reach. Read-only fields are decoded
// but never sent.
type OutboundRule struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type *string `json:"type,omitempty"`
	// Properties is required by the spec: one of the kinds listed at OutboundRuleProperties.
	Properties OutboundRuleProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// UnmarshalJSON decodes the rule, its properties into the type their "type" names.
func (r *OutboundRule) UnmarshalJSON(b []byte) error {
	type plain OutboundRule
	var in struct {
		plain
		Properties json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	props, err := unmarshalOutboundRuleProperties(in.Properties)
	if err != nil {
		return err
	}
	*r = OutboundRule(in.plain)
	r.Properties = props
	return nil
}

// writable returns a copy of r without read-only fields, as sent in PUT bodies.
func (r OutboundRule) writable() OutboundRule {
	r.ID, r.Name, r.Type, r.SystemData = nil, nil, nil, nil
	r.Properties = writableRule(r.Properties)
	return r
}

// OutboundRuleType is the discriminator of outbound rule properties (the spec's RuleType; extensible).
type OutboundRuleType string

// Outbound rule types.
const (
	OutboundRuleTypeFQDN            OutboundRuleType = "FQDN"
	OutboundRuleTypePrivateEndpoint OutboundRuleType = "PrivateEndpoint"
	OutboundRuleTypeServiceTag      OutboundRuleType = "ServiceTag"
)

// OutboundRuleCategory says who a rule is for (the spec's RuleCategory): users create UserDefined rules; the service
// adds the others.
type OutboundRuleCategory string

// Outbound rule categories.
const (
	OutboundRuleCategoryRequired    OutboundRuleCategory = "Required"
	OutboundRuleCategoryRecommended OutboundRuleCategory = "Recommended"
	OutboundRuleCategoryUserDefined OutboundRuleCategory = "UserDefined"
	OutboundRuleCategoryDependency  OutboundRuleCategory = "Dependency"
)

// OutboundRuleStatus is the state of a rule (the spec's RuleStatus).
type OutboundRuleStatus string

// Outbound rule statuses.
const (
	OutboundRuleStatusInactive     OutboundRuleStatus = "Inactive"
	OutboundRuleStatusActive       OutboundRuleStatus = "Active"
	OutboundRuleStatusProvisioning OutboundRuleStatus = "Provisioning"
	OutboundRuleStatusDeleting     OutboundRuleStatus = "Deleting"
	OutboundRuleStatusFailed       OutboundRuleStatus = "Failed"
)

// OutboundRuleAction is the action of a service tag rule (the spec's RuleAction).
type OutboundRuleAction string

// Outbound rule actions.
const (
	OutboundRuleActionAllow OutboundRuleAction = "Allow"
	OutboundRuleActionDeny  OutboundRuleAction = "Deny"
)

// OutboundRuleProperties are the properties of an outbound rule, polymorphic on "type" (the spec's OutboundRule):
// *FQDNOutboundRule, *PrivateEndpointOutboundRule, *ServiceTagOutboundRule, or, for a type this client does not know,
// *UnknownOutboundRule, which keeps what the service sent. The type is matched case-insensitively when decoding; each
// known kind sends its canonical type whatever its Type field holds.
type OutboundRuleProperties interface {
	// Common returns the properties every kind has.
	Common() OutboundRuleCommon
	writable() OutboundRuleProperties
}

// OutboundRuleCommon are the properties every kind of outbound rule has (the spec's OutboundRule base).
type OutboundRuleCommon struct {
	Type OutboundRuleType `json:"type"`
	// Category is not read-only in the spec; users send UserDefined.
	Category *OutboundRuleCategory `json:"category,omitempty"`
	// Status is not read-only in the spec, so it is sent when set; the service computes it.
	Status *OutboundRuleStatus `json:"status,omitempty"`
	// ErrorInformation is read-only: why the rule failed.
	ErrorInformation *string `json:"errorInformation,omitempty"`
	// ParentRuleNames is read-only.
	ParentRuleNames []string `json:"parentRuleNames,omitempty"`
}

// FQDNOutboundRule allows a fully qualified domain name (type FQDN; the spec's FqdnOutboundRule).
type FQDNOutboundRule struct {
	// Type is sent as FQDN whatever it holds.
	Type     OutboundRuleType      `json:"type"`
	Category *OutboundRuleCategory `json:"category,omitempty"`
	// Status is not read-only in the spec, so it is sent when set; the service computes it.
	Status *OutboundRuleStatus `json:"status,omitempty"`
	// ErrorInformation is read-only.
	ErrorInformation *string `json:"errorInformation,omitempty"`
	// ParentRuleNames is read-only.
	ParentRuleNames []string `json:"parentRuleNames,omitempty"`
	// Destination is the FQDN, e.g. "*.openai.azure.com" (a plain string for this kind).
	Destination *string `json:"destination,omitempty"`
}

// PrivateEndpointOutboundRule reaches an Azure resource through a private endpoint (type PrivateEndpoint).
type PrivateEndpointOutboundRule struct {
	// Type is sent as PrivateEndpoint whatever it holds.
	Type     OutboundRuleType      `json:"type"`
	Category *OutboundRuleCategory `json:"category,omitempty"`
	// Status is not read-only in the spec, so it is sent when set; the service computes it.
	Status *OutboundRuleStatus `json:"status,omitempty"`
	// ErrorInformation is read-only.
	ErrorInformation *string `json:"errorInformation,omitempty"`
	// ParentRuleNames is read-only.
	ParentRuleNames []string                                `json:"parentRuleNames,omitempty"`
	Destination     *PrivateEndpointOutboundRuleDestination `json:"destination,omitempty"`
	// FQDNs are the names associated with the private endpoint.
	FQDNs []string `json:"fqdns,omitzero"`
}

// PrivateEndpointOutboundRuleDestination is the target of a private endpoint rule.
type PrivateEndpointOutboundRuleDestination struct {
	// ServiceResourceID is the ARM ID of the target resource.
	ServiceResourceID *string `json:"serviceResourceId,omitempty"`
	// SubresourceTarget is the target's sub-resource (group ID), e.g. "blob" or "account".
	SubresourceTarget *string `json:"subresourceTarget,omitempty"`
}

// ServiceTagOutboundRule reaches an Azure service tag or address prefixes (type ServiceTag).
type ServiceTagOutboundRule struct {
	// Type is sent as ServiceTag whatever it holds.
	Type     OutboundRuleType      `json:"type"`
	Category *OutboundRuleCategory `json:"category,omitempty"`
	// Status is not read-only in the spec, so it is sent when set; the service computes it.
	Status *OutboundRuleStatus `json:"status,omitempty"`
	// ErrorInformation is read-only.
	ErrorInformation *string `json:"errorInformation,omitempty"`
	// ParentRuleNames is read-only.
	ParentRuleNames []string                           `json:"parentRuleNames,omitempty"`
	Destination     *ServiceTagOutboundRuleDestination `json:"destination,omitempty"`
}

// ServiceTagOutboundRuleDestination is the target of a service tag rule.
type ServiceTagOutboundRuleDestination struct {
	// ServiceTag is the Azure service tag, e.g. "AzureActiveDirectory"; ignored when AddressPrefixes is set.
	ServiceTag *string `json:"serviceTag,omitempty"`
	// Protocol is e.g. "TCP" (a free string in the spec).
	Protocol *string `json:"protocol,omitempty"`
	// PortRanges is e.g. "443" or "80,8080-8090" (a free string in the spec).
	PortRanges *string             `json:"portRanges,omitempty"`
	Action     *OutboundRuleAction `json:"action,omitempty"`
	// AddressPrefixes, when set, replace ServiceTag.
	AddressPrefixes []string `json:"addressPrefixes,omitzero"`
}

// UnknownOutboundRule is a rule whose type this client does not model. Raw is its properties object as received and
// is what it sends back (without the base's read-only fields); CommonProperties is decoded from it.
type UnknownOutboundRule struct {
	CommonProperties OutboundRuleCommon
	Raw              json.RawMessage
}

// Common implements OutboundRuleProperties.
func (r *FQDNOutboundRule) Common() OutboundRuleCommon {
	return OutboundRuleCommon{Type: OutboundRuleTypeFQDN, Category: r.Category, Status: r.Status,
		ErrorInformation: r.ErrorInformation, ParentRuleNames: r.ParentRuleNames}
}

// Common implements OutboundRuleProperties.
func (r *PrivateEndpointOutboundRule) Common() OutboundRuleCommon {
	return OutboundRuleCommon{Type: OutboundRuleTypePrivateEndpoint, Category: r.Category, Status: r.Status,
		ErrorInformation: r.ErrorInformation, ParentRuleNames: r.ParentRuleNames}
}

// Common implements OutboundRuleProperties.
func (r *ServiceTagOutboundRule) Common() OutboundRuleCommon {
	return OutboundRuleCommon{Type: OutboundRuleTypeServiceTag, Category: r.Category, Status: r.Status,
		ErrorInformation: r.ErrorInformation, ParentRuleNames: r.ParentRuleNames}
}

// Common implements OutboundRuleProperties.
func (r *UnknownOutboundRule) Common() OutboundRuleCommon { return r.CommonProperties }

// MarshalJSON sends the rule with type FQDN.
func (r FQDNOutboundRule) MarshalJSON() ([]byte, error) {
	type plain FQDNOutboundRule
	r.Type = OutboundRuleTypeFQDN
	return json.Marshal(plain(r))
}

// MarshalJSON sends the rule with type PrivateEndpoint.
func (r PrivateEndpointOutboundRule) MarshalJSON() ([]byte, error) {
	type plain PrivateEndpointOutboundRule
	r.Type = OutboundRuleTypePrivateEndpoint
	return json.Marshal(plain(r))
}

// MarshalJSON sends the rule with type ServiceTag.
func (r ServiceTagOutboundRule) MarshalJSON() ([]byte, error) {
	type plain ServiceTagOutboundRule
	r.Type = OutboundRuleTypeServiceTag
	return json.Marshal(plain(r))
}

// MarshalJSON sends Raw, or CommonProperties when Raw is empty.
func (r UnknownOutboundRule) MarshalJSON() ([]byte, error) {
	if len(r.Raw) == 0 {
		return json.Marshal(r.CommonProperties)
	}
	return r.Raw, nil
}

func (r *FQDNOutboundRule) writable() OutboundRuleProperties {
	if r == nil {
		return nil
	}
	out := *r
	out.ErrorInformation, out.ParentRuleNames = nil, nil
	return &out
}

func (r *PrivateEndpointOutboundRule) writable() OutboundRuleProperties {
	if r == nil {
		return nil
	}
	out := *r
	out.ErrorInformation, out.ParentRuleNames = nil, nil
	return &out
}

func (r *ServiceTagOutboundRule) writable() OutboundRuleProperties {
	if r == nil {
		return nil
	}
	out := *r
	out.ErrorInformation, out.ParentRuleNames = nil, nil
	return &out
}

// writable drops the base's read-only fields from Raw, keeping everything else as received.
func (r *UnknownOutboundRule) writable() OutboundRuleProperties {
	if r == nil {
		return nil
	}
	out := *r
	out.CommonProperties.ErrorInformation, out.CommonProperties.ParentRuleNames = nil, nil
	var fields map[string]json.RawMessage
	if len(r.Raw) == 0 || json.Unmarshal(r.Raw, &fields) != nil {
		return &out
	}
	delete(fields, "errorInformation")
	delete(fields, "parentRuleNames")
	if raw, err := json.Marshal(fields); err == nil {
		out.Raw = raw
	}
	return &out
}

// writableRule returns p without read-only fields; nil stays nil.
func writableRule(p OutboundRuleProperties) OutboundRuleProperties {
	if p == nil {
		return nil
	}
	return p.writable()
}

// unmarshalOutboundRuleProperties decodes rule properties into the kind their "type" names; null gives nil.
func unmarshalOutboundRuleProperties(raw json.RawMessage) (OutboundRuleProperties, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var common OutboundRuleCommon
	if err := json.Unmarshal(raw, &common); err != nil {
		return nil, fmt.Errorf("decoding an outbound rule: %w", err)
	}
	var p OutboundRuleProperties
	switch {
	case strings.EqualFold(string(common.Type), string(OutboundRuleTypeFQDN)):
		p = &FQDNOutboundRule{}
	case strings.EqualFold(string(common.Type), string(OutboundRuleTypePrivateEndpoint)):
		p = &PrivateEndpointOutboundRule{}
	case strings.EqualFold(string(common.Type), string(OutboundRuleTypeServiceTag)):
		p = &ServiceTagOutboundRule{}
	default:
		return &UnknownOutboundRule{CommonProperties: common, Raw: append(json.RawMessage(nil), raw...)}, nil
	}
	if err := json.Unmarshal(raw, p); err != nil {
		return nil, fmt.Errorf("decoding a %s outbound rule: %w", common.Type, err)
	}
	return p, nil
}

// OutboundRuleID identifies an outbound rule of a managed network.
type OutboundRuleID struct {
	ManagedNetworkID ManagedNetworkID
	Name             string
}

// NewOutboundRuleID returns the ID of the rule name under network.
func NewOutboundRuleID(network ManagedNetworkID, name string) OutboundRuleID {
	return OutboundRuleID{ManagedNetworkID: network, Name: name}
}

var outboundRuleShape = idShape{
	what: "an outbound rule ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "managedNetworks", "",
		"outboundRules", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/managedNetworks/default/outboundRules/rule1",
}

// ParseOutboundRuleID parses an outbound rule ID; keywords match case-insensitively and names keep their casing.
func ParseOutboundRuleID(s string) (OutboundRuleID, error) {
	n, err := outboundRuleShape.parse(s)
	if err != nil {
		return OutboundRuleID{}, err
	}
	return NewOutboundRuleID(NewManagedNetworkID(NewAccountID(n[0], n[1], n[2]), n[3]), n[4]), nil
}

// Account returns the ID of the account of the rule's managed network.
func (id OutboundRuleID) Account() AccountID {
	return id.ManagedNetworkID.AccountID
}

// String returns the canonical ARM ID.
func (id OutboundRuleID) String() string {
	a := id.ManagedNetworkID.AccountID
	return outboundRuleShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.ManagedNetworkID.Name, id.Name)
}

func (id OutboundRuleID) path() string {
	a := id.ManagedNetworkID.AccountID
	return outboundRuleShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.ManagedNetworkID.Name, id.Name)
}

// GetOutboundRule reads an outbound rule.
func (c *Client) GetOutboundRule(ctx context.Context, id OutboundRuleID) (OutboundRule, error) {
	var out OutboundRule
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// BeginCreateOrUpdateOutboundRule PUTs an outbound rule; the spec declares 200 and 202 (Location, Retry-After),
// final-state-via location. Once the operation succeeds the poller's result is a fresh GET.
func (c *Client) BeginCreateOrUpdateOutboundRule(ctx context.Context, id OutboundRuleID, body OutboundRule) (*runtime.Poller[OutboundRule], error) {
	get := func(ctx context.Context) (OutboundRule, error) { return c.GetOutboundRule(ctx, id) }
	return beginThenGet(ctx, c.arm, http.MethodPut, c.url(id.path()), body.writable(), runtime.FinalStateViaLocation, get,
		http.StatusOK, http.StatusAccepted)
}

// BeginDeleteOutboundRule deletes an outbound rule (202 + Location; 204 when absent).
func (c *Client) BeginDeleteOutboundRule(ctx context.Context, id OutboundRuleID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}

// ListOutboundRules lists a managed network's outbound rules, the service's own included, following nextLink.
func (c *Client) ListOutboundRules(ctx context.Context, network ManagedNetworkID) ([]OutboundRule, error) {
	return list[OutboundRule](ctx, c.arm, c.url(network.path()+"/outboundRules"))
}
