// Package diagnostics holds the constructors of every user-facing diagnostic the provider emits.
package diagnostics

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// Operation is what the provider was doing when an API call failed.
type Operation string

// Operations named in summaries ("Unable to create account") and details ("Creating account ... failed").
const (
	Creating   Operation = "create"
	Reading    Operation = "read"
	Updating   Operation = "update"
	Deleting   Operation = "delete"
	Purging    Operation = "purge"
	Recovering Operation = "recover"
	Checking   Operation = "check"
)

var gerund = map[Operation]string{
	Creating: "Creating", Reading: "Reading", Updating: "Updating", Deleting: "Deleting",
	Purging: "Purging", Recovering: "Recovering", Checking: "Checking",
}

// hints says what a user can do about an ARM error code.
var hints = map[string]string{
	"FlagMustBeSetForRestore": "A soft-deleted account holds this name. Recover it by setting features { account { recover_soft_deleted = true } } in the provider block, " +
		"or purge it first (az cognitiveservices account purge) and apply again.",
	"CustomDomainInUse": "Custom subdomain names are globally unique, and soft-deleted accounts keep theirs for 48 hours. Choose another custom_subdomain_name, " +
		"or purge the soft-deleted account that holds it.",
	"RequestConflict": "Another operation is running on the same Foundry account and did not finish within the retry window. Apply again, " +
		"or raise the resource's timeouts.",
	"InvalidAuthenticationTokenAudience": "The token was issued for the wrong audience. Check endpoints.resource_manager_audience (ARM_RESOURCE_MANAGER_AUDIENCE): " +
		"it must be the Azure Resource Manager audience of your cloud.",
	"AuthorizationFailed": "The signed-in principal lacks permission for this operation. Grant it a role with this action on the scope named in the message.",
	"MissingSubscriptionRegistration": "Register the Microsoft.CognitiveServices resource provider on the subscription (az provider register -n Microsoft.CognitiveServices), " +
		"or remove skip_provider_registration.",
	"ResourceGroupNotFound": "Create the resource group first, or correct resource_group_name.",
	"CannotDeleteDefaultProject": "The account's default project (the first one created) can only be deleted after its other projects. " +
		"When the other projects are destroyed in the same run, the provider waits for them and deletes it last; it gave up because none of them " +
		"went away for two minutes. Destroy the other projects of the account first, or keep this one.",
	"SubscriptionNotFound": "Check subscription_id (ARM_SUBSCRIPTION_ID).",
	"KeyVaultAccessForbidden": "Give the identity named in the message get, wrapKey and unwrapKey on the key (Key Vault Crypto User, or an access policy), " +
		"then apply again. A system-assigned identity only exists after the account: create the account, grant, then set the key with foundry_account_customer_managed_key.",
	"CannotRevertEncryption": "Azure cannot switch an account back to Microsoft-managed keys. Keep the customer-managed key, or re-create the account " +
		"(terraform apply -replace=<address>), which deletes its data.",
	"CannotChangeKeyVault": "A customer-managed key can only change to another key or version in the same vault. Re-create the account to use another vault.",
	"SubnetInUse": "An agent subnet serves one Foundry account only, and keeps the link of a deleted account until that account is purged. " +
		"Use another subnet, or purge the old account (az cognitiveservices account purge) and wait for the link to go.",
	"InUseSubnetCannotBeDeleted": "A Foundry account still holds the subnet. Destroy (and purge) the account first; with features.account.purge_soft_delete_on_destroy " +
		"the provider waits until the subnet is released.",
	"NetworkInjectionsUpdateNotSupported": "Network injection cannot change on an existing account; the account must be re-created (network_injection forces replacement).",
	"SubnetMissingRequiredDelegation":     "Delegate the agent subnet to Microsoft.App/environments.",
	"InvalidSubnetAddressSpace":           "Use an agent subnet in an RFC 1918 range outside 172.30.0.0/16 and 172.31.0.0/16 (the samples use 192.168.0.0/24).",
	"PermissionDenied": "The signed-in principal has no Foundry role with this data action on the project yet. Grant it Foundry User " +
		"(role definition " + FoundryUserRoleID + ") on the project or its account, e.g. with a foundry_role_assignment whose principal_id is " +
		"data.foundry_client_config.current.object_id and wait_for_propagation = true. New assignments take minutes to reach the data plane; " +
		"the provider retries until the resource's timeout, which you can raise.",
	"PrincipalNotFound": "The principal does not exist in the directory, or was created moments ago and has not replicated yet (the provider retried " +
		"until the timeout). Check principal_id, set principal_type (ServicePrincipal for managed identities), or raise the create timeout.",
	"RoleAssignmentUpdateNotPermitted": "The scope, role and principal of a role assignment cannot change; Terraform replaces the assignment instead. " +
		"An assignment with this name exists with other values: remove it, or import it.",
	"DeploymentModelNotSupported": "The account's region does not offer this model format, name and version. The foundry_models data source lists what the " +
		"account can deploy; leave model.version out to get the default version.",
	"InsufficientQuota": "Lower sku.capacity, shrink or delete other deployments that use this quota, or request more quota for the subscription. " +
		"The foundry_usages data source shows usage and limits.",
	"CannotChangeDeploymentModel": "A deployment's model cannot change: replace the deployment (terraform apply -replace) to deploy another model.",
	"CannotChangeDeploymentSku":   "A deployment's SKU cannot change: replace the deployment (terraform apply -replace) to use another SKU.",
	"CapabilityHostRBACNotEffective": "The project's managed identity cannot use the connected Cosmos DB, Storage or AI Search resources yet: its role " +
		"assignments take minutes to reach their data planes. foundry_agent_standard_setup retries until its create timeout; raise the timeout, or " +
		"check that the identity holds Cosmos DB Operator, Storage Blob Data Contributor, Search Index Data Contributor and Search Service Contributor.",
}

// FoundryUserRoleID is the role definition GUID of Foundry User (formerly Azure AI User), the least-privileged role
// that allows agent CRUD on the project data plane.
const FoundryUserRoleID = "53ca6127-db72-4b80-b1b0-d745d6d5456d"

// APIError reports a failed API call: what was attempted on which ARM ID, the ARM code and message, and what to do.
func APIError(op Operation, object, id string, err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic(fmt.Sprintf("Unable to %s %s", op, object), apiDetail(op, object, id, err))
}

// AttributeAPIError is APIError attached to the attribute the failure concerns.
func AttributeAPIError(p path.Path, op Operation, object, id string, err error) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, fmt.Sprintf("Unable to %s %s", op, object), apiDetail(op, object, id, err))
}

func apiDetail(op Operation, object, id string, err error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %q failed: ", gerund[op], object, id)
	code, msg := client.ErrorCode(err), client.ErrorMessage(err)
	switch {
	case code != "" && msg != "":
		fmt.Fprintf(&b, "%s: %s", code, msg)
	case code != "":
		fmt.Fprintf(&b, "%s (HTTP %d)", code, client.StatusCode(err))
	case msg != "":
		fmt.Fprintf(&b, "HTTP %d: %s", client.StatusCode(err), msg)
	default:
		b.WriteString(err.Error())
	}
	if h, ok := hints[code]; ok {
		b.WriteString("\n\n" + h)
	}
	return b.String()
}

// DataPlaneDenied reports a project data-plane call answered 401: missing RBAC (PermissionDenied, still after
// retrying until the timeout) or a token the gateway refused (wrong audience, expired). action is the data action the
// call needs.
func DataPlaneDenied(op Operation, object, id, action string, err error) diag.Diagnostic {
	detail := apiDetail(op, object, id, err)
	if client.ErrorCode(err) == "" {
		detail += fmt.Sprintf("\n\nThe project endpoint refused the token itself, before checking roles: it accepts only tokens for its audience "+
			"(https://ai.azure.com in the public cloud). Check endpoints.project_audience (ARM_PROJECT_AUDIENCE) in the provider block. Once the "+
			"token is accepted, the call needs the data action %s, which Foundry User (role definition %s) grants; assign it with "+
			"foundry_role_assignment.", action, FoundryUserRoleID)
	}
	return diag.NewErrorDiagnostic(fmt.Sprintf("Unable to %s %s", op, object), detail)
}

// AttributeWarning warns about one attribute's value (e.g. a deprecated name) and says what to use instead.
func AttributeWarning(p path.Path, summary, detail string) diag.Diagnostic {
	return diag.NewAttributeWarningDiagnostic(p, summary, detail)
}

// CheckSkipped warns that a plan-time check could not run because reading object id failed; apply checks again.
func CheckSkipped(what, object, id string, err error) diag.Diagnostic {
	return diag.NewWarningDiagnostic("Could not check the "+what,
		apiDetail(Reading, object, id, err)+"\n\nThe plan goes on without this check; Azure checks the same at apply.")
}

// InvalidProviderConfig reports a provider argument (or its environment variable) that cannot be used.
func InvalidProviderConfig(p path.Path, detail string) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, "Invalid provider configuration", detail)
}

// ProviderSetup reports a failure to build the API client from a valid-looking configuration.
func ProviderSetup(detail string, err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Unable to configure the foundry provider", fmt.Sprintf("%s: %s", detail, err))
}

// InvalidImportID reports an import ID that does not have the expected shape.
func InvalidImportID(got, expected string, err error) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Invalid import ID",
		fmt.Sprintf("Cannot import %q: %s.\n\nExpected an ARM ID of the form %s", got, err, expected))
}

// InvalidAttribute reports a plan-time problem with one attribute and what to do about it.
func InvalidAttribute(p path.Path, summary, detail string) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, summary, detail)
}

// CapabilityHostTaken reports that a scope (an account or a project) already holds another capability host: Azure
// allows one per scope.
func CapabilityHostTaken(p path.Path, scope, scopeID, existingID string) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(p, fmt.Sprintf("The %s already has a capability host", scope),
		fmt.Sprintf("Creating a capability host in %s %q is not possible: it already has %q, and Azure allows one capability host per %s. "+
			"Import the existing one (terraform import <address> %s), or delete it first.", scope, scopeID, existingID, scope, existingID))
}

// CapabilityHostAPIError is APIError for capability host writes: a 409 Conflict (other than RequestConflict, which
// the client retries) means the scope already has another host, or the host is busy with another operation.
func CapabilityHostAPIError(op Operation, object, id string, err error) diag.Diagnostic {
	d := apiDetail(op, object, id, err)
	if IsCapabilityHostConflict(err) {
		d += "\n\nAn account and each project hold one capability host, and Azure cannot update one. Import the existing host " +
			"(foundry_account_capability_host or foundry_project_capability_host), or delete it first. A host that is still being created or " +
			"deleted refuses writes too: apply again once it has finished."
	}
	return diag.NewErrorDiagnostic(fmt.Sprintf("Unable to %s %s", op, object), d)
}

// IsCapabilityHostConflict reports whether err is the 409 a capability host write gets when its scope is taken.
func IsCapabilityHostConflict(err error) bool {
	return client.IsConflict(err) && client.ErrorCode(err) != "RequestConflict"
}

// Bug reports a state the provider should never reach.
func Bug(detail string) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Unexpected provider state", detail+"\n\nThis is a bug in the provider; please report it.")
}

// ConnectionNameHint says what to do when a connection name is taken: ARM answers a connection PUT with 409 (code
// Conflict) when another connection of the account, or of any of its projects, has the name.
const ConnectionNameHint = "Connection names are unique across the whole account: the account's connections and those of all its projects " +
	"share one namespace. Choose another name, or remove or import the connection named in the message."

// ConnectionAPIError is APIError for connection writes: a 409 other than RequestConflict (account busy, retried by the
// client) means the name is taken elsewhere in the account, which the generic code Conflict does not say.
func ConnectionAPIError(op Operation, object, id string, err error) diag.Diagnostic {
	if client.IsConflict(err) && client.ErrorCode(err) != "RequestConflict" {
		return diag.NewErrorDiagnostic(fmt.Sprintf("Unable to %s %s", op, object), apiDetail(op, object, id, err)+"\n\n"+ConnectionNameHint)
	}
	return APIError(op, object, id, err)
}
