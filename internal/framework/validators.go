package framework

import (
	"context"
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// StringValidator is a string validator built from a function that says what is wrong with a value ("" when it is
// fine). Null and unknown values are not checked; the error names the attribute: "Invalid <attribute>".
func StringValidator(description string, check func(string) string) validator.String {
	return stringCheck{desc: description, check: check}
}

type stringCheck struct {
	desc  string
	check func(string) string
}

func (v stringCheck) Description(context.Context) string         { return v.desc }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.desc }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := v.check(req.ConfigValue.ValueString()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+AttributeName(req.Path), msg)
	}
}

// AttributeName names the attribute p points into by its full path of attribute names ("network_acls.ip_rules",
// "network_injection.subnet_id"), so that an element of a list, set or map is named by its attribute, not by a piece
// of its value, and an attribute of a nested attribute object by its whole path: Terraform 1.8 does not place a
// diagnostic inside nested attribute objects, so the summary has to say where to look.
func AttributeName(p path.Path) string {
	var b strings.Builder
	for _, s := range p.Steps() {
		switch s := s.(type) {
		case path.PathStepAttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
		case path.PathStepElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
		}
	}
	if b.Len() == 0 {
		return p.String()
	}
	return b.String()
}

// Name checks a resource name against a length range and a pattern, explaining the rule in words.
func Name(minLen, maxLen int, pattern *regexp.Regexp, rule string) validator.String {
	return stringCheck{
		desc: fmt.Sprintf("%d to %d characters; %s", minLen, maxLen, rule),
		check: func(s string) string {
			if n := len(s); n < minLen || n > maxLen {
				return fmt.Sprintf("%q is %d characters long; it must be %d to %d characters (%s).", s, n, minLen, maxLen, rule)
			}
			if !pattern.MatchString(s) {
				return fmt.Sprintf("%q is not allowed: %s.", s, rule)
			}
			return ""
		},
	}
}

var armIDPattern = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/([^/]+)/(.+)$`)

// ARMID checks that a value is the ARM ID of a resource of the given type, e.g. "Microsoft.Network/virtualNetworks/subnets".
func ARMID(resourceType, example string) validator.String {
	want := strings.Split(resourceType, "/")
	return stringCheck{
		desc: "ARM ID of a " + resourceType,
		check: func(s string) string {
			bad := fmt.Sprintf("%q is not the ARM ID of a %s. Expected the form %s.", s, resourceType, example)
			m := armIDPattern.FindStringSubmatch(s)
			if m == nil || strings.HasSuffix(s, "/") || !strings.EqualFold(m[1], want[0]) {
				return bad
			}
			parts := strings.Split(m[2], "/")
			if len(parts) != 2*(len(want)-1) {
				return bad
			}
			for i, t := range want[1:] {
				if !strings.EqualFold(parts[2*i], t) || parts[2*i+1] == "" {
					return bad
				}
			}
			return ""
		},
	}
}

// AnyARMID checks that a value is the ARM ID of a resource of any type, for properties whose resource type the API
// does not say; what names the type, when known, goes in the description.
func AnyARMID(what, example string) validator.String {
	return stringCheck{
		desc: "ARM ID of " + what,
		check: func(s string) string {
			m := armIDPattern.FindStringSubmatch(s)
			if m == nil || strings.HasSuffix(s, "/") || len(strings.Split(m[2], "/"))%2 != 0 || strings.Contains(m[2], "//") {
				return fmt.Sprintf("%q is not the ARM ID of %s. Expected the form %s.", s, what, example)
			}
			return ""
		},
	}
}

// IPRule checks an IPv4 address or CIDR range as network ACLs accept it.
func IPRule() validator.String {
	return stringCheck{
		desc: "IPv4 address or CIDR range",
		check: func(s string) string {
			if a, err := netip.ParseAddr(s); err == nil && a.Is4() {
				return ""
			}
			if p, err := netip.ParsePrefix(s); err == nil && p.Addr().Is4() {
				return ""
			}
			return fmt.Sprintf("%q is not an IPv4 address or CIDR range (e.g. 203.0.113.7 or 203.0.113.0/24).", s)
		},
	}
}

// FQDN checks a DNS name, allowing one leading wildcard label.
func FQDN() validator.String {
	re := regexp.MustCompile(`^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$`)
	return stringCheck{
		desc: "fully qualified domain name",
		check: func(s string) string {
			if len(s) > 253 || !re.MatchString(s) {
				return fmt.Sprintf("%q is not a fully qualified domain name (e.g. api.contoso.com or *.contoso.com).", s)
			}
			return ""
		},
	}
}
