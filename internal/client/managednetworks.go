package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// ManagedNetworkNameDefault is the only managed network name the service supports.
const ManagedNetworkNameDefault = "default"

// ManagedNetwork is a Microsoft.CognitiveServices/accounts/managedNetworks resource (the spec's
// ManagedNetworkSettingsPropertiesBasicResource): the Microsoft-managed virtual network of an account. The settings
// sit one level down, in Properties.ManagedNetwork. Read-only fields are decoded but never sent.
type ManagedNetwork struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type       *string                   `json:"type,omitempty"`
	Properties *ManagedNetworkProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// ManagedNetworkProperties are the properties of a managed network resource (the spec's
// ManagedNetworkSettingsProperties).
type ManagedNetworkProperties struct {
	ManagedNetwork *ManagedNetworkSettings `json:"managedNetwork,omitempty"`
	// ProvisioningState is read-only.
	ProvisioningState *ManagedNetworkProvisioningState `json:"provisioningState,omitempty"`
}

// ManagedNetworkIsolationMode says what the managed network may reach (the spec's IsolationMode).
type ManagedNetworkIsolationMode string

// Isolation modes.
const (
	ManagedNetworkIsolationModeDisabled                  ManagedNetworkIsolationMode = "Disabled"
	ManagedNetworkIsolationModeAllowInternetOutbound     ManagedNetworkIsolationMode = "AllowInternetOutbound"
	ManagedNetworkIsolationModeAllowOnlyApprovedOutbound ManagedNetworkIsolationMode = "AllowOnlyApprovedOutbound"
)

// ManagedNetworkFirewallSKU is the SKU of the Azure Firewall used for FQDN rules (the spec's FirewallSku).
type ManagedNetworkFirewallSKU string

// Firewall SKUs.
const (
	ManagedNetworkFirewallSKUStandard ManagedNetworkFirewallSKU = "Standard"
	ManagedNetworkFirewallSKUBasic    ManagedNetworkFirewallSKU = "Basic"
)

// ManagedNetworkKind is the generation of the managed network; the spec says V1 may be switched to V2 but not back.
type ManagedNetworkKind string

// Managed network kinds.
const (
	ManagedNetworkKindV1 ManagedNetworkKind = "V1"
	ManagedNetworkKindV2 ManagedNetworkKind = "V2"
)

// ManagedNetworkProvisioningState is the read-only provisioning state of a managed network.
type ManagedNetworkProvisioningState string

// Managed network provisioning states.
const (
	ManagedNetworkProvisioningStateDeferred  ManagedNetworkProvisioningState = "Deferred"
	ManagedNetworkProvisioningStateUpdating  ManagedNetworkProvisioningState = "Updating"
	ManagedNetworkProvisioningStateSucceeded ManagedNetworkProvisioningState = "Succeeded"
	ManagedNetworkProvisioningStateFailed    ManagedNetworkProvisioningState = "Failed"
	ManagedNetworkProvisioningStateDeleting  ManagedNetworkProvisioningState = "Deleting"
	ManagedNetworkProvisioningStateDeleted   ManagedNetworkProvisioningState = "Deleted"
)

// ManagedNetworkStatus says whether the managed network has been provisioned.
type ManagedNetworkStatus string

// Managed network statuses.
const (
	ManagedNetworkStatusInactive ManagedNetworkStatus = "Inactive"
	ManagedNetworkStatusActive   ManagedNetworkStatus = "Active"
)

// ManagedNetworkProvisionStatus is the provisioning status of a managed network, and the result of
// BeginProvisionManagedNetwork.
type ManagedNetworkProvisionStatus struct {
	Status *ManagedNetworkStatus `json:"status,omitempty"`
}

// ManagedNetworkSettings are the settings of a managed network (the spec's ManagedNetworkSettingsEx, which is
// ManagedNetworkSettings plus the read-only ChangeableIsolationModes). The same type is the body of
// BeginBatchOutboundRules, where the spec uses ManagedNetworkSettings.
type ManagedNetworkSettings struct {
	IsolationMode *ManagedNetworkIsolationMode `json:"isolationMode,omitempty"`
	// NetworkID is read-only.
	NetworkID *string `json:"networkId,omitempty"`
	// OutboundRules are rules set inline, by rule name; the spec marks the map nullable. The service also lists the
	// rules it adds itself here (category Required, Recommended or Dependency).
	OutboundRules map[string]OutboundRuleProperties `json:"outboundRules,omitzero"`
	// Status is not read-only in the spec, so it is sent when set; the service computes it.
	Status      *ManagedNetworkProvisionStatus `json:"status,omitempty"`
	FirewallSKU *ManagedNetworkFirewallSKU     `json:"firewallSku,omitempty"`
	// ManagedNetworkKind can go from V1 to V2 but not back.
	ManagedNetworkKind *ManagedNetworkKind `json:"managedNetworkKind,omitempty"`
	// FirewallPublicIPAddress is read-only and nullable.
	FirewallPublicIPAddress *string `json:"firewallPublicIpAddress,omitempty"`
	// ProvisioningState is read-only.
	ProvisioningState *ManagedNetworkProvisioningState `json:"provisioningState,omitempty"`
	// ChangeableIsolationModes is read-only: the isolation modes the network may be switched to.
	ChangeableIsolationModes []ManagedNetworkIsolationMode `json:"changeableIsolationModes,omitempty"`
}

// UnmarshalJSON decodes the settings, each outbound rule into the type its "type" names.
func (s *ManagedNetworkSettings) UnmarshalJSON(b []byte) error {
	type plain ManagedNetworkSettings
	var in struct {
		plain
		OutboundRules map[string]json.RawMessage `json:"outboundRules"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	*s = ManagedNetworkSettings(in.plain)
	s.OutboundRules = nil
	if in.OutboundRules == nil {
		return nil
	}
	s.OutboundRules = make(map[string]OutboundRuleProperties, len(in.OutboundRules))
	for name, raw := range in.OutboundRules {
		rule, err := unmarshalOutboundRuleProperties(raw)
		if err != nil {
			return err
		}
		s.OutboundRules[name] = rule
	}
	return nil
}

// writable returns a copy of s without read-only fields.
func (s *ManagedNetworkSettings) writable() *ManagedNetworkSettings {
	if s == nil {
		return nil
	}
	out := *s
	out.NetworkID, out.FirewallPublicIPAddress, out.ProvisioningState, out.ChangeableIsolationModes = nil, nil, nil, nil
	if s.OutboundRules != nil {
		out.OutboundRules = make(map[string]OutboundRuleProperties, len(s.OutboundRules))
		for name, rule := range s.OutboundRules {
			out.OutboundRules[name] = writableRule(rule)
		}
	}
	return &out
}

// writable returns a copy of n without read-only fields, as sent in PUT and PATCH bodies.
func (n ManagedNetwork) writable() ManagedNetwork {
	n.ID, n.Name, n.Type, n.SystemData = nil, nil, nil, nil
	if n.Properties != nil {
		p := *n.Properties
		p.ProvisioningState = nil
		p.ManagedNetwork = p.ManagedNetwork.writable()
		n.Properties = &p
	}
	return n
}

// ManagedNetworkID identifies a Microsoft.CognitiveServices/accounts/managedNetworks resource.
type ManagedNetworkID struct {
	AccountID AccountID
	Name      string
}

// NewManagedNetworkID returns the ID of the managed network name (in practice ManagedNetworkNameDefault) under
// account.
func NewManagedNetworkID(account AccountID, name string) ManagedNetworkID {
	return ManagedNetworkID{AccountID: account, Name: name}
}

var managedNetworkShape = idShape{
	what:    "a managed network ID",
	pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", providerNamespace, "accounts", "", "managedNetworks", ""},
	example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.CognitiveServices/accounts/account1/managedNetworks/default",
}

// ParseManagedNetworkID parses a managed network ID; keywords match case-insensitively and names keep their casing.
func ParseManagedNetworkID(s string) (ManagedNetworkID, error) {
	n, err := managedNetworkShape.parse(s)
	if err != nil {
		return ManagedNetworkID{}, err
	}
	return NewManagedNetworkID(NewAccountID(n[0], n[1], n[2]), n[3]), nil
}

// Account returns the ID of the managed network's account.
func (id ManagedNetworkID) Account() AccountID {
	return id.AccountID
}

// String returns the canonical ARM ID.
func (id ManagedNetworkID) String() string {
	a := id.AccountID
	return managedNetworkShape.format(false, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

func (id ManagedNetworkID) path() string {
	a := id.AccountID
	return managedNetworkShape.format(true, a.SubscriptionID, a.ResourceGroupName, a.Name, id.Name)
}

// GetManagedNetwork reads a managed network.
func (c *Client) GetManagedNetwork(ctx context.Context, id ManagedNetworkID) (ManagedNetwork, error) {
	var out ManagedNetwork
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// BeginCreateOrUpdateManagedNetwork PUTs the whole managed network; the spec declares 200 and 202 (Location,
// Retry-After), final-state-via location. Once the operation succeeds the poller's result is a fresh GET.
func (c *Client) BeginCreateOrUpdateManagedNetwork(ctx context.Context, id ManagedNetworkID, body ManagedNetwork) (*runtime.Poller[ManagedNetwork], error) {
	get := func(ctx context.Context) (ManagedNetwork, error) { return c.GetManagedNetwork(ctx, id) }
	return beginThenGet(ctx, c.arm, http.MethodPut, c.url(id.path()), body.writable(), runtime.FinalStateViaLocation, get,
		http.StatusOK, http.StatusAccepted)
}

// BeginUpdateManagedNetwork PATCHes the managed network with the fields set in body (the spec's body is the whole
// resource type); 200 or 202 (Location), final-state-via location. Once the operation succeeds the poller's result
// is a fresh GET.
func (c *Client) BeginUpdateManagedNetwork(ctx context.Context, id ManagedNetworkID, body ManagedNetwork) (*runtime.Poller[ManagedNetwork], error) {
	get := func(ctx context.Context) (ManagedNetwork, error) { return c.GetManagedNetwork(ctx, id) }
	return beginThenGet(ctx, c.arm, http.MethodPatch, c.url(id.path()), body.writable(), runtime.FinalStateViaLocation, get,
		http.StatusOK, http.StatusAccepted)
}

// BeginDeleteManagedNetwork deletes a managed network (202 + Location; 204 when absent).
func (c *Client) BeginDeleteManagedNetwork(ctx context.Context, id ManagedNetworkID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}

// listManagedNetworks lists an account's managed networks (at most one), following nextLink.
func (c *Client) listManagedNetworks(ctx context.Context, account AccountID) ([]ManagedNetwork, error) {
	return list[ManagedNetwork](ctx, c.arm, c.url(account.path()+"/managedNetworks"))
}

// BeginProvisionManagedNetwork POSTs the provision action, which builds the managed network; 200 (done, with the
// status) or 202 (Location, Retry-After), final-state-via location. The poller's result is the status the operation
// ends with. The spec's body (ManagedNetworkProvisionOptions) has no properties: {} is sent. Were the service to
// answer with Azure-AsyncOperation and no Location, azcore would end with the operation's status body instead
// ({"status":"Succeeded"}); GetManagedNetwork reads the network's own status either way.
func (c *Client) BeginProvisionManagedNetwork(ctx context.Context, id ManagedNetworkID) (*runtime.Poller[ManagedNetworkProvisionStatus], error) {
	return beginAction[ManagedNetworkProvisionStatus](ctx, c.arm, c.url(id.path()+"/provision"), struct{}{})
}

// beginBatchOutboundRules POSTs several outbound rules at once (batchOutboundRules) in body.OutboundRules; the spec's
// body is the managed network settings (ManagedNetworkSettingsBasicResource) and does not say whether rules left out
// are removed. 200 (done) or 202 (Location, Retry-After), final-state-via location. The poller's result is the rule
// list the operation ends with, further pages (nextLink) followed; ListOutboundRules reads the whole set (an
// Azure-AsyncOperation answer without Location would end with a status body, hence an empty list).
func (c *Client) beginBatchOutboundRules(ctx context.Context, id ManagedNetworkID, body ManagedNetworkSettings) (*runtime.Poller[[]OutboundRule], error) {
	r := c.arm
	req, err := r.newRequest(ctx, http.MethodPost, c.url(id.path()+"/batchOutboundRules"), true,
		managedNetworkSettingsResource{Properties: body.writable()})
	if err != nil {
		return nil, err
	}
	resp, err := r.do(req, http.StatusOK, http.StatusAccepted)
	if err != nil {
		return nil, err
	}
	inner, err := runtime.NewPoller(resp, r.pl, &runtime.NewPollerOptions[page[OutboundRule]]{FinalStateVia: runtime.FinalStateViaLocation})
	if err != nil {
		return nil, err
	}
	rest := func(ctx context.Context, first page[OutboundRule]) ([]OutboundRule, error) {
		return morePages(ctx, r, first)
	}
	return runtime.NewPoller(resp, r.pl, &runtime.NewPollerOptions[[]OutboundRule]{
		Handler: &thenConvert[page[OutboundRule], []OutboundRule]{inner: inner, convert: rest},
	})
}

// managedNetworkSettingsResource is the body of batchOutboundRules (the spec's ManagedNetworkSettingsBasicResource,
// whose envelope fields are all read-only).
type managedNetworkSettingsResource struct {
	Properties *ManagedNetworkSettings `json:"properties,omitempty"`
}

// beginAction sends a long-running POST whose result is the body the operation ends with: the first response's
// when it is 200, else the last poll's (final-state-via location).
func beginAction[T any](ctx context.Context, r requester, rawURL string, body any) (*runtime.Poller[T], error) {
	req, err := r.newRequest(ctx, http.MethodPost, rawURL, true, body)
	if err != nil {
		return nil, err
	}
	resp, err := r.do(req, http.StatusOK, http.StatusAccepted)
	if err != nil {
		return nil, err
	}
	return runtime.NewPoller(resp, r.pl, &runtime.NewPollerOptions[T]{FinalStateVia: runtime.FinalStateViaLocation})
}

// thenConvert is a polling handler that delegates to inner and converts its result.
type thenConvert[In, Out any] struct {
	inner   *runtime.Poller[In]
	convert func(context.Context, In) (Out, error)
}

// Done implements runtime.PollingHandler.
func (h *thenConvert[In, Out]) Done() bool { return h.inner.Done() }

// Poll implements runtime.PollingHandler.
func (h *thenConvert[In, Out]) Poll(ctx context.Context) (*http.Response, error) {
	return h.inner.Poll(ctx)
}

// Result implements runtime.PollingHandler: inner's outcome, then on success its conversion.
func (h *thenConvert[In, Out]) Result(ctx context.Context, out *Out) error {
	in, err := h.inner.Result(ctx)
	if err != nil {
		return err
	}
	v, err := h.convert(ctx, in)
	if err != nil {
		return err
	}
	*out = v
	return nil
}

// morePages returns first's items and those of the pages its nextLink leads to, links followed as given.
func morePages[T any](ctx context.Context, r requester, first page[T]) ([]T, error) {
	all := first.Value
	seen := map[string]bool{}
	for next := first.NextLink; next != nil && *next != ""; {
		if seen[*next] {
			return nil, fmt.Errorf("following the pages of a batch result: the service returned the same nextLink twice (%s)", *next)
		}
		seen[*next] = true
		req, err := r.newRequest(ctx, http.MethodGet, *next, false, nil)
		if err != nil {
			return nil, err
		}
		resp, err := r.do(req, http.StatusOK)
		if err != nil {
			return nil, err
		}
		var p page[T]
		if err := runtime.UnmarshalAsJSON(resp, &p); err != nil {
			return nil, err
		}
		all, next = append(all, p.Value...), p.NextLink
	}
	return all, nil
}
