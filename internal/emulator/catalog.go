package emulator

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// catalogJSON is the model catalog: the models of the spec's ListLocationModels and ListAccountModels
// examples plus a current set, with the locations that offer them.
//
//go:embed catalog/models.json
var catalogJSON []byte

// catalogEntry is one model version of the catalog.
type catalogEntry struct {
	Kinds       []string          `json:"kinds"`       // account kinds that may deploy (and list) the model
	Publisher   string            `json:"publisher"`   // data-plane modelPublisher
	Description string            `json:"description"` // Models_List description
	AccountOnly bool              `json:"accountOnly"` // listed only by Accounts_ListModels
	NotOffered  []catalogGap      `json:"notOffered"`  // locations (and skus) without this model
	Model       map[string]any    `json:"model"`       // the AccountModel as served
	skus        []catalogSku      // parsed Model.skus
	name        string            // Model.name
	format      string            // Model.format
	version     string            // Model.version
	isDefault   bool              // Model.isDefaultVersion
	caps        map[string]string // Model.capabilities
}

// catalogGap removes a model (Sku == "") or one of its skus from a location.
type catalogGap struct {
	Location string `json:"location"`
	Sku      string `json:"sku"`
}

type catalogSku struct {
	Name      string `json:"name"`
	UsageName string `json:"usageName"`
	Capacity  struct {
		Minimum int `json:"minimum"`
		Maximum int `json:"maximum"`
		Step    int `json:"step"`
		Default int `json:"default"`
	} `json:"capacity"`
}

type modelCatalog struct {
	Locations []string        `json:"locations"`
	Models    []*catalogEntry `json:"models"`
}

// catalog is parsed once; it is read-only afterwards.
var catalog = mustLoadCatalog(catalogJSON)

func mustLoadCatalog(data []byte) *modelCatalog {
	var c modelCatalog
	if err := json.Unmarshal(data, &c); err != nil {
		panic(fmt.Sprintf("emulator: invalid embedded model catalog: %v", err))
	}
	for _, e := range c.Models {
		raw, _ := json.Marshal(e.Model["skus"])
		if err := json.Unmarshal(raw, &e.skus); err != nil {
			panic(fmt.Sprintf("emulator: invalid skus in the model catalog: %v", err))
		}
		e.name, _ = e.Model["name"].(string)
		e.format, _ = e.Model["format"].(string)
		e.version, _ = e.Model["version"].(string)
		e.isDefault, _ = e.Model["isDefaultVersion"].(bool)
		e.caps = map[string]string{}
		if caps, ok := e.Model["capabilities"].(map[string]any); ok {
			for k, v := range caps {
				e.caps[k], _ = v.(string)
			}
		}
	}
	return &c
}

// offeredSkus returns the skus of e offered in a location; nil when the model is not offered there.
func (e *catalogEntry) offeredSkus(location string) []catalogSku {
	if !slices.Contains(catalog.Locations, location) {
		return nil
	}
	var out []catalogSku
	for _, s := range e.skus {
		offered := true
		for _, g := range e.NotOffered {
			if g.Location == location && (g.Sku == "" || strings.EqualFold(g.Sku, s.Name)) {
				offered = false
			}
		}
		if offered {
			out = append(out, s)
		}
	}
	if len(out) == 0 && len(e.skus) > 0 {
		return nil
	}
	if out == nil {
		out = []catalogSku{}
	}
	return out
}

// offeredTo reports whether the entry is listed for an account kind in a location.
func (e *catalogEntry) offeredTo(kind, location string) bool {
	return containsFoldString(e.Kinds, kind) && e.offeredSkus(location) != nil
}

// render is the AccountModel with only the skus offered in the location.
func (e *catalogEntry) render(location string) map[string]any {
	m := deepCopy(e.Model)
	offered := e.offeredSkus(location)
	var skus []any
	all, _ := e.Model["skus"].([]any)
	for _, s := range all {
		sm, _ := s.(map[string]any)
		name, _ := sm["name"].(string)
		if slices.ContainsFunc(offered, func(o catalogSku) bool { return strings.EqualFold(o.Name, name) }) {
			skus = append(skus, deepCopy(sm))
		}
	}
	if skus == nil {
		skus = []any{}
	}
	m["skus"] = skus
	return m
}

// sku finds an offered sku by name (case-insensitive).
func (e *catalogEntry) sku(location, name string) (catalogSku, bool) {
	for _, s := range e.offeredSkus(location) {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return catalogSku{}, false
}

// findModel returns the entry offered to the kind in the location for format/name/version.
func findModel(kind, location, format, name, version string) *catalogEntry {
	for _, e := range catalog.Models {
		if strings.EqualFold(e.format, format) && strings.EqualFold(e.name, name) && strings.EqualFold(e.version, version) && e.offeredTo(kind, location) {
			return e
		}
	}
	return nil
}

// defaultVersion is the version assigned when a deployment omits model.version: the default version
// offered to the kind in the location, else the newest offered one.
func defaultVersion(kind, location, format, name string) string {
	best := ""
	for _, e := range catalog.Models {
		if !strings.EqualFold(e.format, format) || !strings.EqualFold(e.name, name) || !e.offeredTo(kind, location) {
			continue
		}
		if e.isDefault {
			return e.version
		}
		if e.version > best {
			best = e.version
		}
	}
	return best
}

// publisherOf is the data-plane modelPublisher of a model, falling back to its format.
func publisherOf(format, name string) string {
	for _, e := range catalog.Models {
		if strings.EqualFold(e.format, format) && strings.EqualFold(e.name, name) && e.Publisher != "" {
			return e.Publisher
		}
	}
	return format
}

// usageNameOf is the quota usage name of a deployment document in a location ("" when unknown).
func usageNameOf(kind, location string, doc map[string]any) string {
	model, _ := propsOf(doc)["model"].(map[string]any)
	str := func(k string) string { v, _ := model[k].(string); return v }
	e := findModel(kind, location, str("format"), str("name"), str("version"))
	if e == nil {
		return ""
	}
	sku, _ := doc["sku"].(map[string]any)
	name, _ := sku["name"].(string)
	s, ok := e.sku(location, name)
	if !ok {
		return ""
	}
	return s.UsageName
}

// listLocationModels serves Models_List: every model offered in a location, once per account kind.
func (c *call) listLocationModels(location string) *armError {
	loc := normaliseRegion(location)
	if !regions[loc] {
		return errf(http.StatusBadRequest, codeLocationNotAvailable,
			"The provided location '%s' is not available for resource type '%s/locations/models'.", location, providerNamespace)
	}
	items := []map[string]any{}
	for _, e := range catalog.Models {
		if e.AccountOnly || e.offeredSkus(loc) == nil {
			continue
		}
		for _, kind := range e.Kinds {
			items = append(items, map[string]any{"kind": kind, "skuName": "S0", "description": e.Description, "model": e.render(loc)})
		}
	}
	return c.writeList(items)
}

// listAccountModels serves Accounts_ListModels: the models the account may deploy in its location.
func listAccountModels(c *call, acc *resource) *armError {
	loc, _ := acc.doc["location"].(string)
	kind, _ := acc.doc["kind"].(string)
	items := []map[string]any{}
	for _, e := range catalog.Models {
		if e.offeredTo(kind, loc) {
			items = append(items, e.render(loc))
		}
	}
	return c.writeList(items)
}
