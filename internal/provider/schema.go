package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// providerModel is the provider block as written by the user; environment fallbacks are applied in resolveSettings.
type providerModel struct {
	SubscriptionID            types.String    `tfsdk:"subscription_id"`
	TenantID                  types.String    `tfsdk:"tenant_id"`
	ClientID                  types.String    `tfsdk:"client_id"`
	ClientSecret              types.String    `tfsdk:"client_secret"`
	ClientCertificatePath     types.String    `tfsdk:"client_certificate_path"`
	ClientCertificatePassword types.String    `tfsdk:"client_certificate_password"`
	UseOIDC                   types.Bool      `tfsdk:"use_oidc"`
	OIDCToken                 types.String    `tfsdk:"oidc_token"`
	OIDCTokenFilePath         types.String    `tfsdk:"oidc_token_file_path"`
	OIDCRequestURL            types.String    `tfsdk:"oidc_request_url"`
	OIDCRequestToken          types.String    `tfsdk:"oidc_request_token"`
	UseMSI                    types.Bool      `tfsdk:"use_msi"`
	UseCLI                    types.Bool      `tfsdk:"use_cli"`
	Environment               types.String    `tfsdk:"environment"`
	SkipProviderRegistration  types.Bool      `tfsdk:"skip_provider_registration"`
	Endpoints                 *endpointsModel `tfsdk:"endpoints"`
	Features                  *featuresModel  `tfsdk:"features"`
	Waits                     *waitsModel     `tfsdk:"waits"`
}

// waitsModel bounds the waits on Azure's eventual consistency; values are Go durations ("5m", "90s").
type waitsModel struct {
	PrincipalReplication types.String `tfsdk:"principal_replication"`
	RolePropagation      types.String `tfsdk:"role_propagation"`
	CapabilityHostReady  types.String `tfsdk:"capability_host_ready"`
	SubnetLinkRelease    types.String `tfsdk:"subnet_link_release"`
	DeleteOrdering       types.String `tfsdk:"delete_ordering"`
}

type endpointsModel struct {
	ResourceManagerEndpoint types.String `tfsdk:"resource_manager_endpoint"`
	ResourceManagerAudience types.String `tfsdk:"resource_manager_audience"`
	AuthorityHost           types.String `tfsdk:"authority_host"`
	ProjectAudience         types.String `tfsdk:"project_audience"`
}

type featuresModel struct {
	Account *accountFeaturesModel `tfsdk:"account"`
}

type accountFeaturesModel struct {
	PurgeSoftDeleteOnDestroy types.Bool `tfsdk:"purge_soft_delete_on_destroy"`
	RecoverSoftDeleted       types.Bool `tfsdk:"recover_soft_deleted"`
}

func providerSchema() schema.Schema {
	str := func(desc string, sensitive bool, v ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Sensitive: sensitive, MarkdownDescription: desc, Validators: v}
	}
	boolean := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Optional: true, MarkdownDescription: desc}
	}
	return schema.Schema{
		MarkdownDescription: "The `foundry` provider manages Microsoft Foundry (Azure AI Foundry): the Foundry resource " +
			"(a `Microsoft.CognitiveServices/accounts` account of kind `AIServices`) and what runs in it. " +
			"Every argument can also be set through the `ARM_*` environment variable named in its description, " +
			"the same variables the `azurerm` provider reads.",
		Attributes: map[string]schema.Attribute{
			"subscription_id": str("Subscription that holds the Foundry resources. Environment: `ARM_SUBSCRIPTION_ID`. Required.", false),
			"tenant_id":       str("Microsoft Entra tenant to authenticate against. Environment: `ARM_TENANT_ID`. Required for client secret, certificate and OIDC authentication.", false),
			"client_id":       str("Client (application) ID of the service principal or user-assigned managed identity. Environment: `ARM_CLIENT_ID`.", false),
			"client_secret":   str("Client secret of the service principal. Environment: `ARM_CLIENT_SECRET`. Never stored in state.", true),
			"client_certificate_path": str("Path to a PKCS#12 (`.pfx`) or PEM file with the service principal's certificate and private key. "+
				"Environment: `ARM_CLIENT_CERTIFICATE_PATH`.", false),
			"client_certificate_password": str("Password of the certificate file, if it has one. Environment: `ARM_CLIENT_CERTIFICATE_PASSWORD`.", true),
			"use_oidc": boolean("Authenticate with an OpenID Connect token (workload identity federation, e.g. GitHub Actions). " +
				"Environment: `ARM_USE_OIDC`. Needs one of `oidc_token`, `oidc_token_file_path` or `oidc_request_url` + `oidc_request_token`."),
			"oidc_token":           str("The OIDC ID token itself. Environment: `ARM_OIDC_TOKEN`.", true),
			"oidc_token_file_path": str("File holding the OIDC ID token, re-read whenever a token is needed. Environment: `ARM_OIDC_TOKEN_FILE_PATH` (or `AZURE_FEDERATED_TOKEN_FILE`).", false),
			"oidc_request_url":     str("URL from which to request an OIDC token. Environment: `ARM_OIDC_REQUEST_URL` or `ACTIONS_ID_TOKEN_REQUEST_URL`.", false),
			"oidc_request_token":   str("Bearer token for `oidc_request_url`. Environment: `ARM_OIDC_REQUEST_TOKEN` or `ACTIONS_ID_TOKEN_REQUEST_TOKEN`.", true),
			"use_msi":              boolean("Authenticate with a managed identity (set `client_id` to pick a user-assigned one). Environment: `ARM_USE_MSI`."),
			"use_cli":              boolean("Authenticate with the Azure CLI's signed-in account when no other method is configured. Environment: `ARM_USE_CLI`. Defaults to `true`."),
			"environment": str("Azure cloud: `public` (default), `usgovernment` or `china`. Environment: `ARM_ENVIRONMENT`. "+
				"Use the `endpoints` block for other clouds and for the local emulator.", false,
				stringvalidator.OneOfCaseInsensitive("public", "usgovernment", "china")),
			"skip_provider_registration": boolean("Do not register the `Microsoft.CognitiveServices` resource provider automatically when the subscription " +
				"has not registered it. Environment: `ARM_SKIP_PROVIDER_REGISTRATION`. Defaults to `false`."),
		},
		Blocks: map[string]schema.Block{
			"endpoints": schema.SingleNestedBlock{
				MarkdownDescription: "Custom endpoints, for clouds other than the three named ones and for the local Foundry emulator. " +
					"Each value overrides the one implied by `environment`.",
				Attributes: map[string]schema.Attribute{
					"resource_manager_endpoint": str("Azure Resource Manager URL, e.g. `https://management.azure.com`. Environment: `ARM_RESOURCE_MANAGER_ENDPOINT`.", false),
					"resource_manager_audience": str("Token audience for Azure Resource Manager, e.g. `https://management.core.windows.net/`. Environment: `ARM_RESOURCE_MANAGER_AUDIENCE`.", false),
					"authority_host":            str("Microsoft Entra authority host, e.g. `https://login.microsoftonline.com/`. Must use https. Environment: `ARM_AUTHORITY_HOST`.", false),
					"project_audience":          str("Token audience of Foundry project endpoints (agents and other project objects), e.g. `https://ai.azure.com`. Environment: `ARM_PROJECT_AUDIENCE`.", false),
				},
			},
			"waits": schema.SingleNestedBlock{
				MarkdownDescription: "Bounds of the provider's waits on Azure's eventual consistency, as durations (`\"90s\"`, `\"5m\"`). Each wait " +
					"polls for its condition, logs at INFO what it waits for on every try, and fails with an error naming what never came " +
					"true once its bound passes (or the resource's timeout ends, whichever is first). See the " +
					"[errors and waits guide](guides/errors-and-waits) for which resource waits for what.",
				Attributes: map[string]schema.Attribute{
					"principal_replication": str("How long a role assignment waits for a new principal to become known to Microsoft Entra ID "+
						"(400 `PrincipalNotFound`): `foundry_role_assignment`, `foundry_agent_standard_setup`. Defaults to `5m`.", false, durationValidator{}),
					"role_propagation": str("How long a new role assignment may take to be readable and effective on the project data plane: "+
						"`foundry_role_assignment` (`wait_for_propagation`), `foundry_agent` (401 `PermissionDenied`). Defaults to `15m`.", false, durationValidator{}),
					"capability_host_ready": str("How long `foundry_agent_standard_setup` retries the project capability host while the project "+
						"identity's new roles are not yet effective on Cosmos DB, Storage and AI Search. Defaults to `15m`.", false, durationValidator{}),
					"subnet_link_release": str("How long destroying a network-injected `foundry_account` (with `purge_soft_delete_on_destroy`) waits "+
						"for the service to release the agent subnet. Defaults to `30m`.", false, durationValidator{}),
					"delete_ordering": str("How long a delete waits, without progress, for what must be deleted first: the account's other "+
						"projects before its default project (`foundry_project`), the projects' capability hosts before the account's "+
						"(`foundry_account_capability_host`). Defaults to `5m`.", false, durationValidator{}),
				},
			},
			"features": schema.SingleNestedBlock{
				MarkdownDescription: "Opt-in behaviours that change what destroy and create do.",
				Blocks: map[string]schema.Block{
					"account": schema.SingleNestedBlock{
						MarkdownDescription: "Soft delete of Foundry resources (`foundry_account`). A deleted account stays soft-deleted for 48 hours and holds its name and subdomain; nothing is purged or recovered unless you turn it on here.",
						Attributes: map[string]schema.Attribute{
							"purge_soft_delete_on_destroy": boolean("Purge the account after deleting it, so its name and subdomain are free at once. Purged accounts cannot be recovered. Defaults to `false`."),
							"recover_soft_deleted":         boolean("When a soft-deleted account holds the name of an account being created, recover it (and then apply the configuration) instead of failing. Defaults to `false`."),
						},
					},
				},
			},
		},
	}
}
