# Connections to targets that accept Microsoft Entra ID must not use keys.
package foundry.connection_auth

import data.foundry.lib

settings := data.foundry_policy

key_blocks := {"api_key", "account_key", "custom_keys"}

key_based(rc) if lib.after(rc).auth_type in settings.key_auth_types

key_based(rc) if {
	some b in key_blocks
	lib.after(rc)[b] != null
}

deny contains msg if {
	some t in ["foundry_account_connection", "foundry_project_connection"]
	some rc in lib.changed(t)
	lib.after(rc).category in settings.aad_capable_categories
	key_based(rc)
	msg := sprintf("%s: category %s supports Microsoft Entra ID; use aad {} (or managed_identity) instead of key-based auth", [rc.address, lib.after(rc).category])
}
