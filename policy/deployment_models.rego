# Deployments may only use the models and versions of the allow list (data.foundry_policy.allowed_models), with a
# pinned version, and at most data.foundry_policy.max_capacity units.
package foundry.deployment_models

import data.foundry.lib

settings := data.foundry_policy

deny contains msg if {
	some rc in lib.changed("foundry_deployment")
	model := lib.after(rc).model
	not settings.allowed_models[model.name]
	msg := sprintf("%s: model %q is not in the allow list (%s)", [rc.address, model.name, concat(", ", object.keys(settings.allowed_models))])
}

deny contains msg if {
	some rc in lib.changed("foundry_deployment")
	model := lib.after(rc).model
	versions := settings.allowed_models[model.name]
	not rc.change.after_unknown.model.version
	not model.version in versions
	msg := sprintf("%s: %s version %q is not allowed (allowed: %s)", [rc.address, model.name, model.version, concat(", ", versions)])
}

deny contains msg if {
	some rc in lib.changed("foundry_deployment")
	rc.change.after_unknown.model.version
	msg := sprintf("%s: model.version must be pinned, not left to the service's default", [rc.address])
}

deny contains msg if {
	some rc in lib.changed("foundry_deployment")
	capacity := lib.after(rc).sku.capacity
	capacity > settings.max_capacity
	msg := sprintf("%s: sku.capacity %d is above the ceiling of %d", [rc.address, capacity, settings.max_capacity])
}

deny contains msg if {
	some rc in lib.changed("foundry_deployment")
	rc.change.after_unknown.sku.capacity
	msg := sprintf("%s: sku.capacity must be set (the ceiling is %d)", [rc.address, settings.max_capacity])
}
