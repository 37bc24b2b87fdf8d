package emulator

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// armError is an ARM error envelope with its HTTP status.
type armError struct {
	status  int
	code    string
	message string
}

func (e *armError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

// ARM error codes, one table so they can be reviewed against Learn and observed responses.
const (
	codeMissingAPIVersion      = "MissingApiVersionParameter"
	codeNoRegisteredProvider   = "NoRegisteredProviderFound"
	codeInvalidRequestContent  = "InvalidRequestContent"
	codeSubscriptionNotFound   = "SubscriptionNotFound"
	codeResourceGroupNotFound  = "ResourceGroupNotFound"
	codeParentNotFound         = "ParentResourceNotFound"
	codeResourceNotFound       = "ResourceNotFound"
	codePreconditionFailed     = "PreconditionFailed"
	codeRequestConflict        = "RequestConflict"
	codeBadRequest             = "BadRequest"
	codeInvalidProvisioning    = "InvalidProvisioningState"
	codeLocationRequired       = "LocationRequired"
	codeLocationNotAvailable   = "LocationNotAvailableForResourceType"
	codeLocationUpdate         = "LocationUpdateNotSupported"
	codeKindRequired           = "KindRequired"
	codeKindUpdate             = "KindUpdateNotSupported"
	codeSkuRequired            = "SkuRequired"
	codeInvalidSkuName         = "InvalidSkuName"
	codeCustomDomainInUse      = "CustomDomainInUse"
	codeSubdomainUpdate        = "CustomSubDomainNameUpdateNotAllowed"
	codeInvalidSubdomain       = "InvalidSubDomainName"
	codeSubdomainRequired      = "CustomSubDomainNameRequired"
	codeIdentityRequired       = "IdentityRequired"
	codeInvalidIdentityType    = "InvalidIdentityType"
	codeFlagMustBeSet          = "FlagMustBeSetForRestore"
	codeNothingToRestore       = "SoftDeletedResourceNotFound"
	codeInvalidResourceName    = "InvalidResourceName"
	codeProjectLocation        = "InvalidProjectLocation"
	codeProjectMgmtDisabled    = "ProjectManagementNotAllowed"
	codeInvalidDeploymentModel = "InvalidDeploymentModel"
	codeInvalidKeyName         = "InvalidKeyName"
	codeDefaultProjectDelete   = "CannotDeleteDefaultProject"
	codeModelNotSupported      = "DeploymentModelNotSupported"
	codeInvalidResourceProps   = "InvalidResourceProperties"
	codeInsufficientQuota      = "InsufficientQuota"
	codeChangeDeploymentModel  = "CannotChangeDeploymentModel"
	codeChangeDeploymentSku    = "CannotChangeDeploymentSku"
	codeOperationNotSupported  = "OperationNotSupported"
	codeOperationNotFound      = "OperationNotFound"
	codeInvalidResourceType    = "InvalidResourceType"
	codeMethodNotAllowed       = "MethodNotAllowed"

	// Customer-managed keys (cmk.go) and network injection (injection.go), Microsoft.Network (network.go).
	codeInvalidKeySource          = "InvalidKeySource"
	codeInvalidKeyVaultProperties = "InvalidKeyVaultProperties"
	codeKeyVaultNotFound          = "KeyVaultNotFound"
	codeKeyVaultRegionMismatch    = "KeyVaultRegionMismatch"
	codeKeyVaultTenantMismatch    = "KeyVaultTenantMismatch"
	codeKeyVaultProtection        = "KeyVaultSoftDeleteAndPurgeProtectionRequired"
	codeInvalidIdentityClientID   = "InvalidIdentityClientId"
	codeKeyVaultAccessForbidden   = "KeyVaultAccessForbidden"
	codeKeyNotFound               = "KeyNotFound"
	codeInvalidKeyType            = "InvalidKeyType"
	codeCannotRevertEncryption    = "CannotRevertEncryption"
	codeCannotChangeKeyVault      = "CannotChangeKeyVault"
	codeInjectionUpdate           = "NetworkInjectionsUpdateNotSupported"
	codeInvalidInjection          = "InvalidNetworkInjections"
	codeLinkedInvalidPropertyID   = "LinkedInvalidPropertyId"
	codeSubnetNotFound            = "SubnetNotFound"
	codeSubnetLocationMismatch    = "SubnetLocationMismatch"
	codeSubnetMissingDelegation   = "SubnetMissingRequiredDelegation"
	codeInvalidSubnetAddressSpace = "InvalidSubnetAddressSpace"
	codeSubnetInUse               = "SubnetInUse"
	codeInUseSubnetCannotDelete   = "InUseSubnetCannotBeDeleted"

	// Microsoft.Authorization (authorization.go) and data-plane RBAC (rbac.go).
	codeRoleAssignmentNotFound     = "RoleAssignmentNotFound"
	codeRoleAssignmentExists       = "RoleAssignmentExists"
	codeRoleAssignmentUpdateDenied = "RoleAssignmentUpdateNotPermitted"
	codeInvalidRoleAssignmentID    = "InvalidRoleAssignmentId"
	codeRoleDefinitionNotFound     = "RoleDefinitionDoesNotExist"
	codeInvalidRoleDefinitionID    = "InvalidRoleDefinitionId"
	codeInvalidPrincipalID         = "InvalidPrincipalId"
	codePrincipalNotFound          = "PrincipalNotFound"
	codeUnmatchedPrincipalType     = "UnmatchedPrincipalType"
	codeInvalidConditionVersion    = "InvalidConditionVersion"
	codeUnsupportedQuery           = "UnsupportedQuery"
	codeInvalidScope               = "InvalidScope"
	codePermissionDenied           = "PermissionDenied"

	// Connections (connections.go); both codes are the emulator's choice.
	codeConnectionValidation   = "ValidationError"
	codeConnectionNameConflict = "Conflict"

	// Capability hosts (capabilityhosts.go): Conflict and InvalidData as observed (arm-foundry.md §8.6);
	// CapabilityHostProvisioningFailed (operation error for missing RBAC) is the emulator's choice.
	codeCapabilityHostConflict     = "Conflict"
	codeInvalidData                = "InvalidData"
	codeCapabilityHostProvisioning = "CapabilityHostProvisioningFailed"
)

func errf(status int, code, format string, args ...any) *armError {
	return &armError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// faultCode picks a realistic code for an injected status fault without one.
func faultCode(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "TooManyRequests"
	case http.StatusServiceUnavailable:
		return "ServiceUnavailable"
	case http.StatusInternalServerError:
		return "InternalServerError"
	case http.StatusBadGateway:
		return "BadGateway"
	case http.StatusGatewayTimeout:
		return "GatewayTimeout"
	case http.StatusConflict:
		return "Conflict"
	case http.StatusNotFound:
		return "NotFound"
	case http.StatusForbidden:
		return "AuthorizationFailed"
	}
	return http.StatusText(status)
}

func envelope(code, message string) map[string]any {
	return map[string]any{"error": map[string]any{"code": code, "message": message}}
}

func writeError(w http.ResponseWriter, e *armError) {
	w.Header().Set("x-ms-error-code", e.code)
	if e.status == http.StatusTooManyRequests || e.status >= 500 {
		w.Header().Set("x-ms-failurecause", "service")
	} else {
		w.Header().Set("x-ms-failurecause", "client")
	}
	wire.WriteJSON(w, e.status, envelope(e.code, e.message))
}

func notFound(typ, name, rg string) *armError {
	return errf(http.StatusNotFound, codeResourceNotFound,
		"The Resource '%s/%s' under resource group '%s' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix", typ, name, rg)
}

func lower(s string) string { return strings.ToLower(s) }
