package arm

import (
	"net/http"
	"sort"
	"strings"
	"unicode/utf16"
)

// ARM's tag limits for every tracked resource (Learn, "Tag resources … Limitations"; Azure/azure-resource-manager-rpc
// PR #146 raised the count from 15 to 50). Lengths are counted as ARM (.NET) counts them, in UTF-16 code units.
const (
	MaxTags           = 50
	MaxTagNameLength  = 512
	MaxTagValueLength = 256
)

// Codes of ARM's tag rules (evidence and own choices: internal/emulator/README.md, Known differences).
const (
	CodeInvalidTagCount          = "InvalidTagCount" // the emulator's choice: ARM's code for more than 50 tags is not established
	CodeInvalidTagName           = "InvalidTagName"
	CodeInvalidTagValueLength    = "InvalidTagValueLength"
	CodeInvalidTagNameCharacters = "InvalidTagNameCharacters"
)

// tagNameReserved are the characters ARM refuses in tag names (besides control characters).
const tagNameReserved = `<>%&\?/`

// CheckTags applies ARM's tag rules to the top-level "tags" of a PUT or PATCH body: at most 50 tags, names of at
// most 512 characters without reserved or control characters, values of at most 256 characters. A "tags" that is
// not an object of strings is left to the specification check (a type error). Nil when the tags are valid.
func CheckTags(body map[string]any) *Error {
	tags, ok := body["tags"].(map[string]any)
	if !ok {
		return nil
	}
	names := make([]string, 0, len(tags))
	for k := range tags {
		names = append(names, k)
	}
	sort.Strings(names)
	var reserved []string
	for _, k := range names {
		if strings.ContainsAny(k, tagNameReserved) || strings.ContainsFunc(k, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			reserved = append(reserved, k)
		}
	}
	if len(reserved) > 0 {
		return Errorf(http.StatusBadRequest, CodeInvalidTagNameCharacters,
			"The tag names '%s' have reserved characters '<,>,%%,&,\\,?,/' or control characters.", strings.Join(reserved, ", "))
	}
	for _, k := range names {
		if utf16Len(k) > MaxTagNameLength {
			return Errorf(http.StatusBadRequest, CodeInvalidTagName,
				"Tag key too large. Following tag name '%s' exceeded the maximum length. Maximum allowed length for tag name - '%d' characters.", k, MaxTagNameLength)
		}
	}
	for _, k := range names {
		if v, ok := tags[k].(string); ok && utf16Len(v) > MaxTagValueLength {
			return Errorf(http.StatusBadRequest, CodeInvalidTagValueLength,
				"Tag value too large. Following tag value '%s' exceeded the maximum length. Maximum allowed length for tag value - '%d' characters.", v, MaxTagValueLength)
		}
	}
	if len(tags) > MaxTags {
		return Errorf(http.StatusBadRequest, CodeInvalidTagCount,
			"The resource has %d tags. A resource can have at most %d tags.", len(tags), MaxTags)
	}
	return nil
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }
