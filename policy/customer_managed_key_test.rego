package foundry.customer_managed_key_test

import data.foundry.customer_managed_key

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(customer_managed_key.deny) == 0 with input as data.customer_managed_key.pass
}

test_fail_fixture if {
	customer_managed_key.deny == {
		"foundry_account.main: no customer-managed key; set customer_managed_key or add a foundry_account_customer_managed_key for it",
	} with input as data.customer_managed_key.fail
}

# A foundry_account_customer_managed_key for another account does not count.
test_key_of_other_account if {
	count(customer_managed_key.deny) == 1 with input as {
		"resource_changes": [
			{
				"address": "foundry_account.a", "mode": "managed", "type": "foundry_account", "name": "a",
				"change": {"actions": ["create"], "after": {"customer_managed_key": null}, "after_unknown": {"id": true}},
			},
			{
				"address": "foundry_account_customer_managed_key.b", "mode": "managed", "type": "foundry_account_customer_managed_key", "name": "b",
				"change": {"actions": ["create"], "after": {}, "after_unknown": {"account_id": true}},
			},
		],
		"configuration": {"root_module": {"resources": [
			{"address": "foundry_account_customer_managed_key.b", "expressions": {"account_id": {"references": ["foundry_account.b.id", "foundry_account.b"]}}},
		]}},
	}
}

# An existing account (known ID) is matched by value.
test_key_by_known_id if {
	count(customer_managed_key.deny) == 0 with input as {"resource_changes": [
		{
			"address": "foundry_account.a", "mode": "managed", "type": "foundry_account", "name": "a",
			"change": {"actions": ["update"], "after": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a", "customer_managed_key": null}, "after_unknown": {}},
		},
		{
			"address": "foundry_account_customer_managed_key.k", "mode": "managed", "type": "foundry_account_customer_managed_key", "name": "k",
			"change": {"actions": ["create"], "after": {"account_id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"}, "after_unknown": {}},
		},
	]}
}
