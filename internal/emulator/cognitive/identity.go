package cognitive

import (
	"net/http"
	"slices"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// identityTypes is the closed enum of managed identity types, in canonical spelling.
var identityTypes = []string{"None", "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned"}

// prepareIdentity validates doc.identity and rewrites it to its stored form (read-only fields dropped).
func prepareIdentity(doc map[string]any) *arm.Error {
	raw, ok := doc["identity"]
	if !ok || raw == nil {
		delete(doc, "identity")
		return nil
	}
	// The specification check has refused an identity that is not an object and a type outside the closed enum
	// (BadRequest, compared case-sensitively); an identity without a type is the service's rule.
	id, _ := raw.(map[string]any)
	canonical, _ := id["type"].(string)
	if !slices.Contains(identityTypes, canonical) {
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest,
			"The identity type '%s' is not supported. Supported values are 'None', 'SystemAssigned', 'UserAssigned' and 'SystemAssigned, UserAssigned'.", canonical)
	}
	out := map[string]any{"type": canonical}
	uai, _ := id["userAssignedIdentities"].(map[string]any)
	if strings.Contains(canonical, "UserAssigned") {
		if len(uai) == 0 {
			return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "The 'userAssignedIdentities' property is required when the identity type includes 'UserAssigned'.")
		}
		ids := map[string]any{}
		for k := range uai {
			if !strings.Contains(lower(k), "/providers/microsoft.managedidentity/userassignedidentities/") {
				return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "The user-assigned identity '%s' is not a valid resource ID of type 'Microsoft.ManagedIdentity/userAssignedIdentities'.", k)
			}
			ids[k] = map[string]any{}
		}
		out["userAssignedIdentities"] = ids
	} else if len(uai) > 0 {
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "'userAssignedIdentities' may only be set when the identity type includes 'UserAssigned'.")
	}
	doc["identity"] = out
	return nil
}

func hasManagedIdentity(doc map[string]any) bool {
	id, _ := doc["identity"].(map[string]any)
	t, _ := id["type"].(string)
	return t != "" && t != "None"
}

// decorateIdentity fills principalId/tenantId and the user-assigned principals.
func decorateIdentity(s *Service, r *resource, out map[string]any) {
	id, ok := out["identity"].(map[string]any)
	if !ok {
		return
	}
	t, _ := id["type"].(string)
	if strings.Contains(t, "SystemAssigned") {
		id["principalId"] = r.principalID
		id["tenantId"] = s.tenantID
	}
	if uai, ok := id["userAssignedIdentities"].(map[string]any); ok {
		for k := range uai {
			uai[k] = map[string]any{"principalId": wire.DerivedUUID("principal:" + lower(k)), "clientId": wire.DerivedUUID("client:" + lower(k))}
		}
	}
}
