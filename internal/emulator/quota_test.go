package emulator_test

import (
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

func usagesPath(location, filter string) string {
	p := "/subscriptions/" + subID + "/providers/Microsoft.CognitiveServices/locations/" + location + "/usages"
	if filter != "" {
		p += "?$filter=" + url.QueryEscape(filter)
	}
	return p
}

func TestQuota_InsufficientQuotaAndUsages(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	a1 := c.foundryIn("q1", "eastus")
	a2 := c.foundryIn("q2", "eastus")
	c.create(a1+"/deployments/big", deploymentBody("OpenAI", "gpt-4o", "2024-08-06", "GlobalStandard", 300))
	c.create(a2+"/deployments/other", deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 120))

	// 420 of 450 used across both accounts of the subscription and location, and both gpt-4o versions.
	e := mustErr(t, c.do(http.MethodPut, a1+"/deployments/more", deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 120)), http.StatusBadRequest, "InsufficientQuota")
	want := "This operation require 120 new capacity in quota Tokens Per Minute (thousands) - gpt-4o - GlobalStandard, which is bigger than the current available capacity 30. " +
		"The current quota usage is 420 and the quota limit is 450 for quota Tokens Per Minute (thousands) - gpt-4o - GlobalStandard."
	if errMessage(e) != want {
		t.Fatalf("message:\n got %s\nwant %s", errMessage(e), want)
	}
	// An update needs only the difference.
	c.settle(must(t, c.do(http.MethodPatch, a2+"/deployments/other", map[string]any{"sku": map[string]any{"name": "GlobalStandard", "capacity": 150}}), http.StatusAccepted))
	e = mustErr(t, c.do(http.MethodPatch, a2+"/deployments/other", map[string]any{"sku": map[string]any{"name": "GlobalStandard", "capacity": 151}}), http.StatusBadRequest, "InsufficientQuota")
	if errMessage(e)[:60] != "This operation require 1 new capacity in quota Tokens Per Mi" {
		t.Fatalf("message: %s", e.raw)
	}
	// Another location has its own quota; Standard defaults to 30.
	east2 := c.foundryIn("q3", "eastus2")
	c.create(east2+"/deployments/big", deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 450))
	mustErr(t, c.do(http.MethodPut, east2+"/deployments/std", deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "Standard", 31)), http.StatusBadRequest, "InsufficientQuota")
	// Provisioned quota is 0 until set (Go API and control API).
	ptu := deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalProvisionedManaged", 15)
	mustErr(t, c.do(http.MethodPut, east2+"/deployments/ptu", ptu), http.StatusBadRequest, "InsufficientQuota")
	ctl := newRaw(t, srv, armAud)
	must(t, ctl.do(http.MethodPut, srv.URL()+"/_emulator/quota", map[string]any{"subscriptionId": subID, "location": "East US 2", "usageName": "OpenAI.GlobalProvisionedManaged.gpt-4o", "limit": 50}), http.StatusOK)
	mustErr(t, ctl.do(http.MethodPut, srv.URL()+"/_emulator/quota", map[string]any{"subscriptionId": subID, "location": "eastus2", "usageName": "x", "limit": -1}), http.StatusBadRequest, "BadRequest")
	ov := must(t, ctl.do(http.MethodGet, srv.URL()+"/_emulator/quota", nil), http.StatusOK).body["value"].([]any)
	if len(ov) != 1 || ov[0].(map[string]any)["location"] != "eastus2" || ov[0].(map[string]any)["limit"] != float64(50) {
		t.Fatalf("quota overrides: %v", ov)
	}
	c.create(east2+"/deployments/ptu", ptu)
	srv.SetQuota(subID, "eastus", "OpenAI.GlobalStandard.gpt-4o", 1000)
	c.create(a1+"/deployments/more", deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 120))

	// Usages_List with $filter.
	u := must(t, c.do(http.MethodGet, usagesPath("eastus", "name.value eq 'OpenAI.GlobalStandard.gpt-4o'"), nil), http.StatusOK)
	items := u.body["value"].([]any)
	if len(items) != 1 {
		t.Fatalf("filtered usages: %s", u.raw)
	}
	it := items[0].(map[string]any)
	name := it["name"].(map[string]any)
	if name["value"] != "OpenAI.GlobalStandard.gpt-4o" || name["localizedValue"] != "Tokens Per Minute (thousands) - gpt-4o - GlobalStandard" ||
		it["currentValue"] != float64(570) || it["limit"] != float64(1000) || it["unit"] != "Count" || it["status"] != "Included" ||
		it["scopeType"] != "Regional" || it["scopeId"] != "eastus" {
		t.Fatalf("usage: %v", it)
	}
	for _, k := range []string{"quotaPeriod", "nextResetTime"} {
		if _, ok := it[k]; !ok {
			t.Fatalf("usage without %s: %v", k, it)
		}
	}
	all := c.listAll(usagesPath("eastus", ""))
	var accounts map[string]any
	for _, it := range all {
		if it["name"].(map[string]any)["value"] == "AccountCount" {
			accounts = it
		}
	}
	if accounts == nil || accounts["currentValue"] != float64(2) || accounts["limit"] != float64(200) {
		t.Fatalf("AccountCount: %v", accounts)
	}
	two := c.listAll(usagesPath("eastus", "name.value eq 'AccountCount' or name.value eq 'OpenAI.Standard.GPT4o'"))
	if len(two) != 2 {
		t.Fatalf("or filter: %v", two)
	}
	mustErr(t, c.do(http.MethodGet, usagesPath("eastus", "limit gt 3"), nil), http.StatusBadRequest, "BadRequest")

	// Accounts_ListUsages: not pageable, same numbers.
	srv.SetPageSize(1)
	au := must(t, c.do(http.MethodGet, a1+"/usages?$filter="+url.QueryEscape("name.value eq 'OpenAI.GlobalStandard.gpt-4o'"), nil), http.StatusOK)
	if v := au.body["value"].([]any); len(v) != 1 || v[0].(map[string]any)["currentValue"] != float64(570) || au.body["nextLink"] != nil {
		t.Fatalf("account usages: %s", au.raw)
	}
	if full := must(t, c.do(http.MethodGet, a1+"/usages", nil), http.StatusOK); len(full.body["value"].([]any)) < 10 || full.body["nextLink"] != nil {
		t.Fatalf("account usages: %s", full.raw)
	}

	// A soft-deleted account keeps its deployments' quota until it is purged.
	c.remove(a2)
	check := func(want float64) {
		t.Helper()
		got := c.listAll(usagesPath("eastus", "name.value eq 'OpenAI.GlobalStandard.gpt-4o'"))[0]["currentValue"]
		if got != want {
			t.Fatalf("usage = %v, want %v", got, want)
		}
	}
	check(570)
	pr := must(t, c.do(http.MethodDelete, "/subscriptions/"+subID+"/providers/Microsoft.CognitiveServices/locations/eastus/resourceGroups/rg-foundry/deletedAccounts/q2", nil), http.StatusAccepted)
	c.settle(pr)
	check(420)
}

func TestWriteHold_ParallelDeploymentPuts(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("hold", "eastus")
	// Without a hold, back-to-back writes succeed because operations finish at the next request.
	c.create(acc+"/deployments/first", deploymentBody("OpenAI", "gpt-4o-mini", "2024-07-18", "GlobalStandard", 1))
	c.create(acc+"/deployments/second", deploymentBody("OpenAI", "gpt-4o-mini", "2024-07-18", "GlobalStandard", 1))

	ctl := newRaw(t, srv, armAud)
	cfg := must(t, ctl.do(http.MethodPut, srv.URL()+"/_emulator/config", map[string]any{"writeHoldMs": 60000}), http.StatusOK)
	if cfg.body["writeHoldMs"] != float64(60000) || cfg.body["asyncDurationMs"] != float64(0) {
		t.Fatalf("config: %s", cfg.raw)
	}
	const n = 20
	results := make([]result, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = c.do(http.MethodPut, acc+"/deployments/p"+string(rune('a'+i)), deploymentBody("OpenAI", "gpt-4o-mini", "2024-07-18", "GlobalStandard", 1))
		}(i)
	}
	wg.Wait()
	created, conflicts := 0, 0
	for _, r := range results {
		if r.status == http.StatusCreated {
			created++
			continue
		}
		mustErr(t, r, http.StatusConflict, "RequestConflict")
		conflicts++
	}
	if created != 1 || conflicts != n-1 {
		t.Fatalf("%d created, %d conflicts; want 1 and %d", created, conflicts, n-1)
	}
	// Reads are fine; writes to the account and its other children wait for the hold.
	must(t, c.do(http.MethodGet, acc+"/deployments", nil), http.StatusOK)
	mustErr(t, c.do(http.MethodPost, acc+"/deployments/first/pause", nil), http.StatusConflict, "RequestConflict")
	mustErr(t, c.do(http.MethodPatch, acc, map[string]any{"tags": map[string]any{"a": "b"}}), http.StatusConflict, "RequestConflict")
	srv.AdvanceClock(61 * time.Second)
	must(t, c.do(http.MethodPost, acc+"/deployments/first/pause", nil), http.StatusOK)
	mustErr(t, c.do(http.MethodPost, acc+"/deployments/first/resume", nil), http.StatusConflict, "RequestConflict")
	srv.SetWriteHold(0)
	must(t, c.do(http.MethodPost, acc+"/deployments/first/resume", nil), http.StatusOK)
}
