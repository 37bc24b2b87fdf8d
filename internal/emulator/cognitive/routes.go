package cognitive

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

// Path templates of the specification (internal/armspec) that the routes extend.
const (
	subscriptionPrefix = "/subscriptions/{subscriptionId}/providers/" + providerNamespace + "/"
	groupPrefix        = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/" + providerNamespace + "/"
)

// route is one path of Microsoft.CognitiveServices: a template below the provider as the specification writes it
// ({name} matches one segment, literals match in any casing) and its handler. method "" takes every method (the
// handler answers 405 itself); otherwise another method falls through to the next route.
type route struct {
	method   string
	template string
	serve    func(c *call, p params) *arm.Error
}

// params are the path parameters of a matched route, by the specification's names, as sent.
type params map[string]string

// subscriptionRoutes are the routes below /subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices/.
func (s *Service) subscriptionRoutes() []route {
	return []route{
		{http.MethodGet, "accounts", func(c *call, _ params) *arm.Error { return c.listAccounts(nil) }},
		{http.MethodGet, "deletedAccounts", (*call).listDeletedAccounts},
		{http.MethodPost, "checkDomainAvailability", func(c *call, _ params) *arm.Error { return c.checkDomainAvailability() }},
		{http.MethodGet, "locations/{location}/models", func(c *call, p params) *arm.Error { return c.listLocationModels(p["location"]) }},
		{http.MethodGet, "locations/{location}/usages", func(c *call, p params) *arm.Error { return c.listLocationUsages(p["location"]) }},
		{http.MethodGet, "locations/{location}/raiContentFilters", raiContentFilters},
		{http.MethodGet, "locations/{location}/raiContentFilters/{filterName}", raiContentFilters},
		{"", "locations/{location}/resourceGroups/{resourceGroupName}/deletedAccounts/{accountName}", func(c *call, p params) *arm.Error {
			return c.deletedAccount(p["location"], p["resourceGroupName"], p["accountName"])
		}},
		// The operation monitors the emulator hands out (not in the specification).
		{"", "locations/{location}/operationResults/{operationId}", func(c *call, p params) *arm.Error { return c.operationResult(p["operationId"]) }},
		{"", "locations/{location}/operationStatuses/{operationId}", func(c *call, p params) *arm.Error { return c.operationStatus(p["operationId"]) }},
	}
}

// groupRoutes are the routes below /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/
// Microsoft.CognitiveServices/: the accounts and their children, by type.
func (s *Service) groupRoutes() []route {
	t := s.types
	return []route{
		{"", "accounts", func(c *call, _ params) *arm.Error {
			return c.getOnly(func() *arm.Error { return c.listAccounts(&c.g) })
		}},
		{"", "accounts/{accountName}", crud(t.account, "accountName")},
		{"", "accounts/{accountName}/listKeys", accountAction(http.MethodPost, listKeys)},
		{"", "accounts/{accountName}/regenerateKey", accountAction(http.MethodPost, regenerateKey)},
		{"", "accounts/{accountName}/models", accountAction(http.MethodGet, listAccountModels)},
		{"", "accounts/{accountName}/usages", accountAction(http.MethodGet, listAccountUsages)},
		{"", "accounts/{accountName}/projects", list(t.project)},
		{"", "accounts/{accountName}/projects/{projectName}", crud(t.project, "projectName")},
		{"", "accounts/{accountName}/deployments", list(t.deployment)},
		{"", "accounts/{accountName}/deployments/{deploymentName}", crud(t.deployment, "deploymentName")},
		{http.MethodPost, "accounts/{accountName}/deployments/{deploymentName}/pause", childAction(t.deployment, "deploymentName", setDeploymentState(statePaused))},
		{http.MethodPost, "accounts/{accountName}/deployments/{deploymentName}/resume", childAction(t.deployment, "deploymentName", setDeploymentState(stateRunning))},
		{"", "accounts/{accountName}/capabilityHosts", list(t.accountCapabilityHost)},
		{"", "accounts/{accountName}/capabilityHosts/{capabilityHostName}", crud(t.accountCapabilityHost, "capabilityHostName")},
		{"", "accounts/{accountName}/projects/{projectName}/capabilityHosts", projectCapabilityHosts},
		{"", "accounts/{accountName}/projects/{projectName}/capabilityHosts/{capabilityHostName}", projectCapabilityHosts},
		{"", "accounts/{accountName}/connections", connections},
		{"", "accounts/{accountName}/connections/{connectionName}", connections},
		{"", "accounts/{accountName}/projects/{projectName}/connections", connections},
		{"", "accounts/{accountName}/projects/{projectName}/connections/{connectionName}", connections},
		// RAI policies and blocklists (rai.go, rai_blocklists.go).
		{"", "accounts/{accountName}/raiPolicies", raiPolicies},
		{"", "accounts/{accountName}/raiPolicies/{raiPolicyName}", raiPolicies},
		{"", "accounts/{accountName}/raiBlocklists", raiBlocklists},
		{"", "accounts/{accountName}/raiBlocklists/{raiBlocklistName}", raiBlocklists},
		{"", "accounts/{accountName}/raiBlocklists/{raiBlocklistName}/addRaiBlocklistItems", raiBlocklistBatch(true)},
		{"", "accounts/{accountName}/raiBlocklists/{raiBlocklistName}/deleteRaiBlocklistItems", raiBlocklistBatch(false)},
		{"", "accounts/{accountName}/raiBlocklists/{raiBlocklistName}/raiBlocklistItems", raiBlocklistItems},
		{"", "accounts/{accountName}/raiBlocklists/{raiBlocklistName}/raiBlocklistItems/{raiBlocklistItemName}", raiBlocklistItems},
		// Managed networks and outbound rules (managednetworks*.go, outboundrules*.go).
		{"", "accounts/{accountName}/managedNetworks", serveManagedNetworks},
		{"", "accounts/{accountName}/managedNetworks/{managedNetworkName}", serveManagedNetwork},
		{http.MethodPost, "accounts/{accountName}/managedNetworks/{managedNetworkName}/provision", serveProvision},
		{http.MethodPost, "accounts/{accountName}/managedNetworks/{managedNetworkName}/batchOutboundRules", serveBatchOutboundRules},
		{"", "accounts/{accountName}/managedNetworks/{managedNetworkName}/outboundRules", serveOutboundRules},
		{"", "accounts/{accountName}/managedNetworks/{managedNetworkName}/outboundRules/{ruleName}", serveOutboundRule},
	}
}

// RouteTemplate is a route as the specification names it: a method ("" for every method of the path) and the full
// path template.
type RouteTemplate struct{ Method, Path string }

// RouteTemplates are the full path templates of the routes (prefix and template), the operation monitors left out:
// the specification's paths the provider serves.
func (s *Service) RouteTemplates() []RouteTemplate {
	var out []RouteTemplate
	for prefix, routes := range map[string][]route{subscriptionPrefix: s.subRoutes, groupPrefix: s.rgRoutes} {
		for _, rt := range routes {
			if !strings.Contains(rt.template, "/operationResults/") && !strings.Contains(rt.template, "/operationStatuses/") {
				out = append(out, RouteTemplate{rt.method, prefix + rt.template})
			}
		}
	}
	return out
}

// match reports whether a route takes a request and gives its path parameters.
func (rt route) match(method string, segs []string) (params, bool) {
	if rt.method != "" && rt.method != method {
		return nil, false
	}
	parts := strings.Split(rt.template, "/")
	if len(parts) != len(segs) {
		return nil, false
	}
	p := params{}
	for i, part := range parts {
		if name, ok := strings.CutPrefix(part, "{"); ok {
			p[strings.TrimSuffix(name, "}")] = segs[i]
		} else if !strings.EqualFold(part, segs[i]) {
			return nil, false
		}
	}
	return p, true
}

// Operation is a request to Microsoft.CognitiveServices as the specification sees it.
type Operation struct {
	Method   string
	Template string            // the specification's path, e.g. /subscriptions/{subscriptionId}/…/accounts/{accountName}
	Params   map[string]string // the path parameters by the specification's names, as sent
	Query    url.Values
	// Body reads the raw body without consuming it (413 RequestEntityTooLarge beyond ARM's 4 MB).
	Body func() ([]byte, *arm.Error)
	// Stored is the stored document of the resource the path names, nil when there is none: what a PUT or PATCH is
	// compared with for create-only properties.
	Stored map[string]any
}

// Validator checks a request against the API specification. It runs once a route is matched (so after the
// front door's api-version, subscription and resource group checks, and ARM's tag rules) and before anything of the
// resource type: the type's own rules, preconditions and the one-write-per-account rule. An error is the answer; a
// non-nil body replaces the request body the type reads (ARM ignores read-only properties: the check removes them).
// The operation monitors the emulator hands out are routes too; they have no operation in the specification.
type Validator func(op Operation) (body []byte, e *arm.Error)

// serve answers a request below the provider with the first route that matches it, after ARM's rules for writes
// and the Validator; fallback answers what no route takes.
func (c *call) serve(routes []route, prefix string, fallback func() *arm.Error) *arm.Error {
	for _, rt := range routes {
		p, ok := rt.match(c.R.Method, c.segs)
		if !ok {
			continue
		}
		if e := c.armWriteRules(); e != nil {
			return e
		}
		if c.s.validate != nil {
			op := Operation{Method: c.R.Method, Template: prefix + rt.template, Params: map[string]string{"subscriptionId": c.sub.ID},
				Query: c.R.URL.Query(), Body: c.PeekRaw}
			if prefix == groupPrefix {
				op.Params["resourceGroupName"] = c.g.Name
			}
			for k, v := range p {
				op.Params[k] = v
			}
			if r := c.st.resources[lower(strings.TrimSuffix(c.R.URL.Path, "/"))]; r != nil {
				op.Stored = r.doc
			}
			body, e := c.s.validate(op)
			if e != nil {
				return e
			}
			if body != nil {
				c.ReplaceBody(body)
			}
		}
		return rt.serve(c, p)
	}
	return fallback()
}

// armWriteRules are ARM's own rules for a PUT or PATCH, before the resource provider sees it: the tag limits. The
// body as sent is kept for the engine's read-only provisioningState rule (the specification check removes
// read-only properties from what the types read).
func (c *call) armWriteRules() *arm.Error {
	if c.R.Method != http.MethodPut && c.R.Method != http.MethodPatch {
		return nil
	}
	body, e := c.PeekBody()
	if e != nil {
		if e.Status == http.StatusRequestEntityTooLarge {
			return e
		}
		return nil // the specification check (or the type) reports a body it cannot read
	}
	c.sent = body
	return arm.CheckTags(body)
}

// unknownAtSubscription answers a subscription-scope path no route takes.
func (c *call) unknownAtSubscription() *arm.Error {
	return arm.Errorf(http.StatusNotFound, arm.CodeInvalidResourceType, "The request '%s %s' is not supported by the emulator for '%s'.", c.R.Method, c.R.URL.Path, providerNamespace)
}

// unknownInGroup answers a resource-group-scope path no route takes, as ARM does for an unknown type, an unknown
// action of a child type or a path it cannot parse.
func (c *call) unknownInGroup() *arm.Error {
	segs := c.segs
	if !strings.EqualFold(segs[0], c.s.types.account.collection) {
		return arm.Errorf(http.StatusNotFound, arm.CodeInvalidResourceType, "The resource type '%s' could not be found in the namespace '%s' for api version '%s'.", segs[0], providerNamespace, c.APIVersion())
	}
	var typ *resourceType
	for _, t := range []*resourceType{c.s.types.project, c.s.types.deployment, c.s.types.accountCapabilityHost} {
		if strings.EqualFold(segs[2], t.collection) {
			typ = t
		}
	}
	switch {
	case typ == nil:
		return arm.Errorf(http.StatusNotFound, arm.CodeInvalidResourceType, "The resource type 'accounts/%s' could not be found in the namespace '%s' for api version '%s'.", segs[2], providerNamespace, c.APIVersion())
	case len(segs) == 5:
		return arm.Errorf(http.StatusNotFound, arm.CodeInvalidResourceType, "The action '%s' is not supported on '%s'.", segs[4], typ.armType)
	}
	return c.InvalidPath()
}

// account is the live account the request's accountName names, nil when there is none.
func (c *call) account(p params) *resource {
	return c.st.resources[accountKey(c.sub.ID, c.g.Name, p["accountName"])]
}

// getOnly answers 405 for any method but GET.
func (c *call) getOnly(serve func() *arm.Error) *arm.Error {
	if c.R.Method != http.MethodGet {
		return arm.MethodNotAllowed(c.R.Method)
	}
	return serve()
}

// crud serves GET, PUT, PATCH and DELETE of one resource of typ; name is the parameter of its own name.
func crud(typ *resourceType, name string) func(c *call, p params) *arm.Error {
	return func(c *call, p params) *arm.Error {
		names := []string{p["accountName"]}
		if typ.parent != nil {
			names = append(names, p[name])
		}
		return c.crud(typ, names)
	}
}

// list serves the list of the children of typ of an account.
func list(typ *resourceType) func(c *call, p params) *arm.Error {
	return func(c *call, p params) *arm.Error {
		return c.getOnly(func() *arm.Error {
			acc := c.account(p)
			if acc == nil {
				return arm.ParentNotFound(p["accountName"])
			}
			items := []map[string]any{}
			for _, r := range c.st.children(acc, typ.kind) {
				items = append(items, c.s.render(r))
			}
			return c.WriteList(items)
		})
	}
}

// accountAction serves a POST action or a GET view of an account.
func accountAction(method string, serve func(c *call, acc *resource) *arm.Error) func(c *call, p params) *arm.Error {
	return func(c *call, p params) *arm.Error {
		if c.R.Method != method {
			return arm.MethodNotAllowed(c.R.Method)
		}
		acc := c.account(p)
		if acc == nil {
			return arm.NotFound(armTypeAccount, p["accountName"], c.g.Name)
		}
		return serve(c, acc)
	}
}

// childAction serves a POST action of an account's child of typ; name is the parameter of the child's name.
func childAction(typ *resourceType, name string, serve func(c *call, r *resource) *arm.Error) func(c *call, p params) *arm.Error {
	return func(c *call, p params) *arm.Error {
		if c.account(p) == nil {
			return arm.ParentNotFound(p["accountName"])
		}
		r := c.st.resources[childKey(c.sub.ID, c.g.Name, p["accountName"], typ, p[name])]
		if r == nil {
			return arm.NotFound(typ.armType, p["accountName"]+"/"+p[name], c.g.Name)
		}
		return serve(c, r)
	}
}

// projectCapabilityHosts serves PRJ/capabilityHosts[/{capabilityHostName}].
func projectCapabilityHosts(c *call, p params) *arm.Error {
	return c.serveProjectCapabilityHosts(p["accountName"], c.account(p), p["projectName"], p["capabilityHostName"])
}

// connections serves ACC/connections[/{connectionName}] and PRJ/connections[/{connectionName}].
func connections(c *call, p params) *arm.Error {
	return c.serveConnection(c.account(p), p["projectName"], p["connectionName"])
}
