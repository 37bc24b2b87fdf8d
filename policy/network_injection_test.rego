package foundry.network_injection_test

import data.foundry.network_injection

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(network_injection.deny) == 0 with input as data.network_injection.pass
}

test_fail_fixture if {
	network_injection.deny == {
		"foundry_account.main: hosts projects (agents) but has no network_injection; inject the Agent Service into a delegated subnet",
	} with input as data.network_injection.fail
}
