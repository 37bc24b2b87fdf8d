package raiblocklist

import "github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"

// blocklistHints say what to do about the errors of blocklist and item writes.
var blocklistHints = diagnostics.Codes{
	"RaiBlocklistInUse": "RAI policies of the account still apply the blocklist, and did not stop within the delete timeout. Reference it from them " +
		"(blocklist_name = foundry_rai_blocklist.<label>.name) so that Terraform updates or deletes them first. Renaming or moving the blocklist " +
		"replaces it: add lifecycle { create_before_destroy = true } to it, or remove it from the policies in a first apply.",
	"InvalidRaiBlocklistItem": "Each item needs a non-empty pattern; a pattern with is_regex = true must be a valid regular expression.",
}
