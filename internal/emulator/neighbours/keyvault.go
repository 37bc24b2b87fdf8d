package neighbours

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

const keyVaultNamespace = "Microsoft.KeyVault"

// KeyVault is a key vault or a managed HSM with its keys; other wings read it through its methods.
type KeyVault struct {
	id, sub, group, name, location, tenantID string
	hsm                                      bool
	sku                                      string
	softDelete, purgeProtection              bool
	retentionDays                            int
	keys                                     map[string]*Key // by lower-case name
	// policies are vault access policies; on a managed HSM they stand for HSM-local RBAC grants (not rendered).
	policies []*accessPolicy
	seq      int64
}

type Key struct {
	name, kty, curve string
	size             int
	versions         []keyVersion // oldest first; the last is current
	seq              int64
}

type keyVersion struct {
	id      string
	created time.Time
}

type accessPolicy struct {
	tenantID, objectID string
	keys               []string
}

var (
	vaultNamePattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$`)
	keyNamePattern   = regexp.MustCompile(`^[a-zA-Z0-9-]{1,127}$`)
	keyTypes         = []string{"RSA", "RSA-HSM", "EC", "EC-HSM"}
	rsaSizes         = []int{2048, 3072, 4096}
	ecCurves         = []string{"P-256", "P-256K", "P-384", "P-521"}
	keyPermissions   = []string{"all", "get", "list", "create", "update", "import", "delete", "recover", "backup", "restore",
		"encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify", "purge", "release", "rotate", "getrotationpolicy", "setrotationpolicy"}
)

// KeyVaultID is the ARM ID of a key vault.
func KeyVaultID(sub, group, name string) string {
	return providerID(sub, group, keyVaultNamespace) + "/vaults/" + name
}

// ManagedHSMID is the ARM ID of a managed HSM.
func ManagedHSMID(sub, group, name string) string {
	return providerID(sub, group, keyVaultNamespace) + "/managedHSMs/" + name
}

func (v *KeyVault) collection() string {
	if v.hsm {
		return "managedHSMs"
	}
	return "vaults"
}

// uri is the data-plane URI (never served by the emulator).
func (v *KeyVault) uri() string {
	if v.hsm {
		return "https://" + lower(v.name) + ".managedhsm.azure.net/"
	}
	return "https://" + lower(v.name) + ".vault.azure.net/"
}

func (v *KeyVault) sortedKeys() []*Key {
	out := make([]*Key, 0, len(v.keys))
	for _, k := range v.keys {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

func (k *Key) current() *keyVersion { return &k.versions[len(k.versions)-1] }

func (k *Key) version(id string) *keyVersion {
	for i := range k.versions {
		if strings.EqualFold(k.versions[i].id, id) {
			return &k.versions[i]
		}
	}
	return nil
}

// recoveryLevel is the key attribute Key Vault derives from the container's deletion settings.
func (v *KeyVault) recoveryLevel() string {
	level := "Recoverable"
	switch {
	case !v.softDelete:
		return "Purgeable"
	case v.retentionDays < 90:
		level = "CustomizedRecoverable"
	}
	if !v.purgeProtection {
		level += "+Purgeable"
	}
	return level
}

// AddKeyVault adds a key vault (its key versions dated before now) and returns its ARM ID.
func (nb *Store) AddKeyVault(sv SeedKeyVault, now time.Time) (string, error) {
	if sv.Sku == "" {
		sv.Sku = "standard"
	}
	if sv.Sku != "standard" && sv.Sku != "premium" {
		return "", fmt.Errorf("sku %q must be standard or premium", sv.Sku)
	}
	v, err := nb.newContainer(sv.SubscriptionID, sv.ResourceGroup, sv.Name, sv.Location, sv.TenantID, sv.SoftDelete, sv.SoftDeleteRetentionInDays, sv.PurgeProtection, false)
	if err != nil {
		return "", err
	}
	v.sku = sv.Sku
	if err := v.addKeys(sv.Keys, now); err != nil {
		return "", err
	}
	for i, p := range sv.AccessPolicies {
		oid := p.ObjectID
		if p.Identity != "" {
			if oid != "" {
				return "", fmt.Errorf("accessPolicies[%d]: set objectId or identity, not both", i)
			}
			oid = UserAssignedPrincipalID(p.Identity)
		}
		if err := v.grant(oid, p.KeyPermissions); err != nil {
			return "", fmt.Errorf("accessPolicies[%d]: %w", i, err)
		}
	}
	nb.vaults[lower(v.id)] = v
	return v.id, nil
}

// AddManagedHSM adds a managed HSM and returns its ARM ID.
func (nb *Store) AddManagedHSM(sh SeedManagedHSM, now time.Time) (string, error) {
	v, err := nb.newContainer(sh.SubscriptionID, sh.ResourceGroup, sh.Name, sh.Location, sh.TenantID, sh.SoftDelete, sh.SoftDeleteRetentionInDays, sh.PurgeProtection, true)
	if err != nil {
		return "", err
	}
	v.sku = "Standard_B1"
	if err := v.addKeys(sh.Keys, now); err != nil {
		return "", err
	}
	nb.vaults[lower(v.id)] = v
	return v.id, nil
}

func (nb *Store) newContainer(subID, rg, name, location, tenant string, softDelete bool, retention int, purgeProtection, hsm bool) (*KeyVault, error) {
	sub, group, loc, err := nb.placement(subID, rg, name, location, vaultNamePattern)
	if err != nil {
		return nil, err
	}
	for _, other := range nb.vaults {
		if other.hsm == hsm && strings.EqualFold(other.name, name) {
			return nil, fmt.Errorf("the name %q is already taken by %s (names are globally unique)", name, other.id)
		}
	}
	if retention == 0 {
		retention = 90
	}
	if retention < 7 || retention > 90 {
		return nil, fmt.Errorf("softDeleteRetentionInDays %d must be between 7 and 90", retention)
	}
	if purgeProtection && !softDelete {
		return nil, fmt.Errorf("purge protection requires soft delete")
	}
	if tenant == "" {
		tenant = nb.cfg.TenantID
	}
	v := &KeyVault{sub: sub, group: group, name: name, location: loc, tenantID: tenant, hsm: hsm, softDelete: softDelete,
		retentionDays: retention, purgeProtection: purgeProtection, keys: map[string]*Key{}, seq: nb.nextSeq()}
	v.id = KeyVaultID(sub, group, name)
	if hsm {
		v.id = ManagedHSMID(sub, group, name)
	}
	return v, nil
}

func (v *KeyVault) addKeys(keys []SeedKey, now time.Time) error {
	for i, sk := range keys {
		if !keyNamePattern.MatchString(sk.Name) {
			return fmt.Errorf("keys[%d]: name %q is not valid", i, sk.Name)
		}
		if v.keys[lower(sk.Name)] != nil {
			return fmt.Errorf("keys[%d]: key %q is listed twice", i, sk.Name)
		}
		k := &Key{name: sk.Name, kty: sk.Kty, size: sk.KeySize, curve: sk.CurveName, seq: int64(i)}
		if k.kty == "" {
			k.kty = "RSA"
		}
		if !slices.Contains(keyTypes, k.kty) {
			return fmt.Errorf("keys[%d]: kty %q must be one of %s", i, k.kty, strings.Join(keyTypes, ", "))
		}
		if strings.HasPrefix(k.kty, "RSA") {
			if k.size == 0 {
				k.size = 2048
			}
			if !slices.Contains(rsaSizes, k.size) || k.curve != "" {
				return fmt.Errorf("keys[%d]: RSA keys take keySize 2048, 3072 or 4096 and no curveName", i)
			}
		} else {
			if k.curve == "" {
				k.curve = "P-256"
			}
			if !slices.Contains(ecCurves, k.curve) || k.size != 0 {
				return fmt.Errorf("keys[%d]: EC keys take a curveName (%s) and no keySize", i, strings.Join(ecCurves, ", "))
			}
		}
		ids := sk.VersionIDs
		if len(ids) == 0 {
			n := max(sk.Versions, 1)
			for j := range n {
				ids = append(ids, v.derivedVersion(k.name, j))
			}
		} else if sk.Versions != 0 && sk.Versions != len(ids) {
			return fmt.Errorf("keys[%d]: versions %d does not match the %d versionIds", i, sk.Versions, len(ids))
		}
		for j, id := range ids {
			if id == "" || strings.Contains(id, "/") || k.version(id) != nil {
				return fmt.Errorf("keys[%d]: version ID %q is empty, contains '/' or repeats", i, id)
			}
			// Older versions were created a day apart before the seed time.
			k.versions = append(k.versions, keyVersion{id: id, created: now.Add(-time.Duration(len(ids)-1-j) * 24 * time.Hour).Truncate(time.Second)})
		}
		v.keys[lower(k.name)] = k
	}
	return nil
}

// derivedVersion is the deterministic 32-hex ID of the n-th version (0-based) of a key.
func (v *KeyVault) derivedVersion(key string, n int) string {
	return wire.DerivedHex(lower(v.id)+"/keys/"+lower(key)+"#"+strconv.Itoa(n), 16)
}

// grant merges key permissions for an object ID into the container's access policies.
func (v *KeyVault) grant(objectID string, perms []string) error {
	if objectID == "" {
		return fmt.Errorf("an objectId is required")
	}
	canonical := make([]string, 0, len(perms))
	for _, p := range perms {
		i := slices.IndexFunc(keyPermissions, func(k string) bool { return strings.EqualFold(k, p) })
		if i < 0 {
			return fmt.Errorf("key permission %q is not one of %s", p, strings.Join(keyPermissions, ", "))
		}
		canonical = append(canonical, keyPermissions[i])
	}
	for _, p := range v.policies {
		if strings.EqualFold(p.objectID, objectID) {
			for _, c := range canonical {
				if !slices.Contains(p.keys, c) {
					p.keys = append(p.keys, c)
				}
			}
			return nil
		}
	}
	v.policies = append(v.policies, &accessPolicy{tenantID: v.tenantID, objectID: objectID, keys: canonical})
	return nil
}

// missingKeyPermissions lists the permissions of want that objectID lacks on the container.
func (v *KeyVault) missingKeyPermissions(objectID string, want []string) []string {
	have := map[string]bool{}
	for _, p := range v.policies {
		if objectID != "" && strings.EqualFold(p.objectID, objectID) && strings.EqualFold(p.tenantID, v.tenantID) {
			for _, k := range p.keys {
				have[lower(k)] = true
			}
		}
	}
	var missing []string
	for _, w := range want {
		if !have["all"] && !have[lower(w)] {
			missing = append(missing, w)
		}
	}
	return missing
}

func renderContainer(v *KeyVault) map[string]any {
	props := map[string]any{
		"tenantId": v.tenantID, "enableSoftDelete": v.softDelete, "provisioningState": "Succeeded", "publicNetworkAccess": "Enabled",
	}
	if v.softDelete {
		props["softDeleteRetentionInDays"] = v.retentionDays
	}
	if v.purgeProtection {
		props["enablePurgeProtection"] = true // absent when off, as Key Vault answers
	}
	out := map[string]any{"id": v.id, "name": v.name, "type": keyVaultNamespace + "/" + v.collection(), "location": v.location, "tags": map[string]any{}, "properties": props}
	if v.hsm {
		out["sku"] = map[string]any{"family": "B", "name": v.sku}
		props["hsmUri"] = v.uri()
		props["initialAdminObjectIds"] = []string{}
		props["statusMessage"] = "The Managed HSM is provisioned and ready to use."
		props["securityDomainProperties"] = map[string]any{"activationStatus": "Active"}
		return out
	}
	props["sku"] = map[string]any{"family": "A", "name": v.sku}
	props["vaultUri"] = v.uri()
	props["enabledForDeployment"] = false
	props["enabledForDiskEncryption"] = false
	props["enabledForTemplateDeployment"] = false
	props["enableRbacAuthorization"] = false
	policies := []map[string]any{}
	for _, p := range v.policies {
		policies = append(policies, map[string]any{"tenantId": p.tenantID, "objectId": p.objectID,
			"permissions": map[string]any{"keys": slices.Clone(p.keys), "secrets": []string{}, "certificates": []string{}}})
	}
	props["accessPolicies"] = policies
	return out
}

// renderKey renders a key (its current version) or, with asVersion, one key version resource.
func renderKey(v *KeyVault, k *Key, ver *keyVersion, asVersion bool) map[string]any {
	keyURI := v.uri() + "keys/" + k.name
	props := map[string]any{
		"kty": k.kty, "keyUri": keyURI, "keyUriWithVersion": keyURI + "/" + ver.id,
		"attributes": map[string]any{
			"enabled": true, "exportable": false, "created": ver.created.Unix(), "updated": ver.created.Unix(),
			"recoveryLevel": v.recoveryLevel(),
		},
	}
	if strings.HasPrefix(k.kty, "RSA") {
		props["keySize"] = k.size
		props["keyOps"] = []string{"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"}
	} else {
		props["curveName"] = k.curve
		props["keyOps"] = []string{"sign", "verify"}
	}
	typ := keyVaultNamespace + "/" + v.collection() + "/keys"
	out := map[string]any{"id": v.id + "/keys/" + k.name, "name": k.name, "type": typ, "location": v.location, "tags": map[string]any{}, "properties": props}
	if asVersion {
		out["id"], out["name"], out["type"] = v.id+"/keys/"+k.name+"/versions/"+ver.id, ver.id, typ+"/versions"
	}
	return out
}

// serveKeyVault serves GET of vaults, managedHSMs, their keys and key versions, and their lists.
func serveKeyVault(c *call, sub *arm.Subscription, g *arm.Group, segs, ls []string) *arm.Error {
	if (ls[0] != "vaults" && ls[0] != "managedhsms") || len(segs) > 6 || (len(segs) >= 3 && ls[2] != "keys") || (len(segs) >= 5 && ls[4] != "versions") {
		return c.unsupported()
	}
	if c.R.Method != http.MethodGet {
		return c.readOnly()
	}
	hsm := ls[0] == "managedhsms"
	nb := c.nb
	if len(segs) == 1 {
		var items []seqItem
		for _, v := range nb.vaults {
			if v.hsm == hsm && inScope(sub, g, v.sub, v.group) {
				items = append(items, seqItem{v.seq, renderContainer(v)})
			}
		}
		return c.writeItems(items)
	}
	id := KeyVaultID(sub.ID, g.Name, segs[1])
	if hsm {
		id = ManagedHSMID(sub.ID, g.Name, segs[1])
	}
	v := nb.vaults[lower(id)]
	if v == nil {
		if len(segs) == 2 {
			return arm.NotFound(keyVaultNamespace+"/"+segs[0], segs[1], g.Name)
		}
		return arm.ParentNotFound(segs[1])
	}
	switch len(segs) {
	case 2:
		wire.WriteJSON(c.W, http.StatusOK, renderContainer(v))
		return nil
	case 3:
		var items []seqItem
		for _, k := range v.keys {
			items = append(items, seqItem{k.seq, renderKey(v, k, k.current(), false)})
		}
		return c.writeItems(items)
	}
	k := v.keys[lower(segs[3])]
	if k == nil {
		return arm.NotFound(keyVaultNamespace+"/"+segs[0]+"/keys", segs[1]+"/"+segs[3], g.Name)
	}
	switch len(segs) {
	case 4:
		wire.WriteJSON(c.W, http.StatusOK, renderKey(v, k, k.current(), false))
		return nil
	case 5:
		var items []seqItem
		for i := range k.versions {
			items = append(items, seqItem{int64(i), renderKey(v, k, &k.versions[i], true)})
		}
		return c.writeItems(items)
	}
	ver := k.version(segs[5])
	if ver == nil {
		return arm.NotFound(keyVaultNamespace+"/"+segs[0]+"/keys/versions", segs[1]+"/"+segs[3]+"/"+segs[5], g.Name)
	}
	wire.WriteJSON(c.W, http.StatusOK, renderKey(v, k, ver, true))
	return nil
}

func (nb *Store) container(id string) (*KeyVault, error) {
	v := nb.vaults[lower(strings.TrimRight(id, "/"))]
	if v == nil {
		return nil, fmt.Errorf("key vault or managed HSM %q not found", id)
	}
	return v, nil
}

// KeyVaultByName finds the vault (or, with hsm, the managed HSM) with a name, the host label of its data-plane URI
// (https://{name}.vault.azure.net/); nil when there is none.
func (nb *Store) KeyVaultByName(host string, hsm bool) *KeyVault {
	for _, v := range nb.vaults {
		if v.hsm == hsm && strings.EqualFold(v.name, host) {
			return v
		}
	}
	return nil
}

// RotateKey adds a new version to a key of a vault or managed HSM (given by ARM ID), as an administrator or a
// rotation policy would, and returns the new version ID; it becomes the current version (keyUriWithVersion).
func (nb *Store) RotateKey(vaultID, keyName string, now time.Time) (string, error) {
	v, err := nb.container(vaultID)
	if err != nil {
		return "", err
	}
	k := v.keys[lower(keyName)]
	if k == nil {
		return "", fmt.Errorf("key %q not found in %s", keyName, v.id)
	}
	id := v.derivedVersion(k.name, len(k.versions))
	for k.version(id) != nil {
		id = wire.RandomHex(16)
	}
	k.versions = append(k.versions, keyVersion{id: id, created: now.Truncate(time.Second)})
	return id, nil
}

// GrantKeyAccess grants key permissions (get, wrapKey, unwrapKey, ... or all) on a vault or managed HSM to an
// object ID (a principalId), as an administrator would: an access policy on a vault, a local RBAC grant on a
// managed HSM. Permissions add to those already granted.
func (nb *Store) GrantKeyAccess(vaultID, objectID string, permissions ...string) error {
	v, err := nb.container(vaultID)
	if err != nil {
		return err
	}
	if len(permissions) == 0 {
		return fmt.Errorf("at least one permission is required")
	}
	return v.grant(objectID, permissions)
}

// KeyURIWithVersion is the data-plane URI of a key version ("" for an unknown vault).
func (nb *Store) KeyURIWithVersion(vaultID, keyName, version string) string {
	v, err := nb.container(vaultID)
	if err != nil {
		return ""
	}
	return v.uri() + "keys/" + keyName + "/" + version
}

// TenantID is the tenant of the vault.
func (v *KeyVault) TenantID() string { return v.tenantID }

// Location is the vault's (normalised) region.
func (v *KeyVault) Location() string { return v.location }

// SoftDelete reports whether soft delete is on.
func (v *KeyVault) SoftDelete() bool { return v.softDelete }

// PurgeProtection reports whether purge protection is on.
func (v *KeyVault) PurgeProtection() bool { return v.purgeProtection }

// Key finds a key by name (any casing); nil when absent.
func (v *KeyVault) Key(name string) *Key { return v.keys[lower(name)] }

// MissingKeyPermissions lists the permissions of want that objectID lacks on the vault.
func (v *KeyVault) MissingKeyPermissions(objectID string, want []string) []string {
	return v.missingKeyPermissions(objectID, want)
}

// Kty is the key type (RSA, RSA-HSM, EC, EC-HSM).
func (k *Key) Kty() string { return k.kty }

// Size is the RSA key size (0 for EC keys).
func (k *Key) Size() int { return k.size }

// Curve is the EC curve name ("" for RSA keys).
func (k *Key) Curve() string { return k.curve }

// HasVersion reports whether the key has a version with this ID.
func (k *Key) HasVersion(id string) bool { return k.version(id) != nil }

// CurrentVersion is the ID of the key's current (newest) version.
func (k *Key) CurrentVersion() string { return k.current().id }
