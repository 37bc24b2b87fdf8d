# Foundry accounts must accept only Microsoft Entra ID tokens, no API keys.
package foundry.local_auth

import data.foundry.lib

deny contains msg if {
	some rc in lib.changed("foundry_account")
	lib.after(rc).local_auth_enabled != false
	msg := sprintf("%s: local_auth_enabled must be false (API keys must not be accepted)", [rc.address])
}
