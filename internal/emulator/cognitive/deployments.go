package cognitive

import (
	"math"

	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/catalog"
)

// deploymentReadOnlyProps are server-maintained deployment properties: what a client sends is ignored.
// currentCapacity is writable in the spec but always mirrors sku.capacity here.
var deploymentReadOnlyProps = []string{"capabilities", "callRateLimit", "rateLimits", "dynamicThrottlingEnabled", "currentCapacity"}

// Deployment defaults filled by the server.
const (
	defaultRaiPolicy      = "Microsoft.DefaultV2"
	defaultVersionUpgrade = "OnceNewDefaultVersionAvailable"
	stateRunning          = "Running"
	statePaused           = "Paused"
)

// pausableSkus are the deployment skus that support pause/resume (spec: ServiceTier description).
var pausableSkus = []string{"Standard", "DataZoneStandard", "GlobalStandard"}

func prepareDeployment(c *call, w *write) *arm.Error {
	delete(w.doc, "location")
	props := propsOf(w.doc)
	for _, k := range deploymentReadOnlyProps {
		delete(props, k)
	}
	model, _ := props["model"].(map[string]any)
	str := func(m map[string]any, k string) string { v, _ := m[k].(string); return v }
	for _, k := range []string{"format", "name"} {
		if str(model, k) == "" {
			return arm.Errorf(http.StatusBadRequest, codeInvalidDeploymentModel, "The deployment property 'properties.model.%s' is required.", k)
		}
	}
	sku, _ := w.doc["sku"].(map[string]any)
	skuName := str(sku, "name")
	if skuName == "" {
		return arm.Errorf(http.StatusBadRequest, codeSkuRequired, "The 'sku.name' property is required for a deployment.")
	}
	var exModel, exSku map[string]any
	if ex := w.existing; ex != nil {
		exModel, _ = ex.props()["model"].(map[string]any)
		exSku, _ = ex.doc["sku"].(map[string]any)
		if !strings.EqualFold(str(exModel, "format"), str(model, "format")) || !strings.EqualFold(str(exModel, "name"), str(model, "name")) {
			return arm.Errorf(http.StatusBadRequest, codeChangeDeploymentModel,
				"The model of deployment cannot be changed. Deployment '%s' serves '%s' (format '%s'); delete it and create a new deployment for '%s' (format '%s').",
				ex.name(), str(exModel, "name"), str(exModel, "format"), str(model, "name"), str(model, "format"))
		}
		if !strings.EqualFold(str(exSku, "name"), skuName) {
			return arm.Errorf(http.StatusBadRequest, codeChangeDeploymentSku,
				"The sku of deployment '%s' cannot be changed from '%s' to '%s'.", ex.name(), str(exSku, "name"), skuName)
		}
	}
	kind, loc := kindAndLocation(w.parent)
	if str(model, "version") == "" {
		model["version"] = catalog.DefaultVersion(kind, loc, str(model, "format"), str(model, "name"))
	}
	entry := catalog.Find(kind, loc, str(model, "format"), str(model, "name"), str(model, "version"))
	if entry == nil {
		return arm.Errorf(http.StatusBadRequest, codeModelNotSupported,
			"The model 'Format:%s,Name:%s,Version:%s' of account deployment is not supported.", str(model, "format"), str(model, "name"), str(model, "version"))
	}
	ms, ok := entry.Sku(loc, skuName)
	if !ok {
		return arm.Errorf(http.StatusBadRequest, codeInvalidResourceProps,
			"The specified SKU '%s' for model '%s %s' is not supported in this region '%s'.", skuName, entry.Name(), entry.Version(), loc)
	}
	capacity, e := deploymentCapacity(w, sku, exSku, model, exModel, ms)
	if e != nil {
		return e
	}
	if e := checkDeploymentSettings(c, props, model, skuName); e != nil {
		return e
	}
	if e := checkSpillover(c, w, props); e != nil {
		return e
	}
	if e := c.checkQuota(w, ms.UsageName, capacity); e != nil {
		return e
	}
	fillDeploymentDefaults(w, props, entry, capacity)
	return nil
}

// deploymentCapacity resolves sku.capacity (default from the catalog on create, kept on update) and
// checks it against the catalog's range.
func deploymentCapacity(w *write, sku, exSku, model, exModel map[string]any, ms catalog.Sku) (float64, *arm.Error) {
	raw, sent := sku["capacity"]
	capacity, _ := raw.(float64)
	switch {
	case sent && raw != nil:
	case exSku != nil && exSku["capacity"] != nil:
		capacity, _ = exSku["capacity"].(float64)
	default:
		capacity = float64(max(ms.Capacity.Default, 1))
	}
	exVersion, _ := exModel["version"].(string)
	version, _ := model["version"].(string)
	if sent && raw != nil && exModel != nil && !strings.EqualFold(exVersion, version) && capacity != skuCapacity(w.existing.doc) {
		return 0, arm.Errorf(http.StatusBadRequest, codeInvalidResourceProps,
			"Cannot change capacity and model at the same time for deployment '%s'. Change the model version first, then the capacity.", w.existing.name())
	}
	lo, hi, step := max(ms.Capacity.Minimum, 1), ms.Capacity.Maximum, max(ms.Capacity.Step, 1)
	if capacity != math.Trunc(capacity) || capacity < float64(lo) || (hi > 0 && capacity > float64(hi)) || (int(capacity)-lo)%step != 0 {
		return 0, arm.Errorf(http.StatusBadRequest, codeInvalidResourceProps,
			"The capacity '%s' of sku '%s' is not valid for model '%s'. Allowed: %d to %d in steps of %d.", formatNumber(capacity), ms.Name, model["name"], lo, hi, step)
	}
	sku["capacity"] = capacity
	return capacity, nil
}

// Routing settings apply to model routers from this version on (the spec's DeploymentRouting).
const (
	routerModel        = "model-router"
	routerFirstVersion = "2025-11-18"
)

// checkDeploymentSettings applies the spec's rules on routing (model-router 2025-11-18 or later only), the state a PUT
// may ask for (Paused only for the skus Deployments_Pause accepts) and the model's source account (an account that
// exists: a fine-tuned model comes from the account that trained it).
func checkDeploymentSettings(c *call, props, model map[string]any, skuName string) *arm.Error {
	name, _ := model["name"].(string)
	version, _ := model["version"].(string)
	if r, ok := props["routing"]; ok && r != nil && (!strings.EqualFold(name, routerModel) || version < routerFirstVersion) {
		return arm.Errorf(http.StatusBadRequest, codeInvalidResourceProps,
			"The routing configuration is only applicable to '%s' deployments of version %s or later; model '%s' version '%s' does not support it.",
			routerModel, routerFirstVersion, name, version)
	}
	if st, _ := props["deploymentState"].(string); strings.EqualFold(st, statePaused) && !containsFoldString(pausableSkus, skuName) {
		return arm.Errorf(http.StatusBadRequest, codeOperationNotSupported,
			"A deployment with sku '%s' cannot be paused. Pause and resume are only supported on Standard, DataZoneStandard, and GlobalStandard SKUs.", skuName)
	}
	if src, _ := model["sourceAccount"].(string); src != "" {
		if r := c.st.resources[lower(strings.TrimRight(src, "/"))]; r == nil || r.typ.kind != kindAccount {
			return arm.Errorf(http.StatusBadRequest, codeInvalidResourceProps,
				"The source account '%s' of the model was not found. model.sourceAccount must be the ARM ID of an existing Microsoft.CognitiveServices account.", src)
		}
	}
	return nil
}

func checkSpillover(c *call, w *write, props map[string]any) *arm.Error {
	name, _ := props["spilloverDeploymentName"].(string)
	if name == "" {
		return nil
	}
	if strings.EqualFold(name, w.names[1]) {
		return arm.Errorf(http.StatusBadRequest, codeInvalidResourceProps, "The spillover deployment of '%s' cannot be the deployment itself.", w.names[1])
	}
	if c.st.resources[childKey(w.sub.ID, w.group.Name, w.names[0], w.typ, name)] == nil {
		return arm.Errorf(http.StatusBadRequest, codeInvalidResourceProps,
			"The spillover deployment '%s' does not exist in account '%s'.", name, w.parent.name())
	}
	return nil
}

// fillDeploymentDefaults sets the server-filled and computed properties of a valid deployment.
func fillDeploymentDefaults(w *write, props map[string]any, entry *catalog.Entry, capacity float64) {
	if v, _ := props["raiPolicyName"].(string); v == "" {
		props["raiPolicyName"] = defaultRaiPolicy
	}
	if v, _ := props["versionUpgradeOption"].(string); v == "" && strings.EqualFold(entry.Format(), "OpenAI") {
		props["versionUpgradeOption"] = defaultVersionUpgrade
	}
	if v, _ := props["deploymentState"].(string); v == "" {
		props["deploymentState"] = stateRunning
		if w.existing != nil {
			if prev, _ := w.existing.props()["deploymentState"].(string); prev != "" {
				props["deploymentState"] = prev
			}
		}
	}
	props["capabilities"] = entry.Capabilities()
	props["currentCapacity"] = capacity
	props["dynamicThrottlingEnabled"] = false
	props["rateLimits"] = []any{
		map[string]any{"key": "request", "renewalPeriod": 10, "count": capacity},
		map[string]any{"key": "token", "renewalPeriod": 60, "count": capacity * 1000},
	}
}

// setDeploymentState serves Deployments_Pause and Deployments_Resume (synchronous, 200 + Deployment).
func setDeploymentState(state string) func(c *call, r *resource) *arm.Error {
	return func(c *call, r *resource) *arm.Error {
		key := accountKey(r.sub, r.group, r.names[0])
		if e := c.checkBusy(key); e != nil {
			return e
		}
		sku, _ := r.doc["sku"].(map[string]any)
		if name, _ := sku["name"].(string); !containsFoldString(pausableSkus, name) {
			return arm.Errorf(http.StatusBadRequest, codeOperationNotSupported,
				"Deployment '%s' uses sku '%s'. Pause and resume are only supported on Standard, DataZoneStandard, and GlobalStandard SKUs.", r.name(), name)
		}
		if ps := r.provisioningState(); ps != "Succeeded" {
			return arm.Errorf(http.StatusConflict, arm.CodeRequestConflict,
				"Deployment '%s' is in provisioning state '%s'. Please try again later.", r.name(), ps)
		}
		r.props()["deploymentState"] = state
		r.etag, r.modifiedAt, r.modifiedBy = arm.NewETag(), c.Now, c.Who.AppID
		c.s.holdAfterWrite(key, c.Now)
		c.writeResource(http.StatusOK, r)
		return nil
	}
}
