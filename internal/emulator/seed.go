package emulator

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/cognitive"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/neighbours"
)

// Seed is the initial directory and subscription state of an emulator.
type Seed struct {
	TenantID      string             `json:"tenantId"`
	Subscriptions []SeedSubscription `json:"subscriptions"`
	Clients       []SeedClient       `json:"clients"`
	// GrantSeededClientsFoundryUser gives every seeded client Foundry User on every seeded subscription
	// (same as Options.GrantSeededClientsFoundryUser; package authorization). DefaultSeed leaves it false.
	GrantSeededClientsFoundryUser bool `json:"grantSeededClientsFoundryUser,omitempty"`

	// Neighbouring resources served read-only over ARM (package neighbours); each item's subscriptionId
	// defaults to the first subscription and its resource group must be seeded.
	UserAssignedIdentities []SeedUserAssignedIdentity `json:"userAssignedIdentities,omitempty"`
	KeyVaults              []SeedKeyVault             `json:"keyVaults,omitempty"`
	ManagedHSMs            []SeedManagedHSM           `json:"managedHsms,omitempty"`
	VirtualNetworks        []SeedVirtualNetwork       `json:"virtualNetworks,omitempty"`

	// Standard agent setup dependencies (package neighbours), same placement rules as above.
	StorageAccounts  []SeedStorageAccount  `json:"storageAccounts,omitempty"`
	CosmosDBAccounts []SeedCosmosDBAccount `json:"cosmosDbAccounts,omitempty"`
	SearchServices   []SeedSearchService   `json:"searchServices,omitempty"`
}

// SeedSubscription is a subscription with its resource groups.
type SeedSubscription struct {
	ID             string              `json:"id"`
	DisplayName    string              `json:"displayName"`
	ResourceGroups []SeedResourceGroup `json:"resourceGroups"`
}

// SeedResourceGroup is a resource group that exists from the start.
type SeedResourceGroup struct {
	Name     string `json:"name"`
	Location string `json:"location"`
}

// SeedClient is an Entra ID application (service principal) that may request tokens.
type SeedClient = entra.Client

// Default seed values.
const (
	DefaultTenantID       = "11111111-1111-1111-1111-111111111111"
	DefaultSubscriptionID = "00000000-1111-2222-3333-444444444444"
	DefaultClientID       = "22222222-2222-2222-2222-222222222222"
	DefaultClientSecret   = "emulator-secret"
	DefaultObjectID       = "33333333-3333-3333-3333-333333333333"
)

// DefaultSeed returns the built-in seed: one tenant, one subscription with three resource groups and one client,
// plus the neighbouring identity, Key Vault and network resources of defaultNeighbours.
func DefaultSeed() *Seed {
	s := &Seed{
		TenantID: DefaultTenantID,
		Subscriptions: []SeedSubscription{{
			ID:          DefaultSubscriptionID,
			DisplayName: "Foundry Emulator Subscription",
			ResourceGroups: []SeedResourceGroup{
				{Name: "rg-foundry", Location: "eastus"},
				{Name: "myResourceGroup", Location: "westus"},
				{Name: "rg-other", Location: "westus"},
			},
		}},
		Clients: []SeedClient{{
			ClientID:     DefaultClientID,
			ClientSecret: DefaultClientSecret,
			ObjectID:     DefaultObjectID,
			DisplayName:  "foundry-emulator-client",
		}},
	}
	defaultNeighbours(s)
	defaultDataServices(s) // storage, Cosmos DB and search
	return s
}

// LoadSeed reads a JSON seed file and validates it.
func LoadSeed(path string) (*Seed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading seed: %w", err)
	}
	var s Seed
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("parsing seed %s: %w", path, err)
	}
	if err := s.validate(); err != nil {
		return nil, fmt.Errorf("seed %s: %w", path, err)
	}
	return &s, nil
}

func (s *Seed) validate() error {
	if s.TenantID == "" {
		return fmt.Errorf("tenantId is required")
	}
	if len(s.Clients) == 0 {
		return fmt.Errorf("at least one client is required")
	}
	for i, c := range s.Clients {
		if c.ClientID == "" {
			return fmt.Errorf("clients[%d].clientId is required", i)
		}
	}
	for i, sub := range s.Subscriptions {
		if sub.ID == "" {
			return fmt.Errorf("subscriptions[%d].id is required", i)
		}
		for j, rg := range sub.ResourceGroups {
			if rg.Name == "" {
				return fmt.Errorf("subscriptions[%d].resourceGroups[%d].name is required", i, j)
			}
		}
	}
	return neighbours.Validate(s.neighbours())
}

// subscriptionIDs are the seeded subscriptions, in seed order.
func (s *Seed) subscriptionIDs() []string {
	ids := make([]string, len(s.Subscriptions))
	for i, sub := range s.Subscriptions {
		ids[i] = sub.ID
	}
	return ids
}

// neighbours is where the seed's neighbouring resources go and what they are.
func (s *Seed) neighbours() neighbours.Config {
	cfg := neighbours.Config{TenantID: s.TenantID, Subscriptions: subscriptionsOf(s), Seed: neighbours.Seed{
		UserAssignedIdentities: s.UserAssignedIdentities, KeyVaults: s.KeyVaults, ManagedHSMs: s.ManagedHSMs,
		VirtualNetworks: s.VirtualNetworks, StorageAccounts: s.StorageAccounts, CosmosDBAccounts: s.CosmosDBAccounts,
		SearchServices: s.SearchServices,
	}}
	if len(s.Subscriptions) > 0 {
		cfg.DefaultSubscription = s.Subscriptions[0].ID
	}
	return cfg
}

func (s *Seed) clone() *Seed {
	data, _ := json.Marshal(s)
	var out Seed
	_ = json.Unmarshal(data, &out)
	return &out
}

// Neighbouring resources of the seed (neighbours package): each item's subscriptionId defaults to the first
// subscription and its resource group must be seeded.
type (
	// SeedUserAssignedIdentity is a Microsoft.ManagedIdentity/userAssignedIdentities resource. Its principalId and
	// clientId are derived from the lower-cased ARM ID (the same values an account reports for the identity).
	SeedUserAssignedIdentity = neighbours.SeedUserAssignedIdentity
	// SeedKeyVault is a Microsoft.KeyVault/vaults resource with keys and access policies (vault access policy model).
	SeedKeyVault = neighbours.SeedKeyVault
	// SeedManagedHSM is a Microsoft.KeyVault/managedHSMs resource with keys; access is HSM-local RBAC, granted with GrantKeyAccess.
	SeedManagedHSM = neighbours.SeedManagedHSM
	// SeedKey is a key with its versions; the last version is the current one.
	SeedKey = neighbours.SeedKey
	// SeedAccessPolicy grants key permissions (get, wrapKey, unwrapKey, ..., or all) to an object ID, or to the
	// principal of a user-assigned identity given by its ARM ID.
	SeedAccessPolicy = neighbours.SeedAccessPolicy
	// SeedVirtualNetwork is a Microsoft.Network/virtualNetworks resource with its subnets.
	SeedVirtualNetwork = neighbours.SeedVirtualNetwork
	// SeedSubnet is a subnet; every prefix must lie in the network's address space.
	SeedSubnet = neighbours.SeedSubnet
	// SeedStorageAccount is a Microsoft.Storage/storageAccounts resource (kind StorageV2).
	SeedStorageAccount = neighbours.SeedStorageAccount
	// SeedCosmosDBAccount is a Microsoft.DocumentDB/databaseAccounts resource (kind GlobalDocumentDB, NoSQL API).
	SeedCosmosDBAccount = neighbours.SeedCosmosDBAccount
	// SeedSearchService is a Microsoft.Search/searchServices resource with a system-assigned identity.
	SeedSearchService = neighbours.SeedSearchService
)

// Names of the default seed's neighbouring resources (all in DefaultSubscriptionID).
const (
	defaultRG     = "rg-foundry"
	defaultWestRG = "rg-other"
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
	delegated := []string{cognitive.AgentSubnetDelegation}
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

// defaultDataServices adds the standard-setup dependencies to the default seed: one set in rg-foundry (eastus)
// and one in rg-other (westus) for region-mismatch tests.
func defaultDataServices(s *Seed) {
	s.StorageAccounts = []SeedStorageAccount{
		{ResourceGroup: defaultRG, Name: "stfoundryagents", Location: "eastus"},
		{ResourceGroup: defaultWestRG, Name: "stfoundryagentswestus", Location: "westus"},
	}
	s.CosmosDBAccounts = []SeedCosmosDBAccount{
		{ResourceGroup: defaultRG, Name: "cosmos-foundry-agents", Location: "eastus"},
		{ResourceGroup: defaultWestRG, Name: "cosmos-foundry-agents-westus", Location: "westus"},
	}
	s.SearchServices = []SeedSearchService{
		{ResourceGroup: defaultRG, Name: "srch-foundry-agents", Location: "eastus"},
		{ResourceGroup: defaultWestRG, Name: "srch-foundry-agents-westus", Location: "westus"},
	}
}
