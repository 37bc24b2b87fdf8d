package emulator_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// listAll follows nextLink and returns every item of a list.
func (c *rawClient) listAll(path string) []map[string]any {
	c.t.Helper()
	var out []map[string]any
	for next := path; next != ""; {
		r := must(c.t, c.do(http.MethodGet, next, nil), http.StatusOK)
		for _, it := range r.body["value"].([]any) {
			out = append(out, it.(map[string]any))
		}
		next, _ = r.body["nextLink"].(string)
	}
	return out
}

func modelsPath(location string) string {
	return "/subscriptions/" + subID + "/providers/Microsoft.CognitiveServices/locations/" + location + "/models"
}

// offered returns the sku names a Models_List answer offers for a model/version (nil = not listed).
func offered(items []map[string]any, name, version string) []string {
	var skus []string
	found := false
	for _, it := range items {
		m := it["model"].(map[string]any)
		if m["name"] != name || m["version"] != version {
			continue
		}
		found = true
		for _, s := range m["skus"].([]any) {
			n := s.(map[string]any)["name"].(string)
			if !containsString(skus, n) {
				skus = append(skus, n)
			}
		}
	}
	if !found {
		return nil
	}
	if skus == nil {
		skus = []string{}
	}
	return skus
}

func containsString(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

// TestCatalog_FixtureModelsAreInCatalog keeps the embedded catalog and the spec examples from drifting.
func TestCatalog_FixtureModelsAreInCatalog(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("catalog", "models.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cat struct {
		Models []struct {
			Model struct {
				Name, Format, Version string
				Skus                  []struct{ Name, UsageName string }
			}
		}
	}
	if err := json.Unmarshal(data, &cat); err != nil {
		t.Fatal(err)
	}
	find := func(format, name, version string) (int, bool) {
		for i, m := range cat.Models {
			if m.Model.Format == format && m.Model.Name == name && m.Model.Version == version {
				return i, true
			}
		}
		return 0, false
	}
	var loc, acc example
	for name, ex := range map[string]*example{"ListLocationModels": &loc, "ListAccountModels": &acc} {
		raw, err := readExampleFile(name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, ex); err != nil {
			t.Fatal(err)
		}
	}
	for _, it := range loc.responseBody(200)["value"].([]any) {
		m := it.(map[string]any)["model"].(map[string]any)
		i, ok := find(m["format"].(string), m["name"].(string), m["version"].(string))
		if !ok {
			t.Errorf("ListLocationModels model %s %s %s is not in the catalog", m["format"], m["name"], m["version"])
			continue
		}
		for _, s := range m["skus"].([]any) {
			sku := s.(map[string]any)
			found := false
			for _, cs := range cat.Models[i].Model.Skus {
				found = found || (strings.EqualFold(cs.Name, sku["name"].(string)) && cs.UsageName == sku["usageName"])
			}
			if !found {
				t.Errorf("sku %v (%v) of %s %s is not in the catalog", sku["name"], sku["usageName"], m["name"], m["version"])
			}
		}
	}
	for _, it := range acc.responseBody(200)["value"].([]any) {
		m := it.(map[string]any)
		if _, ok := find(m["format"].(string), m["name"].(string), m["version"].(string)); !ok {
			t.Errorf("ListAccountModels model %s %s %s is not in the catalog", m["format"], m["name"], m["version"])
		}
	}
}

func TestCatalog_LocationsGapsAndPaging(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	eastus := c.listAll(modelsPath("eastus"))
	want := map[string][]string{
		"gpt-4o 2024-08-06":      {"Standard", "GlobalStandard", "DataZoneStandard", "GlobalProvisionedManaged"},
		"gpt-4o 2024-11-20":      {"GlobalStandard", "Standard", "DataZoneStandard", "GlobalProvisionedManaged"},
		"gpt-4o-mini 2024-07-18": {"GlobalStandard", "Standard", "DataZoneStandard"}, "gpt-4.1 2025-04-14": {"GlobalStandard"},
		"gpt-4.1-mini 2025-04-14": {"GlobalStandard"}, "o3-mini 2025-01-31": {"GlobalStandard"},
		"text-embedding-3-large 1": {"Standard", "GlobalStandard"}, "text-embedding-3-small 1": {"Standard"},
		"text-embedding-ada-002 2": {"Standard"}, "Phi-4 7": {"GlobalStandard"}, "DeepSeek-R1 1": {"GlobalStandard"},
		"Meta-Llama-3.1-8B-Instruct 4": {"GlobalStandard"}, "mistral-small-2503 1": {"GlobalStandard"},
	}
	for mv, skus := range want {
		nv := strings.SplitN(mv, " ", 2)
		got := offered(eastus, nv[0], nv[1])
		for _, s := range skus {
			if !containsString(got, s) {
				t.Errorf("eastus: %s does not offer %s (got %v)", mv, s, got)
			}
		}
	}
	for _, it := range eastus {
		m := it["model"].(map[string]any)
		if m["name"] == "gpt-4o" && m["version"] == "2024-11-20" {
			if m["isDefaultVersion"] != true || m["lifecycleStatus"] == nil || m["deprecation"] == nil || m["capabilities"] == nil {
				t.Fatalf("gpt-4o 2024-11-20: %v", m)
			}
			sku := m["skus"].([]any)[0].(map[string]any)
			if sku["usageName"] != "OpenAI.GlobalStandard.gpt-4o" || sku["capacity"].(map[string]any)["default"] == nil {
				t.Fatalf("gpt-4o sku: %v", sku)
			}
		}
		if m["name"] == "Phi-4" && (it["kind"] != "AIServices" || m["format"] != "Microsoft") {
			t.Fatalf("Phi-4 item: %v", it)
		}
	}
	// The documented gaps.
	if got := offered(c.listAll(modelsPath("westus")), "gpt-4.1", "2025-04-14"); got != nil {
		t.Errorf("gpt-4.1 must not be offered in westus, got %v", got)
	}
	if got := offered(c.listAll(modelsPath("eastus2")), "gpt-4.1", "2025-04-14"); !containsString(got, "GlobalStandard") {
		t.Errorf("gpt-4.1 must be offered in eastus2, got %v", got)
	}
	if got := offered(c.listAll(modelsPath("WestEurope")), "gpt-4o-mini", "2024-07-18"); containsString(got, "Standard") || !containsString(got, "GlobalStandard") {
		t.Errorf("westeurope gpt-4o-mini skus = %v, want GlobalStandard without Standard", got)
	}
	if got := offered(c.listAll(modelsPath("northcentralus")), "mistral-small-2503", "1"); got != nil {
		t.Errorf("mistral-small-2503 must not be offered in northcentralus, got %v", got)
	}
	if items := c.listAll(modelsPath("japaneast")); len(items) != 0 {
		t.Errorf("japaneast has no catalog, got %d items", len(items))
	}
	mustErr(t, c.do(http.MethodGet, modelsPath("moon"), nil), http.StatusBadRequest, "LocationNotAvailableForResourceType")

	// Paging with nextLink.
	srv.SetPageSize(7)
	first := must(t, c.do(http.MethodGet, modelsPath("eastus"), nil), http.StatusOK)
	if n := len(first.body["value"].([]any)); n != 7 || first.body["nextLink"] == nil {
		t.Fatalf("first page: %d items, nextLink %v", n, first.body["nextLink"])
	}
	if paged := c.listAll(modelsPath("eastus")); len(paged) != len(eastus) {
		t.Fatalf("paged %d items, unpaged %d", len(paged), len(eastus))
	}

	// Accounts_ListModels: the account's location and kind.
	c.create(accountPath("rg-foundry", "oai"), map[string]any{"location": "westus", "kind": "OpenAI", "sku": map[string]any{"name": "S0"}})
	c.create(accountPath("rg-foundry", "ais"), map[string]any{"location": "westus", "kind": "AIServices", "sku": map[string]any{"name": "S0"}})
	names := func(items []map[string]any) []string {
		var out []string
		for _, it := range items {
			out = append(out, it["name"].(string)+" "+it["version"].(string))
		}
		return out
	}
	oai := names(c.listAll(accountPath("rg-foundry", "oai") + "/models"))
	ais := names(c.listAll(accountPath("rg-foundry", "ais") + "/models"))
	if !containsString(oai, "gpt-4o 2024-11-20") || containsString(oai, "Phi-4 7") || containsString(oai, "gpt-4.1 2025-04-14") {
		t.Errorf("OpenAI account models in westus: %v", oai)
	}
	if !containsString(ais, "Phi-4 7") || !containsString(ais, "gpt-4o 2024-11-20") {
		t.Errorf("AIServices account models: %v", ais)
	}
	mustErr(t, c.do(http.MethodGet, accountPath("rg-foundry", "none")+"/models", nil), http.StatusNotFound, "ResourceNotFound")
}

// catalogItemKey identifies the items of the catalog and usage lists, which hold more than the example.
func catalogItemKey(op string) func(item map[string]any) string {
	str := func(m any, k string) string { v, _ := m.(map[string]any)[k].(string); return strings.ToLower(v) }
	switch op {
	case "Models_List":
		return func(it map[string]any) string {
			return str(it, "kind") + "|" + str(it["model"], "format") + "|" + str(it["model"], "name") + "|" + str(it["model"], "version")
		}
	case "Accounts_ListModels":
		return func(it map[string]any) string {
			return str(it, "format") + "|" + str(it, "name") + "|" + str(it, "version")
		}
	case "Usages_List", "Accounts_ListUsages":
		return func(it map[string]any) string { return str(it["name"], "value") }
	}
	return nil
}

// compareCatalogList finds every example item in the answer by its key and compares their shapes; the
// answer's sku list is narrowed to the skus the example shows (the catalog offers more).
func compareCatalogList(t *testing.T, op string, want, got map[string]any, key func(map[string]any) string) {
	t.Helper()
	gotItems, _ := got["value"].([]any)
	for i, w := range want["value"].([]any) {
		wm := w.(map[string]any)
		var match map[string]any
		for _, g := range gotItems {
			if gm, ok := g.(map[string]any); ok && key(gm) == key(wm) {
				match = gm
			}
		}
		if match == nil {
			t.Errorf("%s: example item %q is missing from the answer", op, key(wm))
			continue
		}
		wModel, gModel := wm, match
		if op == "Models_List" {
			wModel, gModel = wm["model"].(map[string]any), match["model"].(map[string]any)
		}
		if ws, ok := wModel["skus"].([]any); ok {
			gs, _ := gModel["skus"].([]any)
			var narrowed []any
			for _, s := range ws {
				for _, g := range gs {
					if strings.EqualFold(g.(map[string]any)["name"].(string), s.(map[string]any)["name"].(string)) {
						narrowed = append(narrowed, g)
					}
				}
			}
			gModel["skus"] = narrowed
		}
		compareShape(t, op, "item["+strconv.Itoa(i)+"]", wm, match)
	}
}
