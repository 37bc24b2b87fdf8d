# Deployments must name their Responsible AI (content filter) policy instead of taking the service's default.
package foundry.rai_policy

import data.foundry.lib

deny contains msg if {
	some rc in lib.changed("foundry_deployment")
	not lib.after(rc).rai_policy_name
	msg := sprintf("%s: rai_policy_name must be set (e.g. \"Microsoft.DefaultV2\" or your own content filter)", [rc.address])
}
