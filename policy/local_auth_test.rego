package foundry.local_auth_test

import data.foundry.local_auth

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(local_auth.deny) == 0 with input as data.local_auth.pass
}

test_fail_fixture if {
	local_auth.deny == {
		"foundry_account.main: local_auth_enabled must be false (API keys must not be accepted)",
	} with input as data.local_auth.fail
}
