package foundry.connection_auth_test

import data.foundry.connection_auth

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(connection_auth.deny) == 0 with input as data.connection_auth.pass
}

test_fail_fixture if {
	connection_auth.deny == {
		"foundry_account_connection.search: category CognitiveSearch supports Microsoft Entra ID; use aad {} (or managed_identity) instead of key-based auth",
		"foundry_account_connection.storage: category AzureStorageAccount supports Microsoft Entra ID; use aad {} (or managed_identity) instead of key-based auth",
	} with input as data.connection_auth.fail
}
