package neighbours

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
