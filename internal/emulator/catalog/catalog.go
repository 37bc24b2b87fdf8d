// Package catalog is the emulator's model catalog: the models of the spec's ListLocationModels and
// ListAccountModels examples plus a current set, with the locations, skus and quota usage names that offer them.
// It is embedded, parsed once and read-only afterwards.
package catalog

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

//go:embed models.json
var modelsJSON []byte

// models is parsed once, when the package loads; nothing writes it afterwards.
var models = mustLoad(modelsJSON)

// Entry is one model version of the catalog. Its fields are read-only.
type Entry struct {
	Kinds       []string       `json:"kinds"`       // account kinds that may deploy (and list) the model
	Publisher   string         `json:"publisher"`   // data-plane modelPublisher
	Description string         `json:"description"` // Models_List description
	AccountOnly bool           `json:"accountOnly"` // listed only by Accounts_ListModels
	NotOffered  []Gap          `json:"notOffered"`  // locations (and skus) without this model
	Model       map[string]any `json:"model"`       // the AccountModel as served

	skus      []Sku             // parsed Model.skus
	name      string            // Model.name
	format    string            // Model.format
	version   string            // Model.version
	isDefault bool              // Model.isDefaultVersion
	caps      map[string]string // Model.capabilities
}

// Gap removes a model (Sku == "") or one of its skus from a location.
type Gap struct {
	Location string `json:"location"`
	Sku      string `json:"sku"`
}

// Sku is one deployment sku of a model with its capacity range and the quota usage name it consumes.
type Sku struct {
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
	Locations []string `json:"locations"`
	Models    []*Entry `json:"models"`
}

func mustLoad(data []byte) *modelCatalog {
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

// Name is the model name.
func (e *Entry) Name() string { return e.name }

// Format is the model format (e.g. OpenAI).
func (e *Entry) Format() string { return e.format }

// Version is the model version.
func (e *Entry) Version() string { return e.version }

// Capabilities is a copy of the model's capabilities.
func (e *Entry) Capabilities() map[string]any {
	out := map[string]any{}
	for k, v := range e.caps {
		out[k] = v
	}
	return out
}

// offeredSkus returns the skus of e offered in a location; nil when the model is not offered there.
func (e *Entry) offeredSkus(location string) []Sku {
	if !slices.Contains(models.Locations, location) {
		return nil
	}
	var out []Sku
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
		out = []Sku{}
	}
	return out
}

// offeredTo reports whether the entry is listed for an account kind in a location.
func (e *Entry) offeredTo(kind, location string) bool {
	return containsFold(e.Kinds, kind) && e.offeredSkus(location) != nil
}

// render is the AccountModel with only the skus offered in the location.
func (e *Entry) render(location string) map[string]any {
	m := wire.DeepCopy(e.Model)
	offered := e.offeredSkus(location)
	var skus []any
	all, _ := e.Model["skus"].([]any)
	for _, s := range all {
		sm, _ := s.(map[string]any)
		name, _ := sm["name"].(string)
		if slices.ContainsFunc(offered, func(o Sku) bool { return strings.EqualFold(o.Name, name) }) {
			skus = append(skus, wire.DeepCopy(sm))
		}
	}
	if skus == nil {
		skus = []any{}
	}
	m["skus"] = skus
	return m
}

// Sku finds an offered sku by name (case-insensitive).
func (e *Entry) Sku(location, name string) (Sku, bool) {
	for _, s := range e.offeredSkus(location) {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return Sku{}, false
}

// Find returns the entry offered to the kind in the location for format/name/version.
func Find(kind, location, format, name, version string) *Entry {
	for _, e := range models.Models {
		if strings.EqualFold(e.format, format) && strings.EqualFold(e.name, name) && strings.EqualFold(e.version, version) && e.offeredTo(kind, location) {
			return e
		}
	}
	return nil
}

// DefaultVersion is the version assigned when a deployment omits model.version: the default version
// offered to the kind in the location, else the newest offered one.
func DefaultVersion(kind, location, format, name string) string {
	best := ""
	for _, e := range models.Models {
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

// Publisher is the data-plane modelPublisher of a model, falling back to its format.
func Publisher(format, name string) string {
	for _, e := range models.Models {
		if strings.EqualFold(e.format, format) && strings.EqualFold(e.name, name) && e.Publisher != "" {
			return e.Publisher
		}
	}
	return format
}

// LocationModels is the Models_List answer for a (normalised) location: every model offered there, once per
// account kind.
func LocationModels(location string) []map[string]any {
	items := []map[string]any{}
	for _, e := range models.Models {
		if e.AccountOnly || e.offeredSkus(location) == nil {
			continue
		}
		for _, kind := range e.Kinds {
			items = append(items, map[string]any{"kind": kind, "skuName": "S0", "description": e.Description, "model": e.render(location)})
		}
	}
	return items
}

// AccountModels is the Accounts_ListModels answer: the models an account of the kind may deploy in its location.
func AccountModels(kind, location string) []map[string]any {
	items := []map[string]any{}
	for _, e := range models.Models {
		if e.offeredTo(kind, location) {
			items = append(items, e.render(location))
		}
	}
	return items
}

// UsageNames are the distinct quota usage names of the models offered in a location (to a kind, if set).
func UsageNames(kind, location string) []string {
	var out []string
	for _, e := range models.Models {
		if kind != "" && !containsFold(e.Kinds, kind) {
			continue
		}
		for _, s := range e.offeredSkus(location) {
			if !containsFold(out, s.UsageName) {
				out = append(out, s.UsageName)
			}
		}
	}
	return out
}

func containsFold(list []string, v string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, v) })
}
