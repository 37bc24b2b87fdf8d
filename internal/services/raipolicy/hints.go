package raipolicy

import "github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"

// policyHints say what to do about the errors of policy writes.
var policyHints = diagnostics.Codes{
	"RaiPolicyInUse": "Deployments of the account still use the policy, and did not stop within the delete timeout. Reference the policy from them " +
		"(rai_policy_name = foundry_rai_policy.<label>.name) so that Terraform changes or deletes them first. Renaming or moving the policy replaces it: " +
		"add lifecycle { create_before_destroy = true } to it, or move the deployments to another policy in a first apply.",
	"Resource has invalid content filter": "The foundry_rai_content_filters data source lists the content filters of the account's region, which " +
		"take a severity threshold and which sources they apply to.",
	"OperationNotSupported": "Microsoft.Default and Microsoft.DefaultV2 are built in: deployments can name them, but they cannot be changed. Create a " +
		"policy of another name with base_policy_name set to the built-in one.",
}
