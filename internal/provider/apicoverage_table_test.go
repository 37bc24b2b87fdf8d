package provider_test

// The map from every property of the 2026-09-01 specification, for each resource type that manages an ARM object,
// to the attribute that holds it, or to the reason it is deliberately not an attribute. TestAPICoverage walks the
// specification and fails on a property that is in neither, on an entry the specification no longer has, and on an
// attribute the schema lacks; it renders the table as the guide templates/guides/api-coverage.md.tmpl.
//
// Keys are JSON paths from the resource body, with array items and the connection subtypes' credentials written as
// "properties[ApiKey].credentials.key". An entry that is not an attribute ends the walk: its children need no entry.

// coverage is where a property of the specification went.
type coverage struct {
	attr   string // the attribute path ("network_acls.ip_rules"), "." for an object whose properties sit on the resource
	reason string // why the property is not an attribute, when attr is ""
}

func to(attr string) coverage    { return coverage{attr: attr} }
func not(reason string) coverage { return coverage{reason: reason} }
func flat() coverage             { return coverage{attr: "."} }

// coverageGroup is one ARM resource type: the resource types that manage it, the specification's definition of its
// body, and its table.
type coverageGroup struct {
	title   string
	types   []string
	root    string
	entries map[string]coverage
}

// Reasons that several properties share.
const (
	whyType       = "read-only: the ARM resource type, a constant"
	whySystemData = "read-only: who created and last changed the resource, and when (ARM's audit data); not configuration"
	whyEtag       = "read-only: the provider writes without ETag preconditions (one write at a time per account instead)"
	whyProvState  = "read-only: the provider waits until it is `Succeeded` and reports a failure"
	whyRateDetail = "read-only details of a limit; its key, window and count are in `rate_limits`"
	whyCallRate   = "read-only: the rate limit Azure derives from the capacity; the limits per key are in `rate_limits`"
	whySKUOther   = "not used: the deployment type is `sku.name` alone"
)

// identityEntries are the managed identity of accounts and projects (the shared identity attribute).
var identityEntries = map[string]coverage{
	"identity":                        to("identity"),
	"identity.type":                   to("identity.type"),
	"identity.principalId":            to("identity.principal_id"),
	"identity.tenantId":               to("identity.tenant_id"),
	"identity.userAssignedIdentities": to("identity.identity_ids"),
}

var accountEntries = map[string]coverage{
	"id":         to("id"),
	"name":       to("name"),
	"type":       not(whyType),
	"systemData": not(whySystemData),
	"etag":       not(whyEtag),
	"kind":       not("fixed: `foundry_account` manages accounts of kind `AIServices` (a Foundry resource) only"),
	"location":   to("location"),
	"tags":       to("tags"),
	"sku":        flat(),
	"sku.name":   to("sku_name"),
	"sku.tier":   not("not used by `AIServices` accounts: the pricing tier is `sku_name` alone"),
	"sku.size":   not("not used by `AIServices` accounts: the pricing tier is `sku_name` alone"),
	"sku.family": not("not used by `AIServices` accounts: the pricing tier is `sku_name` alone"),
	"sku.capacity": not("not used by `AIServices` accounts: the pricing tier is `sku_name` alone; " +
		"deployments have their own capacity"),
	"properties":                   flat(),
	"properties.provisioningState": not(whyProvState),
	"properties.endpoint":          to("endpoint"),
	"properties.endpoints":         to("endpoints"),
	"properties.internalId":        not("read-only and deprecated in the specification (\"do not use this property\")"),
	"properties.capabilities":      not("read-only: features Azure reports for the account's SKU (for example `VirtualNetworks`); not configuration"),
	"properties.isMigrated":        not("read-only: whether the account was migrated; not configuration"),
	"properties.migrationToken": not("a one-time token of a resource migration (\"Resource migration token\"), not a setting that stays " +
		"in a configuration"),
	"properties.skuChangeInfo":                         not("read-only: the history of SKU changes"),
	"properties.customSubDomainName":                   to("custom_subdomain_name"),
	"properties.networkAcls":                           to("network_acls"),
	"properties.networkAcls.defaultAction":             to("network_acls.default_action"),
	"properties.networkAcls.bypass":                    to("network_acls.bypass"),
	"properties.networkAcls.ipRules":                   to("network_acls.ip_rules"),
	"properties.networkAcls.ipRules.value":             to("network_acls.ip_rules"),
	"properties.networkAcls.virtualNetworkRules":       to("network_acls.virtual_network_rules"),
	"properties.networkAcls.virtualNetworkRules.id":    to("network_acls.virtual_network_rules.subnet_id"),
	"properties.networkAcls.virtualNetworkRules.state": not("the rule's state as Azure reports it; not a setting"),
	"properties.networkAcls.virtualNetworkRules.ignoreMissingVnetServiceEndpoint": to(
		"network_acls.virtual_network_rules.ignore_missing_vnet_service_endpoint"),
	"properties.encryption":                                     to("customer_managed_key"),
	"properties.encryption.keySource":                           to("customer_managed_key"),
	"properties.encryption.keyVaultProperties":                  to("customer_managed_key"),
	"properties.encryption.keyVaultProperties.keyName":          to("customer_managed_key.key_id"),
	"properties.encryption.keyVaultProperties.keyVaultUri":      to("customer_managed_key.key_id"),
	"properties.encryption.keyVaultProperties.keyVersion":       to("customer_managed_key.key_version"),
	"properties.encryption.keyVaultProperties.identityClientId": to("customer_managed_key.identity_client_id"),
	"properties.userOwnedStorage":                               to("user_owned_storage"),
	"properties.userOwnedStorage.resourceId":                    to("user_owned_storage.storage_account_id"),
	"properties.userOwnedStorage.identityClientId":              to("user_owned_storage.identity_client_id"),
	"properties.amlWorkspace":                                   to("aml_workspace"),
	"properties.amlWorkspace.resourceId":                        to("aml_workspace.resource_id"),
	"properties.amlWorkspace.identityClientId":                  to("aml_workspace.identity_client_id"),
	"properties.privateEndpointConnections": not("private endpoint connections are resources of their own " +
		"(`accounts/privateEndpointConnections`), created with a private endpoint (`azurerm_private_endpoint`)"),
	"properties.publicNetworkAccess": to("public_network_access"),
	"properties.apiProperties": not("settings of other account kinds (QnA Maker, Metrics Advisor, Bing Search statistics, " +
		"Language question answering); `foundry_account` manages `AIServices` accounts"),
	"properties.dateCreated":                   not("read-only: when the account was created; not configuration"),
	"properties.callRateLimit":                 not("read-only: the account's call rate limit as Azure computes it"),
	"properties.dynamicThrottlingEnabled":      to("dynamic_throttling_enabled"),
	"properties.storedCompletionsDisabled":     to("stored_completions_enabled"),
	"properties.a365LoggingEnabled":            to("a365_logging_enabled"),
	"properties.quotaLimit":                    not("read-only: the account's quota as Azure computes it (the `foundry_usages` data source shows quota)"),
	"properties.restrictOutboundNetworkAccess": to("outbound_network_access_restricted"),
	"properties.allowedFqdnList":               to("allowed_fqdns"),
	"properties.disableLocalAuth":              to("local_auth_enabled"),
	"properties.restore": not("an action, not a setting: sent once to recover a soft-deleted account when the provider's " +
		"`features.account.recover_soft_deleted` is on; Azure never returns it"),
	"properties.deletionDate": not("read-only: set on soft-deleted accounts only, which the provider handles through " +
		"`features.account`, not as resources"),
	"properties.scheduledPurgeDate": not("read-only: set on soft-deleted accounts only, which the provider handles through " +
		"`features.account`, not as resources"),
	"properties.locations":                         to("locations"),
	"properties.locations.routingMethod":           to("locations.routing_method"),
	"properties.locations.regions":                 to("locations.regions"),
	"properties.locations.regions.name":            to("locations.regions.name"),
	"properties.locations.regions.value":           to("locations.regions.value"),
	"properties.locations.regions.customsubdomain": to("locations.regions.custom_subdomain_name"),
	"properties.commitmentPlanAssociations": not("read-only: commitment plans are resources of their own " +
		"(`accounts/commitmentPlans`), which this provider does not manage"),
	"properties.abusePenalty":                                 not("read-only: a penalty Azure applies after abuse; not configuration"),
	"properties.raiMonitorConfig":                             to("rai_monitor_config"),
	"properties.raiMonitorConfig.adxStorageResourceId":        to("rai_monitor_config.adx_storage_resource_id"),
	"properties.raiMonitorConfig.identityClientId":            to("rai_monitor_config.identity_client_id"),
	"properties.networkInjections":                            to("network_injection"),
	"properties.networkInjections.scenario":                   to("network_injection.scenario"),
	"properties.networkInjections.subnetArmId":                to("network_injection.subnet_id"),
	"properties.networkInjections.useMicrosoftManagedNetwork": to("network_injection.use_microsoft_managed_network"),
	"properties.allowProjectManagement":                       to("project_management_enabled"),
	"properties.defaultProject":                               to("default_project"),
	"properties.associatedProjects":                           to("associated_projects"),
}

var projectEntries = map[string]coverage{
	"id":                           to("id"),
	"name":                         to("name"),
	"type":                         not(whyType),
	"systemData":                   not(whySystemData),
	"etag":                         not(whyEtag),
	"location":                     to("location"),
	"tags":                         to("tags"),
	"properties":                   flat(),
	"properties.provisioningState": not(whyProvState),
	"properties.displayName":       to("display_name"),
	"properties.description":       to("description"),
	"properties.endpoints":         to("endpoints"),
	"properties.isDefault":         to("is_default"),
}

var deploymentEntries = map[string]coverage{
	"id":                                 to("id"),
	"name":                               to("name"),
	"type":                               not(whyType),
	"systemData":                         not(whySystemData),
	"etag":                               not(whyEtag),
	"tags":                               to("tags"),
	"sku":                                to("sku"),
	"sku.name":                           to("sku.name"),
	"sku.capacity":                       to("sku.capacity"),
	"sku.tier":                           not(whySKUOther),
	"sku.size":                           not(whySKUOther),
	"sku.family":                         not(whySKUOther),
	"properties":                         flat(),
	"properties.provisioningState":       to("provisioning_state"),
	"properties.model":                   to("model"),
	"properties.model.format":            to("model.format"),
	"properties.model.name":              to("model.name"),
	"properties.model.version":           to("model.version"),
	"properties.model.publisher":         to("model.publisher"),
	"properties.model.source":            to("model.source"),
	"properties.model.sourceAccount":     to("model.source_account"),
	"properties.model.callRateLimit":     not(whyCallRate),
	"properties.contextCacheContainerId": to("context_cache_container_id"),
	"properties.scaleSettings": not("deprecated in the specification (\"please use Deployment.sku instead\"): " +
		"`sku.name` and `sku.capacity`"),
	"properties.capabilities":                        to("capabilities"),
	"properties.raiPolicyName":                       to("rai_policy_name"),
	"properties.callRateLimit":                       not(whyCallRate),
	"properties.rateLimits":                          to("rate_limits"),
	"properties.rateLimits.key":                      to("rate_limits.key"),
	"properties.rateLimits.renewalPeriod":            to("rate_limits.renewal_period"),
	"properties.rateLimits.count":                    to("rate_limits.count"),
	"properties.rateLimits.minCount":                 not(whyRateDetail),
	"properties.rateLimits.dynamicThrottlingEnabled": not(whyRateDetail),
	"properties.rateLimits.matchPatterns":            not(whyRateDetail),
	"properties.versionUpgradeOption":                to("version_upgrade_option"),
	"properties.dynamicThrottlingEnabled":            to("dynamic_throttling_enabled"),
	"properties.currentCapacity":                     to("current_capacity"),
	"properties.capacitySettings":                    to("capacity_settings"),
	"properties.capacitySettings.designatedCapacity": to("capacity_settings.designated_capacity"),
	"properties.capacitySettings.priority":           to("capacity_settings.priority"),
	"properties.parentDeploymentName":                to("parent_deployment_name"),
	"properties.spilloverDeploymentName":             to("spillover_deployment_name"),
	"properties.serviceTier":                         to("service_tier"),
	"properties.deploymentState":                     to("deployment_state"),
	"properties.routing":                             to("routing"),
	"properties.routing.mode":                        to("routing.mode"),
	"properties.routing.models":                      to("routing.models"),
	"properties.routing.models.format":               to("routing.models.format"),
	"properties.routing.models.name":                 to("routing.models.name"),
	"properties.routing.models.version":              to("routing.models.version"),
	"properties.routing.models.publisher": not("the router's models are catalog models, named by format, name and version; " +
		"a publisher, source or source account belongs to a deployed model"),
	"properties.routing.models.source": not("the router's models are catalog models, named by format, name and version; " +
		"a publisher, source or source account belongs to a deployed model"),
	"properties.routing.models.sourceAccount": not("the router's models are catalog models, named by format, name and version; " +
		"a publisher, source or source account belongs to a deployed model"),
	"properties.routing.models.callRateLimit": not(whyCallRate),
}

var connectionEntries = map[string]coverage{
	"id":                                     to("id"),
	"name":                                   to("name"),
	"type":                                   not(whyType),
	"systemData":                             not(whySystemData),
	"properties":                             flat(),
	"properties.authType":                    to("auth_type"),
	"properties.category":                    to("category"),
	"properties.target":                      to("target"),
	"properties.metadata":                    to("metadata"),
	"properties.isSharedToAll":               to("is_shared_to_all"),
	"properties.sharedUserList":              to("shared_user_list"),
	"properties.expiryTime":                  to("expiry_time"),
	"properties.useWorkspaceManagedIdentity": to("use_workspace_managed_identity"),
	"properties.peRequirement":               to("pe_requirement"),
	"properties.group":                       to("group"),
	"properties.createdByWorkspaceArmId":     not("read-only: the account or project that holds the connection, which is `account_id` or `project_id`"),
	"properties.error":                       not("a status: the error Azure reports about the connection; not a setting"),
	"properties.peStatus":                    not("a status: the state of the connection's private endpoint, as Azure reports it; not a setting"),
	"properties[AccessKey].credentials":      to("access_key"),
	"properties[AccessKey].credentials.accessKeyId":          to("access_key.access_key_id"),
	"properties[AccessKey].credentials.secretAccessKey":      to("access_key.secret_access_key"),
	"properties[AccountKey].credentials":                     to("account_key"),
	"properties[AccountKey].credentials.key":                 to("account_key.key"),
	"properties[ApiKey].credentials":                         to("api_key"),
	"properties[ApiKey].credentials.key":                     to("api_key.key"),
	"properties[CustomKeys].credentials":                     to("custom_keys"),
	"properties[CustomKeys].credentials.keys":                to("custom_keys.keys"),
	"properties[ManagedIdentity].credentials":                to("managed_identity"),
	"properties[ManagedIdentity].credentials.clientId":       to("managed_identity.client_id"),
	"properties[ManagedIdentity].credentials.resourceId":     to("managed_identity.resource_id"),
	"properties[OAuth2].credentials":                         to("oauth2"),
	"properties[OAuth2].credentials.authUrl":                 to("oauth2.auth_url"),
	"properties[OAuth2].credentials.clientId":                to("oauth2.client_id"),
	"properties[OAuth2].credentials.clientSecret":            to("oauth2.client_secret"),
	"properties[OAuth2].credentials.developerToken":          to("oauth2.developer_token"),
	"properties[OAuth2].credentials.password":                to("oauth2.password"),
	"properties[OAuth2].credentials.refreshToken":            to("oauth2.refresh_token"),
	"properties[OAuth2].credentials.tenantId":                to("oauth2.tenant_id"),
	"properties[OAuth2].credentials.username":                to("oauth2.username"),
	"properties[PAT].credentials":                            to("pat"),
	"properties[PAT].credentials.pat":                        to("pat.pat"),
	"properties[SAS].credentials":                            to("sas"),
	"properties[SAS].credentials.sas":                        to("sas.sas"),
	"properties[ServicePrincipal].credentials":               to("service_principal"),
	"properties[ServicePrincipal].credentials.clientId":      to("service_principal.client_id"),
	"properties[ServicePrincipal].credentials.clientSecret":  to("service_principal.client_secret"),
	"properties[ServicePrincipal].credentials.tenantId":      to("service_principal.tenant_id"),
	"properties[UsernamePassword].credentials":               to("username_password"),
	"properties[UsernamePassword].credentials.password":      to("username_password.password"),
	"properties[UsernamePassword].credentials.securityToken": to("username_password.security_token"),
	"properties[UsernamePassword].credentials.username":      to("username_password.username"),
}

// authTypeBlocks is the credentials block of every value of the specification's ConnectionAuthType: the block that is
// set decides the auth type.
var authTypeBlocks = map[string]string{
	"AAD": "aad", "None": "none", "ApiKey": "api_key", "AccountKey": "account_key", "AccessKey": "access_key",
	"CustomKeys": "custom_keys", "ManagedIdentity": "managed_identity", "ServicePrincipal": "service_principal",
	"OAuth2": "oauth2", "SAS": "sas", "PAT": "pat", "UsernamePassword": "username_password",
	"AccountManagedIdentity": "account_managed_identity", "ProjectManagedIdentity": "project_managed_identity",
	"UserEntraToken": "user_entra_token", "DelegatedSAS": "delegated_sas", "AgentUserImpersonation": "agent_user_impersonation",
	"AgenticIdentityToken": "agentic_identity_token", "AgenticUser": "agentic_user",
}

var hostConnectionEntries = map[string]coverage{
	"id":                                  to("id"),
	"name":                                to("name"),
	"type":                                not(whyType),
	"systemData":                          not(whySystemData),
	"properties":                          flat(),
	"properties.provisioningState":        to("provisioning_state"),
	"properties.aiServicesConnections":    to("ai_services_connections"),
	"properties.storageConnections":       to("storage_connections"),
	"properties.threadStorageConnections": to("thread_storage_connections"),
	"properties.vectorStoreConnections":   to("vector_store_connections"),
}

var accountHostEntries = with(hostConnectionEntries, map[string]coverage{
	"properties.capabilityHostKind":             to("kind"),
	"properties.customerSubnet":                 to("customer_subnet_id"),
	"properties.description":                    to("description"),
	"properties.tags":                           to("tags"),
	"properties.enablePublicHostingEnvironment": to("public_hosting_environment_enabled"),
})

// coverageGroups are the ARM types of the 2026-09-01 specification that resources of this provider manage.
var coverageGroups = []coverageGroup{
	{title: "Accounts (`Microsoft.CognitiveServices/accounts`)", types: []string{"foundry_account"}, root: "Account",
		entries: with(accountEntries, identityEntries)},
	{title: "Projects (`Microsoft.CognitiveServices/accounts/projects`)", types: []string{"foundry_project"}, root: "Project",
		entries: with(projectEntries, identityEntries)},
	{title: "Deployments (`Microsoft.CognitiveServices/accounts/deployments`)", types: []string{"foundry_deployment"}, root: "Deployment",
		entries: deploymentEntries},
	{title: "Connections (`Microsoft.CognitiveServices/accounts/connections`, `.../accounts/projects/connections`)",
		types: []string{"foundry_account_connection", "foundry_project_connection"}, root: "ConnectionPropertiesV2BasicResource",
		entries: connectionEntries},
	{title: "Account capability hosts (`Microsoft.CognitiveServices/accounts/capabilityHosts`)",
		types: []string{"foundry_account_capability_host"}, root: "CapabilityHost", entries: accountHostEntries},
	{title: "Project capability hosts (`Microsoft.CognitiveServices/accounts/projects/capabilityHosts`)",
		types: []string{"foundry_project_capability_host"}, root: "ProjectCapabilityHost", entries: hostConnectionEntries},
}

func with(maps ...map[string]coverage) map[string]coverage {
	out := map[string]coverage{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}
