package account

import "github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"

// accountHints say what to do about the errors of account writes: names and subdomains held by soft-deleted accounts,
// and the agent subnet of network injection. Every API error of the package carries them, with encryption.Hints.
var accountHints = diagnostics.Codes{
	"FlagMustBeSetForRestore": "A soft-deleted account holds this name. Recover it by setting features { account { recover_soft_deleted = true } } in the provider block, " +
		"or purge it first (az cognitiveservices account purge) and apply again.",
	"CustomDomainInUse": "Custom subdomain names are globally unique, and soft-deleted accounts keep theirs for 48 hours. Choose another custom_subdomain_name, " +
		"or purge the soft-deleted account that holds it.",
	"SubnetInUse": "An agent subnet serves one Foundry account only, and keeps the link of a deleted account until that account is purged. " +
		"Use another subnet, or purge the old account (az cognitiveservices account purge) and wait for the link to go.",
	"InUseSubnetCannotBeDeleted": "A Foundry account still holds the subnet. Destroy (and purge) the account first; with features.account.purge_soft_delete_on_destroy " +
		"the provider waits until the subnet is released.",
	"NetworkInjectionsUpdateNotSupported": "Network injection cannot change on an existing account; the account must be re-created (network_injection forces replacement).",
	"SubnetMissingRequiredDelegation":     "Delegate the agent subnet to Microsoft.App/environments.",
	"InvalidSubnetAddressSpace":           "Use an agent subnet in an RFC 1918 range outside 172.30.0.0/16 and 172.31.0.0/16 (the samples use 192.168.0.0/24).",
}
