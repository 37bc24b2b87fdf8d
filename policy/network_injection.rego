# Accounts that host agents (they have projects in this plan) must run them in your network: network_injection.
package foundry.network_injection

import data.foundry.lib

hosts_agents(account) if {
	some p in lib.changed("foundry_project")
	lib.belongs_to(p, "account_id", account)
}

deny contains msg if {
	some rc in lib.changed("foundry_account")
	hosts_agents(rc)
	lib.after(rc).network_injection == null
	msg := sprintf("%s: hosts projects (agents) but has no network_injection; inject the Agent Service into a delegated subnet", [rc.address])
}
