# Accounts and projects must carry the tags in data.foundry_policy.required_tags.
package foundry.required_tags

import data.foundry.lib

deny contains msg if {
	some t in ["foundry_account", "foundry_project"]
	some rc in lib.changed(t)
	tags := object.get(lib.after(rc), "tags", null)
	missing := {k | some k in data.foundry_policy.required_tags; not has_tag(tags, k)}
	count(missing) > 0
	msg := sprintf("%s: missing required tags %s", [rc.address, concat(", ", sort(missing))])
}

has_tag(tags, k) if {
	tags != null
	tags[k] != ""
}
