package emulator_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// deploymentBody is a deployment with a model and a sku; version "" and capacity 0 are left out.
func deploymentBody(format, name, version, sku string, capacity int) map[string]any {
	model := map[string]any{"format": format, "name": name}
	if version != "" {
		model["version"] = version
	}
	s := map[string]any{"name": sku}
	if capacity > 0 {
		s["capacity"] = capacity
	}
	return map[string]any{"sku": s, "properties": map[string]any{"model": model}}
}

// foundryIn creates a project-capable AIServices account in a location and returns its path.
func (c *rawClient) foundryIn(name, location string) string {
	c.t.Helper()
	body := foundryAccount(name + "-sub")
	body["location"] = location
	p := accountPath("rg-foundry", name)
	c.create(p, body)
	return p
}

func errMessage(r result) string {
	e, _ := r.body["error"].(map[string]any)
	m, _ := e["message"].(string)
	return m
}

func TestDeployment_ServerFilledDefaults(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("defaults", "eastus")
	body := deploymentBody("OpenAI", "gpt-4o", "", "GlobalStandard", 0)
	body["properties"].(map[string]any)["dynamicThrottlingEnabled"] = true
	body["properties"].(map[string]any)["capabilities"] = map[string]any{"fake": "true"}
	r := must(t, c.do(http.MethodPut, acc+"/deployments/chat", body), http.StatusCreated)
	if r.header.Get("Azure-AsyncOperation") == "" || r.props()["provisioningState"] != "Accepted" {
		t.Fatalf("PUT: %v %s", r.header, r.raw)
	}
	if st := c.settle(r); st.body["status"] != "Succeeded" {
		t.Fatalf("status: %s", st.raw)
	}
	g := must(t, c.do(http.MethodGet, acc+"/deployments/chat", nil), http.StatusOK)
	p := g.props()
	model := p["model"].(map[string]any)
	sku := g.body["sku"].(map[string]any)
	if model["version"] != "2024-11-20" || sku["capacity"] != float64(10) || p["currentCapacity"] != float64(10) {
		t.Fatalf("version/capacity defaults: %s", g.raw)
	}
	if p["raiPolicyName"] != "Microsoft.DefaultV2" || p["versionUpgradeOption"] != "OnceNewDefaultVersionAvailable" ||
		p["deploymentState"] != "Running" || p["dynamicThrottlingEnabled"] != false || p["provisioningState"] != "Succeeded" {
		t.Fatalf("defaults: %s", g.raw)
	}
	caps := p["capabilities"].(map[string]any)
	if caps["chatCompletion"] != "true" || caps["fake"] != nil {
		t.Fatalf("capabilities: %v", caps)
	}
	limits := p["rateLimits"].([]any)
	if len(limits) != 2 || limits[1].(map[string]any)["key"] != "token" || limits[1].(map[string]any)["count"] != float64(10000) {
		t.Fatalf("rateLimits: %v", limits)
	}
	// Non-OpenAI models get no versionUpgradeOption.
	phi := c.create(acc+"/deployments/phi", deploymentBody("Microsoft", "Phi-4", "7", "GlobalStandard", 1))
	if _, ok := phi.props()["versionUpgradeOption"]; ok || phi.props()["raiPolicyName"] != "Microsoft.DefaultV2" {
		t.Fatalf("Phi-4 deployment: %s", phi.raw)
	}
	// A client-chosen value is kept (the RAI policy must exist: rai_test.go).
	must(t, c.do(http.MethodPut, acc+"/raiPolicies/my-policy", map[string]any{"properties": map[string]any{"basePolicyName": "Microsoft.DefaultV2"}}), http.StatusCreated)
	b := deploymentBody("OpenAI", "gpt-4o-mini", "2024-07-18", "GlobalStandard", 5)
	b["properties"].(map[string]any)["raiPolicyName"] = "no-such-policy"
	mustErr(t, c.do(http.MethodPut, acc+"/deployments/mini", b), http.StatusBadRequest, "RaiPolicyNotFound")
	mustErr(t, c.do(http.MethodGet, acc+"/deployments/mini", nil), http.StatusNotFound, "ResourceNotFound")
	b["properties"].(map[string]any)["raiPolicyName"] = "my-policy"
	b["properties"].(map[string]any)["versionUpgradeOption"] = "NoAutoUpgrade"
	mini := c.create(acc+"/deployments/mini", b)
	if mini.props()["raiPolicyName"] != "my-policy" || mini.props()["versionUpgradeOption"] != "NoAutoUpgrade" {
		t.Fatalf("client values: %s", mini.raw)
	}

	// The project data plane shows the same deployments.
	c.create(acc+"/projects/proj", map[string]any{"location": "eastus"})
	dp := newRaw(t, srv, "https://ai.azure.com/")
	base := srv.URL() + "/ai/defaults-sub/api/projects/proj/deployments?api-version=v1"
	all := must(t, dp.do(http.MethodGet, base, nil), http.StatusOK).body["value"].([]any)
	if len(all) != 3 {
		t.Fatalf("data plane deployments: %v", all)
	}
	first := all[0].(map[string]any)
	if first["modelPublisher"] != "OpenAI" || first["modelVersion"] != "2024-11-20" || first["capabilities"].(map[string]any)["chatCompletion"] != "true" ||
		first["sku"].(map[string]any)["name"] != "GlobalStandard" {
		t.Fatalf("data plane deployment: %v", first)
	}
	ms := must(t, dp.do(http.MethodGet, base+"&modelPublisher=Microsoft", nil), http.StatusOK).body["value"].([]any)
	if len(ms) != 1 || ms[0].(map[string]any)["modelName"] != "Phi-4" {
		t.Fatalf("modelPublisher filter: %v", ms)
	}
}

func TestDeployment_UpdatesAndImmutableFields(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	d := c.foundryIn("upd", "eastus") + "/deployments/d"
	c.create(d, deploymentBody("OpenAI", "gpt-4o", "2024-08-06", "GlobalStandard", 10))

	// Version in place (same capacity).
	r := must(t, c.do(http.MethodPut, d, deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 10)), http.StatusOK)
	c.settle(r)
	// Capacity by PATCH: 202 + Location, no body.
	p := must(t, c.do(http.MethodPatch, d, map[string]any{"sku": map[string]any{"name": "GlobalStandard", "capacity": 20}, "tags": map[string]any{"a": "b"}}), http.StatusAccepted)
	if p.header.Get("Location") == "" || len(p.raw) != 0 {
		t.Fatalf("PATCH: %v %q", p.header, p.raw)
	}
	must(t, c.settle(p), http.StatusOK)
	g := must(t, c.do(http.MethodGet, d, nil), http.StatusOK)
	if g.props()["model"].(map[string]any)["version"] != "2024-11-20" || g.props()["currentCapacity"] != float64(20) || g.body["tags"].(map[string]any)["a"] != "b" {
		t.Fatalf("after updates: %s", g.raw)
	}
	// Capacity by PUT; omitting the capacity on update keeps it.
	c.settle(must(t, c.do(http.MethodPut, d, deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 25)), http.StatusOK))
	c.settle(must(t, c.do(http.MethodPut, d, deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 0)), http.StatusOK))
	if g := must(t, c.do(http.MethodGet, d, nil), http.StatusOK); g.body["sku"].(map[string]any)["capacity"] != float64(25) {
		t.Fatalf("capacity after PUT without capacity: %s", g.raw)
	}

	e := mustErr(t, c.do(http.MethodPut, d, deploymentBody("OpenAI", "gpt-4o-mini", "2024-07-18", "GlobalStandard", 10)), http.StatusBadRequest, "CannotChangeDeploymentModel")
	if !strings.Contains(errMessage(e), "The model of deployment cannot be changed.") {
		t.Fatalf("message: %s", e.raw)
	}
	mustErr(t, c.do(http.MethodPut, d, deploymentBody("Microsoft", "gpt-4o", "2024-11-20", "GlobalStandard", 10)), http.StatusBadRequest, "CannotChangeDeploymentModel")
	mustErr(t, c.do(http.MethodPut, d, deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "Standard", 10)), http.StatusBadRequest, "CannotChangeDeploymentSku")
	mustErr(t, c.do(http.MethodPatch, d, map[string]any{"sku": map[string]any{"name": "DataZoneStandard", "capacity": 10}}), http.StatusBadRequest, "CannotChangeDeploymentSku")
	e = mustErr(t, c.do(http.MethodPut, d, deploymentBody("OpenAI", "gpt-4o", "2024-08-06", "GlobalStandard", 30)), http.StatusBadRequest, "InvalidResourceProperties")
	if !strings.Contains(errMessage(e), "Cannot change capacity and model at the same time") {
		t.Fatalf("message: %s", e.raw)
	}
	for _, bad := range []int{-1, 10001} {
		b := deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 0)
		b["sku"].(map[string]any)["capacity"] = bad
		e := mustErr(t, c.do(http.MethodPut, d, b), http.StatusBadRequest, "InvalidResourceProperties")
		if !strings.Contains(errMessage(e), "capacity '"+strconv.Itoa(bad)+"'") {
			t.Fatalf("message: %s", e.raw)
		}
	}
}

func TestDeployment_CatalogRules(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	west := c.foundryIn("west", "westus")
	e := mustErr(t, c.do(http.MethodPut, west+"/deployments/d", deploymentBody("OpenAI", "gpt-4.1", "2025-04-14", "GlobalStandard", 10)), http.StatusBadRequest, "DeploymentModelNotSupported")
	if errMessage(e) != "The model 'Format:OpenAI,Name:gpt-4.1,Version:2025-04-14' of account deployment is not supported." {
		t.Fatalf("message: %s", e.raw)
	}
	mustErr(t, c.do(http.MethodPut, west+"/deployments/d", deploymentBody("OpenAI", "gpt-4.1", "", "GlobalStandard", 10)), http.StatusBadRequest, "DeploymentModelNotSupported")
	mustErr(t, c.do(http.MethodPut, west+"/deployments/d", deploymentBody("OpenAI", "gpt-4o", "1999-01-01", "GlobalStandard", 10)), http.StatusBadRequest, "DeploymentModelNotSupported")
	mustErr(t, c.do(http.MethodPut, west+"/deployments/d", deploymentBody("", "gpt-4o", "", "GlobalStandard", 10)), http.StatusBadRequest, "InvalidDeploymentModel")
	mustErr(t, c.do(http.MethodPut, west+"/deployments/d", deploymentBody("OpenAI", "gpt-4o", "", "", 10)), http.StatusBadRequest, "SkuRequired")

	eu := c.foundryIn("eu", "westeurope")
	e = mustErr(t, c.do(http.MethodPut, eu+"/deployments/d", deploymentBody("OpenAI", "gpt-4o-mini", "2024-07-18", "Standard", 10)), http.StatusBadRequest, "InvalidResourceProperties")
	if errMessage(e) != "The specified SKU 'Standard' for model 'gpt-4o-mini 2024-07-18' is not supported in this region 'westeurope'." {
		t.Fatalf("message: %s", e.raw)
	}
	c.create(eu+"/deployments/d", deploymentBody("OpenAI", "gpt-4o-mini", "2024-07-18", "GlobalStandard", 10))

	// Kind: an OpenAI account cannot deploy a non-OpenAI model.
	oai := accountPath("rg-foundry", "oaikind")
	c.create(oai, map[string]any{"location": "eastus", "kind": "OpenAI", "sku": map[string]any{"name": "S0"}})
	mustErr(t, c.do(http.MethodPut, oai+"/deployments/phi", deploymentBody("Microsoft", "Phi-4", "7", "GlobalStandard", 1)), http.StatusBadRequest, "DeploymentModelNotSupported")

	// Spillover must name another existing deployment of the account.
	sp := deploymentBody("OpenAI", "gpt-4o-mini", "2024-07-18", "GlobalStandard", 10)
	sp["properties"].(map[string]any)["spilloverDeploymentName"] = "nope"
	e = mustErr(t, c.do(http.MethodPut, eu+"/deployments/s", sp), http.StatusBadRequest, "InvalidResourceProperties")
	if !strings.Contains(errMessage(e), "'nope' does not exist") {
		t.Fatalf("message: %s", e.raw)
	}
	sp["properties"].(map[string]any)["spilloverDeploymentName"] = "s"
	mustErr(t, c.do(http.MethodPut, eu+"/deployments/s", sp), http.StatusBadRequest, "InvalidResourceProperties")
	sp["properties"].(map[string]any)["spilloverDeploymentName"] = "D"
	if got := c.create(eu+"/deployments/s", sp); got.props()["spilloverDeploymentName"] != "D" {
		t.Fatalf("spillover: %s", got.raw)
	}
}

func TestDeployment_PauseResumeListDelete(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("pause", "eastus")
	d := acc + "/deployments/d"
	c.create(d, deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 10))
	p := must(t, c.do(http.MethodPost, d+"/pause", nil), http.StatusOK)
	if p.props()["deploymentState"] != "Paused" || p.body["name"] != "d" || p.header.Get("ETag") == "" {
		t.Fatalf("pause: %s", p.raw)
	}
	// A full PUT that does not mention deploymentState keeps it.
	c.settle(must(t, c.do(http.MethodPut, d, deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 10)), http.StatusOK))
	if g := must(t, c.do(http.MethodGet, d, nil), http.StatusOK); g.props()["deploymentState"] != "Paused" {
		t.Fatalf("after PUT: %s", g.raw)
	}
	if r := must(t, c.do(http.MethodPost, d+"/resume", nil), http.StatusOK); r.props()["deploymentState"] != "Running" {
		t.Fatalf("resume: %s", r.raw)
	}
	mustErr(t, c.do(http.MethodPost, acc+"/deployments/missing/pause", nil), http.StatusNotFound, "ResourceNotFound")
	mustErr(t, c.do(http.MethodGet, d+"/pause", nil), http.StatusNotFound, "InvalidResourceType")

	// Provisioned deployments cannot be paused (and need quota, 0 by default).
	srv.SetQuota(subID, "eastus", "OpenAI.GlobalProvisionedManaged.gpt-4o", 100)
	c.create(acc+"/deployments/ptu", deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalProvisionedManaged", 15))
	mustErr(t, c.do(http.MethodPost, acc+"/deployments/ptu/pause", nil), http.StatusBadRequest, "OperationNotSupported")

	// List with paging.
	for i := 0; i < 3; i++ {
		c.create(acc+"/deployments/e"+strconv.Itoa(i), deploymentBody("OpenAI", "text-embedding-3-small", "1", "Standard", 1))
	}
	srv.SetPageSize(2)
	page := must(t, c.do(http.MethodGet, acc+"/deployments", nil), http.StatusOK)
	if len(page.body["value"].([]any)) != 2 || page.body["nextLink"] == nil {
		t.Fatalf("first page: %s", page.raw)
	}
	if all := c.listAll(acc + "/deployments"); len(all) != 5 || all[0]["name"] != "d" {
		t.Fatalf("all deployments: %v", all)
	}
	// DELETE: 202 + Location, then gone.
	r := must(t, c.do(http.MethodDelete, d, nil), http.StatusAccepted)
	if r.header.Get("Location") == "" {
		t.Fatalf("DELETE headers: %v", r.header)
	}
	must(t, c.settle(r), http.StatusOK)
	mustErr(t, c.do(http.MethodGet, d, nil), http.StatusNotFound, "ResourceNotFound")
	must(t, c.do(http.MethodDelete, d, nil), http.StatusNoContent)
}

// The 2026-09-01 deployment settings (issue 17): routing only on a model router of 2025-11-18 or later, a PUT that
// asks for Paused only on a sku that can be paused, and a model from another account only from one that exists; the
// settings are stored and echoed.
func TestDeployment_RoutingStateAndSourceAccount(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	acc := c.foundryIn("routing", "eastus")
	trainer := c.foundryIn("trainer", "westus")

	router := deploymentBody("OpenAI", "model-router", "2025-11-18", "GlobalStandard", 10)
	routing := map[string]any{"mode": "cost", "models": []any{map[string]any{"format": "OpenAI", "name": "gpt-4.1-mini", "version": "2025-04-14"}}}
	router["properties"].(map[string]any)["routing"] = routing
	router["properties"].(map[string]any)["capacitySettings"] = map[string]any{"designatedCapacity": 5, "priority": 1}
	router["properties"].(map[string]any)["parentDeploymentName"] = "parent"
	got := c.create(acc+"/deployments/router", router)
	props := got.props()
	if r, _ := props["routing"].(map[string]any); r["mode"] != "cost" || len(r["models"].([]any)) != 1 {
		t.Fatalf("routing not echoed: %s", got.raw)
	}
	if cs, _ := props["capacitySettings"].(map[string]any); cs["designatedCapacity"] != float64(5) || props["parentDeploymentName"] != "parent" {
		t.Fatalf("capacitySettings or parentDeploymentName not echoed: %s", got.raw)
	}

	chat := deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalStandard", 10)
	chat["properties"].(map[string]any)["routing"] = routing
	r := mustErr(t, c.do(http.MethodPut, acc+"/deployments/chat", chat), http.StatusBadRequest, "InvalidResourceProperties")
	if !strings.Contains(errMessage(r), "model-router") {
		t.Errorf("routing on gpt-4o: %s", r.raw)
	}

	// Paused in a PUT: accepted for a sku that can be paused, refused for one that cannot.
	paused := deploymentBody("OpenAI", "text-embedding-3-small", "1", "Standard", 1)
	paused["properties"].(map[string]any)["deploymentState"] = "Paused"
	if g := c.create(acc+"/deployments/emb", paused); g.props()["deploymentState"] != "Paused" {
		t.Fatalf("Paused in a PUT: %s", g.raw)
	}
	srv.SetQuota(subID, "eastus", "OpenAI.GlobalProvisionedManaged.gpt-4o", 100)
	ptu := deploymentBody("OpenAI", "gpt-4o", "2024-11-20", "GlobalProvisionedManaged", 15)
	ptu["properties"].(map[string]any)["deploymentState"] = "Paused"
	mustErr(t, c.do(http.MethodPut, acc+"/deployments/ptu", ptu), http.StatusBadRequest, "OperationNotSupported")

	// A fine-tuned model from the account that trained it, in another region.
	ft := deploymentBody("OpenAI", "gpt-4.1-mini-2025-04-14.ft-0123456789abcdef0123456789abcdef", "1", "GlobalStandard", 1)
	model := ft["properties"].(map[string]any)["model"].(map[string]any)
	model["sourceAccount"] = strings.ToUpper(trainer)
	if g := c.create(acc+"/deployments/ft", ft); !strings.EqualFold(g.props()["model"].(map[string]any)["sourceAccount"].(string), trainer) {
		t.Fatalf("sourceAccount not echoed: %s", g.raw)
	}
	model["sourceAccount"] = accountPath("rg-foundry", "nobody")
	r = mustErr(t, c.do(http.MethodPut, acc+"/deployments/ft2", ft), http.StatusBadRequest, "InvalidResourceProperties")
	if !strings.Contains(errMessage(r), "source account") {
		t.Errorf("missing source account: %s", r.raw)
	}
}
