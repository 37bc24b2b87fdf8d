package deployment

import "github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"

// deploymentHints say what to do about the errors of deployment writes: models the region does not offer, quota, and
// the properties that cannot change in place.
var deploymentHints = diagnostics.Codes{
	"DeploymentModelNotSupported": "The account's region does not offer this model format, name and version. The foundry_models data source lists what the " +
		"account can deploy; leave model.version out to get the default version.",
	"InsufficientQuota": "Lower sku.capacity, shrink or delete other deployments that use this quota, or request more quota for the subscription. " +
		"The foundry_usages data source shows usage and limits.",
	"CannotChangeDeploymentModel": "A deployment's model cannot change: replace the deployment (terraform apply -replace) to deploy another model.",
	"CannotChangeDeploymentSku":   "A deployment's SKU cannot change: replace the deployment (terraform apply -replace) to use another SKU.",
}
