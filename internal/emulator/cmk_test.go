package emulator_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const cmkVaultURI = "https://kv-foundry-cmk.vault.azure.net/"

// cmkAccount is an AIServices account with the seeded user-assigned identity (and optionally the
// system-assigned one) and an encryption block (nil = none).
func cmkAccount(subdomain, identityType string, enc map[string]any) map[string]any {
	body := foundryAccount(subdomain)
	id := map[string]any{"type": identityType}
	if strings.Contains(identityType, "UserAssigned") {
		id["userAssignedIdentities"] = map[string]any{uaiID: map[string]any{}}
	}
	body["identity"] = id
	if enc != nil {
		body["properties"].(map[string]any)["encryption"] = enc
	}
	return body
}

// cmk is an encryption block with a customer-managed key; clientID "" uses the system-assigned identity.
func cmk(uri, key, version, clientID string) map[string]any {
	kvp := map[string]any{"keyVaultUri": uri, "keyName": key, "keyVersion": version}
	if clientID != "" {
		kvp["identityClientId"] = clientID
	}
	return map[string]any{"keySource": "Microsoft.KeyVault", "keyVaultProperties": kvp}
}

func TestCMK_Rules(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	client := emulator.UserAssignedClientID(uaiID)
	if _, err := srv.AddKeyVault(emulator.SeedKeyVault{ResourceGroup: "rg-foundry", Name: "kv-other-tenant", Location: "eastus",
		TenantID: "99999999-9999-9999-9999-999999999999", SoftDelete: true, PurgeProtection: true, Keys: []emulator.SeedKey{{Name: "k"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddKeyVault(emulator.SeedKeyVault{ResourceGroup: "rg-foundry", Name: "kv-no-soft-delete", Location: "eastus", Keys: []emulator.SeedKey{{Name: "k"}}}); err != nil {
		t.Fatal(err)
	}
	noIdentity := cmkAccount("cmk-none", "None", cmk(cmkVaultURI, "foundry-cmk", "", ""))
	delete(noIdentity, "identity")
	delete(noIdentity["properties"].(map[string]any), "allowProjectManagement")
	for _, tc := range []struct {
		name, code, msg string
		body            map[string]any
	}{
		{"no identity", "IdentityRequired", "managed identity is required", noIdentity},
		{"bad key source", "InvalidKeySource", "'Microsoft.Storage' is not supported",
			cmkAccount("cmk-1", "UserAssigned", map[string]any{"keySource": "Microsoft.Storage"})},
		{"no key name", "InvalidKeyVaultProperties", "keyName are required", cmkAccount("cmk-2", "UserAssigned", cmk(cmkVaultURI, "", "", client))},
		{"bad vault URI", "InvalidKeyVaultProperties", "not a valid key vault URI", cmkAccount("cmk-3", "UserAssigned", cmk("https://example.com/", "k", "", client))},
		{"unknown vault", "KeyVaultNotFound", "kv-nope", cmkAccount("cmk-4", "UserAssigned", cmk("https://kv-nope.vault.azure.net/", "k", "", client))},
		{"other region", "KeyVaultRegionMismatch", "region 'westus'", cmkAccount("cmk-5", "UserAssigned", cmk("https://kv-westus.vault.azure.net/", "foundry-cmk", "", client))},
		{"other tenant", "KeyVaultTenantMismatch", "99999999", cmkAccount("cmk-6", "UserAssigned", cmk("https://kv-other-tenant.vault.azure.net/", "k", "", client))},
		{"no purge protection", "KeyVaultSoftDeleteAndPurgeProtectionRequired", "enablePurgeProtection: false",
			cmkAccount("cmk-7", "UserAssigned", cmk("https://kv-no-purge.vault.azure.net/", "foundry-cmk", "", client))},
		{"no soft delete", "KeyVaultSoftDeleteAndPurgeProtectionRequired", "enableSoftDelete: false",
			cmkAccount("cmk-8", "UserAssigned", cmk("https://kv-no-soft-delete.vault.azure.net/", "k", "", client))},
		{"client ID not attached", "InvalidIdentityClientId", "does not belong",
			cmkAccount("cmk-9", "UserAssigned", cmk(cmkVaultURI, "foundry-cmk", "", "55555555-5555-5555-5555-555555555555"))},
		{"user-assigned only, no client ID", "IdentityRequired", "identityClientId is required", cmkAccount("cmk-10", "UserAssigned", cmk(cmkVaultURI, "foundry-cmk", "", ""))},
		{"new system-assigned identity", "KeyVaultAccessForbidden", "create the account first",
			cmkAccount("cmk-11", "SystemAssigned", cmk(cmkVaultURI, "foundry-cmk", "", ""))},
		{"unknown key", "KeyNotFound", "'nope' was not found", cmkAccount("cmk-12", "UserAssigned", cmk(cmkVaultURI, "nope", "", client))},
		{"unknown version", "KeyNotFound", "version 'abc'", cmkAccount("cmk-13", "UserAssigned", cmk(cmkVaultURI, "foundry-cmk", "abc", client))},
		{"EC key", "InvalidKeyType", "EC P-256", cmkAccount("cmk-14", "UserAssigned", cmk(cmkVaultURI, "key-ec", "", client))},
		{"RSA 4096", "InvalidKeyType", "RSA 4096", cmkAccount("cmk-15", "UserAssigned", cmk(cmkVaultURI, "key-rsa-4096", "", client))},
	} {
		name := strings.NewReplacer(" ", "-", ",", "").Replace(tc.name)
		r := mustErr(t, c.do(http.MethodPut, accountPath("rg-foundry", name), tc.body), http.StatusBadRequest, tc.code)
		if !strings.Contains(errMessage(r), tc.msg) {
			t.Errorf("%s: message %q does not mention %q", tc.name, errMessage(r), tc.msg)
		}
	}
}

func TestCMK_VersionlessRotationAndChanges(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	client := emulator.UserAssignedClientID(uaiID)
	p := accountPath("rg-foundry", "cmk-uai")
	a := c.create(p, cmkAccount("cmk-uai", "UserAssigned", cmk(cmkVaultURI, "foundry-cmk", "", client)))
	kvp := obj(a.props()["encryption"], "keyVaultProperties")
	key := must(t, c.do(http.MethodGet, withAPI(cmkVaultID+"/keys/foundry-cmk", kvAPI), nil), http.StatusOK)
	uri := key.props()["keyUriWithVersion"].(string)
	if kvp["keyVersion"] != "" || kvp["currentKeyVersion"] != uri[strings.LastIndex(uri, "/")+1:] || obj(a.props()["encryption"])["keySource"] != "Microsoft.KeyVault" {
		t.Fatalf("versionless account: %s", a.raw)
	}
	newVersion, err := srv.RotateKey(cmkVaultID, "foundry-cmk")
	if err != nil {
		t.Fatal(err)
	}
	key = must(t, c.do(http.MethodGet, withAPI(cmkVaultID+"/keys/foundry-cmk", kvAPI), nil), http.StatusOK)
	if key.props()["keyUriWithVersion"] != cmkVaultURI+"keys/foundry-cmk/"+newVersion {
		t.Fatalf("rotated key: %s", key.raw)
	}
	a = must(t, c.do(http.MethodGet, p, nil), http.StatusOK)
	if kvp := obj(a.props()["encryption"], "keyVaultProperties"); kvp["currentKeyVersion"] != newVersion || kvp["keyVersion"] != "" {
		t.Fatalf("account after rotation: %s", a.raw)
	}
	// A pinned version, then another key of the same vault, are in-place changes.
	c.settle(must(t, c.do(http.MethodPut, p, cmkAccount("cmk-uai", "UserAssigned", cmk(cmkVaultURI, "foundry-cmk", newVersion, client))), http.StatusOK))
	c.settle(must(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"encryption": cmk(cmkVaultURI, "foundry-cmk-2", "", client)}}), http.StatusAccepted))
	if kvp := obj(must(t, c.do(http.MethodGet, p, nil), http.StatusOK).props()["encryption"], "keyVaultProperties"); kvp["keyName"] != "foundry-cmk-2" {
		t.Fatalf("after key change: %v", kvp)
	}
	// Another vault, Microsoft-managed keys or no encryption are refused.
	if _, err := srv.AddKeyVault(emulator.SeedKeyVault{ResourceGroup: "rg-foundry", Name: "kv-second", Location: "eastus", SoftDelete: true, PurgeProtection: true,
		Keys: []emulator.SeedKey{{Name: "k"}}, AccessPolicies: []emulator.SeedAccessPolicy{{Identity: uaiID, KeyPermissions: []string{"all"}}}}); err != nil {
		t.Fatal(err)
	}
	mustErr(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"encryption": cmk("https://kv-second.vault.azure.net/", "k", "", client)}}),
		http.StatusBadRequest, "CannotChangeKeyVault")
	mustErr(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"encryption": map[string]any{"keySource": "Microsoft.CognitiveServices"}}}),
		http.StatusBadRequest, "CannotRevertEncryption")
	mustErr(t, c.do(http.MethodPatch, p, map[string]any{"properties": map[string]any{"encryption": nil}}), http.StatusBadRequest, "CannotRevertEncryption")
	mustErr(t, c.do(http.MethodPut, p, cmkAccount("cmk-uai", "UserAssigned", nil)), http.StatusBadRequest, "CannotRevertEncryption")
	// Microsoft-managed to customer-managed is allowed (the seeded vault kv-second grants "all").
	q := accountPath("rg-foundry", "cmk-mmk")
	c.create(q, cmkAccount("cmk-mmk", "UserAssigned", map[string]any{"keySource": "Microsoft.CognitiveServices"}))
	c.settle(must(t, c.do(http.MethodPatch, q, map[string]any{"properties": map[string]any{"encryption": cmk("https://kv-second.vault.azure.net/", "k", "", client)}}), http.StatusAccepted))
}

func TestCMK_SystemAssignedGrantFlow(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	p := accountPath("rg-foundry", "cmk-smi")
	a := c.create(p, cmkAccount("cmk-smi", "SystemAssigned", nil))
	principal := a.body["identity"].(map[string]any)["principalId"].(string)
	enc := map[string]any{"properties": map[string]any{"encryption": cmk(cmkVaultURI, "foundry-cmk", "", "")}}
	e := mustErr(t, c.do(http.MethodPatch, p, enc), http.StatusBadRequest, "KeyVaultAccessForbidden")
	if !strings.Contains(errMessage(e), principal) || !strings.Contains(errMessage(e), "get, wrapKey, unwrapKey") {
		t.Fatalf("message: %s", e.raw)
	}
	// A partial grant is still refused; the full grant (through the control API) lets the same PATCH through.
	must(t, c.do(http.MethodPost, "/_emulator/keyvault/access", map[string]any{"vaultId": cmkVaultID, "objectId": principal, "permissions": []string{"get"}}), http.StatusNoContent)
	e = mustErr(t, c.do(http.MethodPatch, p, enc), http.StatusBadRequest, "KeyVaultAccessForbidden")
	if !strings.Contains(errMessage(e), "key permissions wrapKey, unwrapKey") {
		t.Fatalf("message: %s", e.raw)
	}
	must(t, c.do(http.MethodPost, "/_emulator/keyvault/access", map[string]any{"vaultId": cmkVaultID, "objectId": principal, "permissions": []string{"wrapKey", "unwrapKey"}}), http.StatusNoContent)
	c.settle(must(t, c.do(http.MethodPatch, p, enc), http.StatusAccepted))
	// A managed HSM key: local RBAC granted with GrantKeyAccess.
	q := accountPath("rg-foundry", "cmk-hsm")
	b := c.create(q, cmkAccount("cmk-hsm", "SystemAssigned", nil))
	hsmEnc := map[string]any{"properties": map[string]any{"encryption": cmk("https://hsm-foundry.managedhsm.azure.net/", "foundry-cmk", "", "")}}
	mustErr(t, c.do(http.MethodPatch, q, hsmEnc), http.StatusBadRequest, "KeyVaultAccessForbidden")
	if err := srv.GrantKeyAccess(hsmID, b.body["identity"].(map[string]any)["principalId"].(string), "get", "wrapKey", "unwrapKey"); err != nil {
		t.Fatal(err)
	}
	c.settle(must(t, c.do(http.MethodPatch, q, hsmEnc), http.StatusAccepted))
}
