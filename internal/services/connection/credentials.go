package connection

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// The credentials blocks, one per auth type. The block that is set decides authType: an explicit auth_type argument
// next to the block would only repeat it and could contradict it, and a block per type lets Terraform check at plan
// time which credentials each type takes. auth_type is therefore computed from the block.
//
// Every secret has two forms: "<x>_wo" (write-only: sent on create and update, never stored in plan or state;
// Terraform and OpenTofu 1.11 or later) and "<x>" (sensitive: stored in state, for older CLIs). secret_version
// triggers the update that sends changed write-only values.

// field is a non-secret credentials attribute.
type field struct {
	name     string
	required bool
	desc     string
}

// secret is a secret credentials attribute; isMap for custom_keys.keys.
type secret struct {
	name     string
	required bool
	isMap    bool
	desc     string
}

// credentialsBlock describes one credentials block.
type credentialsBlock struct {
	name     string
	authType client.ConnectionAuthType
	desc     string
	fields   []field
	secrets  []secret
}

var credentialsBlocks = []credentialsBlock{
	{name: "aad", authType: client.ConnectionAuthTypeAAD,
		desc: "Microsoft Entra ID (`AAD`): the account's or project's managed identity signs in to the target; no secret. Grant it a role on the target."},
	{name: "none", authType: client.ConnectionAuthTypeNone, desc: "No authentication (`None`)."},
	{name: "api_key", authType: client.ConnectionAuthTypeAPIKey, desc: "An API key (`ApiKey`).",
		secrets: []secret{{name: "key", required: true, desc: "The API key (`credentials.key`)."}}},
	{name: "account_key", authType: client.ConnectionAuthTypeAccountKey, desc: "A storage account key (`AccountKey`).",
		secrets: []secret{{name: "key", required: true, desc: "The account key (`credentials.key`)."}}},
	{name: "access_key", authType: client.ConnectionAuthTypeAccessKey, desc: "An access key pair, e.g. for S3 (`AccessKey`).",
		fields:  []field{{name: "access_key_id", required: true, desc: "The access key ID (`credentials.accessKeyId`)."}},
		secrets: []secret{{name: "secret_access_key", required: true, desc: "The secret access key (`credentials.secretAccessKey`)."}}},
	{name: "custom_keys", authType: client.ConnectionAuthTypeCustomKeys, desc: "Named keys, e.g. HTTP headers of a custom API (`CustomKeys`).",
		secrets: []secret{{name: "keys", required: true, isMap: true, desc: "The keys by name (`credentials.keys`); every value is secret."}}},
	{name: "managed_identity", authType: client.ConnectionAuthTypeManagedIdentity, desc: "A user-assigned managed identity (`ManagedIdentity`); no secret.",
		fields: []field{
			{name: "client_id", desc: "Client ID of the identity (`credentials.clientId`)."},
			{name: "resource_id", desc: "ARM ID of the identity (`credentials.resourceId`)."},
		}},
	{name: "service_principal", authType: client.ConnectionAuthTypeServicePrincipal, desc: "A Microsoft Entra ID application (`ServicePrincipal`).",
		fields: []field{
			{name: "client_id", required: true, desc: "Application (client) ID (`credentials.clientId`)."},
			{name: "tenant_id", required: true, desc: "Directory (tenant) ID (`credentials.tenantId`)."},
		},
		secrets: []secret{{name: "client_secret", required: true, desc: "Client secret (`credentials.clientSecret`)."}}},
	{name: "oauth2", authType: client.ConnectionAuthTypeOAuth2, desc: "OAuth 2.0 (`OAuth2`); which optional values a target needs depends on its category.",
		fields: []field{
			{name: "client_id", required: true, desc: "Client ID, a UUID (`credentials.clientId`)."},
			{name: "auth_url", desc: "Authorization server URL (`credentials.authUrl`), required by Concur."},
			{name: "tenant_id", desc: "Tenant ID (`credentials.tenantId`), required by QuickBooks and Xero."},
			{name: "username", desc: "User name for the password grant (`credentials.username`), e.g. Concur and ServiceNow."},
		},
		secrets: []secret{
			{name: "client_secret", required: true, desc: "Client secret (`credentials.clientSecret`)."},
			{name: "password", desc: "Password for the password grant (`credentials.password`)."},
			{name: "refresh_token", desc: "Refresh token obtained offline (`credentials.refreshToken`)."},
			{name: "developer_token", desc: "Developer token (`credentials.developerToken`), required by GoogleAdWords."},
		}},
	{name: "sas", authType: client.ConnectionAuthTypeSAS, desc: "A shared access signature (`SAS`).",
		secrets: []secret{{name: "sas", required: true, desc: "The SAS token (`credentials.sas`)."}}},
	{name: "pat", authType: client.ConnectionAuthTypePAT, desc: "A personal access token (`PAT`).",
		secrets: []secret{{name: "pat", required: true, desc: "The token (`credentials.pat`)."}}},
	{name: "username_password", authType: client.ConnectionAuthTypeUsernamePassword, desc: "A user name and password (`UsernamePassword`).",
		fields: []field{{name: "username", required: true, desc: "User name (`credentials.username`)."}},
		secrets: []secret{
			{name: "password", required: true, desc: "Password (`credentials.password`)."},
			{name: "security_token", desc: "Security token (`credentials.securityToken`), e.g. for Salesforce."},
		}},
	// The auth types below have no credentials in the 2026-09-01 spec (no subtype of ConnectionPropertiesV2): the
	// identity or token they use is Azure's, so their blocks are empty, like aad.
	{name: "account_managed_identity", authType: client.ConnectionAuthTypeAccountManagedIdentity,
		desc: "The Foundry account's managed identity (`AccountManagedIdentity`); no secret. Azure's auth type for Key Vault connections. " +
			"Grant the identity a role on the target."},
	{name: "project_managed_identity", authType: client.ConnectionAuthTypeProjectManagedIdentity,
		desc: "The project's managed identity (`ProjectManagedIdentity`); no secret. Grant the identity a role on the target."},
	{name: "user_entra_token", authType: client.ConnectionAuthTypeUserEntraToken,
		desc: "The Microsoft Entra ID token of the user who calls the agent is passed on to the target (`UserEntraToken`); no secret."},
	{name: "delegated_sas", authType: client.ConnectionAuthTypeDelegatedSAS,
		desc: "A delegated shared access signature that Azure obtains (`DelegatedSAS`); no secret in the configuration."},
	{name: "agent_user_impersonation", authType: client.ConnectionAuthTypeAgentUserImpersonation,
		desc: "The agent calls the target on behalf of its user (`AgentUserImpersonation`); no secret."},
	{name: "agentic_identity_token", authType: client.ConnectionAuthTypeAgenticIdentityToken,
		desc: "The agent's own Microsoft Entra agent identity signs in to the target (`AgenticIdentityToken`); no secret. Grant that identity a role on the target."},
	{name: "agentic_user", authType: client.ConnectionAuthTypeAgenticUser,
		desc: "The agent's user identity signs in to the target (`AgenticUser`); no secret."},
}

// blockNames lists the credentials blocks' names in table order.
func blockNames() []string {
	out := make([]string, 0, len(credentialsBlocks))
	for _, b := range credentialsBlocks {
		out = append(out, b.name)
	}
	return out
}

func (s secret) writeOnly() string { return s.name + "_wo" }

func (s secret) valueType() attr.Type {
	if s.isMap {
		return types.MapType{ElemType: types.StringType}
	}
	return types.StringType
}

func (s secret) null() attr.Value {
	if s.isMap {
		return types.MapNull(types.StringType)
	}
	return types.StringNull()
}

// attrTypes are the block's object attribute types.
func (b credentialsBlock) attrTypes() map[string]attr.Type {
	out := map[string]attr.Type{}
	for _, f := range b.fields {
		out[f.name] = types.StringType
	}
	for _, s := range b.secrets {
		out[s.name] = s.valueType()
		out[s.writeOnly()] = s.valueType()
	}
	return out
}
