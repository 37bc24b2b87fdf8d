# Helpers shared by the Foundry policies: which resources a plan creates or updates, and which account a child
# resource belongs to (by its planned account_id when known, otherwise by the reference in the configuration).
package foundry.lib

# changed lists the resource changes of type t that create or update a managed resource.
changed(t) := [rc |
	some rc in input.resource_changes
	rc.mode == "managed"
	rc.type == t
	some action in rc.change.actions
	action in {"create", "update"}
]

# after is the planned value of a resource change.
after(rc) := rc.change.after

# unknown reports whether attribute a of rc is only known after apply.
unknown(rc, a) if rc.change.after_unknown[a] == true

# config finds the configuration block of a resource change in the root module or in a module call.
config(rc) := c if {
	not rc.module_address
	some c in input.configuration.root_module.resources
	c.address == concat(".", [rc.type, rc.name])
}

config(rc) := c if {
	rc.module_address
	name := trim_prefix(regex.replace(rc.module_address, `\[[^\]]*\]`, ""), "module.")
	some c in input.configuration.root_module.module_calls[name].module.resources
	c.address == concat(".", [rc.type, rc.name])
}

# belongs_to reports whether the child resource change refers to account through attribute a.
belongs_to(child, a, account) if {
	not unknown(account, "id")
	child.change.after[a] == account.change.after.id
}

belongs_to(child, a, account) if {
	some ref in config(child).expressions[a].references
	ref == concat(".", [account.type, account.name])
	object.get(child, "module_address", "") == object.get(account, "module_address", "")
}
