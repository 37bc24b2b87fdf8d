package foundry.managed_network_isolation_test

import data.foundry.managed_network_isolation

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(managed_network_isolation.deny) == 0 with input as data.managed_network_isolation.pass
}

test_fail_fixture if {
	managed_network_isolation.deny == {
		`foundry_account_managed_network.open: isolation_mode is "AllowInternetOutbound" but foundry_account.open (data-classification = confidential) must allow only approved outbound traffic; set isolation_mode = "AllowOnlyApprovedOutbound"`,
		`foundry_account_managed_network.off: isolation_mode is "Disabled" but foundry_account.off (data-classification = restricted) must allow only approved outbound traffic; set isolation_mode = "AllowOnlyApprovedOutbound"`,
		`foundry_account.bare: data-classification = confidential, so it must allow only approved outbound traffic, but it has no foundry_account_managed_network; add one with isolation_mode = "AllowOnlyApprovedOutbound"`,
	} with input as data.managed_network_isolation.fail
}
