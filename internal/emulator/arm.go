package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/entra"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// providerNamespace is the only resource provider the emulator serves.
const providerNamespace = "Microsoft.CognitiveServices"

// apiVersions lists the api-versions accepted for Microsoft.CognitiveServices, newest first.
var apiVersions = []string{"2026-09-01"}

// pinnedAPIVersion is used on the polling URLs the emulator hands out.
var pinnedAPIVersion = apiVersions[0]

// call carries one ARM request through the handlers; handlers run with Server.mu held.
type call struct {
	s     *Server
	st    *state
	w     http.ResponseWriter
	r     *http.Request
	now   time.Time
	who   entra.Principal
	fault *Fault // AsyncFail rule attached to this request, if any
}

func (s *Server) serveARM(w http.ResponseWriter, r *http.Request) {
	who, te := s.dir.Authenticate(r, armAudiences)
	if te != nil {
		s.writeARMAuthError(w, te)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.nowLocked()
	s.settleLocked(now)
	c := &call{s: s, st: s.st, w: w, r: r, now: now, who: who}
	if f, ok := r.Context().Value(asyncFailKey).(*Fault); ok {
		c.fault = f
	}
	if e := c.dispatch(); e != nil {
		writeError(w, e)
	}
}

func (c *call) dispatch() *armError {
	segs := strings.Split(strings.Trim(c.r.URL.Path, "/"), "/")
	ls := make([]string, len(segs))
	for i, p := range segs {
		ls[i] = lower(p)
	}
	if c.r.URL.Query().Get("api-version") == "" {
		return errf(http.StatusBadRequest, codeMissingAPIVersion,
			"The api-version query parameter (?api-version=) is required for all requests.")
	}
	if len(segs) < 2 {
		return errf(http.StatusNotFound, codeInvalidResourceType, "The request path '%s' is not a valid ARM path.", c.r.URL.Path)
	}
	sub, ok := c.st.subs[ls[1]]
	if !ok {
		return errf(http.StatusNotFound, codeSubscriptionNotFound, "The subscription '%s' could not be found.", segs[1])
	}
	switch {
	case len(ls) == 2:
		return c.getSubscription(sub)
	case len(ls) >= 4 && ls[2] == "providers":
		if ls[3] != lower(providerNamespace) {
			if ns := neighbourNamespaces[ls[3]]; ns != nil {
				return c.serveNeighbour(ns, sub, nil, segs[4:], ls[4:])
			}
			return unknownNamespace(segs[3])
		}
		if e := c.checkAPIVersion(ls[3:], ""); e != nil {
			return e
		}
		return c.subscriptionScope(sub, segs[4:], ls[4:])
	case len(ls) >= 4 && ls[2] == "resourcegroups":
		g, ok := sub.groups[ls[3]]
		if len(ls) == 4 {
			if !ok {
				return rgNotFound(segs[3])
			}
			return c.getResourceGroup(sub, g)
		}
		if len(ls) < 7 || ls[4] != "providers" {
			return errf(http.StatusNotFound, codeInvalidResourceType, "The request path '%s' is not a valid ARM path.", c.r.URL.Path)
		}
		if ls[5] != lower(providerNamespace) {
			if ns := neighbourNamespaces[ls[5]]; ns != nil {
				if !ok {
					if e := c.checkNeighbourAPIVersion(ns, ls[6:], g.Location); e != nil {
						return e
					}
					return rgNotFound(segs[3])
				}
				return c.serveNeighbour(ns, sub, &g, segs[6:], ls[6:])
			}
			return unknownNamespace(segs[5])
		}
		if e := c.checkAPIVersion(ls[6:], g.Location); e != nil {
			return e
		}
		if !ok {
			return rgNotFound(segs[3])
		}
		return c.groupScope(sub, g, segs[6:], ls[6:])
	}
	return errf(http.StatusNotFound, codeInvalidResourceType, "The request path '%s' is not a valid ARM path.", c.r.URL.Path)
}

func rgNotFound(name string) *armError {
	return errf(http.StatusNotFound, codeResourceGroupNotFound, "Resource group '%s' could not be found.", name)
}

func unknownNamespace(ns string) *armError {
	return errf(http.StatusBadRequest, "InvalidResourceNamespace", "The resource namespace '%s' is invalid.", ns)
}

// checkAPIVersion rejects api-versions the provider does not register, like ARM's front door.
func (c *call) checkAPIVersion(typePath []string, location string) *armError {
	v := c.r.URL.Query().Get("api-version")
	if slices.Contains(apiVersions, v) {
		return nil
	}
	typ := "accounts"
	if len(typePath) > 0 {
		typ = typePath[0]
		if len(typePath) >= 3 {
			typ = typePath[0] + "/" + typePath[2]
		}
	}
	if location == "" {
		location = "global"
	}
	return errf(http.StatusBadRequest, codeNoRegisteredProvider,
		"No registered resource provider found for location '%s' and API version '%s' for type '%s'. The supported api-versions are '%s'. The supported locations are '%s'.",
		location, v, typ, strings.Join(apiVersions, ", "), strings.Join(regionNames(), ", "))
}

func (c *call) getSubscription(sub *subscription) *armError {
	if c.r.Method != http.MethodGet {
		return methodNotAllowed(c.r.Method)
	}
	wire.WriteJSON(c.w, http.StatusOK, map[string]any{
		"id": "/subscriptions/" + sub.id, "subscriptionId": sub.id, "displayName": sub.displayName,
		"state": "Enabled", "tenantId": c.s.seed.TenantID,
	})
	return nil
}

func (c *call) getResourceGroup(sub *subscription, g SeedResourceGroup) *armError {
	if c.r.Method != http.MethodGet {
		return methodNotAllowed(c.r.Method)
	}
	wire.WriteJSON(c.w, http.StatusOK, map[string]any{
		"id":   "/subscriptions/" + sub.id + "/resourceGroups/" + g.Name,
		"name": g.Name, "type": "Microsoft.Resources/resourceGroups", "location": g.Location,
		"properties": map[string]any{"provisioningState": "Succeeded"},
	})
	return nil
}

func methodNotAllowed(m string) *armError {
	return errf(http.StatusMethodNotAllowed, codeMethodNotAllowed, "The HTTP method '%s' is not supported for this resource.", m)
}

// readBody decodes a JSON object body; an empty body decodes to an empty object.
func (c *call) readBody() (map[string]any, *armError) {
	data, err := io.ReadAll(io.LimitReader(c.r.Body, 4<<20+1))
	if err != nil {
		return nil, errf(http.StatusBadRequest, codeInvalidRequestContent, "The request content could not be read.")
	}
	if len(data) > 4<<20 {
		return nil, errf(http.StatusRequestEntityTooLarge, "RequestEntityTooLarge", "The request content size exceeds the 4 MB limit.")
	}
	if strings.TrimSpace(string(data)) == "" {
		return map[string]any{}, nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, errf(http.StatusBadRequest, codeInvalidRequestContent,
			"The request content was invalid and could not be deserialized: '%s'.", err.Error())
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errf(http.StatusBadRequest, codeInvalidRequestContent,
			"The request content was invalid and could not be deserialized: a JSON object was expected.")
	}
	return m, nil
}
