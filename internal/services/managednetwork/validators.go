package managednetwork

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// The plan-time checks of an outbound rule's fields. Each says what is wrong in the user's terms; the service checks
// the same at apply.

var (
	// ruleNamePattern is the spec's ruleName (and managedNetworkName) pattern: 3 to 33 characters.
	ruleNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`)
	// fqdnPattern is a DNS name with at least two labels and an alphabetic top-level label, optionally starting
	// with one wildcard label.
	fqdnPattern       = regexp.MustCompile(`^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`)
	serviceTagPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$`)
	resourceIDPattern = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/[^/.]+\.[^/]+(/[^/]+/[^/]+)+$`)
)

func ruleNameValidator() validator.String {
	return framework.Name(3, 33, ruleNamePattern, "letters, digits, underscores and hyphens, starting with a letter or digit")
}

// fqdnValidator checks an FQDN destination, explaining the usual mistakes: a URL instead of a name, a port, a
// wildcard anywhere but as the whole leftmost label.
func fqdnValidator() validator.String {
	return framework.StringValidator("a fully qualified domain name, optionally starting with one wildcard label (*.contoso.com)", fqdnProblem)
}

func fqdnProblem(s string) string {
	switch {
	case strings.Contains(s, "://"):
		return fmt.Sprintf("%q is a URL. Give the domain name only, e.g. %q.", s, hostOf(s))
	case strings.ContainsAny(s, ":/"):
		return fmt.Sprintf("%q has a port or path. FQDN rules take a domain name only; the firewall allows ports 80 and 443 for it.", s)
	case s == "*":
		return `"*" would allow every domain. Use isolation_mode = "AllowInternetOutbound" instead, or name the domains.`
	case strings.Count(s, "*") > 1 || (strings.Contains(s, "*") && !strings.HasPrefix(s, "*.")):
		return fmt.Sprintf("%q has a wildcard in the wrong place. A wildcard may only be the whole leftmost label, e.g. \"*.contoso.com\".", s)
	case len(s) > 253 || !fqdnPattern.MatchString(s):
		return fmt.Sprintf("%q is not a fully qualified domain name (e.g. pypi.org or *.blob.core.windows.net).", s)
	}
	return ""
}

func hostOf(url string) string {
	_, rest, _ := strings.Cut(url, "://")
	host, _, _ := strings.Cut(rest, "/")
	host, _, _ = strings.Cut(host, ":")
	return host
}

// portRangesValidator checks a port list: "*", a port, a range "8000-8080", or a comma-separated list of them.
func portRangesValidator() validator.String {
	return framework.StringValidator(`"*", a port, a range such as 8000-8080, or a comma-separated list of them`, portRangesProblem)
}

func portRangesProblem(s string) string {
	if s == "*" {
		return ""
	}
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		if !isRange {
			hi = lo
		}
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		switch {
		case err1 != nil || err2 != nil:
			return fmt.Sprintf("%q is not a port list: %q is not a port or a range. Use e.g. \"443\", \"80,443\" or \"8000-8080\" (no spaces), or \"*\" for every port.", s, part)
		case a < 1 || b > 65535:
			return fmt.Sprintf("%q is not a port list: ports run from 1 to 65535.", s)
		case a > b:
			return fmt.Sprintf("%q is not a port list: the range %q runs backwards.", s, part)
		}
	}
	return ""
}

// serviceTagValidator checks the shape of an Azure service tag name: "Storage", "AzureActiveDirectory",
// "Storage.EastUS", "AzureFrontDoor.Frontend".
func serviceTagValidator() validator.String {
	return framework.StringValidator("an Azure service tag name, optionally regional (Storage.EastUS)", func(s string) string {
		if serviceTagPattern.MatchString(s) {
			return ""
		}
		return fmt.Sprintf("%q is not a service tag name. Service tags are single words such as \"Storage\", \"AzureActiveDirectory\" or "+
			"\"AzureMonitor\", optionally with a region or scope after a dot (\"Storage.EastUS\"); for addresses use address_prefixes.", s)
	})
}

// resourceIDValidator checks that a private endpoint's target is the ARM ID of a resource (any type).
func resourceIDValidator() validator.String {
	return framework.StringValidator("ARM ID of the target resource", func(s string) string {
		if resourceIDPattern.MatchString(s) && !strings.HasSuffix(s, "/") {
			return ""
		}
		return fmt.Sprintf("%q is not the ARM ID of a resource. Expected /subscriptions/{subscription}/resourceGroups/{group}/providers/{namespace}/{type}/{name}, "+
			"e.g. the id attribute of an azurerm_storage_account.", s)
	})
}

// addressPrefixValidator checks an IPv4 or IPv6 address or CIDR range.
func addressPrefixValidator() validator.String {
	return framework.StringValidator("IP address or CIDR range", func(s string) string {
		if _, err := netip.ParsePrefix(s); err == nil {
			return ""
		}
		if _, err := netip.ParseAddr(s); err == nil {
			return ""
		}
		return fmt.Sprintf("%q is not an IP address or CIDR range (e.g. 203.0.113.0/24).", s)
	})
}
