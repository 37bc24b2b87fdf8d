package cognitive

import (
	"net/http"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/catalog"
)

// listLocationModels serves Models_List: every model offered in a location, once per account kind.
func (c *call) listLocationModels(location string) *arm.Error {
	loc := arm.NormaliseRegion(location)
	if !arm.KnownRegion(loc) {
		return arm.Errorf(http.StatusBadRequest, codeLocationNotAvailable,
			"The provided location '%s' is not available for resource type '%s/locations/models'.", location, providerNamespace)
	}
	return c.WriteList(catalog.LocationModels(loc))
}

// listAccountModels serves Accounts_ListModels: the models the account may deploy in its location.
func listAccountModels(c *call, acc *resource) *arm.Error {
	loc, _ := acc.doc["location"].(string)
	kind, _ := acc.doc["kind"].(string)
	return c.WriteList(catalog.AccountModels(kind, loc))
}

// usageNameOf is the quota usage name of a deployment document in a location ("" when unknown).
func usageNameOf(kind, location string, doc map[string]any) string {
	model, _ := propsOf(doc)["model"].(map[string]any)
	str := func(k string) string { v, _ := model[k].(string); return v }
	e := catalog.Find(kind, location, str("format"), str("name"), str("version"))
	if e == nil {
		return ""
	}
	sku, _ := doc["sku"].(map[string]any)
	name, _ := sku["name"].(string)
	s, ok := e.Sku(location, name)
	if !ok {
		return ""
	}
	return s.UsageName
}
