package arm

import (
	"sort"
	"strings"
)

// regions are the Azure regions the emulator accepts, normalised (lower-case, no spaces); never written. "global" is
// not a region: no resource type the emulator serves offers it (Microsoft.CognitiveServices offered it only to the
// retired Bing kinds).
var regions = map[string]bool{
	"eastus": true, "eastus2": true, "westus": true, "westus2": true, "westus3": true,
	"centralus": true, "northcentralus": true, "southcentralus": true, "westcentralus": true,
	"canadacentral": true, "canadaeast": true, "brazilsouth": true, "northeurope": true, "westeurope": true,
	"uksouth": true, "ukwest": true, "francecentral": true, "germanywestcentral": true, "norwayeast": true,
	"swedencentral": true, "switzerlandnorth": true, "switzerlandwest": true, "polandcentral": true,
	"italynorth": true, "spaincentral": true, "eastasia": true, "southeastasia": true, "japaneast": true,
	"japanwest": true, "koreacentral": true, "australiaeast": true, "centralindia": true, "southindia": true,
	"uaenorth": true, "southafricanorth": true, "qatarcentral": true,
}

// NormaliseRegion turns "West US" into "westus".
func NormaliseRegion(loc string) string {
	return strings.ToLower(strings.ReplaceAll(loc, " ", ""))
}

// KnownRegion reports whether a normalised location is a region the emulator accepts.
func KnownRegion(loc string) bool { return regions[loc] }

// RegionNames are the accepted regions, sorted.
func RegionNames() []string {
	out := make([]string, 0, len(regions))
	for r := range regions {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}
