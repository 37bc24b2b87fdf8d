package foundry.deployment_models_test

import data.foundry.deployment_models

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(deployment_models.deny) == 0 with input as data.deployment_models.pass
}

test_fail_fixture if {
	deployment_models.deny == {
		"foundry_deployment.big: sku.capacity 150 is above the ceiling of 100",
		"foundry_deployment.chat: gpt-4o version \"2024-08-06\" is not allowed (allowed: 2024-11-20)",
		"foundry_deployment.floating: model.version must be pinned, not left to the service's default",
	} with input as data.deployment_models.fail
}
