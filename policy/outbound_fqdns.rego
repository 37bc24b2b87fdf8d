# FQDN outbound rules may only open the domains of data.foundry_policy.allowed_fqdns: a name as written, or a
# pattern whose "*" stands for one label ("*.pythonhosted.org" allows "files.pythonhosted.org" and itself).
package foundry.outbound_fqdns

import data.foundry.lib

allowed(dest) if {
	some pattern in data.foundry_policy.allowed_fqdns
	lower(pattern) == lower(dest)
}

allowed(dest) if {
	some pattern in data.foundry_policy.allowed_fqdns
	glob.match(lower(pattern), ["."], lower(dest))
}

deny contains msg if {
	some rc in lib.changed("foundry_account_outbound_rule")
	dest := lib.after(rc).fqdn.destination
	not allowed(dest)
	msg := sprintf("%s: FQDN %q is not in the allowed list (%s)", [rc.address, dest, concat(", ", data.foundry_policy.allowed_fqdns)])
}
