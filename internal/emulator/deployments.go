package emulator

import (
	"net/http"
	"time"
)

var deploymentReadOnlyProps = []string{"capabilities", "callRateLimit", "rateLimits", "dynamicThrottlingEnabled"}

// deploymentRules run after the basic shape checks; catalog and quota rules go here.
var deploymentRules []func(c *call, w *write) *armError

func newDeploymentType() *resourceType {
	return &resourceType{
		collection: "deployments",
		armType:    providerNamespace + "/accounts/deployments",
		parent:     accountType,
		putPattern: patternAsyncOperation,
		patchKeys:  []string{"tags", "sku"},
		prepare:    prepareDeployment,
		decorate:   decorateDeployment,
		removed: func(s *Server, r *resource, _ time.Time) {
			delete(s.st.resources, lower(r.id))
		},
	}
}

func prepareDeployment(c *call, w *write) *armError {
	delete(w.doc, "location")
	props := propsOf(w.doc)
	for _, k := range deploymentReadOnlyProps {
		delete(props, k)
	}
	model, _ := props["model"].(map[string]any)
	for _, k := range []string{"format", "name", "version"} {
		if v, _ := model[k].(string); v == "" {
			return errf(http.StatusBadRequest, codeInvalidDeploymentModel, "The deployment property 'properties.model.%s' is required.", k)
		}
	}
	sku, _ := w.doc["sku"].(map[string]any)
	if name, _ := sku["name"].(string); name == "" {
		return errf(http.StatusBadRequest, codeSkuRequired, "The 'sku.name' property is required for a deployment.")
	}
	for _, rule := range deploymentRules {
		if e := rule(c, w); e != nil {
			return e
		}
	}
	return nil
}

func decorateDeployment(_ *Server, r *resource, out map[string]any) {
	props := propsOf(out)
	props["capabilities"] = map[string]any{}
	if model, ok := props["model"].(map[string]any); ok {
		if f, _ := model["format"].(string); f == "OpenAI" {
			props["capabilities"] = map[string]any{"chatCompletion": "true", "completion": "true"}
		}
	}
	if sku, ok := out["sku"].(map[string]any); ok {
		if capacity, ok := sku["capacity"]; ok {
			props["currentCapacity"] = capacity
		}
	}
}
