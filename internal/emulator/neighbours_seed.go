package emulator

import (
	"fmt"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

// SeedUserAssignedIdentity is a Microsoft.ManagedIdentity/userAssignedIdentities resource. Its principalId and
// clientId are derived from the lower-cased ARM ID (the same values an account reports for the identity).
type SeedUserAssignedIdentity struct {
	SubscriptionID string `json:"subscriptionId,omitempty"` // default: the first subscription
	ResourceGroup  string `json:"resourceGroup"`
	Name           string `json:"name"`
	Location       string `json:"location"`
}

// SeedKeyVault is a Microsoft.KeyVault/vaults resource with keys and access policies (vault access policy model).
type SeedKeyVault struct {
	SubscriptionID            string             `json:"subscriptionId,omitempty"` // default: the first subscription
	ResourceGroup             string             `json:"resourceGroup"`
	Name                      string             `json:"name"` // globally unique, ^[a-zA-Z0-9-]{3,24}$
	Location                  string             `json:"location"`
	TenantID                  string             `json:"tenantId,omitempty"` // default: the seed tenant
	Sku                       string             `json:"sku,omitempty"`      // standard (default) or premium
	SoftDelete                bool               `json:"softDelete"`
	SoftDeleteRetentionInDays int                `json:"softDeleteRetentionInDays,omitempty"` // 7-90, default 90
	PurgeProtection           bool               `json:"purgeProtection"`
	Keys                      []SeedKey          `json:"keys,omitempty"`
	AccessPolicies            []SeedAccessPolicy `json:"accessPolicies,omitempty"`
}

// SeedManagedHSM is a Microsoft.KeyVault/managedHSMs resource with keys; access is HSM-local RBAC, granted with GrantKeyAccess.
type SeedManagedHSM struct {
	SubscriptionID            string    `json:"subscriptionId,omitempty"`
	ResourceGroup             string    `json:"resourceGroup"`
	Name                      string    `json:"name"`
	Location                  string    `json:"location"`
	TenantID                  string    `json:"tenantId,omitempty"`
	SoftDelete                bool      `json:"softDelete"`
	SoftDeleteRetentionInDays int       `json:"softDeleteRetentionInDays,omitempty"`
	PurgeProtection           bool      `json:"purgeProtection"`
	Keys                      []SeedKey `json:"keys,omitempty"`
}

// SeedKey is a key with its versions; the last version is the current one.
type SeedKey struct {
	Name      string `json:"name"`
	Kty       string `json:"kty,omitempty"`       // RSA (default), RSA-HSM, EC, EC-HSM
	KeySize   int    `json:"keySize,omitempty"`   // RSA: 2048 (default), 3072, 4096
	CurveName string `json:"curveName,omitempty"` // EC: P-256 (default), P-256K, P-384, P-521
	Versions  int    `json:"versions,omitempty"`  // number of versions, default 1; IDs are derived (32 hex)
	// VersionIDs names the versions explicitly (oldest first) instead of Versions.
	VersionIDs []string `json:"versionIds,omitempty"`
}

// SeedAccessPolicy grants key permissions (get, wrapKey, unwrapKey, ..., or all) to an object ID, or to the
// principal of a user-assigned identity given by its ARM ID.
type SeedAccessPolicy struct {
	ObjectID       string   `json:"objectId,omitempty"`
	Identity       string   `json:"identity,omitempty"` // ARM ID of a user-assigned identity, instead of objectId
	KeyPermissions []string `json:"keyPermissions"`
}

// SeedVirtualNetwork is a Microsoft.Network/virtualNetworks resource with its subnets.
type SeedVirtualNetwork struct {
	SubscriptionID string       `json:"subscriptionId,omitempty"`
	ResourceGroup  string       `json:"resourceGroup"`
	Name           string       `json:"name"`
	Location       string       `json:"location"`
	AddressSpace   []string     `json:"addressSpace"`
	Subnets        []SeedSubnet `json:"subnets,omitempty"`
}

// SeedSubnet is a subnet; every prefix must lie in the network's address space.
type SeedSubnet struct {
	Name            string   `json:"name"`
	AddressPrefix   string   `json:"addressPrefix,omitempty"`
	AddressPrefixes []string `json:"addressPrefixes,omitempty"` // instead of addressPrefix
	Delegations     []string `json:"delegations,omitempty"`     // service names, e.g. Microsoft.App/environments
}

// Names of the default seed's neighbouring resources (all in DefaultSubscriptionID).
const (
	defaultRG       = "rg-foundry"
	defaultWestRG   = "rg-other"
	agentDelegation = "Microsoft.App/environments"
)

// defaultNeighbours adds the built-in identity, Key Vault and network resources to the default seed.
func defaultNeighbours(s *Seed) {
	uai := UserAssignedIdentityID(DefaultSubscriptionID, defaultRG, "id-foundry")
	cmkAccess := []SeedAccessPolicy{{Identity: uai, KeyPermissions: []string{"get", "wrapKey", "unwrapKey"}}}
	s.UserAssignedIdentities = []SeedUserAssignedIdentity{{ResourceGroup: defaultRG, Name: "id-foundry", Location: "eastus"}}
	s.KeyVaults = []SeedKeyVault{
		{ResourceGroup: defaultRG, Name: "kv-foundry-cmk", Location: "eastus", SoftDelete: true, PurgeProtection: true,
			Keys: []SeedKey{
				{Name: "foundry-cmk", Kty: "RSA", KeySize: 2048, Versions: 2},
				{Name: "foundry-cmk-2", Kty: "RSA", KeySize: 2048},
				{Name: "key-ec", Kty: "EC", CurveName: "P-256"},
				{Name: "key-rsa-4096", Kty: "RSA", KeySize: 4096},
			},
			AccessPolicies: cmkAccess},
		{ResourceGroup: defaultRG, Name: "kv-no-purge", Location: "eastus", SoftDelete: true,
			Keys: []SeedKey{{Name: "foundry-cmk", Kty: "RSA", KeySize: 2048}}, AccessPolicies: cmkAccess},
		{ResourceGroup: defaultWestRG, Name: "kv-westus", Location: "westus", SoftDelete: true, PurgeProtection: true,
			Keys: []SeedKey{{Name: "foundry-cmk", Kty: "RSA", KeySize: 2048}}, AccessPolicies: cmkAccess},
	}
	s.ManagedHSMs = []SeedManagedHSM{{ResourceGroup: defaultRG, Name: "hsm-foundry", Location: "eastus", SoftDelete: true, PurgeProtection: true,
		Keys: []SeedKey{{Name: "foundry-cmk", Kty: "RSA-HSM", KeySize: 2048}}}}
	delegated := []string{agentDelegation}
	s.VirtualNetworks = []SeedVirtualNetwork{
		{ResourceGroup: defaultRG, Name: "vnet-foundry", Location: "eastus",
			AddressSpace: []string{"192.168.0.0/16", "172.30.0.0/24", "20.0.0.0/24"},
			Subnets: []SeedSubnet{
				{Name: "snet-agents", AddressPrefix: "192.168.0.0/24", Delegations: delegated},
				{Name: "snet-plain", AddressPrefix: "192.168.1.0/24"},
				{Name: "snet-agents-2", AddressPrefix: "192.168.2.0/24", Delegations: delegated},
				{Name: "snet-reserved", AddressPrefix: "172.30.0.0/24", Delegations: delegated},
				{Name: "snet-public", AddressPrefix: "20.0.0.0/24", Delegations: delegated},
			}},
		{ResourceGroup: defaultWestRG, Name: "vnet-westus", Location: "westus", AddressSpace: []string{"172.16.0.0/16"},
			Subnets: []SeedSubnet{{Name: "snet-agents", AddressPrefix: "172.16.0.0/24", Delegations: delegated}}},
	}
}

// validateNeighbours checks the neighbour lists by loading them into a scratch store.
func (s *Seed) validateNeighbours() error {
	subs := subscriptionsOf(s)
	_, err := loadNeighbours(s, subs, time.Now().UTC())
	return err
}

// seedNeighbours builds the neighbour store of a validated seed.
func seedNeighbours(s *Seed, subs arm.Subscriptions, now time.Time) *neighbourStore {
	nb, _ := loadNeighbours(s, subs, now)
	return nb
}

func loadNeighbours(s *Seed, subs arm.Subscriptions, now time.Time) (*neighbourStore, error) {
	nb := newNeighbourStore(s, subs)
	for i, u := range s.UserAssignedIdentities {
		if _, err := nb.addIdentity(u); err != nil {
			return nb, fmt.Errorf("userAssignedIdentities[%d]: %w", i, err)
		}
	}
	for i, v := range s.KeyVaults {
		if _, err := nb.addVault(v, now); err != nil {
			return nb, fmt.Errorf("keyVaults[%d]: %w", i, err)
		}
	}
	for i, h := range s.ManagedHSMs {
		if _, err := nb.addHSM(h, now); err != nil {
			return nb, fmt.Errorf("managedHsms[%d]: %w", i, err)
		}
	}
	for i, v := range s.VirtualNetworks {
		if _, err := nb.addVirtualNetwork(v); err != nil {
			return nb, fmt.Errorf("virtualNetworks[%d]: %w", i, err)
		}
	}
	return nb, nil
}
