package managednetwork_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// Inputs the provider can judge without Azure are refused at plan time, on the attribute, with what to write instead.
func TestOutboundRuleResource_badInputs(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	network := env.AccountID("rg-foundry", "some-account") + "/managedNetworks/default"
	tag := func(fields string) string { return "service_tag = {\n" + fields + "\n}" }
	cases := map[string]struct {
		name, body string
		network    string
		want       *regexp.Regexp
	}{
		"fqdn is a URL":        {body: `fqdn = { destination = "https://pypi.org/simple" }`, want: wants("Invalid fqdn.destination", `"https://pypi.org/simple" is a URL. Give the domain name only, e.g. "pypi.org".`)},
		"fqdn with a port":     {body: `fqdn = { destination = "pypi.org:443" }`, want: wants(`"pypi.org:443" has a port or path.`)},
		"wildcard in a label":  {body: `fqdn = { destination = "files.*.org" }`, want: wants(`"files.*.org" has a wildcard in the wrong place.`, `"*.contoso.com"`)},
		"partial wildcard":     {body: `fqdn = { destination = "*pypi.org" }`, want: wants(`"*pypi.org" has a wildcard in the wrong place.`)},
		"wildcard everything":  {body: `fqdn = { destination = "*" }`, want: wants(`"*" would allow every domain. Use isolation_mode = "AllowInternetOutbound" instead`)},
		"fqdn without a dot":   {body: `fqdn = { destination = "localhost" }`, want: wants(`"localhost" is not a fully qualified domain name`)},
		"ports backwards":      {body: tag(`service_tag = "Storage"` + "\nprotocol = \"TCP\"\nport_ranges = \"8080-80\""), want: wants("Invalid service_tag.port_ranges", `the range "8080-80" runs backwards.`)},
		"port too high":        {body: tag(`service_tag = "Storage"` + "\nprotocol = \"TCP\"\nport_ranges = \"70000\""), want: wants("ports run from 1 to 65535.")},
		"ports with spaces":    {body: tag(`service_tag = "Storage"` + "\nprotocol = \"TCP\"\nport_ranges = \"80, 443\""), want: wants(`" 443" is not a port or a range.`, "(no spaces)")},
		"tcp without ports":    {body: tag(`service_tag = "Storage"` + "\nprotocol = \"TCP\""), want: wants("Missing port_ranges", "A TCP service tag rule needs port_ranges")},
		"protocol":             {body: tag(`service_tag = "Storage"` + "\nprotocol = \"HTTP\"\nport_ranges = \"443\""), want: wants("Attribute service_tag.protocol value must be one of")},
		"service tag name":     {body: tag(`service_tag = "Azure Storage"` + "\nprotocol = \"TCP\"\nport_ranges = \"443\""), want: wants(`"Azure Storage" is not a service tag name.`)},
		"tag and prefixes":     {body: tag(`service_tag = "Storage"` + "\naddress_prefixes = [\"10.0.0.0/8\"]\nprotocol = \"TCP\"\nport_ranges = \"443\""), want: wants("Invalid Attribute Combination")},
		"neither tag nor list": {body: tag("protocol = \"TCP\"\nport_ranges = \"443\""), want: wants("Invalid Attribute Combination", "No attribute specified")},
		"address prefix":       {body: tag(`address_prefixes = ["10.0.0.300/8"]` + "\nprotocol = \"TCP\"\nport_ranges = \"443\""), want: wants(`"10.0.0.300/8" is not an IP address or CIDR range`)},
		"action":               {body: tag(`service_tag = "Storage"` + "\nprotocol = \"TCP\"\nport_ranges = \"443\"\naction = \"Block\""), want: wants("Attribute service_tag.action value must be one of")},
		"private endpoint target": {
			body: "private_endpoint = {\n service_resource_id = \"stfoundryagents\"\n subresource_target = \"blob\"\n}",
			want: wants(`"stfoundryagents" is not the ARM ID of a resource.`, "e.g. the id attribute of an azurerm_storage_account."),
		},
		"private endpoint fqdns": {
			body: fmt.Sprintf("private_endpoint = {\n service_resource_id = %q\n subresource_target = \"blob\"\n fqdns = [\"https://x.blob.core.windows.net\"]\n}", seededStorage),
			want: wants(`"https://x.blob.core.windows.net" is a URL.`),
		},
		"no kind":    {body: "", want: wants("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [fqdn,private_endpoint,service_tag]")},
		"two kinds":  {body: `fqdn = { destination = "pypi.org" }` + "\n" + tag(`service_tag = "Storage"`+"\nprotocol = \"TCP\"\nport_ranges = \"443\""), want: wants("Invalid Attribute Combination", "Exactly one of these attributes must be configured")},
		"name":       {name: "ab", body: `fqdn = { destination = "pypi.org" }`, want: wants("Invalid name", `"ab" is 2 characters long; it must be 3 to 33`)},
		"name chars": {name: "py.pi", body: `fqdn = { destination = "pypi.org" }`, want: wants(`"py.pi" is not allowed: letters, digits, underscores and hyphens`)},
		"network id": {network: strings.TrimSuffix(network, "/managedNetworks/default"), body: `fqdn = { destination = "pypi.org" }`,
			want: wants("is not the ARM ID of a Microsoft.CognitiveServices/accounts/managedNetworks")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rule, net := tc.name, tc.network
			if rule == "" {
				rule = "rule-1"
			}
			if net == "" {
				net = network
			}
			cfg := fmt.Sprintf("resource \"foundry_account_outbound_rule\" \"test\" {\n  managed_network_id = %q\n  name = %q\n  %s\n}\n", net, rule, tc.body)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps:                    []resource.TestStep{{Config: env.ProviderBlock("") + cfg, PlanOnly: true, ExpectError: tc.want}},
			})
		})
	}
}

func TestManagedNetworkResource_badInputs(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	account := env.AccountID("rg-foundry", "some-account")
	cases := map[string]struct {
		body string
		want *regexp.Regexp
	}{
		"isolation mode": {body: `isolation_mode = "AllowAll"`, want: wants("Attribute isolation_mode value must be one of", `"AllowOnlyApprovedOutbound"`)},
		"firewall sku":   {body: "isolation_mode = \"AllowOnlyApprovedOutbound\"\nfirewall_sku = \"Premium\"", want: wants("Attribute firewall_sku value must be one of")},
		"kind":           {body: "isolation_mode = \"AllowOnlyApprovedOutbound\"\nmanaged_network_kind = \"V3\"", want: wants("Attribute managed_network_kind value must be one of")},
		"account id":     {body: "isolation_mode = \"Disabled\"", want: wants("is not the ARM ID of a Microsoft.CognitiveServices/accounts")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			id := account
			if name == "account id" {
				id += "/projects/p1"
			}
			cfg := fmt.Sprintf("resource \"foundry_account_managed_network\" \"test\" {\n  account_id = %q\n  %s\n}\n", id, tc.body)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps:                    []resource.TestStep{{Config: env.ProviderBlock("") + cfg, PlanOnly: true, ExpectError: tc.want}},
			})
		})
	}
}

// Rules against the isolation mode of a network that exists: Disabled takes none, AllowInternetOutbound private
// endpoints only, both said at plan. A mode that changes in the same plan is checked at apply instead (the network's
// ID is unknown in that plan), so a plan that enables isolation and adds its rules goes through in one apply.
func TestOutboundRuleResource_isolationAtPlan(t *testing.T) {
	t.Parallel()
	env := newEnv(t)
	name := acctest.RandomName("tfacc")
	net := func(mode string) string { return env.ProviderBlock("") + configAccount(name) + configNetwork(mode, "") }
	fqdn := configRule("test", "pypi", `fqdn = { destination = "pypi.org" }`)
	tag := configRule("tag", "storage-tag", "service_tag = {\n service_tag = \"Storage\"\n protocol = \"TCP\"\n port_ranges = \"443\"\n}")
	pe := configRule("pe", "storage", fmt.Sprintf("private_endpoint = {\n service_resource_id = %q\n subresource_target = \"blob\"\n}", seededStorage))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: net("Disabled")},
			{Config: net("Disabled") + pe, PlanOnly: true, ExpectError: wants("Managed network isolation is disabled",
				`has isolation_mode "Disabled": it isolates nothing, so outbound rules mean nothing there`)},
			{
				// Disabled → AllowInternetOutbound with a private endpoint rule, in one apply.
				Config: net("AllowInternetOutbound") + pe,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(networkName, tfjsonpath.New("id")),
					plancheck.ExpectResourceAction("foundry_account_outbound_rule.pe", plancheck.ResourceActionCreate),
				}},
			},
			{Config: net("AllowInternetOutbound") + pe + fqdn, PlanOnly: true, ExpectError: wants("Rule kind not used with AllowInternetOutbound",
				`all internet traffic is allowed already, and only private_endpoint rules apply.`, `Set isolation_mode = "AllowOnlyApprovedOutbound" to allow only approved destinations with fqdn rules.`)},
			{Config: net("AllowInternetOutbound") + pe + tag, PlanOnly: true, ExpectError: wants("Rule kind not used with AllowInternetOutbound", "with service_tag rules.")},
			{
				// AllowInternetOutbound → AllowOnlyApprovedOutbound with new FQDN and service tag rules, in one apply; the
				// existing private endpoint rule is written again, not replaced.
				Config: net("AllowOnlyApprovedOutbound") + pe + fqdn + tag,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(networkName, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("foundry_account_outbound_rule.pe", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(ruleName, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ruleName, tfjsonpath.New("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue("foundry_account_outbound_rule.pe", tfjsonpath.New("status"), knownvalue.StringExact("Active")),
				},
			},
			{
				// Back to AllowInternetOutbound replaces the network, and its rules with it; the FQDN rule no longer
				// applies, which the apply's plan of the rule says once the new network exists.
				Config:      net("AllowInternetOutbound") + pe + fqdn,
				ExpectError: wants("Rule kind not used with AllowInternetOutbound", "with fqdn rules."),
			},
			{
				// Without them, the replaced network gets its private endpoint rule back.
				Config: net("AllowInternetOutbound") + pe,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("foundry_account_outbound_rule.pe", tfjsonpath.New("status"), knownvalue.StringExact("Active")),
				},
			},
		},
	})
}

func wants(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}
