package encryption

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// Principal is one managed identity of an account: its principal (object) ID and tenant, each "" when not known.
type Principal struct {
	PrincipalID string
	TenantID    string
}

// Target is what the customer-managed key checks need to know about the account the key is for.
type Target struct {
	// AccountID names the account in messages.
	AccountID string
	// Location is the account's region.
	Location string
	// SystemAssigned says whether the account has (or will have) a system-assigned identity; System describes it once
	// it exists (PrincipalID "" while the account is not created yet).
	SystemAssigned bool
	System         Principal
	// UserAssigned maps the client ID of each user-assigned identity attached to the account to its principal.
	UserAssigned map[string]Principal
}

// TargetFromAccount describes an existing account for the checks.
func TargetFromAccount(id string, a client.Account) Target {
	t := Target{AccountID: id, Location: framework.Deref(a.Location), UserAssigned: map[string]Principal{}}
	if i := a.Identity; i != nil && i.Type != nil {
		t.SystemAssigned = strings.Contains(string(*i.Type), string(client.IdentityTypeSystemAssigned))
		t.System = Principal{PrincipalID: framework.Deref(i.PrincipalID), TenantID: framework.Deref(i.TenantID)}
		for _, u := range i.UserAssignedIdentities {
			if u != nil && u.ClientID != nil {
				t.UserAssigned[strings.ToLower(*u.ClientID)] = Principal{PrincipalID: framework.Deref(u.PrincipalID), TenantID: t.System.TenantID}
			}
		}
	}
	return t
}

// HasCustomerManagedKey reports whether a's data is encrypted with a key from Key Vault.
func HasCustomerManagedKey(a client.Account) bool {
	e := a.Properties
	if e == nil || e.Encryption == nil || e.Encryption.KeyVaultProperties == nil {
		return false
	}
	return e.Encryption.KeySource == nil || *e.Encryption.KeySource == client.KeySourceMicrosoftKeyVault
}

// Paths are the attributes the checks report on.
type Paths struct {
	KeyID, IdentityClientID path.Path
}

// requiredKeyOps are the key permissions the account's identity needs on the vault.
var requiredKeyOps = []string{"get", "wrapKey", "unwrapKey"}

// Check verifies, through ARM, everything the service will demand of the key before it encrypts the account: the
// identity, the key's type and size, the vault's soft delete, purge protection, region and tenant, and (for access
// policy vaults) the identity's permissions. Reads that fail for other reasons than 404 only warn.
func Check(ctx context.Context, api *client.Client, t Target, key client.KeyID, identityClientID string, p Paths) diag.Diagnostics {
	var diags diag.Diagnostics
	principal, ok := checkIdentity(t, identityClientID, p, &diags)
	if !ok {
		return diags
	}
	what := "key vault"
	if key.Vault.ManagedHSM {
		what = "managed HSM"
	}
	vault, err := api.GetVault(ctx, key.Vault)
	switch {
	case client.IsNotFound(err):
		diags.Append(diagnostics.InvalidAttribute(p.KeyID, "Key vault not found",
			fmt.Sprintf("The %s %q of key_id does not exist. Create it first, or correct key_id.", what, key.Vault.String())))
		return diags
	case err != nil:
		diags.Append(diagnostics.CheckSkipped("key vault", what, key.Vault.String(), err))
	default:
		checkVault(t, key, vault, what, principal, identityClientID, p, &diags)
	}
	got, err := api.GetKey(ctx, key)
	switch {
	case client.IsNotFound(err):
		diags.Append(diagnostics.InvalidAttribute(p.KeyID, "Key not found",
			fmt.Sprintf("Key %q does not exist in the %s (or has no such version). Create it, or correct key_id.", key.String(), what)))
	case err != nil:
		diags.Append(diagnostics.CheckSkipped("key", "key", key.String(), err))
	default:
		checkKey(key, got, p, &diags)
	}
	return diags
}

// checkIdentity finds the principal that will reach the key; ok is false when there is none.
func checkIdentity(t Target, clientID string, p Paths, diags *diag.Diagnostics) (Principal, bool) {
	if clientID == "" {
		if !t.SystemAssigned {
			diags.Append(diagnostics.InvalidAttribute(p.IdentityClientID, "Account has no system-assigned identity",
				fmt.Sprintf("identity_client_id is not set, so the service reaches the key as the system-assigned identity of account %q, which it does not have. "+
					`Add identity { type = "SystemAssigned" } (or "SystemAssigned, UserAssigned") to the account, or set identity_client_id to the client ID of one of its user-assigned identities.`, t.AccountID)))
			return Principal{}, false
		}
		return t.System, true
	}
	pr, ok := t.UserAssigned[strings.ToLower(clientID)]
	if !ok {
		attached := make([]string, 0, len(t.UserAssigned))
		for c := range t.UserAssigned {
			attached = append(attached, c)
		}
		slices.Sort(attached)
		list := "none"
		if len(attached) > 0 {
			list = strings.Join(attached, ", ")
		}
		diags.Append(diagnostics.InvalidAttribute(p.IdentityClientID, "User-assigned identity not attached to the account",
			fmt.Sprintf("No user-assigned identity with client ID %q is attached to account %q (attached client IDs: %s). "+
				"Add the identity's ARM ID to the account's identity.identity_ids (with type \"UserAssigned\" or \"SystemAssigned, UserAssigned\"), or correct identity_client_id.",
				clientID, t.AccountID, list)))
		return Principal{}, false
	}
	return pr, true
}

func checkVault(t Target, key client.KeyID, v client.Vault, what string, principal Principal, clientID string, p Paths, diags *diag.Diagnostics) {
	vp := v.Properties
	if vp == nil {
		vp = &client.VaultProperties{}
	}
	name := key.Vault.String()
	if !framework.Deref(vp.EnableSoftDelete) || !framework.Deref(vp.EnablePurgeProtection) {
		diags.Append(diagnostics.InvalidAttribute(p.KeyID, "Key vault lacks soft delete or purge protection",
			fmt.Sprintf("Customer-managed keys need a %s with soft delete and purge protection on; %q has soft delete %s and purge protection %s. "+
				"Turn both on (az keyvault update --name %s --enable-purge-protection true), or use a key from another vault.",
				what, name, onOff(vp.EnableSoftDelete), onOff(vp.EnablePurgeProtection), key.Vault.Name)))
	}
	if loc := framework.Deref(v.Location); loc != "" && t.Location != "" && framework.NormalizeLocation(loc) != framework.NormalizeLocation(t.Location) {
		diags.Append(diagnostics.InvalidAttribute(p.KeyID, "Key vault is in another region",
			fmt.Sprintf("The %s %q is in %s, but account %q is in %s; the key must be in the account's region. Use a key from a vault in %s.",
				what, name, loc, t.AccountID, t.Location, t.Location)))
	}
	if tenant := framework.Deref(vp.TenantID); tenant != "" && principal.TenantID != "" && !strings.EqualFold(tenant, principal.TenantID) {
		diags.Append(diagnostics.InvalidAttribute(p.KeyID, "Key vault is in another tenant",
			fmt.Sprintf("The %s %q belongs to tenant %s, but the account's identity is in tenant %s. Use a key from a vault in the identity's tenant.",
				what, name, tenant, principal.TenantID)))
	}
	who := "the account's system-assigned identity"
	if clientID != "" {
		who = fmt.Sprintf("the user-assigned identity %s", clientID)
	}
	switch {
	case key.Vault.ManagedHSM:
		diags.Append(diagnostics.AttributeWarning(p.KeyID, "Key access cannot be verified",
			fmt.Sprintf("Managed HSM %q grants access through its local RBAC, which ARM does not expose, so the provider cannot check that %s may get, wrap and unwrap the key. "+
				"Make sure it has the Managed HSM Crypto Service Encryption User role on the key; otherwise apply fails.", name, who)))
	case framework.Deref(vp.EnableRbacAuthorization):
		diags.Append(diagnostics.AttributeWarning(p.KeyID, "Key access cannot be verified",
			fmt.Sprintf("Key vault %q uses Azure RBAC, so the provider cannot check that %s may get, wrap and unwrap the key. "+
				"Make sure it has the Key Vault Crypto User role (or Key Vault Crypto Service Encryption User) on the vault or key; otherwise apply fails.", name, who)))
	case principal.PrincipalID == "":
		// The identity does not exist yet (created with the account): nothing to look up.
	default:
		if missing := missingKeyOps(vp.AccessPolicies, principal.PrincipalID); len(missing) > 0 {
			diags.Append(diagnostics.InvalidAttribute(p.KeyID, "Identity cannot use the key",
				fmt.Sprintf("The access policies of key vault %q do not give %s (object ID %s) the key permissions %s. "+
					"Grant them (az keyvault set-policy --name %s --object-id %s --key-permissions get wrapKey unwrapKey) and plan again.",
					name, who, principal.PrincipalID, strings.Join(missing, ", "), key.Vault.Name, principal.PrincipalID)))
		}
	}
}

// missingKeyOps returns the required key permissions no access policy gives objectID.
func missingKeyOps(policies []client.AccessPolicyEntry, objectID string) []string {
	have := map[string]bool{}
	for _, ap := range policies {
		if !strings.EqualFold(framework.Deref(ap.ObjectID), objectID) || ap.Permissions == nil {
			continue
		}
		for _, k := range ap.Permissions.Keys {
			have[strings.ToLower(k)] = true
		}
	}
	var missing []string
	for _, op := range requiredKeyOps {
		if !have[strings.ToLower(op)] && !have["all"] {
			missing = append(missing, op)
		}
	}
	return missing
}

func checkKey(id client.KeyID, k client.Key, p Paths, diags *diag.Diagnostics) {
	kp := k.Properties
	if kp == nil {
		return
	}
	kty := framework.Deref(kp.Kty)
	size := kp.KeySize
	if (kty != "" && kty != "RSA" && kty != "RSA-HSM") || (size != nil && *size != 2048) {
		desc := kty
		if size != nil {
			desc = fmt.Sprintf("%s %d", kty, *size)
		} else if kp.CurveName != nil {
			desc = fmt.Sprintf("%s %s", kty, *kp.CurveName)
		}
		diags.Append(diagnostics.InvalidAttribute(p.KeyID, "Unsupported key type or size",
			fmt.Sprintf("Key %q is %s; Foundry encrypts only with RSA or RSA-HSM keys of 2048 bits. Create an RSA 2048 key (az keyvault key create --kty RSA --size 2048) and use it.",
				id.String(), desc)))
	}
	if kp.Attributes != nil && kp.Attributes.Enabled != nil && !*kp.Attributes.Enabled {
		diags.Append(diagnostics.InvalidAttribute(p.KeyID, "Key is disabled",
			fmt.Sprintf("Key %q is disabled. Enable it, or use another key or version.", id.String())))
	}
}

func onOff(b *bool) string {
	if framework.Deref(b) {
		return "on"
	}
	return "off"
}
