package foundry.rai_policy_test

import data.foundry.rai_policy

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(rai_policy.deny) == 0 with input as data.rai_policy.pass
}

test_fail_fixture if {
	rai_policy.deny == {
		"foundry_deployment.chat: rai_policy_name must be set (e.g. \"Microsoft.DefaultV2\" or your own content filter)",
	} with input as data.rai_policy.fail
}
