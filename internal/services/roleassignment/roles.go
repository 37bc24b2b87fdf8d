package roleassignment

import (
	"strings"
)

// builtinRole is a built-in role the provider resolves by name without asking Azure.
type builtinRole struct {
	name   string
	former string // the name before the Azure AI → Foundry rename, if any
	guid   string
}

// builtinRoles maps names to role definition GUIDs (arm-neighbours.md §1.3). Look-ups by name alone broke when the
// Foundry roles were renamed (IDs unchanged), so the former names stay accepted.
var builtinRoles = []builtinRole{
	{name: "Foundry User", former: "Azure AI User", guid: "53ca6127-db72-4b80-b1b0-d745d6d5456d"},
	{name: "Foundry Project Manager", former: "Azure AI Project Manager", guid: "eadc314b-1a2d-4efa-be10-5d325db5065e"},
	{name: "Foundry Account Owner", former: "Azure AI Account Owner", guid: "e47c6f54-e4a2-4754-9501-8e0985b135e1"},
	{name: "Foundry Owner", former: "Azure AI Owner", guid: "c883944f-8b7b-4483-af10-35834be79c4a"},
	{name: "Cognitive Services OpenAI User", guid: "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"},
	{name: "Cognitive Services User", guid: "a97b65f3-24c7-4388-baec-2e87135dc908"},
	{name: "Azure AI Developer", guid: "64702f94-c441-49e6-a78b-ef80e0188fee"},
}

// lookupRole returns the GUID of a built-in role name (case-insensitive), the current name when name is a former
// one, and whether it was found.
func lookupRole(name string) (guid, current string, deprecated, ok bool) {
	for _, r := range builtinRoles {
		switch {
		case strings.EqualFold(name, r.name):
			return r.guid, r.name, false, true
		case r.former != "" && strings.EqualFold(name, r.former):
			return r.guid, r.name, true, true
		}
	}
	return "", "", false, false
}

func roleTableMarkdown() string {
	parts := make([]string, 0, len(builtinRoles))
	for _, r := range builtinRoles {
		parts = append(parts, "`"+r.name+"` (`"+r.guid+"`)")
	}
	return strings.Join(parts, ", ")
}
