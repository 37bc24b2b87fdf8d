package cognitive

import (
	"net/http"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

var (
	ruleNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`)
	// A wildcard is allowed as the whole leftmost label only; no scheme, port or path.
	fqdnPattern       = regexp.MustCompile(`^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`)
	serviceTagPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$`)
	armIDPattern      = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/[^/]+(/[^/]+/[^/]+)+$`)
	ruleProtocols     = []string{"TCP", "UDP", "ICMP", "*"}
	ruleActions       = []string{"Allow", "Deny"}
)

// checkRuleName applies the spec's ruleName pattern and the names reserved for the service's rules.
func checkRuleName(net *resource, name string, s *Service) *arm.Error {
	if !ruleNamePattern.MatchString(name) {
		return arm.Errorf(http.StatusBadRequest, codeInvalidResourceName,
			"The outbound rule name '%s' is not valid. It must match '%s' (3 to 33 letters, digits, '_' or '-', starting with a letter or digit).",
			name, ruleNamePattern.String())
	}
	if strings.HasPrefix(lower(name), requiredRulePrefix) {
		return arm.Errorf(http.StatusBadRequest, codeRuleNameReserved,
			"The outbound rule name '%s' is reserved: names beginning with '%s' belong to the rules the service adds to managed network '%s'.",
			name, requiredRulePrefix, net.name())
	}
	if r := s.st.resources[lower(net.id+"/outboundRules/"+name)]; r != nil && ruleCategory(r) != categoryUserDefined {
		return arm.Errorf(http.StatusBadRequest, codeRequiredRuleReadOnly,
			"The outbound rule '%s' (category %s) is added by the service and cannot be changed.", name, ruleCategory(r))
	}
	return nil
}

// checkRuleUpdate refuses what a rule cannot change in place: its type and a private endpoint's target.
func checkRuleUpdate(name string, old, props map[string]any) *arm.Error {
	if old["type"] != props["type"] {
		return arm.Errorf(http.StatusBadRequest, codeRuleUpdateNotSupported,
			"The type of outbound rule '%s' cannot be changed from '%v' to '%v'. Delete the rule and create it again.", name, old["type"], props["type"])
	}
	if props["type"] != rulePrivateEndpoint {
		return nil
	}
	od, _ := old["destination"].(map[string]any)
	nd, _ := props["destination"].(map[string]any)
	for _, k := range []string{"serviceResourceId", "subresourceTarget"} {
		a, _ := od[k].(string)
		b, _ := nd[k].(string)
		if !strings.EqualFold(a, b) {
			return arm.Errorf(http.StatusBadRequest, codeRuleUpdateNotSupported,
				"The %s of private endpoint rule '%s' cannot be changed. Delete the rule and create it again.", k, name)
		}
	}
	return nil
}

// checkOutboundRule checks a rule's properties for mode and returns them normalised: canonical type, category
// UserDefined, the destination of the rule's type, FQDNs of a private endpoint; status and read-only fields dropped.
func checkOutboundRule(name string, raw any, mode string) (map[string]any, *arm.Error) {
	bad := func(format string, args ...any) *arm.Error {
		return arm.Errorf(http.StatusBadRequest, codeInvalidOutboundRule, "Outbound rule '%s': "+format, append([]any{name}, args...)...)
	}
	in, ok := raw.(map[string]any)
	if !ok {
		return nil, bad("the properties must be an object.")
	}
	t, _ := in["type"].(string)
	i := slices.IndexFunc(ruleTypes, func(x string) bool { return strings.EqualFold(x, t) })
	if i < 0 {
		return nil, bad("type '%v' is not valid. Valid types are '%s'.", in["type"], strings.Join(ruleTypes, "', '"))
	}
	typ := ruleTypes[i]
	if cat, _ := in["category"].(string); cat != "" && !strings.EqualFold(cat, categoryUserDefined) {
		return nil, arm.Errorf(http.StatusBadRequest, codeInvalidRuleCategory,
			"Outbound rule '%s': category '%s' is set by the service. Rules you write have category 'UserDefined'.", name, cat)
	}
	switch {
	case mode == isolationDisabled:
		return nil, arm.Errorf(http.StatusBadRequest, codeIsolationDisabled,
			"Outbound rule '%s' cannot be written: the managed network's isolation mode is 'Disabled', so it has no outbound rules. Set isolationMode to 'AllowInternetOutbound' or 'AllowOnlyApprovedOutbound' first.", name)
	case mode == isolationInternet && typ != rulePrivateEndpoint:
		return nil, arm.Errorf(http.StatusBadRequest, codeRuleNotAllowedForMode,
			"Outbound rule '%s' of type '%s' is not allowed with isolation mode 'AllowInternetOutbound', which already allows all internet traffic; only PrivateEndpoint rules apply. Use 'AllowOnlyApprovedOutbound' to restrict outbound traffic with FQDN and ServiceTag rules.", name, typ)
	}
	out := map[string]any{"type": typ, "category": categoryUserDefined}
	switch typ {
	case ruleFQDN:
		dest, _ := in["destination"].(string)
		if msg := fqdnProblem(dest); msg != "" {
			return nil, bad("destination %s", msg)
		}
		out["destination"] = dest
	case rulePrivateEndpoint:
		d, _ := in["destination"].(map[string]any)
		id, _ := d["serviceResourceId"].(string)
		sub, _ := d["subresourceTarget"].(string)
		if !armIDPattern.MatchString(id) {
			return nil, bad("destination.serviceResourceId '%v' is not the ARM ID of a resource.", d["serviceResourceId"])
		}
		if sub == "" {
			return nil, bad("destination.subresourceTarget is required (the target's private link sub-resource, e.g. 'blob' or 'account').")
		}
		out["destination"] = map[string]any{"serviceResourceId": id, "subresourceTarget": sub}
		if f, ok := in["fqdns"]; ok && f != nil {
			list, ok := f.([]any)
			if !ok {
				return nil, bad("fqdns must be an array of strings.")
			}
			for _, v := range list {
				s, _ := v.(string)
				if msg := fqdnProblem(s); msg != "" {
					return nil, bad("fqdns: %s", msg)
				}
			}
			out["fqdns"] = wire.DeepCopyValue(list)
		}
	case ruleServiceTag:
		d, e := checkServiceTagDestination(in["destination"], bad)
		if e != nil {
			return nil, e
		}
		out["destination"] = d
	}
	return out, nil
}

func checkServiceTagDestination(raw any, bad func(string, ...any) *arm.Error) (map[string]any, *arm.Error) {
	d, ok := raw.(map[string]any)
	if !ok {
		return nil, bad("destination must be an object with serviceTag or addressPrefixes, protocol, portRanges and action.")
	}
	out := map[string]any{}
	tag, _ := d["serviceTag"].(string)
	prefixes, _ := d["addressPrefixes"].([]any)
	if tag == "" && len(prefixes) == 0 {
		return nil, bad("destination needs a serviceTag or addressPrefixes.")
	}
	if tag != "" {
		if !serviceTagPattern.MatchString(tag) {
			return nil, bad("destination.serviceTag '%s' is not a service tag name (e.g. 'Storage' or 'Storage.EastUS').", tag)
		}
		out["serviceTag"] = tag
	}
	if len(prefixes) > 0 {
		for _, p := range prefixes {
			s, _ := p.(string)
			if _, err := netip.ParsePrefix(s); err != nil {
				if _, err := netip.ParseAddr(s); err != nil {
					return nil, bad("destination.addressPrefixes: '%v' is not an IP address or CIDR range.", p)
				}
			}
		}
		out["addressPrefixes"] = wire.DeepCopyValue(prefixes)
	}
	proto, _ := d["protocol"].(string)
	i := slices.IndexFunc(ruleProtocols, func(x string) bool { return strings.EqualFold(x, proto) })
	if i < 0 {
		return nil, bad("destination.protocol '%v' is not valid. Valid protocols are '%s'.", d["protocol"], strings.Join(ruleProtocols, "', '"))
	}
	out["protocol"] = ruleProtocols[i]
	ports, _ := d["portRanges"].(string)
	if ports == "" && (ruleProtocols[i] == "ICMP") {
		ports = "*"
	}
	if msg := portRangesProblem(ports); msg != "" {
		return nil, bad("destination.portRanges %s", msg)
	}
	out["portRanges"] = ports
	action := "Allow"
	if a, ok := d["action"].(string); ok && a != "" {
		j := slices.IndexFunc(ruleActions, func(x string) bool { return strings.EqualFold(x, a) })
		if j < 0 {
			return nil, bad("destination.action '%s' is not valid. Valid actions are 'Allow', 'Deny'.", a)
		}
		action = ruleActions[j]
	}
	out["action"] = action
	return out, nil
}

// fqdnProblem says what is wrong with an FQDN destination ("" when it is fine).
func fqdnProblem(s string) string {
	switch {
	case s == "":
		return "is required (a fully qualified domain name such as 'pypi.org' or '*.blob.core.windows.net')."
	case strings.Contains(s, "://"), strings.ContainsAny(s, ":/"):
		return "'" + s + "' must be a domain name only, without a scheme, port or path."
	case strings.Count(s, "*") > 1, strings.Contains(s, "*") && !strings.HasPrefix(s, "*."):
		return "'" + s + "' may have one wildcard only, as its whole leftmost label ('*.contoso.com')."
	case len(s) > 253 || !fqdnPattern.MatchString(s):
		return "'" + s + "' is not a fully qualified domain name."
	}
	return ""
}

// portRangesProblem says what is wrong with a port range list such as "443", "80,443" or "8000-8080" ("" when
// it is fine); "*" is every port.
func portRangesProblem(s string) string {
	if s == "*" {
		return ""
	}
	if s == "" {
		return "is required: '*', a port, a range such as '8000-8080', or a comma-separated list of them."
	}
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		if !isRange {
			hi = lo
		}
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil || a < 1 || b > 65535 || a > b {
			return "'" + s + "' is not valid: '" + part + "' is not a port (1-65535) or an ascending range of them."
		}
	}
	return ""
}
