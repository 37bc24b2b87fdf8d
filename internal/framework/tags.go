package framework

import (
	"context"
	"fmt"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// utf16Len counts characters as ARM does, in UTF-16 code units.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// ARM's limits on tags (Learn, "Use tags to organize your Azure resources and management hierarchy", Limitations):
// at most 50 name-value pairs per resource, names of at most 512 characters, values of at most 256; names may not
// contain < > % & \ ? / and may not start with the prefixes Azure reserves for itself.
const (
	MaxTags        = 50
	MaxTagName     = 512
	MaxTagValue    = 256
	tagNameInvalid = `<>%&\?/`
)

var reservedTagPrefixes = []string{"microsoft", "azure", "windows"}

// Tags checks a tags map against ARM's limits, so a mistake is refused at plan instead of by the service after the
// other writes of the apply. Unknown values (and unknown maps) are checked once known.
func Tags() validator.Map {
	return tagsCheck{}
}

type tagsCheck struct{}

func (tagsCheck) Description(context.Context) string {
	return fmt.Sprintf("at most %d tags; names of 1 to %d characters, not starting with microsoft, azure or windows and without %s; values of at most %d characters",
		MaxTags, MaxTagName, tagNameInvalid, MaxTagValue)
}

func (v tagsCheck) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateMap checks the tags; while the CLI destroys it reports nothing, so that an object that was never created,
// because its tags were refused, does not block the destroy of the others (see Destroying).
func (v tagsCheck) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	var found validator.MapResponse
	v.check(req, &found)
	if found.Diagnostics.HasError() && Destroying(os.Getenv) {
		return
	}
	resp.Diagnostics.Append(found.Diagnostics...)
}

func (tagsCheck) check(req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	name := AttributeName(req.Path)
	elems := req.ConfigValue.Elements()
	if n := len(elems); n > MaxTags {
		resp.Diagnostics.AddAttributeError(req.Path, "Too many tags",
			fmt.Sprintf("%s has %d tags; Azure allows at most %d per resource. Remove %d, or combine several into one tag whose value is a JSON string.",
				name, n, MaxTags, n-MaxTags))
	}
	for k, ev := range elems {
		p := req.Path.AtMapKey(k)
		switch n := utf16Len(k); {
		case n == 0:
			resp.Diagnostics.AddAttributeError(p, "Invalid tag name", "A tag name cannot be empty.")
		case n > MaxTagName:
			resp.Diagnostics.AddAttributeError(p, "Tag name too long",
				fmt.Sprintf("The tag name %q… of %s is %d characters long; Azure allows at most %d.", truncate(k, 40), name, n, MaxTagName))
		case strings.ContainsAny(k, tagNameInvalid):
			resp.Diagnostics.AddAttributeError(p, "Invalid tag name",
				fmt.Sprintf("The tag name %q of %s contains one of %s, which Azure does not allow in tag names.", k, name, tagNameInvalid))
		}
		for _, prefix := range reservedTagPrefixes {
			if strings.HasPrefix(strings.ToLower(k), prefix) {
				resp.Diagnostics.AddAttributeError(p, "Reserved tag name",
					fmt.Sprintf("The tag name %q of %s starts with %q, a prefix Azure reserves for its own tags. Choose another name.", k, name, prefix))
			}
		}
		s, ok := ev.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		if n := utf16Len(s.ValueString()); n > MaxTagValue {
			resp.Diagnostics.AddAttributeError(p, "Tag value too long",
				fmt.Sprintf("The value of tag %q of %s is %d characters long; Azure allows at most %d.", truncate(k, 40), name, n, MaxTagValue))
		}
	}
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
