// Package arm is the Azure Resource Manager protocol the emulator's resource providers share: the front door
// (api-version, subscription, resource group, then the namespace's provider), the error envelope, request bodies,
// paging, ETags and regions. It knows no resource type: each provider wing brings its own.
package arm

import (
	"net/http"
	"sort"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Audiences are the token audiences ARM accepts.
func Audiences() []string {
	return []string{"https://management.core.windows.net/", "https://management.azure.com/", "https://management.azure.com", "https://management.core.windows.net"}
}

// Subscription is a subscription with its resource groups (static: they come from the seed).
type Subscription struct {
	ID          string
	DisplayName string
	Groups      map[string]Group // by lower-case name
}

// Group is a resource group.
type Group struct {
	Name     string
	Location string
}

// Subscriptions are the seeded subscriptions by lower-case ID.
type Subscriptions map[string]*Subscription

// Get looks a subscription up by ID (any casing); nil when unknown.
func (s Subscriptions) Get(id string) *Subscription { return s[strings.ToLower(id)] }

// Namespace is a resource provider the front door hands requests to, by its namespace (any casing).
type Namespace struct {
	Name string
	// ServeSubscription answers /subscriptions/{s}/providers/{Name}/{segs...} (ls: segs lower-cased). The provider
	// checks the api-version itself.
	ServeSubscription func(c *Call, sub *Subscription, segs, ls []string) *Error
	// ServeGroup answers /subscriptions/{s}/resourceGroups/{g}/providers/{Name}/{segs...}; g is nil when the
	// resource group does not exist (the provider answers ResourceGroupNotFound after its api-version check).
	ServeGroup func(c *Call, sub *Subscription, g *Group, rgName string, segs, ls []string) *Error
	// ResourceTypes are the provider's resource types and the locations each is offered in, as
	// GET /subscriptions/{s}/providers/{Name} (Microsoft.Resources, Providers_Get) lists them.
	ResourceTypes []ResourceType
}

// ResourceType is one resource type of a provider and the locations it is offered in.
type ResourceType struct {
	Name      string
	Locations []string
}

// Router is ARM's front door for /subscriptions/...: the api-version must be present, the subscription and
// resource group must exist, and the namespace after providers/ picks the provider.
type Router struct {
	TenantID      string
	Subscriptions Subscriptions
	Namespaces    []Namespace
}

// Serve answers one /subscriptions request.
func (rt *Router) Serve(c *Call) *Error {
	segs := strings.Split(strings.Trim(c.R.URL.Path, "/"), "/")
	ls := make([]string, len(segs))
	for i, p := range segs {
		ls[i] = strings.ToLower(p)
	}
	if c.APIVersion() == "" {
		return Errorf(http.StatusBadRequest, CodeMissingAPIVersion,
			"The api-version query parameter (?api-version=) is required for all requests.")
	}
	if len(segs) < 2 {
		return c.InvalidPath()
	}
	sub := rt.Subscriptions.Get(ls[1])
	if sub == nil {
		return Errorf(http.StatusNotFound, CodeSubscriptionNotFound, "The subscription '%s' could not be found.", segs[1])
	}
	switch {
	case len(ls) == 2:
		return rt.getSubscription(c, sub)
	case len(ls) == 3 && ls[2] == "resourcegroups":
		return listResourceGroups(c, sub)
	case len(ls) >= 4 && ls[2] == "providers":
		ns := rt.namespace(ls[3])
		if ns == nil {
			return unknownNamespace(segs[3])
		}
		if len(ls) == 4 {
			return getProvider(c, sub, ns)
		}
		return ns.ServeSubscription(c, sub, segs[4:], ls[4:])
	case len(ls) >= 4 && ls[2] == "resourcegroups":
		g, ok := sub.Groups[ls[3]]
		if len(ls) == 4 {
			if !ok {
				return ResourceGroupNotFound(segs[3])
			}
			return getResourceGroup(c, sub, g)
		}
		if len(ls) < 7 || ls[4] != "providers" {
			return c.InvalidPath()
		}
		ns := rt.namespace(ls[5])
		if ns == nil {
			return unknownNamespace(segs[5])
		}
		var gp *Group
		if ok {
			gp = &g
		}
		return ns.ServeGroup(c, sub, gp, segs[3], segs[6:], ls[6:])
	}
	return c.InvalidPath()
}

func (rt *Router) namespace(lower string) *Namespace {
	for i := range rt.Namespaces {
		if strings.EqualFold(rt.Namespaces[i].Name, lower) {
			return &rt.Namespaces[i]
		}
	}
	return nil
}

// InvalidPath is the 404 for a path ARM cannot parse.
func (c *Call) InvalidPath() *Error {
	return Errorf(http.StatusNotFound, CodeInvalidResourceType, "The request path '%s' is not a valid ARM path.", c.R.URL.Path)
}

func unknownNamespace(ns string) *Error {
	return Errorf(http.StatusBadRequest, "InvalidResourceNamespace", "The resource namespace '%s' is invalid.", ns)
}

func (rt *Router) getSubscription(c *Call, sub *Subscription) *Error {
	if c.R.Method != http.MethodGet {
		return MethodNotAllowed(c.R.Method)
	}
	wire.WriteJSON(c.W, http.StatusOK, map[string]any{
		"id": "/subscriptions/" + sub.ID, "subscriptionId": sub.ID, "displayName": sub.DisplayName,
		"state": "Enabled", "tenantId": rt.TenantID,
	})
	return nil
}

// getProvider answers Microsoft.Resources' Providers_Get for a namespace the emulator serves: registered, with its
// resource types and their locations (any api-version: the request belongs to Microsoft.Resources, not to the
// namespace; azcore's RP registration reads it with 2019-05-01).
func getProvider(c *Call, sub *Subscription, ns *Namespace) *Error {
	if c.R.Method != http.MethodGet {
		return MethodNotAllowed(c.R.Method)
	}
	types := make([]map[string]any, 0, len(ns.ResourceTypes))
	for _, t := range ns.ResourceTypes {
		types = append(types, map[string]any{"resourceType": t.Name, "locations": t.Locations})
	}
	wire.WriteJSON(c.W, http.StatusOK, map[string]any{
		"id": "/subscriptions/" + sub.ID + "/providers/" + ns.Name, "namespace": ns.Name,
		"registrationState": "Registered", "registrationPolicy": "RegistrationRequired", "resourceTypes": types,
	})
	return nil
}

// listResourceGroups answers ResourceGroups_List: every seeded group of the subscription, sorted by name.
func listResourceGroups(c *Call, sub *Subscription) *Error {
	if c.R.Method != http.MethodGet {
		return MethodNotAllowed(c.R.Method)
	}
	names := make([]string, 0, len(sub.Groups))
	for k := range sub.Groups {
		names = append(names, k)
	}
	sort.Strings(names)
	value := make([]map[string]any, 0, len(names))
	for _, k := range names {
		value = append(value, resourceGroupBody(sub, sub.Groups[k]))
	}
	wire.WriteJSON(c.W, http.StatusOK, map[string]any{"value": value})
	return nil
}

func resourceGroupBody(sub *Subscription, g Group) map[string]any {
	return map[string]any{
		"id":   "/subscriptions/" + sub.ID + "/resourceGroups/" + g.Name,
		"name": g.Name, "type": "Microsoft.Resources/resourceGroups", "location": g.Location,
		"properties": map[string]any{"provisioningState": "Succeeded"},
	}
}

func getResourceGroup(c *Call, sub *Subscription, g Group) *Error {
	if c.R.Method != http.MethodGet {
		return MethodNotAllowed(c.R.Method)
	}
	wire.WriteJSON(c.W, http.StatusOK, resourceGroupBody(sub, g))
	return nil
}
