package emulator

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
)

// Seed is the initial directory and subscription state of an emulator.
type Seed struct {
	TenantID      string             `json:"tenantId"`
	Subscriptions []SeedSubscription `json:"subscriptions"`
	Clients       []SeedClient       `json:"clients"`
	// GrantSeededClientsFoundryUser gives every seeded client Foundry User on every seeded subscription
	// (same as Options.GrantSeededClientsFoundryUser; rbac.go). DefaultSeed leaves it false.
	GrantSeededClientsFoundryUser bool `json:"grantSeededClientsFoundryUser,omitempty"`

	// Neighbouring resources served read-only over ARM (neighbours_seed.go); each item's subscriptionId
	// defaults to the first subscription and its resource group must be seeded.
	UserAssignedIdentities []SeedUserAssignedIdentity `json:"userAssignedIdentities,omitempty"`
	KeyVaults              []SeedKeyVault             `json:"keyVaults,omitempty"`
	ManagedHSMs            []SeedManagedHSM           `json:"managedHsms,omitempty"`
	VirtualNetworks        []SeedVirtualNetwork       `json:"virtualNetworks,omitempty"`

	// Standard agent setup dependencies (neighbours_data.go), same placement rules as above.
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
	defaultDataServices(s) // neighbours_data.go: storage, Cosmos DB and search
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
	if err := s.validateNeighbours(); err != nil {
		return err
	}
	return s.validateDataServices()
}

func (s *Seed) clone() *Seed {
	data, _ := json.Marshal(s)
	var out Seed
	_ = json.Unmarshal(data, &out)
	return &out
}
