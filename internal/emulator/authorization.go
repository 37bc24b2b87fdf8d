package emulator

import (
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/authorization"
)

// Built-in role definition IDs (arm-neighbours §1.3 and Learn's built-in roles table).
const (
	RoleFoundryUser                         = authorization.RoleFoundryUser
	RoleFoundryProjectManager               = authorization.RoleFoundryProjectManager
	RoleFoundryAccountOwner                 = authorization.RoleFoundryAccountOwner
	RoleFoundryOwner                        = authorization.RoleFoundryOwner
	RoleCognitiveServicesOpenAIUser         = authorization.RoleCognitiveServicesOpenAIUser
	RoleCognitiveServicesUser               = authorization.RoleCognitiveServicesUser
	RoleAzureAIDeveloper                    = authorization.RoleAzureAIDeveloper
	RoleCosmosDBOperator                    = authorization.RoleCosmosDBOperator
	RoleStorageBlobDataContributor          = authorization.RoleStorageBlobDataContributor
	RoleStorageBlobDataOwner                = authorization.RoleStorageBlobDataOwner
	RoleStorageQueueDataContributor         = authorization.RoleStorageQueueDataContributor
	RoleSearchIndexDataContributor          = authorization.RoleSearchIndexDataContributor
	RoleSearchServiceContributor            = authorization.RoleSearchServiceContributor
	RoleKeyVaultCryptoUser                  = authorization.RoleKeyVaultCryptoUser
	RoleKeyVaultCryptoServiceEncryptionUser = authorization.RoleKeyVaultCryptoServiceEncryptionUser
	RoleOwner                               = authorization.RoleOwner
	RoleContributor                         = authorization.RoleContributor
)

// SetRBACPropagationDelay sets how long a role assignment takes to become effective on the data plane
// (measured on the emulator clock from its creation); 0 = at once.
func (s *Server) SetRBACPropagationDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.authz.PropagationDelay = max(d, 0)
}

// SetPrincipalReplicationDelay sets how long a new managed identity (or AddPrincipal principal) stays
// unknown to role-assignment writes that do not set principalType; 0 = known at once.
func (s *Server) SetPrincipalReplicationDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.authz.ReplicationDelay = max(d, 0)
}

// AddPrincipal registers a directory principal (e.g. a user or group) created now on the emulator clock.
func (s *Server) AddPrincipal(objectID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.authz.AddPrincipal(objectID, s.nowLocked())
}

// AssignRole creates a role assignment as if made through ARM by the first seeded client, without the
// directory checks of the ARM route (any principal ID is accepted). role is a role definition GUID, a
// role definition ID or a built-in role name. The assignment becomes effective on the data plane after
// the RBAC propagation delay, like any other. It returns the assignment's ARM ID.
func (s *Server) AssignRole(scope, role, principalID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authz.AssignRole(scope, role, principalID, s.nowLocked())
}

// HasDataAction reports whether principalID holds, at scopeID or one of its parents, an assignment
// that is effective now and whose role grants dataAction. Other emulator features may use it to
// enforce data-plane RBAC.
func (s *Server) HasDataAction(principalID, scopeID, dataAction string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authz.HasDataAction(principalID, scopeID, dataAction, s.nowLocked())
}
