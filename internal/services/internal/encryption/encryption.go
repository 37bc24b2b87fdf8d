// Package encryption holds what foundry_account_customer_managed_key and the inline customer_managed_key block of
// foundry_account share about an account's customer-managed key (properties.encryption): the key_id attribute, the
// mapping to and from the API, and the plan-time checks of the key, its vault and the identity that reaches it.
package encryption

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// Resolved is a key as the account's encryption settings name it.
type Resolved struct {
	// VaultURI is the vault's (or managed HSM's) data-plane URI, e.g. "https://kv1.vault.azure.net/".
	VaultURI string
	// CurrentVersion is the key's current version (the pinned one for a versioned key ID).
	CurrentVersion string
}

// Resolve reads the vault URI and the key's current version through ARM.
func Resolve(ctx context.Context, api *client.Client, id client.KeyID) (Resolved, error) {
	v, err := api.GetVault(ctx, id.Vault)
	if err != nil {
		return Resolved{}, err
	}
	var r Resolved
	if v.Properties != nil {
		r.VaultURI = framework.Deref(v.Properties.VaultURI)
		if id.Vault.ManagedHSM || r.VaultURI == "" {
			r.VaultURI = framework.Deref(v.Properties.HSMURI)
		}
	}
	if r.VaultURI == "" {
		return Resolved{}, fmt.Errorf("the %s %s has no vaultUri or hsmUri", "vault", id.Vault.String())
	}
	r.CurrentVersion = id.Version
	if id.Version == "" {
		k, err := api.GetKey(ctx, id)
		if err != nil {
			return Resolved{}, err
		}
		r.CurrentVersion = k.CurrentVersion()
	}
	return r, nil
}

// Properties is the account's properties.encryption for key id. A versionless key ID sends no keyVersion, so the
// service follows the key's current version (automatic rotation).
func Properties(id client.KeyID, r Resolved, identityClientID string) *client.Encryption {
	kv := &client.KeyVaultProperties{
		KeyVaultURI: framework.Ptr(r.VaultURI),
		KeyName:     framework.Ptr(id.Name),
		KeyVersion:  framework.Ptr(id.Version),
	}
	if identityClientID != "" {
		kv.IdentityClientID = framework.Ptr(identityClientID)
	}
	return &client.Encryption{KeySource: framework.Ptr(client.KeySourceMicrosoftKeyVault), KeyVaultProperties: kv}
}

// KeyID rebuilds the key's ARM ID from the account's encryption settings. ARM returns only the vault
// URI, so the subscription and resource group come from prior (the key ID the user configured); when the vault
// name no longer matches prior's, the result names the new vault in prior's resource group, which shows as a diff.
func KeyID(e *client.Encryption, prior client.KeyID) (client.KeyID, bool) {
	if e == nil || e.KeyVaultProperties == nil {
		return client.KeyID{}, false
	}
	kv := e.KeyVaultProperties
	out := prior
	if u, err := url.Parse(framework.Deref(kv.KeyVaultURI)); err == nil && u.Host != "" {
		out.Vault.Name = strings.SplitN(u.Host, ".", 2)[0]
		if strings.EqualFold(out.Vault.Name, prior.Vault.Name) {
			out.Vault.Name = prior.Vault.Name
		}
		out.Vault.ManagedHSM = strings.Contains(strings.ToLower(u.Host), ".managedhsm.")
	}
	out.Name = framework.Deref(kv.KeyName)
	if strings.EqualFold(out.Name, prior.Name) {
		out.Name = prior.Name
	}
	out.Version = framework.Deref(kv.KeyVersion)
	return out, true
}
