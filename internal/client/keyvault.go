package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// KeyVaultAPIVersion is the Microsoft.KeyVault api-version of vault, managed HSM and key reads.
const KeyVaultAPIVersion = "2026-02-01"

const keyVaultNamespace = "Microsoft.KeyVault"

// Vault is a Microsoft.KeyVault/vaults resource, as far as customer-managed keys need it.
type Vault struct {
	ID         *string           `json:"id,omitempty"`
	Name       *string           `json:"name,omitempty"`
	Type       *string           `json:"type,omitempty"`
	Location   *string           `json:"location,omitempty"`
	Tags       map[string]string `json:"tags,omitzero"`
	Properties *VaultProperties  `json:"properties,omitempty"`
}

// VaultProperties are the properties of a vault (or, with HSMURI instead of VaultURI, of a managed HSM).
type VaultProperties struct {
	TenantID *string `json:"tenantId,omitempty"`
	// VaultURI is "https://{vault}.vault.azure.net/".
	VaultURI *string `json:"vaultUri,omitempty"`
	// HSMURI is "https://{hsm}.managedhsm.azure.net/" (managed HSMs only).
	HSMURI                    *string             `json:"hsmUri,omitempty"`
	EnableSoftDelete          *bool               `json:"enableSoftDelete,omitempty"`
	SoftDeleteRetentionInDays *int32              `json:"softDeleteRetentionInDays,omitempty"`
	EnablePurgeProtection     *bool               `json:"enablePurgeProtection,omitempty"`
	EnableRbacAuthorization   *bool               `json:"enableRbacAuthorization,omitempty"`
	AccessPolicies            []AccessPolicyEntry `json:"accessPolicies,omitzero"`
	PublicNetworkAccess       *string             `json:"publicNetworkAccess,omitempty"`
	ProvisioningState         *string             `json:"provisioningState,omitempty"`
}

// AccessPolicyEntry grants one principal permissions on a vault (vaults without RBAC authorization).
type AccessPolicyEntry struct {
	TenantID      *string      `json:"tenantId,omitempty"`
	ObjectID      *string      `json:"objectId,omitempty"`
	ApplicationID *string      `json:"applicationId,omitempty"`
	Permissions   *Permissions `json:"permissions,omitempty"`
}

// Permissions lists the operations an access policy allows, per object kind ("all" allows every one).
type Permissions struct {
	Keys         []string `json:"keys,omitzero"`
	Secrets      []string `json:"secrets,omitzero"`
	Certificates []string `json:"certificates,omitzero"`
	Storage      []string `json:"storage,omitzero"`
}

// Key is a Microsoft.KeyVault/vaults/keys (or managedHSMs/keys) resource; the key material is never exposed.
type Key struct {
	ID         *string           `json:"id,omitempty"`
	Name       *string           `json:"name,omitempty"`
	Type       *string           `json:"type,omitempty"`
	Location   *string           `json:"location,omitempty"`
	Tags       map[string]string `json:"tags,omitzero"`
	Properties *KeyProperties    `json:"properties,omitempty"`
}

// KeyProperties describe a key.
type KeyProperties struct {
	// Kty is EC, EC-HSM, RSA or RSA-HSM.
	Kty       *string  `json:"kty,omitempty"`
	KeySize   *int32   `json:"keySize,omitempty"`
	CurveName *string  `json:"curveName,omitempty"`
	KeyOps    []string `json:"keyOps,omitzero"`
	// KeyURI is "https://{vault}.vault.azure.net/keys/{key}".
	KeyURI *string `json:"keyUri,omitempty"`
	// KeyURIWithVersion is KeyURI + "/{version}" of the current version (of this version, for a version read).
	KeyURIWithVersion *string        `json:"keyUriWithVersion,omitempty"`
	Attributes        *KeyAttributes `json:"attributes,omitempty"`
}

// KeyAttributes are a key's lifetime attributes; times are Unix seconds.
type KeyAttributes struct {
	Enabled       *bool   `json:"enabled,omitempty"`
	NotBefore     *int64  `json:"nbf,omitempty"`
	Expires       *int64  `json:"exp,omitempty"`
	Created       *int64  `json:"created,omitempty"`
	Updated       *int64  `json:"updated,omitempty"`
	RecoveryLevel *string `json:"recoveryLevel,omitempty"`
	Exportable    *bool   `json:"exportable,omitempty"`
}

// CurrentVersion returns the last segment of KeyURIWithVersion, or "" when the service did not send it.
func (k Key) CurrentVersion() string {
	if k.Properties == nil || k.Properties.KeyURIWithVersion == nil {
		return ""
	}
	u := strings.TrimSuffix(*k.Properties.KeyURIWithVersion, "/")
	return u[strings.LastIndex(u, "/")+1:]
}

// VaultID identifies a key vault or (with ManagedHSM) a managed HSM.
type VaultID struct {
	SubscriptionID    string
	ResourceGroupName string
	Name              string
	ManagedHSM        bool
}

var (
	vaultShape = idShape{
		what:    "a key vault ID",
		pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", keyVaultNamespace, "vaults", ""},
		example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/vault1",
	}
	hsmShape = idShape{
		what:    "a managed HSM ID",
		pattern: []string{"subscriptions", "", "resourceGroups", "", "providers", keyVaultNamespace, "managedHSMs", ""},
		example: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.KeyVault/managedHSMs/hsm1",
	}
)

func (id VaultID) shape() idShape {
	if id.ManagedHSM {
		return hsmShape
	}
	return vaultShape
}

// String returns the canonical ARM ID.
func (id VaultID) String() string {
	return id.shape().format(false, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

func (id VaultID) path() string {
	return id.shape().format(true, id.SubscriptionID, id.ResourceGroupName, id.Name)
}

// KeyID identifies a key in a vault or managed HSM, optionally one version of it ("" = versionless).
type KeyID struct {
	Vault   VaultID
	Name    string
	Version string
}

// KeyIDShapes are the accepted shapes of a key ID, for messages.
const KeyIDShapes = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}/keys/{key}[/versions/{version}] " +
	"or /subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.KeyVault/managedHSMs/{hsm}/keys/{key}[/versions/{version}]"

// ParseKeyID parses the ARM ID of a Key Vault or managed HSM key, with or without /versions/{version}.
func ParseKeyID(s string) (KeyID, error) {
	bad := func(reason string) error {
		return fmt.Errorf("parsing %q as a key ID: %s; expected %s", s, reason, KeyIDShapes)
	}
	if !strings.HasPrefix(s, "/") {
		return KeyID{}, bad("it must start with /")
	}
	segs := strings.Split(s[1:], "/")
	if len(segs) != 10 && len(segs) != 12 {
		return KeyID{}, bad(fmt.Sprintf("it has %d segments instead of 10 (or 12 with a version)", len(segs)))
	}
	for i, want := range map[int]string{0: "subscriptions", 2: "resourceGroups", 4: "providers", 5: keyVaultNamespace, 8: "keys"} {
		if !strings.EqualFold(segs[i], want) {
			return KeyID{}, bad(fmt.Sprintf("segment %d is %q instead of %q", i+1, segs[i], want))
		}
	}
	var hsm bool
	switch {
	case strings.EqualFold(segs[6], "vaults"):
	case strings.EqualFold(segs[6], "managedHSMs"):
		hsm = true
	default:
		return KeyID{}, bad(fmt.Sprintf("segment 7 is %q instead of \"vaults\" or \"managedHSMs\"", segs[6]))
	}
	if len(segs) == 12 && !strings.EqualFold(segs[10], "versions") {
		return KeyID{}, bad(fmt.Sprintf("segment 11 is %q instead of \"versions\"", segs[10]))
	}
	for _, i := range []int{1, 3, 7, 9, 11} {
		if i < len(segs) && segs[i] == "" {
			return KeyID{}, bad(fmt.Sprintf("segment %d is empty", i+1))
		}
	}
	id := KeyID{Vault: VaultID{SubscriptionID: segs[1], ResourceGroupName: segs[3], Name: segs[7], ManagedHSM: hsm}, Name: segs[9]}
	if len(segs) == 12 {
		id.Version = segs[11]
	}
	return id, nil
}

// String returns the canonical ARM ID (with /versions/{version} when Version is set).
func (id KeyID) String() string {
	s := id.Vault.String() + "/keys/" + id.Name
	if id.Version != "" {
		s += "/versions/" + id.Version
	}
	return s
}

// versionless returns the ID without its version.
func (id KeyID) versionless() KeyID {
	id.Version = ""
	return id
}

func (id KeyID) path() string {
	p := id.Vault.path() + "/keys/" + url.PathEscape(id.Name)
	if id.Version != "" {
		p += "/versions/" + url.PathEscape(id.Version)
	}
	return p
}

func (c *Client) keyVault() requester { return requester{pl: c.arm.pl, apiVersion: KeyVaultAPIVersion} }

// GetVault reads a key vault (id.ManagedHSM false) or a managed HSM (true).
func (c *Client) GetVault(ctx context.Context, id VaultID) (Vault, error) {
	var out Vault
	err := c.keyVault().call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}

// GetKey reads a key (its current version when id has no version, else that version).
func (c *Client) GetKey(ctx context.Context, id KeyID) (Key, error) {
	var out Key
	err := c.keyVault().call(ctx, http.MethodGet, c.url(id.path()), nil, &out, http.StatusOK)
	return out, err
}
