package encryption

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Attributes are key_id, identity_client_id and key_version, for the resource and the account's inline block.
func Attributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"key_id": schema.StringAttribute{
			Required: true, Validators: []validator.String{keyIDValidator()},
			MarkdownDescription: keyIDDescription,
		},
		"identity_client_id": schema.StringAttribute{
			Optional: true, Validators: []validator.String{stringvalidator.RegexMatches(guidPattern, "must be a GUID (the client ID of a user-assigned identity)")},
			MarkdownDescription: identityClientIDDescription,
		},
		"key_version": schema.StringAttribute{
			Computed: true, MarkdownDescription: keyVersionDescription,
		},
	}
}

// keyIDValidator checks that a value parses as a Key Vault or managed HSM key ID.
func keyIDValidator() validator.String {
	return framework.StringValidator("ARM ID of a Key Vault or managed HSM key, optionally with /versions/{version}", func(s string) string {
		if _, err := client.ParseKeyID(s); err != nil {
			return fmt.Sprintf("%s. Use the key's ARM ID (az keyvault key show --query id gives its data-plane URL instead, which is not accepted).", err)
		}
		return ""
	})
}

const keyIDDescription = "ARM ID of the key: `/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}/keys/{key}` " +
	"or `.../Microsoft.KeyVault/managedHSMs/{hsm}/keys/{key}`, optionally followed by `/versions/{version}`. Without a version the account follows " +
	"the key's current version (automatic rotation; `key_version` shows which); with one it is pinned and changing it updates the account in place. " +
	"The vault must have soft delete and purge protection, be in the account's region and tenant; the key must be RSA or RSA-HSM 2048."

const identityClientIDDescription = "Client ID of the user-assigned identity (attached to the account) that reaches the key " +
	"(`keyVaultProperties.identityClientId`); omit it to use the account's system-assigned identity. The identity needs get, wrapKey and unwrapKey " +
	"on the key (Key Vault Crypto User, or an access policy)."

const keyVersionDescription = "Version of the key the account uses now: the pinned version, or for a versionless `key_id` the key's current " +
	"version (from the key's `keyUriWithVersion`), which changes on refresh after a rotation without a plan diff."
