# Accounts whose tags say they hold sensitive data (data.foundry_policy.approved_outbound_tags: tag → values) must run
# their agents in a managed network that allows only approved outbound traffic: a foundry_account_managed_network
# with isolation_mode "AllowOnlyApprovedOutbound" in the plan.
package foundry.managed_network_isolation

import data.foundry.lib

approved := "AllowOnlyApprovedOutbound"

# requires names the tag that makes an account need approved-only outbound traffic.
requires(account) := sprintf("%s = %s", [k, v]) if {
	some k, values in data.foundry_policy.approved_outbound_tags
	v := object.get(object.get(lib.after(account), "tags", {}), k, null)
	v in values
}

# accounts are the accounts the plan keeps (created, updated or unchanged).
accounts := [rc |
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type == "foundry_account"
	not "delete" in rc.change.actions
]

networks_of(account) := [rc |
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type == "foundry_account_managed_network"
	not "delete" in rc.change.actions
	lib.belongs_to(rc, "account_id", account)
]

deny contains msg if {
	some rc in lib.changed("foundry_account_managed_network")
	some account in accounts
	lib.belongs_to(rc, "account_id", account)
	why := requires(account)
	mode := lib.after(rc).isolation_mode
	mode != approved
	msg := sprintf("%s: isolation_mode is %q but %s (%s) must allow only approved outbound traffic; set isolation_mode = %q",
		[rc.address, mode, account.address, why, approved])
}

deny contains msg if {
	some rc in lib.changed("foundry_account")
	why := requires(rc)
	count(networks_of(rc)) == 0
	msg := sprintf("%s: %s, so it must allow only approved outbound traffic, but it has no foundry_account_managed_network; add one with isolation_mode = %q",
		[rc.address, why, approved])
}
