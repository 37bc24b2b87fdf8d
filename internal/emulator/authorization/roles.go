package authorization

import (
	"strings"
)

// Built-in role definition IDs (arm-neighbours §1.3 and Learn's built-in roles table).
const (
	RoleFoundryUser                         = "53ca6127-db72-4b80-b1b0-d745d6d5456d"
	RoleFoundryProjectManager               = "eadc314b-1a2d-4efa-be10-5d325db5065e"
	RoleFoundryAccountOwner                 = "e47c6f54-e4a2-4754-9501-8e0985b135e1"
	RoleFoundryOwner                        = "c883944f-8b7b-4483-af10-35834be79c4a"
	RoleCognitiveServicesOpenAIUser         = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"
	RoleCognitiveServicesUser               = "a97b65f3-24c7-4388-baec-2e87135dc908"
	RoleAzureAIDeveloper                    = "64702f94-c441-49e6-a78b-ef80e0188fee"
	RoleCosmosDBOperator                    = "230815da-be43-4aae-9cb4-875f7bd000aa"
	RoleStorageBlobDataContributor          = "ba92f5b4-2d11-453d-a403-e96b0029c9fe"
	RoleStorageBlobDataOwner                = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"
	RoleStorageQueueDataContributor         = "974c5e8b-45b9-4653-ba55-5f855dd0fb88"
	RoleSearchIndexDataContributor          = "8ebe5a00-799e-43f5-93ac-243d3dce84a7"
	RoleSearchServiceContributor            = "7ca78c08-252a-4471-8644-bb5ff32d4ba0"
	RoleKeyVaultCryptoUser                  = "12338af0-0e69-4776-bea7-57ae8d297424"
	RoleKeyVaultCryptoServiceEncryptionUser = "e147488a-f6f5-4113-8e2d-b22465e65bf6"
	RoleOwner                               = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
	RoleContributor                         = "b24988ac-6180-42e0-ab88-20f7382dd24c"
)

// roleDefinition is a built-in role.
type roleDefinition struct {
	id, name, description                            string
	actions, notActions, dataActions, notDataActions []string
	condition                                        string // ABAC condition on the role's actions (delegation roles)
	createdOn, updatedOn                             string
}

// foundryDelegationCondition limits a delegated role-assignment writer to assigning Foundry User (ABAC).
const foundryDelegationCondition = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{" + RoleFoundryUser + "})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{" + RoleFoundryUser + "}))"

var cognitiveReadActions = []string{
	"Microsoft.CognitiveServices/*/read",
	"Microsoft.Authorization/*/read",
	"Microsoft.Insights/alertRules/read",
	"Microsoft.Resources/deployments/*",
	"Microsoft.Resources/subscriptions/resourceGroups/read",
}

// builtInRoles are the seeded role definitions, in listing order.
var builtInRoles = []*roleDefinition{
	{id: RoleOwner, name: "Owner", description: "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
		actions: []string{"*"}, createdOn: "2015-02-02T21:55:09.8806423Z", updatedOn: "2021-11-11T20:13:45.8978856Z"},
	{id: RoleContributor, name: "Contributor", description: "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
		actions: []string{"*"},
		notActions: []string{"Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action",
			"Microsoft.Blueprint/blueprintAssignments/write", "Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action",
			"Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete"},
		createdOn: "2015-02-02T21:55:09.8806423Z", updatedOn: "2023-07-10T15:51:21.8339210Z"},
	{id: RoleFoundryUser, name: "Foundry User", description: "Grants reader access to Foundry resources and the data actions needed to build and use agents, models and other Foundry data-plane features.",
		actions: cognitiveReadActions, dataActions: []string{"Microsoft.CognitiveServices/*"},
		createdOn: "2025-04-14T15:29:55.2413390Z", updatedOn: "2025-11-18T16:10:21.4521700Z"},
	{id: RoleFoundryProjectManager, name: "Foundry Project Manager", description: "Lets you manage Foundry projects, build and use agents, and assign the Foundry User role (conditioned).",
		actions: append(append([]string{}, cognitiveReadActions...), "Microsoft.CognitiveServices/accounts/projects/*",
			"Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete"),
		dataActions: []string{"Microsoft.CognitiveServices/*"}, condition: foundryDelegationCondition,
		createdOn: "2025-06-30T15:12:04.8930000Z", updatedOn: "2025-11-18T16:10:21.4521700Z"},
	{id: RoleFoundryAccountOwner, name: "Foundry Account Owner", description: "Lets you manage Foundry accounts, projects and deployments and assign the Foundry User role (conditioned). Grants no data actions.",
		actions: []string{"Microsoft.CognitiveServices/*", "Microsoft.Authorization/*/read", "Microsoft.Authorization/roleAssignments/write",
			"Microsoft.Authorization/roleAssignments/delete", "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*",
			"Microsoft.Resources/subscriptions/resourceGroups/read"},
		condition: foundryDelegationCondition,
		createdOn: "2025-06-30T15:12:04.8930000Z", updatedOn: "2025-11-18T16:10:21.4521700Z"},
	{id: RoleFoundryOwner, name: "Foundry Owner", description: "Grants full access to manage Foundry accounts and projects and to use all Foundry data-plane features.",
		actions: []string{"Microsoft.CognitiveServices/*", "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*",
			"Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read"},
		dataActions: []string{"Microsoft.CognitiveServices/*"},
		createdOn:   "2025-12-18T10:00:00.0000000Z", updatedOn: "2025-12-18T10:00:00.0000000Z"},
	{id: RoleCognitiveServicesOpenAIUser, name: "Cognitive Services OpenAI User", description: "Read access to view files, models, deployments. The ability to create completion and embedding calls.",
		actions: []string{"Microsoft.CognitiveServices/*/read", "Microsoft.Authorization/roleAssignments/read", "Microsoft.Authorization/roleDefinitions/read"},
		dataActions: []string{"Microsoft.CognitiveServices/accounts/OpenAI/*/read", "Microsoft.CognitiveServices/accounts/OpenAI/engines/completions/action",
			"Microsoft.CognitiveServices/accounts/OpenAI/engines/search/action", "Microsoft.CognitiveServices/accounts/OpenAI/engines/generate/action",
			"Microsoft.CognitiveServices/accounts/OpenAI/deployments/search/action", "Microsoft.CognitiveServices/accounts/OpenAI/deployments/completions/action",
			"Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action", "Microsoft.CognitiveServices/accounts/OpenAI/deployments/extensions/chat/completions/action",
			"Microsoft.CognitiveServices/accounts/OpenAI/deployments/embeddings/action", "Microsoft.CognitiveServices/accounts/OpenAI/images/generations/action"},
		createdOn: "2022-12-14T00:00:00.0000000Z", updatedOn: "2024-08-22T00:00:00.0000000Z"},
	{id: RoleCognitiveServicesUser, name: "Cognitive Services User", description: "Lets you read and list keys of Cognitive Services.",
		actions: []string{"Microsoft.CognitiveServices/*/read", "Microsoft.CognitiveServices/accounts/listkeys/action", "Microsoft.Insights/alertRules/read",
			"Microsoft.Insights/diagnosticSettings/read", "Microsoft.Insights/logDefinitions/read", "Microsoft.Insights/metricdefinitions/read",
			"Microsoft.Insights/metrics/read", "Microsoft.ResourceHealth/availabilityStatuses/read", "Microsoft.Resources/deployments/operations/read",
			"Microsoft.Resources/subscriptions/operationresults/read", "Microsoft.Resources/subscriptions/read",
			"Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*"},
		dataActions: []string{"Microsoft.CognitiveServices/*"},
		createdOn:   "2018-08-08T18:29:21.4880000Z", updatedOn: "2022-09-21T00:00:00.0000000Z"},
	{id: RoleAzureAIDeveloper, name: "Azure AI Developer", description: "Can perform all actions within an Azure AI resource besides managing the resource itself.",
		actions: []string{"Microsoft.MachineLearningServices/workspaces/*/read", "Microsoft.MachineLearningServices/workspaces/*/action",
			"Microsoft.MachineLearningServices/workspaces/*/delete", "Microsoft.MachineLearningServices/workspaces/*/write",
			"Microsoft.MachineLearningServices/locations/*/read", "Microsoft.Authorization/*/read", "Microsoft.Resources/deployments/*"},
		notActions: []string{"Microsoft.MachineLearningServices/workspaces/delete", "Microsoft.MachineLearningServices/workspaces/write",
			"Microsoft.MachineLearningServices/workspaces/computes/*/write", "Microsoft.MachineLearningServices/workspaces/computes/*/delete",
			"Microsoft.MachineLearningServices/workspaces/computes/listKeys/action", "Microsoft.MachineLearningServices/workspaces/listKeys/action",
			"Microsoft.MachineLearningServices/workspaces/hubs/write", "Microsoft.MachineLearningServices/workspaces/hubs/delete",
			"Microsoft.MachineLearningServices/workspaces/featurestores/write", "Microsoft.MachineLearningServices/workspaces/featurestores/delete"},
		dataActions: []string{"Microsoft.CognitiveServices/accounts/OpenAI/*", "Microsoft.CognitiveServices/accounts/SpeechServices/*",
			"Microsoft.CognitiveServices/accounts/ContentSafety/*", "Microsoft.CognitiveServices/accounts/MaaS/*"},
		createdOn: "2023-11-13T00:00:00.0000000Z", updatedOn: "2024-05-14T00:00:00.0000000Z"},
	{id: RoleCosmosDBOperator, name: "Cosmos DB Operator", description: "Lets you manage Azure Cosmos DB accounts, but not access data in them. Prevents access to account keys and connection strings.",
		actions: []string{"Microsoft.DocumentDb/databaseAccounts/*", "Microsoft.Insights/alertRules/*", "Microsoft.Authorization/*/read",
			"Microsoft.ResourceHealth/availabilityStatuses/read", "Microsoft.Resources/deployments/*",
			"Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*", "Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action"},
		notActions: []string{"Microsoft.DocumentDB/databaseAccounts/dataTransferJobs/*", "Microsoft.DocumentDB/databaseAccounts/readonlyKeys/*",
			"Microsoft.DocumentDB/databaseAccounts/regenerateKey/*", "Microsoft.DocumentDB/databaseAccounts/listKeys/*",
			"Microsoft.DocumentDB/databaseAccounts/listConnectionStrings/*", "Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions/write",
			"Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions/delete", "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments/write",
			"Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments/delete"},
		createdOn: "2018-10-04T00:00:00.0000000Z", updatedOn: "2023-05-05T00:00:00.0000000Z"},
	{id: RoleStorageBlobDataContributor, name: "Storage Blob Data Contributor", description: "Allows for read, write and delete access to Azure Storage blob containers and data",
		actions: []string{"Microsoft.Storage/storageAccounts/blobServices/containers/delete", "Microsoft.Storage/storageAccounts/blobServices/containers/read",
			"Microsoft.Storage/storageAccounts/blobServices/containers/write", "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"},
		dataActions: []string{"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
			"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action",
			"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action"},
		createdOn: "2017-12-21T00:01:24.7972312Z", updatedOn: "2021-11-11T20:13:54.1800000Z"},
	{id: RoleStorageBlobDataOwner, name: "Storage Blob Data Owner", description: "Allows for full access to Azure Storage blob containers and data, including assigning POSIX access control.",
		actions:     []string{"Microsoft.Storage/storageAccounts/blobServices/containers/*", "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"},
		dataActions: []string{"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"},
		createdOn:   "2018-12-04T07:02:58.2775257Z", updatedOn: "2021-11-11T20:13:55.6200000Z"},
	{id: RoleStorageQueueDataContributor, name: "Storage Queue Data Contributor", description: "Allows for read, write, and delete access to Azure Storage queues and queue messages",
		actions: []string{"Microsoft.Storage/storageAccounts/queueServices/queues/delete", "Microsoft.Storage/storageAccounts/queueServices/queues/read",
			"Microsoft.Storage/storageAccounts/queueServices/queues/write"},
		dataActions: []string{"Microsoft.Storage/storageAccounts/queueServices/queues/messages/delete", "Microsoft.Storage/storageAccounts/queueServices/queues/messages/read",
			"Microsoft.Storage/storageAccounts/queueServices/queues/messages/write", "Microsoft.Storage/storageAccounts/queueServices/queues/messages/process/action"},
		createdOn: "2017-12-21T00:01:24.7972312Z", updatedOn: "2021-11-11T20:13:54.5600000Z"},
	{id: RoleSearchIndexDataContributor, name: "Search Index Data Contributor", description: "Grants full access to Azure Cognitive Search index data.",
		dataActions: []string{"Microsoft.Search/searchServices/indexes/documents/*"},
		createdOn:   "2021-01-21T00:00:00.0000000Z", updatedOn: "2021-06-14T00:00:00.0000000Z"},
	{id: RoleSearchServiceContributor, name: "Search Service Contributor", description: "Lets you manage Search services, but not access to them.",
		actions: []string{"Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.ResourceHealth/availabilityStatuses/read",
			"Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Search/searchServices/*", "Microsoft.Support/*"},
		createdOn: "2015-02-02T21:55:09.8806423Z", updatedOn: "2021-11-11T20:13:47.8600000Z"},
	{id: RoleKeyVaultCryptoUser, name: "Key Vault Crypto User", description: "Perform cryptographic operations using keys. Only works for key vaults that use the 'Azure role-based access control' permission model.",
		dataActions: []string{"Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/update/action", "Microsoft.KeyVault/vaults/keys/backup/action",
			"Microsoft.KeyVault/vaults/keys/encrypt/action", "Microsoft.KeyVault/vaults/keys/decrypt/action", "Microsoft.KeyVault/vaults/keys/wrap/action",
			"Microsoft.KeyVault/vaults/keys/unwrap/action", "Microsoft.KeyVault/vaults/keys/sign/action", "Microsoft.KeyVault/vaults/keys/verify/action"},
		createdOn: "2020-05-19T17:52:47.0099249Z", updatedOn: "2021-11-11T20:13:50.8300000Z"},
	{id: RoleKeyVaultCryptoServiceEncryptionUser, name: "Key Vault Crypto Service Encryption User", description: "Read metadata of keys and perform wrap/unwrap operations. Only works for key vaults that use the 'Azure role-based access control' permission model.",
		actions:     []string{"Microsoft.EventGrid/eventSubscriptions/write", "Microsoft.EventGrid/eventSubscriptions/read", "Microsoft.EventGrid/eventSubscriptions/delete"},
		dataActions: []string{"Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action"},
		createdOn:   "2020-05-19T17:52:46.2349235Z", updatedOn: "2021-11-11T20:13:50.6500000Z"},
}

// findRole finds a built-in role by GUID.
func findRole(guid string) *roleDefinition {
	for _, r := range builtInRoles {
		if strings.EqualFold(r.id, guid) {
			return r
		}
	}
	return nil
}

// actionMatches compares an action with a permission pattern ('*' matches any run of characters), ignoring case.
func actionMatches(pattern, action string) bool {
	p, a := lower(pattern), lower(action)
	parts := strings.Split(p, "*")
	if len(parts) == 1 {
		return p == a
	}
	if !strings.HasPrefix(a, parts[0]) {
		return false
	}
	a = a[len(parts[0]):]
	for i, part := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(a, part)
		}
		k := strings.Index(a, part)
		if k < 0 {
			return false
		}
		a = a[k+len(part):]
	}
	return true
}

// grantsAction reports whether the role's actions (minus notActions) cover a control-plane action.
func (r *roleDefinition) grantsAction(action string) bool {
	return grants(r.actions, r.notActions, action)
}

// grantsDataAction reports whether the role's data actions (minus notDataActions) cover a data action.
func (r *roleDefinition) grantsDataAction(action string) bool {
	return grants(r.dataActions, r.notDataActions, action)
}

// grants reports whether an action matches one of the patterns and none of the excluded ones.
func grants(patterns, excluded []string, action string) bool {
	for _, p := range excluded {
		if actionMatches(p, action) {
			return false
		}
	}
	for _, p := range patterns {
		if actionMatches(p, action) {
			return true
		}
	}
	return false
}

// RoleLabel is "name (GUID)" of a built-in role, the GUID alone for an unknown one.
func RoleLabel(guid string) string {
	if r := findRole(guid); r != nil {
		return r.name + " (" + r.id + ")"
	}
	return guid
}
