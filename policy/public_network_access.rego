# Foundry accounts must not be reachable from public networks.
package foundry.public_network_access

import data.foundry.lib

deny contains msg if {
	some rc in lib.changed("foundry_account")
	lib.after(rc).public_network_access != "Disabled"
	msg := sprintf("%s: public_network_access must be \"Disabled\" (is %q); reach the account through private endpoints", [rc.address, lib.after(rc).public_network_access])
}
