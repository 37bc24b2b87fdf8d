package foundry.public_network_access_test

import data.foundry.public_network_access

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(public_network_access.deny) == 0 with input as data.public_network_access.pass
}

test_fail_fixture if {
	public_network_access.deny == {
		"foundry_account.main: public_network_access must be \"Disabled\" (is \"Enabled\"); reach the account through private endpoints",
	} with input as data.public_network_access.fail
}

# Destroying an account that breaks the rule is not itself a violation.
test_delete_ignored if {
	count(public_network_access.deny) == 0 with input as {"resource_changes": [{
		"address": "foundry_account.old", "mode": "managed", "type": "foundry_account", "name": "old",
		"change": {"actions": ["delete"], "before": {"public_network_access": "Enabled"}, "after": null, "after_unknown": {}},
	}]}
}

# An update that turns public access on is caught like a create.
test_update_caught if {
	count(public_network_access.deny) == 1 with input as {"resource_changes": [{
		"address": "foundry_account.main", "mode": "managed", "type": "foundry_account", "name": "main",
		"change": {"actions": ["update"], "after": {"public_network_access": "Enabled"}, "after_unknown": {}},
	}]}
}
