# Deployments must name their Responsible AI (content filter) policy instead of taking the service's default; unless
# data.foundry_policy.rai_policy.allow_builtin_policies, it must be a policy of their own (foundry_rai_policy), not
# Microsoft.Default or Microsoft.DefaultV2; and that policy must configure each filter of
# data.foundry_policy.rai_policy.required_filters, enabled and blocking, at the given severity threshold or a stricter
# one (Low is the strictest). The policy is found in the same plan, by name and account; a policy the plan does not
# hold cannot be checked and is denied when filters are required.
package foundry.rai_policy

import data.foundry.lib

settings := object.get(data.foundry_policy, "rai_policy", {})

builtin_policies := {"microsoft.default", "microsoft.defaultv2"}

# strictness orders the severity thresholds: a lower number filters more.
strictness := {"Low": 0, "Medium": 1, "High": 2}

# policies are the foundry_rai_policy resources the plan keeps (created, updated or unchanged).
policies := [rc |
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type == "foundry_rai_policy"
	rc.change.after != null
]

# same_account reports whether two resource changes name the same account, by ID or by reference.
same_account(a, b) if {
	not lib.unknown(a, "account_id")
	not lib.unknown(b, "account_id")
	lib.after(a).account_id == lib.after(b).account_id
}

same_account(a, b) if {
	some ref in lib.config(a).expressions.account_id.references
	some other in lib.config(b).expressions.account_id.references
	ref == other
	object.get(a, "module_address", "") == object.get(b, "module_address", "")
}

# policy_of is the foundry_rai_policy a deployment names.
policy_of(dep) := p if {
	some p in policies
	lower(lib.after(p).name) == lower(lib.after(dep).rai_policy_name)
	same_account(dep, p)
}

deny contains msg if {
	some rc in lib.changed("foundry_deployment")
	not lib.after(rc).rai_policy_name
	msg := sprintf("%s: rai_policy_name must be set (e.g. \"Microsoft.DefaultV2\" or your own content filter)", [rc.address])
}

deny contains msg if {
	some rc in lib.changed("foundry_deployment")
	not object.get(settings, "allow_builtin_policies", true)
	lower(lib.after(rc).rai_policy_name) in builtin_policies
	msg := sprintf("%s: rai_policy_name %q is a built-in policy; use a foundry_rai_policy of your own", [rc.address, lib.after(rc).rai_policy_name])
}

deny contains msg if {
	some rc in lib.changed("foundry_deployment")
	count(object.get(settings, "required_filters", [])) > 0
	name := lib.after(rc).rai_policy_name
	not lower(name) in builtin_policies
	not policy_of(rc)
	msg := sprintf("%s: RAI policy %q is not in this plan, so its content filters cannot be checked", [rc.address, name])
}

deny contains msg if {
	some rc in lib.changed("foundry_deployment")
	p := policy_of(rc)
	some want in object.get(settings, "required_filters", [])
	not satisfied(lib.after(p), want)
	msg := sprintf("%s: RAI policy %q must filter %s on %s%s, enabled and blocking", [rc.address, lib.after(p).name, want.name, want.source, threshold_text(want)])
}

satisfied(policy, want) if {
	some f in object.get(policy, "content_filters", []) # null when the policy configures none
	f.name == want.name
	f.source == want.source
	f.enabled == true
	f.blocking == true
	strict_enough(f, want)
}

strict_enough(_, want) if not want.threshold

strict_enough(f, want) if strictness[f.severity_threshold] <= strictness[want.threshold]

threshold_text(want) := sprintf(" at %s or stricter", [want.threshold]) if want.threshold

threshold_text(want) := "" if not want.threshold
