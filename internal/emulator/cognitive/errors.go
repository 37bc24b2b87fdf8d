package cognitive

import (
	"strings"
)

// Error codes of the Microsoft.CognitiveServices rules and of the wings still in this package, one table so they can
// be reviewed against Learn and observed responses (the front door's are arm.Code…).
const (
	codeInvalidProvisioning    = "InvalidProvisioningState"
	codeLocationRequired       = "LocationRequired"
	codeLocationNotAvailable   = "LocationNotAvailableForResourceType"
	codeKindRequired           = "KindRequired"
	codeSkuRequired            = "SkuRequired"
	codeInvalidSkuName         = "InvalidSkuName"
	codeCustomDomainInUse      = "CustomDomainInUse"
	codeSubdomainUpdate        = "CustomSubDomainNameUpdateNotAllowed"
	codeInvalidSubdomain       = "InvalidSubDomainName"
	codeSubdomainRequired      = "CustomSubDomainNameRequired"
	codeIdentityRequired       = "IdentityRequired"
	codeFlagMustBeSet          = "FlagMustBeSetForRestore"
	codeNothingToRestore       = "SoftDeletedResourceNotFound"
	codeInvalidResourceName    = "InvalidResourceName"
	codeProjectLocation        = "InvalidProjectLocation"
	codeProjectMgmtDisabled    = "ProjectManagementNotAllowed"
	codeInvalidDeploymentModel = "InvalidDeploymentModel"
	codeDefaultProjectDelete   = "CannotDeleteDefaultProject"
	codeModelNotSupported      = "DeploymentModelNotSupported"
	codeInvalidResourceProps   = "InvalidResourceProperties"
	codeInsufficientQuota      = "InsufficientQuota"
	codeChangeDeploymentModel  = "CannotChangeDeploymentModel"
	codeChangeDeploymentSku    = "CannotChangeDeploymentSku"
	codeOperationNotSupported  = "OperationNotSupported"

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

	// Connections (connections.go); both codes are the emulator's choice.
	codeConnectionValidation   = "ValidationError"
	codeConnectionNameConflict = "Conflict"

	// Capability hosts (capabilityhosts.go): Conflict and InvalidData as observed (arm-foundry.md §8.6);
	// CapabilityHostProvisioningFailed (operation error for missing RBAC) is the emulator's choice.
	codeCapabilityHostConflict     = "Conflict"
	codeInvalidData                = "InvalidData"
	codeCapabilityHostProvisioning = "CapabilityHostProvisioningFailed"

	// RAI policies and blocklists (rai*.go). "Resource has invalid content filter" is Azure's, as observed
	// (Azure/terraform-azurerm-avm-res-cognitiveservices-account#118); the others are the emulator's choice.
	codeRAIInvalidContentFilter = "Resource has invalid content filter"
	codeRAIInvalidPolicy        = "InvalidRaiPolicy"
	codeRAIPolicyNotFound       = "RaiPolicyNotFound"
	codeRAIPolicyInUse          = "RaiPolicyInUse"
	codeRAIBlocklistInUse       = "RaiBlocklistInUse"
	codeRAIInvalidBlocklistItem = "InvalidRaiBlocklistItem"

	// Managed networks and outbound rules (managednetworks.go, outboundrules.go): every code is the emulator's choice
	// (neither the spec nor the reference names the service's).
	codeInvalidIsolationMode      = "InvalidIsolationMode"
	codeInvalidFirewallSku        = "InvalidFirewallSku"
	codeInvalidManagedNetworkKind = "InvalidManagedNetworkKind"
	codeIsolationModeChange       = "IsolationModeChangeNotSupported"
	codeManagedNetworkKindChange  = "ManagedNetworkKindChangeNotSupported"
	codeIsolationDisabled         = "ManagedNetworkIsolationDisabled"
	codeRuleNotAllowedForMode     = "OutboundRuleNotAllowedForIsolationMode"
	codeInvalidOutboundRule       = "InvalidOutboundRule"
	codeInvalidRuleCategory       = "InvalidOutboundRuleCategory"
	codeRuleUpdateNotSupported    = "OutboundRuleUpdateNotSupported"
	codeRequiredRuleReadOnly      = "RequiredOutboundRuleReadOnly"
	codeRuleNameReserved          = "OutboundRuleNameReserved"
)

func lower(s string) string { return strings.ToLower(s) }
