package client

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Account is a Microsoft.CognitiveServices/accounts resource (a Foundry resource when Kind is "AIServices").
// Read-only fields are decoded but never sent. Tags, like every string map here, is map[string]string:
// nil is not sent (a PATCH keeps the tags), an empty map is sent as {} (a PATCH clears them).
type Account struct {
	// ID is read-only.
	ID *string `json:"id,omitempty"`
	// Name is read-only.
	Name *string `json:"name,omitempty"`
	// Type is read-only.
	Type *string `json:"type,omitempty"`
	// Kind is the account kind, "AIServices" for Foundry.
	Kind *string `json:"kind,omitempty"`
	// Location can only be set on create.
	Location *string           `json:"location,omitempty"`
	Tags     map[string]string `json:"tags,omitzero"`
	// Etag is read-only.
	Etag       *string            `json:"etag,omitempty"`
	SKU        *SKU               `json:"sku,omitempty"`
	Identity   *Identity          `json:"identity,omitempty"`
	Properties *AccountProperties `json:"properties,omitempty"`
	// SystemData is read-only.
	SystemData *SystemData `json:"systemData,omitempty"`
}

// SKUTier is the tier of a SKU.
type SKUTier string

// Known SKU tiers.
const (
	SKUTierFree       SKUTier = "Free"
	SKUTierBasic      SKUTier = "Basic"
	SKUTierStandard   SKUTier = "Standard"
	SKUTierPremium    SKUTier = "Premium"
	SKUTierEnterprise SKUTier = "Enterprise"
)

// SKU is the pricing tier of an account; Foundry uses name "S0".
type SKU struct {
	Name     *string  `json:"name,omitempty"`
	Tier     *SKUTier `json:"tier,omitempty"`
	Size     *string  `json:"size,omitempty"`
	Family   *string  `json:"family,omitempty"`
	Capacity *int32   `json:"capacity,omitempty"`
}

// PublicNetworkAccess says whether the account's public endpoint accepts traffic.
type PublicNetworkAccess string

// Public network access values.
const (
	PublicNetworkAccessEnabled  PublicNetworkAccess = "Enabled"
	PublicNetworkAccessDisabled PublicNetworkAccess = "Disabled"
)

// AccountProperties are the properties of an account.
type AccountProperties struct {
	// ProvisioningState is read-only.
	ProvisioningState *ProvisioningState `json:"provisioningState,omitempty"`
	// Endpoint is read-only.
	Endpoint *string `json:"endpoint,omitempty"`
	// Endpoints maps service names (e.g. "AI Foundry API") to URLs; read-only.
	Endpoints map[string]string `json:"endpoints,omitempty"`
	// InternalID is read-only and deprecated.
	InternalID *string `json:"internalId,omitempty"`
	// Capabilities is read-only.
	Capabilities []SKUCapability `json:"capabilities,omitempty"`
	// DateCreated is read-only.
	DateCreated *string `json:"dateCreated,omitempty"`
	// DeletionDate is read-only, set on soft-deleted accounts.
	DeletionDate *string `json:"deletionDate,omitempty"`
	// ScheduledPurgeDate is read-only, set on soft-deleted accounts.
	ScheduledPurgeDate *string `json:"scheduledPurgeDate,omitempty"`
	// IsMigrated is read-only.
	IsMigrated *bool `json:"isMigrated,omitempty"`
	// SKUChangeInfo is read-only: the account's SKU changes.
	SKUChangeInfo json.RawMessage `json:"skuChangeInfo,omitempty"`
	// PrivateEndpointConnections is read-only here: the connections are their own resources.
	PrivateEndpointConnections json.RawMessage `json:"privateEndpointConnections,omitempty"`
	// CallRateLimit is read-only.
	CallRateLimit *CallRateLimit `json:"callRateLimit,omitempty"`
	// QuotaLimit is read-only; it has CallRateLimit's shape.
	QuotaLimit *CallRateLimit `json:"quotaLimit,omitempty"`
	// CommitmentPlanAssociations is read-only.
	CommitmentPlanAssociations json.RawMessage `json:"commitmentPlanAssociations,omitempty"`
	// AbusePenalty is read-only.
	AbusePenalty json.RawMessage `json:"abusePenalty,omitempty"`

	// CustomSubDomainName is globally unique and cannot change once set.
	CustomSubDomainName *string              `json:"customSubDomainName,omitempty"`
	NetworkACLs         *NetworkRuleSet      `json:"networkAcls,omitempty"`
	Encryption          *Encryption          `json:"encryption,omitempty"`
	UserOwnedStorage    []UserOwnedStorage   `json:"userOwnedStorage,omitzero"`
	AMLWorkspace        *AMLWorkspace        `json:"amlWorkspace,omitempty"`
	PublicNetworkAccess *PublicNetworkAccess `json:"publicNetworkAccess,omitempty"`
	// APIProperties are settings of other account kinds (QnA Maker, Metrics Advisor, ...); free-form in the spec.
	APIProperties map[string]any `json:"apiProperties,omitzero"`
	// MigrationToken is the token of a resource migration.
	MigrationToken *string `json:"migrationToken,omitempty"`
	// Locations are the multi-region settings: regions, their weights and the routing method.
	Locations *MultiRegionSettings `json:"locations,omitempty"`
	// DisableLocalAuth true makes listKeys fail with 400.
	DisableLocalAuth              *bool    `json:"disableLocalAuth,omitempty"`
	RestrictOutboundNetworkAccess *bool    `json:"restrictOutboundNetworkAccess,omitempty"`
	AllowedFqdnList               []string `json:"allowedFqdnList,omitzero"`
	DynamicThrottlingEnabled      *bool    `json:"dynamicThrottlingEnabled,omitempty"`
	StoredCompletionsDisabled     *bool    `json:"storedCompletionsDisabled,omitempty"`
	A365LoggingEnabled            *bool    `json:"a365LoggingEnabled,omitempty"`
	// Restore true on PUT recovers a soft-deleted account of the same name; the service never returns it.
	Restore           *bool              `json:"restore,omitempty"`
	NetworkInjections []NetworkInjection `json:"networkInjections,omitzero"`
	// AllowProjectManagement must be true for a Foundry resource that holds projects.
	AllowProjectManagement *bool             `json:"allowProjectManagement,omitempty"`
	DefaultProject         *string           `json:"defaultProject,omitempty"`
	AssociatedProjects     []string          `json:"associatedProjects,omitzero"`
	RAIMonitorConfig       *RAIMonitorConfig `json:"raiMonitorConfig,omitempty"`
}

// writable returns a copy of p without read-only fields.
func (p *AccountProperties) writable() *AccountProperties {
	if p == nil {
		return nil
	}
	out := *p
	out.ProvisioningState, out.Endpoint, out.Endpoints, out.InternalID = nil, nil, nil, nil
	out.Capabilities, out.DateCreated, out.DeletionDate, out.ScheduledPurgeDate = nil, nil, nil, nil
	out.IsMigrated, out.SKUChangeInfo, out.PrivateEndpointConnections, out.CallRateLimit = nil, nil, nil, nil
	out.QuotaLimit, out.CommitmentPlanAssociations, out.AbusePenalty = nil, nil, nil
	return &out
}

// writable returns a copy of a without read-only fields, as sent in PUT and PATCH bodies.
func (a Account) writable() Account {
	a.ID, a.Name, a.Type, a.Etag, a.SystemData = nil, nil, nil, nil, nil
	a.Identity = a.Identity.writable()
	a.Properties = a.Properties.writable()
	return a
}

// SKUCapability is one read-only capability of an account.
type SKUCapability struct {
	Name  *string `json:"name,omitempty"`
	Value *string `json:"value,omitempty"`
}

// NetworkRuleAction is what happens to traffic no network rule matches.
type NetworkRuleAction string

// Network rule actions.
const (
	NetworkRuleActionAllow NetworkRuleAction = "Allow"
	NetworkRuleActionDeny  NetworkRuleAction = "Deny"
)

// ByPassSelection says which trusted services bypass the network rules.
type ByPassSelection string

// Bypass selections.
const (
	ByPassSelectionNone          ByPassSelection = "None"
	ByPassSelectionAzureServices ByPassSelection = "AzureServices"
)

// NetworkRuleSet is the account's network ACL; it requires a custom subdomain.
type NetworkRuleSet struct {
	DefaultAction       *NetworkRuleAction   `json:"defaultAction,omitempty"`
	Bypass              *ByPassSelection     `json:"bypass,omitempty"`
	IPRules             []IPRule             `json:"ipRules,omitzero"`
	VirtualNetworkRules []VirtualNetworkRule `json:"virtualNetworkRules,omitzero"`
}

// IPRule allows an IPv4 address or CIDR range.
type IPRule struct {
	Value *string `json:"value,omitempty"`
}

// VirtualNetworkRule allows a subnet.
type VirtualNetworkRule struct {
	// ID is the subnet's resource ID.
	ID                               *string `json:"id,omitempty"`
	State                            *string `json:"state,omitempty"`
	IgnoreMissingVnetServiceEndpoint *bool   `json:"ignoreMissingVnetServiceEndpoint,omitempty"`
}

// KeySource says who manages the encryption key.
type KeySource string

// Key sources.
const (
	KeySourceMicrosoftCognitiveServices KeySource = "Microsoft.CognitiveServices"
	KeySourceMicrosoftKeyVault          KeySource = "Microsoft.KeyVault"
)

// Encryption configures customer-managed keys.
type Encryption struct {
	KeySource          *KeySource          `json:"keySource,omitempty"`
	KeyVaultProperties *KeyVaultProperties `json:"keyVaultProperties,omitempty"`
}

// KeyVaultProperties locate a customer-managed key.
type KeyVaultProperties struct {
	KeyName          *string `json:"keyName,omitempty"`
	KeyVersion       *string `json:"keyVersion,omitempty"`
	KeyVaultURI      *string `json:"keyVaultUri,omitempty"`
	IdentityClientID *string `json:"identityClientId,omitempty"`
}

// UserOwnedStorage is a storage account the account uses.
type UserOwnedStorage struct {
	ResourceID       *string `json:"resourceId,omitempty"`
	IdentityClientID *string `json:"identityClientId,omitempty"`
}

// AMLWorkspace is the user-owned Azure Machine Learning workspace of the account.
type AMLWorkspace struct {
	ResourceID       *string `json:"resourceId,omitempty"`
	IdentityClientID *string `json:"identityClientId,omitempty"`
}

// ScenarioType is what network injection applies to.
type ScenarioType string

// Network injection scenarios.
const (
	ScenarioTypeNone  ScenarioType = "none"
	ScenarioTypeAgent ScenarioType = "agent"
)

// NetworkInjection injects agent traffic into a subnet; treat changes as replace-only.
type NetworkInjection struct {
	Scenario                   *ScenarioType `json:"scenario,omitempty"`
	SubnetArmID                *string       `json:"subnetArmId,omitempty"`
	UseMicrosoftManagedNetwork *bool         `json:"useMicrosoftManagedNetwork,omitempty"`
}

// RoutingMethod is how a multi-region account spreads requests over its regions.
type RoutingMethod string

// Routing methods.
const (
	RoutingMethodPriority    RoutingMethod = "Priority"
	RoutingMethodWeighted    RoutingMethod = "Weighted"
	RoutingMethodPerformance RoutingMethod = "Performance"
)

// MultiRegionSettings are the regions of a multi-region account (the spec's MultiRegionSettings).
type MultiRegionSettings struct {
	RoutingMethod *RoutingMethod  `json:"routingMethod,omitempty"`
	Regions       []RegionSetting `json:"regions,omitzero"`
}

// RegionSetting is one region of a multi-region account.
type RegionSetting struct {
	Name *string `json:"name,omitempty"`
	// Value is the region's weight (Weighted) or priority (Priority).
	Value           *float64 `json:"value,omitempty"`
	Customsubdomain *string  `json:"customsubdomain,omitempty"`
}

// RAIMonitorConfig is where responsible-AI monitoring data is stored.
type RAIMonitorConfig struct {
	AdxStorageResourceID *string `json:"adxStorageResourceId,omitempty"`
	IdentityClientID     *string `json:"identityClientId,omitempty"`
}

// GetAccount reads an account.
func (c *Client) GetAccount(ctx context.Context, id AccountID) (Account, error) {
	var out Account
	err := c.arm.call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// BeginCreateOrUpdateAccount PUTs the whole account (create, replace or, with Properties.Restore, recover). Once
// the operation succeeds the poller's result is a fresh GET of the account.
func (c *Client) BeginCreateOrUpdateAccount(ctx context.Context, id AccountID, body Account) (*runtime.Poller[Account], error) {
	get := func(ctx context.Context) (Account, error) { return c.GetAccount(ctx, id) }
	return beginThenGet(ctx, c.arm, http.MethodPut, c.url(id.path()), body.writable(), runtime.FinalStateViaLocation, get,
		http.StatusOK, http.StatusCreated, http.StatusAccepted)
}

// BeginUpdateAccount PATCHes the account: send only what changes (properties merge, tags replace). Once the
// operation succeeds the poller's result is a fresh GET of the account.
func (c *Client) BeginUpdateAccount(ctx context.Context, id AccountID, body Account) (*runtime.Poller[Account], error) {
	get := func(ctx context.Context) (Account, error) { return c.GetAccount(ctx, id) }
	return beginThenGet(ctx, c.arm, http.MethodPatch, c.url(id.path()), body.writable(), runtime.FinalStateViaLocation, get,
		http.StatusOK, http.StatusAccepted)
}

// BeginDeleteAccount deletes (soft-deletes) the account; a 204 (already gone) is success.
func (c *Client) BeginDeleteAccount(ctx context.Context, id AccountID) (*runtime.Poller[struct{}], error) {
	return beginDelete(ctx, c.arm, c.url(id.path()))
}

// listAccountsByResourceGroup lists every account in a resource group, following nextLink.
func (c *Client) listAccountsByResourceGroup(ctx context.Context, rg ResourceGroupID) ([]Account, error) {
	return list[Account](ctx, c.arm, c.url(rg.path()+"/providers/"+providerNamespace+"/accounts"))
}
