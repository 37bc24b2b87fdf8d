package foundry.required_tags_test

import data.foundry.required_tags

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(required_tags.deny) == 0 with input as data.required_tags.pass
}

test_fail_fixture if {
	required_tags.deny == {
		"foundry_account.main: missing required tags owner",
		"foundry_project.main: missing required tags env, owner",
	} with input as data.required_tags.fail
}
