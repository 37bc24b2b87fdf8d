package emulator

import (
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/neighbours"
)

// The Go side of the neighbouring resources (package neighbours): what an administrator does out of band, and the
// IDs the emulator reports. Everything added lasts until Reset.

// AddUserAssignedIdentity adds a user-assigned identity at runtime (until Reset) and returns its ARM ID.
func (s *Server) AddUserAssignedIdentity(u SeedUserAssignedIdentity) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nb.AddUserAssignedIdentity(u)
}

// AddKeyVault adds a key vault at runtime (until Reset) and returns its ARM ID.
func (s *Server) AddKeyVault(v SeedKeyVault) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nb.AddKeyVault(v, s.nowLocked())
}

// AddManagedHSM adds a managed HSM at runtime (until Reset) and returns its ARM ID.
func (s *Server) AddManagedHSM(h SeedManagedHSM) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nb.AddManagedHSM(h, s.nowLocked())
}

// AddVirtualNetwork adds a virtual network with its subnets at runtime (until Reset) and returns its ARM ID.
func (s *Server) AddVirtualNetwork(v SeedVirtualNetwork) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nb.AddVirtualNetwork(v)
}

// AddStorageAccount adds a storage account at runtime (until Reset) and returns its ARM ID.
func (s *Server) AddStorageAccount(v SeedStorageAccount) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nb.AddStorageAccount(v)
}

// AddCosmosDBAccount adds a Cosmos DB account at runtime (until Reset) and returns its ARM ID.
func (s *Server) AddCosmosDBAccount(v SeedCosmosDBAccount) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nb.AddCosmosDBAccount(v)
}

// AddSearchService adds a search service at runtime (until Reset) and returns its ARM ID.
func (s *Server) AddSearchService(v SeedSearchService) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nb.AddSearchService(v)
}

// RotateKey adds a new version to a key of a vault or managed HSM (given by ARM ID), as an administrator or a
// rotation policy would, and returns the new version ID; it becomes the current version (keyUriWithVersion).
func (s *Server) RotateKey(vaultID, keyName string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nb.RotateKey(vaultID, keyName, s.nowLocked())
}

// GrantKeyAccess grants key permissions (get, wrapKey, unwrapKey, ... or all) on a vault or managed HSM to an
// object ID (a principalId), as an administrator would: an access policy on a vault, a local RBAC grant on a
// managed HSM. Permissions add to those already granted.
func (s *Server) GrantKeyAccess(vaultID, objectID string, permissions ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nb.GrantKeyAccess(vaultID, objectID, permissions...)
}

func (s *Server) keyURIWithVersion(vaultID, keyName, version string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nb.KeyURIWithVersion(vaultID, keyName, version)
}

// SetLinkReleaseDelay sets how long (emulator clock) a subnet keeps the service association link of an account
// after the account is purged or its capability host deleted; 0 releases at once. Links already releasing keep
// their time.
func (s *Server) SetLinkReleaseDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nb.LinkReleaseDelay = max(d, 0)
}

// Cosmos DB built-in SQL role definitions.
const (
	// CosmosDataReaderRoleID is the GUID of Cosmos DB Built-in Data Reader.
	CosmosDataReaderRoleID = neighbours.CosmosDataReaderRoleID
	// CosmosDataContributorRoleID is the GUID of Cosmos DB Built-in Data Contributor.
	CosmosDataContributorRoleID = neighbours.CosmosDataContributorRoleID
)

// UserAssignedIdentityID is the ARM ID of a user-assigned identity.
func UserAssignedIdentityID(sub, group, name string) string {
	return neighbours.UserAssignedIdentityID(sub, group, name)
}

// UserAssignedPrincipalID is the principalId the emulator reports for a user-assigned identity (on the identity
// and on every account or project it is attached to); UserAssignedClientID likewise for its clientId.
func UserAssignedPrincipalID(armID string) string { return neighbours.UserAssignedPrincipalID(armID) }

// UserAssignedClientID is the clientId the emulator reports for a user-assigned identity.
func UserAssignedClientID(armID string) string { return neighbours.UserAssignedClientID(armID) }

// KeyVaultID is the ARM ID of a key vault.
func KeyVaultID(sub, group, name string) string { return neighbours.KeyVaultID(sub, group, name) }

// ManagedHSMID is the ARM ID of a managed HSM.
func ManagedHSMID(sub, group, name string) string { return neighbours.ManagedHSMID(sub, group, name) }

// VirtualNetworkID is the ARM ID of a virtual network.
func VirtualNetworkID(sub, group, name string) string {
	return neighbours.VirtualNetworkID(sub, group, name)
}

// SubnetID is the ARM ID of a subnet.
func SubnetID(sub, group, vnet, name string) string {
	return neighbours.SubnetID(sub, group, vnet, name)
}

// StorageAccountID is the ARM ID of a storage account.
func StorageAccountID(sub, group, name string) string {
	return neighbours.StorageAccountID(sub, group, name)
}

// CosmosDBAccountID is the ARM ID of a Cosmos DB account.
func CosmosDBAccountID(sub, group, name string) string {
	return neighbours.CosmosDBAccountID(sub, group, name)
}

// SearchServiceID is the ARM ID of a search service.
func SearchServiceID(sub, group, name string) string {
	return neighbours.SearchServiceID(sub, group, name)
}

// SearchServicePrincipalID is the principalId of a search service's system-assigned identity (derived from its ARM ID).
func SearchServicePrincipalID(armID string) string { return neighbours.SearchServicePrincipalID(armID) }
