package cognitive

import (
	"net/http"

	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/catalog"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// quotaDefaults are the default limits per subscription and location, first match wins (patterns use
// path.Match on the lower-cased usage name). Capacity units follow the sku: thousands of tokens per
// minute for Standard/GlobalStandard/DataZoneStandard, provisioned throughput units for provisioned skus.
// This is the one table of quota defaults; SetQuota overrides it per subscription, location and usage name.
var quotaDefaults = []struct {
	pattern string
	limit   float64
}{
	{"accountcount", 200},
	{"openai.standard.gpt-35-turbo", 300},
	{"openai.standard.text-embedding-*", 350},
	{"openai.globalstandard.*", 450},
	{"openai.datazonestandard.*", 300},
	{"openai.standard.*", 30},
	{"openai.developertier.*", 50},
	{"openai.globalprovisionedmanaged.*", 0}, // deliberately unavailable: PTU needs a quota request
	{"openai.provisioned.*", 0},
	{"aiservices.globalstandard.*", 5000},
}

// transactionsLimit is the monthly transaction quota reported for free (F0) accounts as "{kind}.Transactions".
const transactionsLimit = 30000

const accountCountUsage = "AccountCount"

func quotaKey(sub, location, usageName string) string {
	return lower(sub) + "|" + arm.NormaliseRegion(location) + "|" + lower(usageName)
}

// SetQuota sets the quota limit of a usage name (e.g. "OpenAI.GlobalStandard.gpt-4o") for a
// subscription and location; it lasts until Reset.
func (s *Service) SetQuota(subscriptionID, location, usageName string, limit float64) {
	s.st.quotas[quotaKey(subscriptionID, location, usageName)] = quotaOverride{usageName: usageName, limit: limit}
}

// QuotaOverrides lists the limits set with SetQuota.
func (s *Service) QuotaOverrides() []map[string]any {
	keys := make([]string, 0, len(s.st.quotas))
	for k := range s.st.quotas {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := []map[string]any{}
	for _, k := range keys {
		parts := strings.SplitN(k, "|", 3)
		q := s.st.quotas[k]
		out = append(out, map[string]any{"subscriptionId": parts[0], "location": parts[1], "usageName": q.usageName, "limit": q.limit})
	}
	return out
}

func (s *Service) quotaLimitLocked(sub, location, usageName string) float64 {
	if v, ok := s.st.quotas[quotaKey(sub, location, usageName)]; ok {
		return v.limit
	}
	n := lower(usageName)
	for _, d := range quotaDefaults {
		if ok, _ := path.Match(d.pattern, n); ok {
			return d.limit
		}
	}
	return 0
}

// skuCapacity is sku.capacity of a document (0 when absent).
func skuCapacity(doc map[string]any) float64 {
	sku, _ := doc["sku"].(map[string]any)
	v, _ := sku["capacity"].(float64)
	return v
}

// accountOf returns the live account of a child resource.
func (s *Service) accountOf(r *resource) *resource {
	return s.st.resources[accountKey(r.sub, r.group, r.names[0])]
}

func kindAndLocation(acc *resource) (string, string) {
	kind, _ := acc.doc["kind"].(string)
	loc, _ := acc.doc["location"].(string)
	return kind, loc
}

// deploymentQuota sums the capacity of an account's deployments per lower-case usage name.
func (s *Service) deploymentQuota(acc *resource) map[string]float64 {
	out := map[string]float64{}
	kind, loc := kindAndLocation(acc)
	for _, d := range s.st.children(acc, kindDeployment) {
		if u := usageNameOf(kind, loc, d.doc); u != "" {
			out[lower(u)] += skuCapacity(d.doc)
		}
	}
	return out
}

// quotaUsageLocked is the capacity consumed in a subscription and location: live deployments plus the
// deployments that soft-deleted accounts still hold until they are purged.
func (s *Service) quotaUsageLocked(sub, location, usageName string) float64 {
	var used float64
	for _, r := range s.st.resources {
		if r.typ.kind != kindAccount || lower(r.sub) != lower(sub) {
			continue
		}
		if _, loc := kindAndLocation(r); loc == location {
			used += s.deploymentQuota(r)[lower(usageName)]
		}
	}
	for _, r := range s.st.deleted {
		if _, loc := kindAndLocation(r); lower(r.sub) == lower(sub) && loc == location {
			used += r.heldQuota[lower(usageName)]
		}
	}
	if strings.EqualFold(usageName, accountCountUsage) {
		for _, r := range s.st.resources {
			if _, loc := kindAndLocation(r); r.typ.kind == kindAccount && lower(r.sub) == lower(sub) && loc == location {
				used++
			}
		}
	}
	return used
}

// quotaDisplayName is the localized name of a usage, as in the service's InsufficientQuota messages.
func quotaDisplayName(usageName string) string {
	parts := strings.SplitN(usageName, ".", 3)
	switch {
	case strings.EqualFold(usageName, accountCountUsage):
		return "Cognitive Services total account limit"
	case len(parts) < 3:
		return usageName
	case strings.Contains(lower(parts[1]), "provisioned"):
		return "Provisioned Throughput Units - " + parts[2] + " - " + parts[1]
	}
	return "Tokens Per Minute (thousands) - " + parts[2] + " - " + parts[1]
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// checkQuota rejects a deployment write whose capacity would exceed the quota of its usage name.
func (c *call) checkQuota(w *write, usageName string, capacity float64) *arm.Error {
	kind, loc := kindAndLocation(w.parent)
	var current float64
	if w.existing != nil && strings.EqualFold(usageNameOf(kind, loc, w.existing.doc), usageName) {
		current = skuCapacity(w.existing.doc)
	}
	need := capacity - current
	if need <= 0 {
		return nil
	}
	limit := c.s.quotaLimitLocked(w.sub.ID, loc, usageName)
	used := c.s.quotaUsageLocked(w.sub.ID, loc, usageName)
	if used+need <= limit {
		return nil
	}
	q := quotaDisplayName(usageName)
	return arm.Errorf(http.StatusBadRequest, codeInsufficientQuota,
		"This operation require %s new capacity in quota %s, which is bigger than the current available capacity %s. The current quota usage is %s and the quota limit is %s for quota %s.",
		formatNumber(need), q, formatNumber(max(limit-used, 0)), formatNumber(used), formatNumber(limit), q)
}

// usage renders one Usage object.
func (s *Service) usage(sub, location, usageName string) map[string]any {
	return map[string]any{
		"name":         map[string]any{"value": usageName, "localizedValue": quotaDisplayName(usageName)},
		"currentValue": s.quotaUsageLocked(sub, location, usageName),
		"limit":        s.quotaLimitLocked(sub, location, usageName),
		"unit":         "Count", "status": "Included", "scopeType": "Regional", "scopeId": location,
		"quotaPeriod": "", "nextResetTime": "",
	}
}

var usageFilterTerm = regexp.MustCompile(`(?i)^\s*name\.value\s+eq\s+'([^']*)'\s*$`)

// usageFilter parses $filter = name.value eq 'X' [or name.value eq 'Y' ...]; nil means no filter.
func (c *call) usageFilter() ([]string, *arm.Error) {
	f := c.R.URL.Query().Get("$filter")
	if strings.TrimSpace(f) == "" {
		return nil, nil
	}
	var names []string
	for _, term := range regexp.MustCompile(`(?i)\s+or\s+`).Split(f, -1) {
		m := usageFilterTerm.FindStringSubmatch(term)
		if m == nil {
			return nil, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest,
				"The $filter '%s' is not supported. Supported: name.value eq '<usage name>', optionally joined with 'or'.", f)
		}
		names = append(names, m[1])
	}
	return names, nil
}

func filterUsages(items []map[string]any, names []string) []map[string]any {
	if names == nil {
		return items
	}
	out := []map[string]any{}
	for _, it := range items {
		n, _ := it["name"].(map[string]any)
		if v, _ := n["value"].(string); containsFoldString(names, v) {
			out = append(out, it)
		}
	}
	return out
}

// listLocationUsages serves Usages_List (pageable).
func (c *call) listLocationUsages(location string) *arm.Error {
	sub := c.sub
	loc := arm.NormaliseRegion(location)
	if !arm.KnownRegion(loc) {
		return arm.Errorf(http.StatusBadRequest, codeLocationNotAvailable,
			"The provided location '%s' is not available for resource type '%s/locations/usages'.", location, providerNamespace)
	}
	names, e := c.usageFilter()
	if e != nil {
		return e
	}
	usageNames := append([]string{accountCountUsage}, catalog.UsageNames("", loc)...)
	prefix := lower(sub.ID) + "|" + loc + "|"
	var extra []string
	for k, q := range c.st.quotas {
		if strings.HasPrefix(k, prefix) && !containsFoldString(usageNames, q.usageName) && !containsFoldString(extra, q.usageName) {
			extra = append(extra, q.usageName)
		}
	}
	slices.Sort(extra)
	items := []map[string]any{}
	for _, n := range append(usageNames, extra...) {
		items = append(items, c.s.usage(sub.ID, loc, n))
	}
	return c.WriteList(filterUsages(items, names))
}

// listAccountUsages serves Accounts_ListUsages (not pageable in the spec): the model quotas of the
// account's location for its kind, and the monthly transactions of a free (F0) account.
func listAccountUsages(c *call, acc *resource) *arm.Error {
	names, e := c.usageFilter()
	if e != nil {
		return e
	}
	kind, loc := kindAndLocation(acc)
	items := []map[string]any{}
	for _, n := range catalog.UsageNames(kind, loc) {
		items = append(items, c.s.usage(acc.sub, loc, n))
	}
	sku, _ := acc.doc["sku"].(map[string]any)
	if name, _ := sku["name"].(string); strings.EqualFold(name, "F0") {
		next := acc.createdAt
		for !next.After(c.Now) {
			next = next.Add(30 * 24 * time.Hour)
		}
		items = append(items, map[string]any{
			"name":         map[string]any{"value": kind + ".Transactions", "localizedValue": kind + ".Transactions"},
			"currentValue": 0, "limit": transactionsLimit, "unit": "Count", "status": "Included",
			"scopeType": "Regional", "scopeId": loc, "quotaPeriod": "30.00:00:00", "nextResetTime": next.Format(time.RFC3339),
		})
	}
	wire.WriteJSON(c.W, http.StatusOK, map[string]any{"value": filterUsages(items, names)})
	return nil
}
