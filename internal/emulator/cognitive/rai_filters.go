package cognitive

import (
	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Content filters of a location, SUB/locations/{location}/raiContentFilters (read-only): what a RAI policy's
// contentFilters can name. Every known region offers the same nine filters, those of the specification's
// ListRaiContentFilters example (2025-10-01-preview; the 2026-09-01 folder carries no example of it). Policies name
// a filter by its properties.name, which differs from the resource name for three of them ("Indirect Attack" is
// IndirectAttack).

const armTypeRAIContentFilter = providerNamespace + "/locations/raiContentFilters"

// contentFilterDef is one content filter of a location.
type contentFilterDef struct {
	resourceName string // the resource name, e.g. IndirectAttack
	name         string // properties.name, as policies give it, e.g. "Indirect Attack"
	multiLevel   bool   // takes a severity threshold
	source       string // the only source it applies to; "" for any
}

// raiContentFiltersOf are the content filters a location offers.
func raiContentFiltersOf(string) []contentFilterDef {
	return []contentFilterDef{
		{resourceName: "Hate", name: "Hate", multiLevel: true},
		{resourceName: "Sexual", name: "Sexual", multiLevel: true},
		{resourceName: "Violence", name: "Violence", multiLevel: true},
		{resourceName: "Selfharm", name: "Selfharm", multiLevel: true},
		{resourceName: "Jailbreak", name: "Jailbreak", source: "Prompt"},
		{resourceName: "ProtectedMaterialText", name: "Protected Material Text", source: "Completion"},
		{resourceName: "ProtectedMaterialCode", name: "Protected Material Code", source: "Completion"},
		{resourceName: "Profanity", name: "Profanity"},
		{resourceName: "IndirectAttack", name: "Indirect Attack", source: "Prompt"},
	}
}

// findContentFilter finds a filter by the name policies use (case-insensitively).
func findContentFilter(defs []contentFilterDef, name string) *contentFilterDef {
	for i := range defs {
		if strings.EqualFold(defs[i].name, name) {
			return &defs[i]
		}
	}
	return nil
}

func contentFilterNames(defs []contentFilterDef) string {
	names := make([]string, len(defs))
	for i, d := range defs {
		names[i] = "'" + d.name + "'"
	}
	return strings.Join(names, ", ")
}

// renderContentFilter is a content filter as the location lists it.
func (c *call) renderContentFilter(location string, d contentFilterDef) map[string]any {
	props := map[string]any{"name": d.name, "isMultiLevelFilter": d.multiLevel}
	if d.source != "" {
		props["source"] = d.source
	}
	return map[string]any{
		"id":   "/subscriptions/" + c.sub.ID + "/providers/" + providerNamespace + "/locations/" + location + "/raiContentFilters/" + d.resourceName,
		"name": d.resourceName, "type": armTypeRAIContentFilter, "properties": props,
	}
}

// raiContentFilters serves RaiContentFilters_List and RaiContentFilters_Get.
func raiContentFilters(c *call, p params) *arm.Error {
	loc := arm.NormaliseRegion(p["location"])
	if !arm.KnownRegion(loc) {
		return arm.Errorf(http.StatusBadRequest, codeLocationNotAvailable,
			"The provided location '%s' is not available for resource type '%s'.", p["location"], armTypeRAIContentFilter)
	}
	defs := raiContentFiltersOf(loc)
	name, one := p["filterName"]
	if !one {
		items := make([]map[string]any, len(defs))
		for i, d := range defs {
			items[i] = c.renderContentFilter(p["location"], d)
		}
		return c.WriteList(items)
	}
	for _, d := range defs {
		if strings.EqualFold(d.resourceName, name) {
			wire.WriteJSON(c.W, http.StatusOK, c.renderContentFilter(p["location"], d))
			return nil
		}
	}
	return arm.Errorf(http.StatusNotFound, arm.CodeResourceNotFound,
		"The content filter '%s' was not found in location '%s'. Content filters: %s.", name, p["location"], contentFilterNames(defs))
}
