package encryption

import "github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"

// Hints are the hints for writes of an account's encryption (foundry_account and
// foundry_account_customer_managed_key).
var Hints = diagnostics.Codes{
	"KeyVaultAccessForbidden": "Give the identity named in the message get, wrapKey and unwrapKey on the key (Key Vault Crypto User, or an access policy), " +
		"then apply again. A system-assigned identity only exists after the account: create the account, grant, then set the key with foundry_account_customer_managed_key.",
	"CannotRevertEncryption": "Azure cannot switch an account back to Microsoft-managed keys. Keep the customer-managed key, or re-create the account " +
		"(terraform apply -replace=<address>), which deletes its data.",
	"CannotChangeKeyVault": "A customer-managed key can only change to another key or version in the same vault. Re-create the account to use another vault.",
}
