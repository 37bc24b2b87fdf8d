package client

// Types shared by several ARM resources. Enums are string types because nearly all are extensible: unknown values
// from the service decode unchanged.

// ProvisioningState is the state of an account or project (read-only).
type ProvisioningState string

// Known provisioning states.
const (
	ProvisioningStateAccepted     ProvisioningState = "Accepted"
	ProvisioningStateCreating     ProvisioningState = "Creating"
	ProvisioningStateDeleting     ProvisioningState = "Deleting"
	ProvisioningStateMoving       ProvisioningState = "Moving"
	ProvisioningStateFailed       ProvisioningState = "Failed"
	ProvisioningStateSucceeded    ProvisioningState = "Succeeded"
	ProvisioningStateCanceled     ProvisioningState = "Canceled"
	ProvisioningStateResolvingDNS ProvisioningState = "ResolvingDNS"
)

// IdentityType is the kind of managed identity of a resource (a closed list in the spec).
type IdentityType string

// Identity types.
const (
	IdentityTypeNone                       IdentityType = "None"
	IdentityTypeSystemAssigned             IdentityType = "SystemAssigned"
	IdentityTypeUserAssigned               IdentityType = "UserAssigned"
	IdentityTypeSystemAssignedUserAssigned IdentityType = "SystemAssigned, UserAssigned"
)

// Identity is the managed identity of an account or project.
type Identity struct {
	Type *IdentityType `json:"type,omitempty"`
	// PrincipalID is read-only.
	PrincipalID *string `json:"principalId,omitempty"`
	// TenantID is read-only.
	TenantID *string `json:"tenantId,omitempty"`
	// UserAssignedIdentities maps user-assigned identity resource IDs to their details; send empty values.
	UserAssignedIdentities map[string]*UserAssignedIdentity `json:"userAssignedIdentities,omitempty"`
}

// UserAssignedIdentity holds the read-only details of one user-assigned identity.
type UserAssignedIdentity struct {
	// PrincipalID is read-only.
	PrincipalID *string `json:"principalId,omitempty"`
	// ClientID is read-only.
	ClientID *string `json:"clientId,omitempty"`
}

// writable returns a copy of i without read-only fields.
func (i *Identity) writable() *Identity {
	if i == nil {
		return nil
	}
	out := &Identity{Type: i.Type}
	if i.UserAssignedIdentities != nil {
		out.UserAssignedIdentities = make(map[string]*UserAssignedIdentity, len(i.UserAssignedIdentities))
		for k := range i.UserAssignedIdentities {
			out.UserAssignedIdentities[k] = &UserAssignedIdentity{}
		}
	}
	return out
}

// CreatedByType is the kind of principal that created or modified a resource.
type CreatedByType string

// Known principal kinds.
const (
	CreatedByTypeUser            CreatedByType = "User"
	CreatedByTypeApplication     CreatedByType = "Application"
	CreatedByTypeManagedIdentity CreatedByType = "ManagedIdentity"
	CreatedByTypeKey             CreatedByType = "Key"
)

// SystemData is ARM's read-only creation and modification metadata; times are RFC 3339 text as sent.
type SystemData struct {
	CreatedBy          *string        `json:"createdBy,omitempty"`
	CreatedByType      *CreatedByType `json:"createdByType,omitempty"`
	CreatedAt          *string        `json:"createdAt,omitempty"`
	LastModifiedBy     *string        `json:"lastModifiedBy,omitempty"`
	LastModifiedByType *CreatedByType `json:"lastModifiedByType,omitempty"`
	LastModifiedAt     *string        `json:"lastModifiedAt,omitempty"`
}
