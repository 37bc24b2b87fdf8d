package cognitive

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/neighbours"
)

// cmkPermissions are what a Foundry account's identity needs on the key (Key Vault Crypto User covers them).
func cmkPermissions() []string { return []string{"get", "wrapKey", "unwrapKey"} }

const (
	keySourceKeyVault = "Microsoft.KeyVault"
	keySourceService  = "Microsoft.CognitiveServices"
)

// encryptionOf returns the encryption object of account properties and its canonical key source ("" = none).
func encryptionOf(props map[string]any) (map[string]any, string) {
	enc, _ := props["encryption"].(map[string]any)
	if enc == nil {
		return nil, ""
	}
	ks, _ := enc["keySource"].(string)
	return enc, ks
}

// keyVaultHost splits a key vault or managed HSM URI into the container name and kind.
func keyVaultHost(raw string) (name string, hsm bool, ok bool) {
	u, err := url.Parse(raw)
	if err != nil || !strings.EqualFold(u.Scheme, "https") || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return "", false, false
	}
	host := lower(u.Hostname())
	for suffix, isHSM := range map[string]bool{".vault.azure.net": false, ".managedhsm.azure.net": true} {
		if n, found := strings.CutSuffix(host, suffix); found && n != "" && !strings.Contains(n, ".") {
			return n, isHSM, true
		}
	}
	return "", false, false
}

// checkEncryption applies the customer-managed key rules to an account PUT or PATCH: the key source, then (for a
// customer-managed key) the key vault and the key.
func checkEncryption(c *call, w *write) *arm.Error {
	enc, source, e := desiredEncryption(w)
	if e != nil || source != keySourceKeyVault {
		return e
	}
	if !hasManagedIdentity(w.doc) {
		return arm.Errorf(http.StatusBadRequest, codeIdentityRequired,
			"A managed identity is required to use a customer-managed key (keySource '%s'). Set identity.type to 'SystemAssigned' or 'UserAssigned' and grant it get, wrapKey and unwrapKey on the key vault.", keySourceKeyVault)
	}
	kvp, _ := enc["keyVaultProperties"].(map[string]any)
	uri, _ := kvp["keyVaultUri"].(string)
	keyName, _ := kvp["keyName"].(string)
	if uri == "" || keyName == "" {
		return arm.Errorf(http.StatusBadRequest, codeInvalidKeyVaultProperties,
			"encryption.keyVaultProperties.keyVaultUri and keyName are required when keySource is '%s'.", keySourceKeyVault)
	}
	v, e := c.encryptionVault(w, uri)
	if e != nil {
		return e
	}
	clientID, _ := kvp["identityClientId"].(string)
	principal, who, e := encryptionPrincipal(w, clientID)
	if e != nil {
		return e
	}
	if missing := v.MissingKeyPermissions(principal, cmkPermissions()); len(missing) > 0 {
		hint := ""
		if principal == "" {
			hint = " A new account's system-assigned identity has no access yet: create the account first, grant its principalId access, then set encryption."
		}
		return arm.Errorf(http.StatusBadRequest, codeKeyVaultAccessForbidden,
			"The %s does not have the key permissions %s on key vault '%s' (needs get, wrapKey and unwrapKey, e.g. Key Vault Crypto User).%s",
			who, strings.Join(missing, ", "), uri, hint)
	}
	keyVersion, _ := kvp["keyVersion"].(string)
	return checkEncryptionKey(v, uri, keyName, keyVersion)
}

// desiredEncryption normalises the encryption of the desired document and returns it with its key source ("" for
// none); an account with a customer-managed key cannot go back to Microsoft-managed keys.
func desiredEncryption(w *write) (map[string]any, string, *arm.Error) {
	props := propsOf(w.doc)
	exSource := ""
	if w.existing != nil {
		_, exSource = encryptionOf(w.existing.props())
	}
	raw, present := props["encryption"]
	source := ""
	var enc map[string]any
	if present && raw != nil {
		var ok bool
		if enc, ok = raw.(map[string]any); !ok {
			return nil, "", arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent, "The 'encryption' property must be an object.")
		}
		ks, _ := enc["keySource"].(string)
		switch {
		case ks == "" || strings.EqualFold(ks, keySourceKeyVault):
			source = keySourceKeyVault // the spec's default
		case strings.EqualFold(ks, keySourceService):
			source = keySourceService
		default:
			return nil, "", arm.Errorf(http.StatusBadRequest, codeInvalidKeySource,
				"The keySource '%s' is not supported. Supported values are '%s' and '%s'.", ks, keySourceService, keySourceKeyVault)
		}
		enc["keySource"] = source
	} else {
		delete(props, "encryption")
	}
	if exSource == keySourceKeyVault && source != keySourceKeyVault {
		return nil, "", arm.Errorf(http.StatusBadRequest, codeCannotRevertEncryption,
			"The account '%s' is encrypted with a customer-managed key; switching back to Microsoft-managed keys (keySource '%s' or no encryption) is not supported.",
			w.existing.name(), keySourceService)
	}
	return enc, source, nil
}

// encryptionVault finds the key vault (or managed HSM) of a keyVaultUri and checks it can hold the account's key:
// the same vault as before, the account's tenant and region, soft delete and purge protection.
func (c *call) encryptionVault(w *write, uri string) (*neighbours.KeyVault, *arm.Error) {
	host, hsm, ok := keyVaultHost(uri)
	if !ok {
		return nil, arm.Errorf(http.StatusBadRequest, codeInvalidKeyVaultProperties,
			"The keyVaultUri '%s' is not a valid key vault URI (https://{vault}.vault.azure.net/ or https://{hsm}.managedhsm.azure.net/).", uri)
	}
	if w.existing != nil {
		if exEnc, exSource := encryptionOf(w.existing.props()); exSource == keySourceKeyVault {
			exKvp, _ := exEnc["keyVaultProperties"].(map[string]any)
			exURI, _ := exKvp["keyVaultUri"].(string)
			if exHost, exHSM, _ := keyVaultHost(exURI); exHost != host || exHSM != hsm {
				return nil, arm.Errorf(http.StatusBadRequest, codeCannotChangeKeyVault,
					"The customer-managed key of account '%s' is in key vault '%s'; the key can change only within that vault, not to '%s'.", w.existing.name(), exURI, uri)
			}
		}
	}
	v := c.s.nb.KeyVaultByName(host, hsm)
	if v == nil {
		return nil, arm.Errorf(http.StatusBadRequest, codeKeyVaultNotFound, "The key vault '%s' was not found or is not accessible.", uri)
	}
	if !strings.EqualFold(v.TenantID(), c.s.tenantID) {
		return nil, arm.Errorf(http.StatusBadRequest, codeKeyVaultTenantMismatch,
			"The key vault '%s' belongs to tenant '%s'; it must be in the account's tenant '%s'.", uri, v.TenantID(), c.s.tenantID)
	}
	if loc, _ := w.doc["location"].(string); v.Location() != loc {
		return nil, arm.Errorf(http.StatusBadRequest, codeKeyVaultRegionMismatch,
			"The key vault '%s' is in region '%s'; it must be in the account's region '%s'.", uri, v.Location(), loc)
	}
	if !v.SoftDelete() || !v.PurgeProtection() {
		return nil, arm.Errorf(http.StatusBadRequest, codeKeyVaultProtection,
			"The key vault '%s' must have soft delete and purge protection enabled (enableSoftDelete: %t, enablePurgeProtection: %t).", uri, v.SoftDelete(), v.PurgeProtection())
	}
	return v, nil
}

// checkEncryptionKey requires the key (and version, when named) to exist and be RSA 2048.
func checkEncryptionKey(v *neighbours.KeyVault, uri, keyName, keyVersion string) *arm.Error {
	k := v.Key(keyName)
	if k == nil {
		return arm.Errorf(http.StatusBadRequest, codeKeyNotFound, "The key '%s' was not found in key vault '%s'.", keyName, uri)
	}
	if keyVersion != "" && !k.HasVersion(keyVersion) {
		return arm.Errorf(http.StatusBadRequest, codeKeyNotFound, "The version '%s' of key '%s' was not found in key vault '%s'.", keyVersion, keyName, uri)
	}
	if (k.Kty() != "RSA" && k.Kty() != "RSA-HSM") || k.Size() != 2048 {
		desc := k.Kty() + " " + k.Curve()
		if k.Size() != 0 {
			desc = k.Kty() + " " + strconv.Itoa(k.Size())
		}
		return arm.Errorf(http.StatusBadRequest, codeInvalidKeyType,
			"The key '%s' is %s (kty '%s'); only RSA or RSA-HSM keys of size 2048 are supported for customer-managed keys.", keyName, strings.TrimSpace(desc), k.Kty())
	}
	return nil
}

// encryptionPrincipal is the principal whose key access counts: the user-assigned identity named by
// identityClientId, else the system-assigned identity ("" for an account not created yet).
func encryptionPrincipal(w *write, clientID string) (principal, who string, e *arm.Error) {
	id, _ := w.doc["identity"].(map[string]any)
	t, _ := id["type"].(string)
	if clientID != "" {
		uai, _ := id["userAssignedIdentities"].(map[string]any)
		for k := range uai {
			if strings.EqualFold(neighbours.UserAssignedClientID(k), clientID) {
				return neighbours.UserAssignedPrincipalID(k), "user-assigned identity '" + k + "' (principalId " + neighbours.UserAssignedPrincipalID(k) + ")", nil
			}
		}
		return "", "", arm.Errorf(http.StatusBadRequest, codeInvalidIdentityClientID,
			"The identityClientId '%s' does not belong to a user-assigned identity of the account; attach the identity in identity.userAssignedIdentities.", clientID)
	}
	if !strings.Contains(t, "SystemAssigned") {
		return "", "", arm.Errorf(http.StatusBadRequest, codeIdentityRequired,
			"encryption.keyVaultProperties.identityClientId is required when the account has no system-assigned identity.")
	}
	if w.existing == nil {
		return "", "system-assigned identity of the new account", nil
	}
	return w.existing.principalID, "system-assigned identity (principalId " + w.existing.principalID + ")", nil
}

// decorateEncryption reports the key version a versionless customer-managed key currently resolves to, as
// properties.encryption.keyVaultProperties.currentKeyVersion (emulator extension; keyVersion stays as sent).
func decorateEncryption(s *Service, r *resource, out map[string]any) {
	enc, source := encryptionOf(propsOf(out))
	if source != keySourceKeyVault {
		return
	}
	kvp, _ := enc["keyVaultProperties"].(map[string]any)
	if v, _ := kvp["keyVersion"].(string); v != "" || kvp == nil {
		return
	}
	uri, _ := kvp["keyVaultUri"].(string)
	keyName, _ := kvp["keyName"].(string)
	host, hsm, ok := keyVaultHost(uri)
	if !ok {
		return
	}
	if v := s.nb.KeyVaultByName(host, hsm); v != nil {
		if k := v.Key(keyName); k != nil {
			kvp["currentKeyVersion"] = k.CurrentVersion()
		}
	}
}
