package specvalidate

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ValidateParams checks the path parameter values (as Match returns them) and the query against the operation's
// declared parameters. api-version is not checked here: the emulator answers a missing or unsupported one with
// ARM's own codes before any validation. Undeclared query parameters are ignored, as ARM and the services ignore
// them. Query parameter names are compared case-insensitively, as ASP.NET binds them.
func (o *Operation) ValidateParams(pathValues map[string]string, query url.Values) []Violation {
	var out []Violation
	// Path parameters in template order: ARM reads the URL from the left.
	for _, s := range o.segments {
		if s.param == "" {
			continue
		}
		p := o.param("path", s.param)
		if p == nil {
			continue
		}
		val, ok := pathValues[s.param]
		if !ok {
			out = append(out, Violation{In: InPath, Path: p.name, Kind: KindPathParameter, Rule: KindRequired,
				Message: fmt.Sprintf("The path parameter '%s' is missing.", p.name)})
			continue
		}
		if rule, detail := p.check(val); rule != "" {
			out = append(out, Violation{In: InPath, Path: p.name, Kind: KindPathParameter, Rule: rule,
				Value: shorten(strconv.Quote(val)), Message: pathMessage(p, val, rule, detail)})
		}
	}
	for _, p := range o.params {
		if p.in != "query" || p.name == "api-version" {
			continue
		}
		vals, present := queryValues(query, p.name)
		if !present {
			if p.required {
				out = append(out, Violation{In: InQuery, Path: p.name, Kind: KindQueryParameter, Rule: KindRequired,
					Message: fmt.Sprintf("The query parameter '%s' is required.", p.name)})
			}
			continue
		}
		check := p
		if p.typ == "array" && p.items != nil {
			check = p.items
		} else if len(vals) > 1 {
			vals = vals[:1] // ASP.NET binds the first value of a scalar parameter
		}
		for _, val := range vals {
			if rule, detail := check.check(val); rule != "" {
				out = append(out, Violation{In: InQuery, Path: p.name, Kind: KindQueryParameter, Rule: rule,
					Value:   shorten(strconv.Quote(val)),
					Message: fmt.Sprintf("The value '%s' of query parameter '%s' is invalid: %s.", val, p.name, detail)})
				break
			}
		}
	}
	return out
}

func (o *Operation) param(in, name string) *param {
	for _, p := range o.params {
		if p.in == in && p.name == name {
			return p
		}
	}
	return nil
}

func queryValues(q url.Values, name string) ([]string, bool) {
	if v, ok := q[name]; ok {
		return v, true
	}
	for k, v := range q {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// check returns the first rule a parameter value breaks (format, minLength, maxLength, pattern, type, bounds,
// enum), with a short description, or "" when it is valid.
func (p *param) check(val string) (Kind, string) {
	switch p.typ {
	case "boolean":
		if !strings.EqualFold(val, "true") && !strings.EqualFold(val, "false") {
			return KindType, "it must be 'true' or 'false'"
		}
		return "", ""
	case "integer", "number":
		f, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return KindType, "it must be a number"
		}
		if p.typ == "integer" {
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				return KindType, "it must be an integer"
			}
			if p.format != "int64" && (n < -1<<31 || n > 1<<31-1) {
				return KindFormat, "it must be a 32-bit integer"
			}
		}
		if p.minimum != nil && f < *p.minimum {
			return KindMinimum, fmt.Sprintf("it must be at least %v", *p.minimum)
		}
		if p.maximum != nil && f > *p.maximum {
			return KindMaximum, fmt.Sprintf("it must be at most %v", *p.maximum)
		}
		return "", ""
	}
	if p.format == "uuid" && !isUUID(val) {
		return KindFormat, "it must be a GUID"
	}
	n := utf8.RuneCountInString(val)
	if p.minLength >= 0 && n < p.minLength {
		return KindMinLength, fmt.Sprintf("it must be at least %d characters long", p.minLength)
	}
	if p.maxLength >= 0 && n > p.maxLength {
		return KindMaxLength, fmt.Sprintf("it must be at most %d characters long", p.maxLength)
	}
	if p.pattern != nil && !p.pattern.MatchString(val) {
		return KindPattern, fmt.Sprintf("it must match the regular expression '%s'", p.patternSrc)
	}
	if p.enumSealed && !enumHas(p.enum, val) {
		return KindEnum, "it must be one of " + enumList(p.enum)
	}
	return "", ""
}

// The account and project name rule of the specification (and the messages the service answers it with).
const nameRule = "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"

// pathMessage words a path parameter violation as ARM or the service does (see README.md for the evidence).
func pathMessage(p *param, val string, rule Kind, detail string) string {
	switch p.name {
	case "subscriptionId":
		return fmt.Sprintf("The provided subscription identifier '%s' is malformed or invalid.", val)
	case "resourceGroupName":
		if rule == KindPattern {
			return fmt.Sprintf("The provided resource group name '%s' has these invalid characters: '%s'. "+
				"The name can only be a letter, digit, '-', '.', '(', ')' or '_'.", val, invalidRGChars(val))
		}
		return fmt.Sprintf("The provided resource group name '%s' is invalid: %s.", val, detail)
	}
	if p.patternSrc == nameRule && p.minLength == 2 && p.maxLength == 64 {
		if p.name == "accountName" {
			return "The account name is invalid. Account name can only include alphanumeric characters, " +
				"underscores and hyphens; Account name only allows 2 to 64 characters."
		}
		return "The resource name is invalid. Resource name can only include alphanumeric characters, " +
			"underscores and hyphens; Resource name only allows 2 to 64 characters."
	}
	return fmt.Sprintf("The resource name '%s' is invalid for parameter '%s': %s.", val, p.name, detail)
}

// invalidRGChars lists the characters of a resource group name outside letters, digits, '-', '.', '(', ')', '_'.
func invalidRGChars(val string) string {
	var b strings.Builder
	for _, r := range val {
		if rgNameChar.MatchString(string(r)) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var rgNameChar = mustPattern(`^[-\w\._\(\)]$`)

func mustPattern(p string) *regexp.Regexp {
	re, err := compilePattern(p)
	if err != nil {
		panic(err)
	}
	return re
}

// isUUID accepts the GUID forms .NET's Guid.Parse accepts: 32 hex digits, optionally hyphenated 8-4-4-4-12,
// optionally in braces or parentheses.
func isUUID(s string) bool {
	if len(s) == 38 && (s[0] == '{' && s[37] == '}' || s[0] == '(' && s[37] == ')') {
		s = s[1:37]
	}
	switch len(s) {
	case 32:
		return allHex(s)
	case 36:
		if s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
			return false
		}
		return allHex(s[0:8]) && allHex(s[9:13]) && allHex(s[14:18]) && allHex(s[19:23]) && allHex(s[24:36])
	}
	return false
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !hexByte(s[i]) {
			return false
		}
	}
	return true
}

func hexByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
