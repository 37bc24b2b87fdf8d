package managednetwork

import "github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"

// hints say what to do about the errors of managed network and outbound rule writes.
var hints = diagnostics.Codes{
	"IsolationModeChangeNotSupported": "The isolation mode can only move towards more isolation (Disabled → AllowInternetOutbound → AllowOnlyApprovedOutbound). " +
		"The provider plans a replacement for other changes; if you see this, the managed network changed outside Terraform: run terraform apply -refresh-only.",
	"ManagedNetworkKindChangeNotSupported": "A V2 managed network cannot go back to V1: replace the managed network (terraform apply -replace).",
	"ManagedNetworkIsolationDisabled": "Outbound rules and provisioning need isolation_mode AllowInternetOutbound or AllowOnlyApprovedOutbound on " +
		"foundry_account_managed_network.",
	"OutboundRuleNotAllowedForIsolationMode": "With AllowInternetOutbound every internet destination is already allowed and only private_endpoint rules apply; " +
		"set isolation_mode = \"AllowOnlyApprovedOutbound\" to restrict outbound traffic with fqdn and service_tag rules.",
	"RequiredOutboundRuleReadOnly": "This rule is added by the service (its category is not UserDefined): leave it to the service and name yours differently. " +
		"The foundry_account_outbound_rules data source lists the service's rules.",
	"OutboundRuleNameReserved":       "Names beginning with \"required-\" belong to the rules the service adds: choose another name.",
	"OutboundRuleUpdateNotSupported": "A rule's kind and a private endpoint's target cannot change in place: replace the rule (terraform apply -replace).",
}
