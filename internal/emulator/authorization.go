package emulator

import (
	"strings"
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

// missingCognitiveResource tells the role assignments whether a scope names an account or account child that
// does not exist (they cannot be made there and go with it).
func (s *Server) missingCognitiveResource(scope string) (typ, name string, missing bool) {
	id := cognitiveResourceOf(scope)
	if id == "" || s.st.resources[lower(id)] != nil {
		return "", "", false
	}
	rest := strings.Split(strings.Trim(id, "/"), "/")[6:]
	typ, name = providerNamespace+"/"+rest[0], rest[1]
	if len(rest) >= 4 {
		typ += "/" + rest[2]
		name += "/" + rest[3]
	}
	return typ, name, true
}

// cognitivePrincipal tells the directory since when a managed identity of a live account or project exists.
func (s *Server) cognitivePrincipal(objectID string) (time.Time, bool) {
	var found bool
	var at time.Time
	for _, r := range s.st.resources {
		for _, p := range principalsOf(s.render(r)) {
			if lower(p) == objectID && (!found || r.createdAt.Before(at)) {
				at, found = r.createdAt, true
			}
		}
	}
	return at, found
}

// principalsOf collects managed identity principal IDs from a rendered resource: its system-assigned
// identity, the user-assigned identities it references, and properties.principalId of identity resources.
func principalsOf(doc map[string]any) []string {
	var out []string
	if id, ok := doc["identity"].(map[string]any); ok {
		if p, _ := id["principalId"].(string); p != "" {
			out = append(out, p)
		}
		if uai, ok := id["userAssignedIdentities"].(map[string]any); ok {
			for _, v := range uai {
				if m, ok := v.(map[string]any); ok {
					if p, _ := m["principalId"].(string); p != "" {
						out = append(out, p)
					}
				}
			}
		}
	}
	if t, _ := doc["type"].(string); strings.EqualFold(t, "Microsoft.ManagedIdentity/userAssignedIdentities") {
		if p, _ := propsOf(doc)["principalId"].(string); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cognitiveResourceOf returns the account or account child ID a scope names, or "" for other scopes.
func cognitiveResourceOf(scope string) string {
	segs := strings.Split(strings.Trim(scope, "/"), "/")
	for i := 0; i+1 < len(segs); i++ {
		if lower(segs[i]) == "providers" && lower(segs[i+1]) == lower(providerNamespace) {
			end := min(len(segs), i+6) // providers/ns/accounts/{a}/{type}/{name}
			if end-i < 4 {
				return ""
			}
			if (end-i)%2 == 1 {
				end--
			}
			return "/" + strings.Join(segs[:end], "/")
		}
	}
	return ""
}
