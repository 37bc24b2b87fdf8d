# Foundry accounts must be encrypted with a customer-managed key: the inline customer_managed_key block, or a
# foundry_account_customer_managed_key resource for the account in the same plan.
package foundry.customer_managed_key

import data.foundry.lib

has_key(account) if lib.after(account).customer_managed_key != null

has_key(account) if {
	some key in lib.changed("foundry_account_customer_managed_key")
	lib.belongs_to(key, "account_id", account)
}

deny contains msg if {
	some rc in lib.changed("foundry_account")
	not has_key(rc)
	msg := sprintf("%s: no customer-managed key; set customer_managed_key or add a foundry_account_customer_managed_key for it", [rc.address])
}
