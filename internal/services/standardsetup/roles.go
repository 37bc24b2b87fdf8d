package standardsetup

import (
	"strings"
)

// controlRole is a role the project identity needs on a dependency before the capability host is created
// (arm-neighbours.md §1.3, §3.1 step 4).
type controlRole struct {
	key, guid string
	on        string // "storage", "cosmos" or "search"
}

var controlRoles = []controlRole{
	{key: "cosmos_db_operator", guid: "230815da-be43-4aae-9cb4-875f7bd000aa", on: "cosmos"},
	{key: "storage_blob_data_contributor", guid: "ba92f5b4-2d11-453d-a403-e96b0029c9fe", on: "storage"},
	{key: "search_index_data_contributor", guid: "8ebe5a00-799e-43f5-93ac-243d3dce84a7", on: "search"},
	{key: "search_service_contributor", guid: "7ca78c08-252a-4471-8644-bb5ff32d4ba0", on: "search"},
}

const (
	blobDataOwnerKey       = "storage_blob_data_owner"
	blobDataOwnerGUID      = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"
	cosmosDataContribKey   = "cosmos_db_data_contributor"
	agentDatabase          = "enterprise_memory"
	conditionVersion       = "2.0"
	principalTypeSP        = "ServicePrincipal"
	additionalKeySeparator = "/"
)

// blobOwnerCondition is the ABAC condition of the Storage Blob Data Owner assignment (arm-neighbours.md §3.3, as
// Bicep 15 sends it): blob tag reads/writes and blob filtering only on containers named <projectGUID>…-azureml-agent.
func blobOwnerCondition(projectGUID string) string {
	return "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/read'}) AND " +
		"!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/filter/action'}) AND " +
		"!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/write'}) ) OR " +
		"(@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWithIgnoreCase '" + projectGUID + "' AND " +
		"@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringLikeIgnoreCase '*-azureml-agent'))"
}

// dataRoleKey is the role_assignment_ids key of a data-plane role for a principal: the bare key for the project
// identity, key/principal for an additional principal.
func dataRoleKey(key, principal string, additional bool) string {
	if !additional {
		return key
	}
	return key + additionalKeySeparator + strings.ToLower(principal)
}
