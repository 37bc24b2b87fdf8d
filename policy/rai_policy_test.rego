package foundry.rai_policy_test

import data.foundry.rai_policy

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(rai_policy.deny) == 0 with input as data.rai_policy.pass
}

test_fail_fixture if {
	rai_policy.deny == {
		"foundry_deployment.chat: rai_policy_name must be set (e.g. \"Microsoft.DefaultV2\" or your own content filter)",
		"foundry_deployment.builtin: rai_policy_name \"Microsoft.DefaultV2\" is a built-in policy; use a foundry_rai_policy of your own",
		"foundry_deployment.lax: RAI policy \"lax\" must filter Hate on Prompt at Medium or stricter, enabled and blocking",
		"foundry_deployment.lax: RAI policy \"lax\" must filter Violence on Completion at Medium or stricter, enabled and blocking",
		"foundry_deployment.lax: RAI policy \"lax\" must filter Jailbreak on Prompt, enabled and blocking",
	} with input as data.rai_policy.fail
}

# Built-in policies may be allowed, and no filter required: then any named policy passes.
test_settings_relax if {
	count(rai_policy.deny) == 1 with input as data.rai_policy.fail
		with data.foundry_policy.rai_policy as {"allow_builtin_policies": true, "required_filters": []}
}

# A policy the plan does not hold cannot be checked.
test_policy_not_in_plan if {
	plan := json.patch(data.rai_policy.pass, [{"op": "replace", "path": "/resource_changes/1/change/after/rai_policy_name", "value": "elsewhere"}])
	rai_policy.deny == {"foundry_deployment.chat: RAI policy \"elsewhere\" is not in this plan, so its content filters cannot be checked"} with input as plan
}
