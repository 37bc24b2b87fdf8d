package framework

import (
	"context"
	"fmt"
	"net/netip"
	"regexp"
	"strings"
	"unicode/utf16"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
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

// AttributeName is the name of the attribute p points into: its last attribute step, so that an element of a list,
// set or map is named by its attribute ("ip_rules", not a piece of the element's value).
func AttributeName(p path.Path) string {
	steps := p.Steps()
	for i := len(steps) - 1; i >= 0; i-- {
		if name, ok := steps[i].(path.PathStepAttributeName); ok {
			return string(name)
		}
	}
	return p.String()
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

// ARM's tag limits for every tracked resource (Learn "Tag resources … Limitations"): at most 50 tags, names of 1 to
// 512 characters without '<', '>', '%', '&', '\', '?', '/' or control characters, values of at most 256 characters.
// Lengths are counted as ARM counts them, in UTF-16 code units.
const (
	maxTags           = 50
	maxTagNameLength  = 512
	maxTagValueLength = 256
)

// Tags are the validators of a resource's tags: ARM refuses the request otherwise (InvalidTagCount, InvalidTagName,
// InvalidTagValueLength, InvalidTagNameCharacters), so the plan says so first.
func Tags() []validator.Map {
	return []validator.Map{
		mapvalidator.SizeAtMost(maxTags),
		mapvalidator.KeysAre(StringValidator(fmt.Sprintf("1 to %d characters, none of <>%%&\\?/ or control characters", maxTagNameLength), func(k string) string {
			switch n := utf16Len(k); {
			case n == 0 || n > maxTagNameLength:
				return fmt.Sprintf("The tag name %q is %d characters long; Azure allows 1 to %d.", shorten(k), n, maxTagNameLength)
			case strings.ContainsAny(k, `<>%&\?/`) || strings.ContainsFunc(k, func(r rune) bool { return r < 0x20 || r == 0x7f }):
				return fmt.Sprintf("The tag name %q contains a character Azure reserves: <, >, %%, &, \\, ?, / or a control character.", k)
			}
			return ""
		})),
		mapvalidator.ValueStringsAre(StringValidator(fmt.Sprintf("at most %d characters", maxTagValueLength), func(v string) string {
			if n := utf16Len(v); n > maxTagValueLength {
				return fmt.Sprintf("The tag value %q is %d characters long; Azure allows at most %d.", shorten(v), n, maxTagValueLength)
			}
			return ""
		})),
	}
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
