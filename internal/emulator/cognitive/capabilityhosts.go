package cognitive

import (
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Capability hosts at account scope (ACC/capabilityHosts/{name}) and project scope (PRJ/capabilityHosts/{name}),
// arm-foundry.md §2.1 pattern C, §4.5, §5.5, §8.6–8.7 and arm-neighbours.md §3:
//
//   - PUT answers 201 (200 when replacing a Failed host) with the body, Azure-AsyncOperation and
//     x-ms-async-operation-timeout (final state via the original URI); a PUT that repeats the body of a Succeeded
//     host answers 200 at once (idempotent, no operation).
//   - DELETE answers 202 with Location, Azure-AsyncOperation (the samples poll it) and x-ms-async-operation-timeout;
//     204 when absent. The host shows Deleting until the operation ends.
//   - One host per scope, no update, the §3 name rule, connections by name with fitting categories, the delete
//     order project host → account host, and (project scope) the RBAC the agent service needs
//     (capabilityhosts_rbac.go).
//
// Both types run through the common write engine (one operation at a time per account: 409 RequestConflict).

// implicitCapabilityHostSuffix names the account capability host the platform creates for network injection.
const implicitCapabilityHostSuffix = "@aml_aiagentservice"

// capabilityHostOperationTimeout is sent as x-ms-async-operation-timeout (ISO 8601; the value is the emulator's choice).
const capabilityHostOperationTimeout = "PT1H"

// serveProjectCapabilityHosts serves PRJ/capabilityHosts (name "") and PRJ/capabilityHosts/{name} of the account
// accName (acc nil when it does not exist).
func (c *call) serveProjectCapabilityHosts(accName string, acc *resource, project, name string) *arm.Error {
	var prj *resource
	if acc != nil {
		prj = c.st.resources[childKey(c.sub.ID, c.g.Name, acc.names[0], c.s.types.project, project)]
	}
	if prj == nil {
		if c.R.Method == http.MethodDelete && name != "" {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		if acc == nil {
			return arm.ParentNotFound(accName)
		}
		return arm.ParentNotFound(acc.name() + "/projects/" + project)
	}
	if name == "" {
		return c.getOnly(func() *arm.Error {
			items := []map[string]any{}
			for _, r := range projectCapabilityHostsOf(c.st, prj) {
				items = append(items, c.s.render(r))
			}
			return c.WriteList(items)
		})
	}
	w := &write{method: c.R.Method, typ: c.s.types.projectCapabilityHost, sub: c.sub, group: c.g, parent: prj,
		names: []string{acc.names[0], prj.name(), name}, id: prj.id + "/capabilityHosts/" + name}
	w.existing = c.st.resources[lower(w.id)]
	if c.R.Method == http.MethodGet {
		if w.existing == nil {
			return arm.NotFound(armTypeProjectCapabilityHost, acc.name()+"/"+prj.name()+"/"+name, c.g.Name)
		}
		c.writeResource(http.StatusOK, w.existing)
		return nil
	}
	return serveCapabilityHostWrite(c, w)
}

// projectCapabilityHostsOf are the capability hosts of one project, oldest first.
func projectCapabilityHostsOf(st *state, prj *resource) []*resource {
	prefix := lower(prj.id) + "/capabilityhosts/"
	var out []*resource
	for k, r := range st.resources {
		if r.typ.kind == kindProjectCapabilityHost && strings.HasPrefix(k, prefix) {
			out = append(out, r)
		}
	}
	sortBySeq(out)
	return out
}

// scopeCapabilityHosts are the hosts of the write's scope (the account's own, or the project's).
func (w *write) scopeCapabilityHosts(st *state) []*resource {
	if w.typ.kind == kindProjectCapabilityHost {
		return projectCapabilityHostsOf(st, w.parent)
	}
	return st.children(w.parent, kindAccountCapabilityHost)
}

func serveCapabilityHostWrite(c *call, w *write) *arm.Error {
	switch c.R.Method {
	case http.MethodPut:
		return c.putCapabilityHost(w)
	case http.MethodDelete:
		return c.deleteCapabilityHost(w)
	}
	return arm.Errorf(http.StatusMethodNotAllowed, arm.CodeMethodNotAllowed,
		"The HTTP method '%s' is not supported for capability hosts. Updating a capability host is not supported: delete it and create it again.", c.R.Method)
}

// runningOperation is the operation in progress on r, if any.
func (c *call) runningOperation(r *resource) *operation {
	if r == nil {
		return nil
	}
	for _, op := range c.st.ops {
		if op.res == r && op.status == statusInProgress {
			return op
		}
	}
	return nil
}

func (w *write) scopeID() string { return w.parent.id }

func (c *call) putCapabilityHost(w *write) *arm.Error {
	name := w.names[len(w.names)-1]
	// The name matches the specification's pattern (checked before); `<account>@aml_aiagentservice`, which does not,
	// is let through for the host the platform creates for network injection and is refused for a new host.
	if strings.HasSuffix(lower(name), implicitCapabilityHostSuffix) && w.existing == nil {
		return arm.Errorf(http.StatusBadRequest, codeInvalidResourceName,
			"The capability host name '%s' is not valid: '<account>%s' is reserved for the host the platform creates for network injection.",
			name, implicitCapabilityHostSuffix)
	}
	if e := c.checkPreconditions(w.existing); e != nil {
		return e
	}
	if op := c.runningOperation(w.existing); op != nil {
		return arm.Errorf(http.StatusConflict, codeCapabilityHostConflict,
			"Create: Capability Host %s is currently in %s state, retry after its operation completes: %s", w.existing.name(), w.existing.provisioningState(), w.scopeID())
	}
	for _, other := range w.scopeCapabilityHosts(c.st) {
		if other != w.existing {
			return arm.Errorf(http.StatusConflict, codeCapabilityHostConflict,
				"There is an existing Capability Host with name: %s, provisioning state: %s for %s: %s, cannot create a new Capability Host with name: %s. Each account and each project can have only one capability host.",
				other.name(), other.provisioningState(), scopeKind(w), w.scopeID(), name)
		}
	}
	body, e := c.PeekBody() // c.put reads it again
	if e != nil {
		return e
	}
	doc, e := normaliseCapabilityHost(body, w.typ)
	if e != nil {
		return e
	}
	if ex := w.existing; ex != nil {
		if !sameCapabilityHost(ex.doc, doc) {
			return arm.Errorf(http.StatusBadRequest, codeInvalidData,
				"Capability host '%s' already exists with different properties. Updating a capability host is not supported: delete it, wait for the deletion to finish, and create it again.", ex.name())
		}
		if ex.provisioningState() == statusSucceeded {
			c.writeResource(http.StatusOK, ex) // idempotent: nothing to do
			return nil
		}
		// A Failed host with the same body is provisioned again: 200 without a monitor (the client GETs the host).
	}
	if e := c.checkCapabilityHostConnections(w, doc); e != nil {
		return e
	}
	if w.typ.kind == kindProjectCapabilityHost && c.Failure == nil && c.s.capabilityHostRBACEnforced() {
		if msg := c.capabilityHostRBACFailure(w.parent, doc); msg != "" {
			c.Failure = &arm.Failure{Status: http.StatusBadRequest, Code: codeCapabilityHostProvisioning, Message: msg}
		}
	}
	return c.put(w)
}

func scopeKind(w *write) string {
	if w.typ.kind == kindProjectCapabilityHost {
		return "project"
	}
	return "account"
}

// prepareCapabilityHost stores the normalised document (the PUT was validated by putCapabilityHost).
func prepareCapabilityHost(_ *call, w *write) *arm.Error {
	doc, e := normaliseCapabilityHost(w.body, w.typ)
	if e != nil {
		return e
	}
	w.doc = doc
	return nil
}

// Properties a client may set, per scope (arm-foundry.md §5.5). Project hosts also keep capabilityHostKind, which
// the samples send although the 2026-09-01 project schema does not define it. Other properties are dropped.
var (
	capabilityHostConnectionProps = []string{"aiServicesConnections", "storageConnections", "threadStorageConnections", "vectorStoreConnections"}
	accountCapabilityHostProps    = append([]string{"capabilityHostKind", "customerSubnet", "enablePublicHostingEnvironment", "description", "tags"}, capabilityHostConnectionProps...)
	projectCapabilityHostProps    = append([]string{"capabilityHostKind"}, capabilityHostConnectionProps...)
	// singleConnectionProps must hold exactly one non-empty name when present (arm-neighbours.md §3.4).
	singleConnectionProps = []string{"vectorStoreConnections", "storageConnections", "threadStorageConnections"}
)

// normaliseCapabilityHost applies the service's rules to a PUT body and returns the document to store. The JSON
// types were checked before, against the specification (account scope: every property; project scope: the four
// connection lists; capabilityHostKind, which the project schema lacks, is the service's rule here).
func normaliseCapabilityHost(body map[string]any, typ *resourceType) (map[string]any, *arm.Error) {
	in, ok := body["properties"].(map[string]any)
	if !ok {
		return nil, arm.Errorf(http.StatusBadRequest, codeInvalidData, "The capability host 'properties' are required.")
	}
	allowed := projectCapabilityHostProps
	if typ.kind == kindAccountCapabilityHost {
		allowed = accountCapabilityHostProps
	}
	props := map[string]any{}
	for _, k := range allowed {
		if v, ok := in[k]; ok && v != nil {
			props[k] = v
		}
	}
	if v, ok := props["capabilityHostKind"]; ok {
		if s, _ := v.(string); !strings.EqualFold(s, "Agents") {
			return nil, arm.Errorf(http.StatusBadRequest, codeInvalidData, "The capabilityHostKind '%v' is not supported. Supported values are: Agents.", v)
		}
		props["capabilityHostKind"] = "Agents"
	}
	for _, k := range capabilityHostConnectionProps {
		list, ok := props[k].([]any)
		if !ok {
			continue
		}
		if typ.kind == kindProjectCapabilityHost && containsFoldString(singleConnectionProps, k) {
			if s, _ := firstString(list); len(list) != 1 || strings.TrimSpace(s) == "" {
				return nil, arm.Errorf(http.StatusBadRequest, codeInvalidData, "Agents CapabilityHost supports a single, non empty value for %s property.", k)
			}
		}
	}
	if v, ok := props["customerSubnet"]; ok {
		s, _ := v.(string)
		if !subnetIDPattern.MatchString(s) {
			return nil, arm.Errorf(http.StatusBadRequest, codeLinkedInvalidPropertyID,
				"Property id '%v' at path 'properties.customerSubnet' is invalid. Expect fully qualified resource Id that start with '/subscriptions/{subscriptionId}' or '/providers/{resourceProviderNamespace}/'.", v)
		}
	}
	return map[string]any{"properties": props}, nil
}

func firstString(list []any) (string, bool) {
	if len(list) == 0 {
		return "", false
	}
	s, ok := list[0].(string)
	return s, ok
}

// sameCapabilityHost compares the stored document with a normalised request (provisioningState aside; an absent
// capabilityHostKind counts as Agents, the implicit host's kind).
func sameCapabilityHost(stored, doc map[string]any) bool {
	norm := func(d map[string]any) map[string]any {
		d = wire.DeepCopy(d)
		p := propsOf(d)
		delete(p, "provisioningState")
		if _, ok := p["capabilityHostKind"]; !ok {
			p["capabilityHostKind"] = "Agents"
		}
		return d
	}
	return reflect.DeepEqual(norm(stored), norm(doc))
}

// connectionRole is what a capability host connection property must name (arm-foundry.md §5.4).
type connectionRole struct {
	prop       string
	categories []string
}

var capabilityHostConnectionRoles = []connectionRole{
	{prop: "threadStorageConnections", categories: []string{"CosmosDb"}},
	{prop: "vectorStoreConnections", categories: []string{"CognitiveSearch"}},
	{prop: "storageConnections", categories: []string{"AzureStorageAccount", "AzureBlob"}},
	{prop: "aiServicesConnections", categories: []string{"AzureOpenAI", "AIServices"}},
}

// checkCapabilityHostConnections requires every named connection to exist where the host can see it and to have a
// fitting category. A project host sees the project's connections and the account connections shared to all
// projects; an account host sees the account's connections.
func (c *call) checkCapabilityHostConnections(w *write, doc map[string]any) *arm.Error {
	props := propsOf(doc)
	for _, cr := range capabilityHostConnectionRoles {
		list, _ := props[cr.prop].([]any)
		for _, v := range list {
			name, _ := v.(string)
			conn, why := c.visibleConnection(w, name)
			if conn == nil {
				return arm.Errorf(http.StatusBadRequest, codeInvalidData,
					"The connection '%s' named in %s was not found in %s '%s'%s. Create the connection first.", name, cr.prop, scopeKind(w), w.parent.name(), why)
			}
			cat, _ := conn.props()["category"].(string)
			if !containsFoldString(cr.categories, cat) {
				return arm.Errorf(http.StatusBadRequest, codeInvalidData,
					"The connection '%s' named in %s has category '%s'; %s needs a connection of category %s.",
					name, cr.prop, cat, cr.prop, strings.Join(cr.categories, " or "))
			}
		}
	}
	return nil
}

// visibleConnection finds a connection by name as the capability host sees it; why explains a miss.
func (c *call) visibleConnection(w *write, name string) (*resource, string) {
	acc := c.s.accountOf(w.parent)
	if acc == nil {
		return nil, ""
	}
	if w.typ.kind == kindProjectCapabilityHost {
		if r := c.st.resources[lower(w.parent.id+"/connections/"+name)]; r != nil {
			return r, ""
		}
	}
	r := c.st.resources[lower(acc.id+"/connections/"+name)]
	if r == nil {
		return nil, ""
	}
	if w.typ.kind == kindProjectCapabilityHost {
		if shared, _ := r.props()["isSharedToAll"].(bool); !shared {
			return nil, " (account '" + acc.name() + "' has a connection of that name, but it is not shared to all projects: isSharedToAll is false)"
		}
	}
	return r, ""
}

// decorateCapabilityHost renders unset ResourceBase properties of account hosts as null, as the spec examples show them.
func decorateCapabilityHost(_ *Service, r *resource, out map[string]any) {
	if r.typ.kind != kindAccountCapabilityHost {
		return
	}
	props := propsOf(out)
	for _, k := range []string{"description", "tags"} {
		if _, ok := props[k]; !ok {
			props[k] = nil
		}
	}
}

// deleteCapabilityHost starts the deletion (202 + Location + x-ms-async-operation-timeout); 204 when absent.
func (c *call) deleteCapabilityHost(w *write) *arm.Error {
	r := w.existing
	if r == nil {
		c.W.WriteHeader(http.StatusNoContent)
		return nil
	}
	if e := c.checkPreconditions(r); e != nil {
		return e
	}
	if op := c.runningOperation(r); op != nil {
		return arm.Errorf(http.StatusConflict, codeCapabilityHostConflict,
			"Delete: Capability Host %s is currently in %s state, retry after its operation completes: %s", r.name(), r.provisioningState(), w.scopeID())
	}
	if w.typ.kind == kindAccountCapabilityHost {
		if prj, host := c.firstProjectCapabilityHost(w.parent); host != nil {
			return arm.Errorf(http.StatusConflict, codeCapabilityHostConflict,
				"Cannot delete account capability host '%s' while project '%s' has capability host '%s'. Delete the project capability hosts first (order: project capability host, account capability host, account).",
				r.name(), prj.name(), host.name())
		}
	}
	if e := c.checkBusy(w.lockKey()); e != nil {
		return e
	}
	op := c.startDelete(r, w.lockKey())
	c.setLROHeaders(op, w.typ.onDelete)
	c.W.WriteHeader(http.StatusAccepted)
	return nil
}

// firstProjectCapabilityHost finds a capability host in any project of the account.
func (c *call) firstProjectCapabilityHost(acc *resource) (prj, host *resource) {
	for _, p := range c.st.children(acc, kindProject) {
		if hosts := projectCapabilityHostsOf(c.st, p); len(hosts) > 0 {
			return p, hosts[0]
		}
	}
	return nil, nil
}

// checkAccountCapabilityHostsDelete refuses an account DELETE while a project has a capability host
// (arm-foundry.md §8.7; the account's own host does not block: deleting the account leaves it to the purge).
func checkAccountCapabilityHostsDelete(c *call, acc *resource) *arm.Error {
	prj, host := c.firstProjectCapabilityHost(acc)
	if host == nil {
		return nil
	}
	return arm.Errorf(http.StatusConflict, codeCapabilityHostConflict,
		"Cannot delete account '%s' while project '%s' has capability host '%s'. Delete the project capability hosts first (order: project capability host, account capability host, account).",
		acc.name(), prj.name(), host.name())
}

// checkProjectCapabilityHostDelete refuses a project DELETE while the project has a capability host (projects.go).
func checkProjectCapabilityHostDelete(c *call, prj *resource) *arm.Error {
	hosts := projectCapabilityHostsOf(c.st, prj)
	if len(hosts) == 0 {
		return nil
	}
	return arm.Errorf(http.StatusConflict, codeCapabilityHostConflict,
		"Cannot delete project '%s' while it has capability host '%s'. Delete the project capability host first and wait for the deletion to finish.",
		prj.name(), hosts[0].name())
}

// removeProjectCapabilityHosts drops the capability hosts of a removed project (projects.go; out-of-band deletes).
func removeProjectCapabilityHosts(s *Service, prj *resource) {
	for _, r := range projectCapabilityHostsOf(s.st, prj) {
		delete(s.st.resources, lower(r.id))
	}
}

// removeCapabilityHost deletes an account capability host and starts the release of its subnet's service
// association link.
func removeCapabilityHost(s *Service, r *resource, now time.Time) {
	delete(s.st.resources, lower(r.id))
	if subnetID, _ := r.props()["customerSubnet"].(string); subnetID != "" {
		s.nb.ReleaseLinks(accountID(r.sub, r.group, r.names[0]), subnetID, now)
	}
}

// createImplicitCapabilityHost stores <account>@aml_aiagentservice for an injected account.
func (c *call) createImplicitCapabilityHost(acc *resource, subnetID string) {
	typ := c.s.types.accountCapabilityHost
	name := acc.names[0] + implicitCapabilityHostSuffix
	id := childID(acc.sub, acc.group, acc.names[0], typ, name)
	if c.st.resources[lower(id)] != nil {
		return
	}
	r := &resource{typ: typ, seq: c.st.nextSeq(), createdAt: c.Now, createdBy: c.Who.AppID, modifiedAt: c.Now, modifiedBy: c.Who.AppID}
	r.id, r.names, r.sub, r.group = id, []string{acc.names[0], name}, acc.sub, acc.group
	r.doc = map[string]any{"properties": map[string]any{"capabilityHostKind": "Agents", "customerSubnet": subnetID, "provisioningState": "Succeeded"}}
	r.etag = arm.NewETag()
	c.st.resources[lower(id)] = r
}
