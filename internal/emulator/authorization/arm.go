package authorization

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

const authorizationNamespace = "Microsoft.Authorization"

// Error codes of Microsoft.Authorization. InvalidRoleDefinitionId, InvalidPrincipalId, InvalidConditionVersion,
// UnsupportedQuery and InvalidScope are the emulator's choice.
const (
	codeRoleAssignmentNotFound     = "RoleAssignmentNotFound"
	codeRoleAssignmentExists       = "RoleAssignmentExists"
	codeRoleAssignmentUpdateDenied = "RoleAssignmentUpdateNotPermitted"
	codeInvalidRoleAssignmentID    = "InvalidRoleAssignmentId"
	codeRoleDefinitionNotFound     = "RoleDefinitionDoesNotExist"
	codeInvalidRoleDefinitionID    = "InvalidRoleDefinitionId"
	codeInvalidPrincipalID         = "InvalidPrincipalId"
	codePrincipalNotFound          = "PrincipalNotFound"
	codeUnmatchedPrincipalType     = "UnmatchedPrincipalType"
	codeInvalidConditionVersion    = "InvalidConditionVersion"
	codeUnsupportedQuery           = "UnsupportedQuery"
	codeInvalidScope               = "InvalidScope"
)

// Api-versions accepted for Microsoft.Authorization.
var (
	roleAssignmentAPIVersions = []string{"2022-04-01"}
	roleDefinitionAPIVersions = []string{"2022-04-01", "2022-05-01-preview", "2020-04-01-preview"}
	principalTypes            = []string{"User", "Group", "ServicePrincipal", "ForeignGroup", "Device"}
	guidPattern               = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	roleDefIDPattern          = regexp.MustCompile(`(?i)^(.*)/providers/Microsoft\.Authorization/roleDefinitions/([0-9a-f-]{36})$`)
	filterPrincipalEq         = regexp.MustCompile(`(?i)^principalId\s+eq\s+'([^']*)'$`)
	filterAssignedTo          = regexp.MustCompile(`(?i)^assignedTo\('([^']*)'\)$`)
	filterRoleNameEq          = regexp.MustCompile(`(?i)^roleName\s+eq\s+'([^']*)'$`)
	filterTypeEq              = regexp.MustCompile(`(?i)^type\s+eq\s+'([^']*)'$`)
)

// call is one ARM request to Microsoft.Authorization.
type call struct {
	*arm.Call
	st *Store
}

// Serve answers {scope}/providers/Microsoft.Authorization/roleAssignments|roleDefinitions[/{name}]; it drops the
// assignments of vanished resources first.
func (a *Store) Serve(ac *arm.Call) *arm.Error {
	a.Prune()
	return (&call{Call: ac, st: a}).dispatch()
}

func (c *call) dispatch() *arm.Error {
	segs := strings.Split(strings.Trim(c.R.URL.Path, "/"), "/")
	at := -1
	for i := len(segs) - 2; i >= 0; i-- {
		if lower(segs[i]) == "providers" && lower(segs[i+1]) == lower(authorizationNamespace) {
			at = i
			break
		}
	}
	if at < 0 || len(segs) < at+3 {
		return arm.Errorf(http.StatusNotFound, arm.CodeInvalidResourceType, "The request path '%s' is not a valid ARM path.", c.R.URL.Path)
	}
	scope := "/" + strings.Join(segs[:at], "/")
	typ, rest := lower(segs[at+2]), segs[at+3:]
	if len(rest) > 1 || (typ != "roleassignments" && typ != "roledefinitions") {
		return arm.Errorf(http.StatusNotFound, arm.CodeInvalidResourceType,
			"The resource type '%s' could not be found in the namespace '%s' for api version '%s'.", segs[at+2], authorizationNamespace, c.APIVersion())
	}
	v := c.APIVersion()
	if v == "" {
		return arm.Errorf(http.StatusBadRequest, arm.CodeMissingAPIVersion, "The api-version query parameter (?api-version=) is required for all requests.")
	}
	versions, typName := roleAssignmentAPIVersions, "roleAssignments"
	if typ == "roledefinitions" {
		versions, typName = roleDefinitionAPIVersions, "roleDefinitions"
	}
	if !slices.Contains(versions, v) {
		return arm.Errorf(http.StatusBadRequest, arm.CodeNoRegisteredProvider,
			"No registered resource provider found for location 'global' and API version '%s' for type '%s'. The supported api-versions are '%s'. The supported locations are ', global'.",
			v, typName, strings.Join(versions, ", "))
	}
	sub, e := c.checkAuthorizationScope(scope, typ == "roleassignments")
	if e != nil {
		return e
	}
	if typ == "roledefinitions" {
		return c.roleDefinitions(sub, rest)
	}
	if len(rest) == 0 {
		if c.R.Method != http.MethodGet {
			return arm.MethodNotAllowed(c.R.Method)
		}
		return c.listRoleAssignments(scope)
	}
	return c.roleAssignment(scope, rest[0])
}

// roleAssignment serves GET, PUT and DELETE of the role assignment name at scope.
func (c *call) roleAssignment(scope, name string) *arm.Error {
	a := c.st.assignments[lower(name)]
	if a != nil && lower(strings.TrimSuffix(a.scope, "/")) != lower(strings.TrimSuffix(scope, "/")) {
		a = nil // another scope's
	}
	switch c.R.Method {
	case http.MethodGet:
		if a == nil {
			return arm.Errorf(http.StatusNotFound, codeRoleAssignmentNotFound, "The role assignment '%s' is not found.", name)
		}
		wire.WriteJSON(c.W, http.StatusOK, renderAssignment(a))
		return nil
	case http.MethodPut:
		return c.putRoleAssignment(scope, name)
	case http.MethodDelete:
		if a == nil {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		delete(c.st.assignments, lower(name))
		wire.WriteJSON(c.W, http.StatusOK, renderAssignment(a))
		return nil
	}
	return arm.MethodNotAllowed(c.R.Method)
}

// checkAuthorizationScope validates a scope: the root (role definitions only), a subscription, a resource
// group or a resource below them. Microsoft.CognitiveServices resources must exist; resources of other
// namespaces are not modelled here and are accepted. It returns the subscription ("" for the root).
func (c *call) checkAuthorizationScope(scope string, assignment bool) (string, *arm.Error) {
	segs := strings.Split(strings.Trim(scope, "/"), "/")
	if scope == "/" || segs[0] == "" {
		if assignment {
			return "", arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "Role assignments at the root scope '/' are not supported by the emulator.")
		}
		return "", nil
	}
	if lower(segs[0]) == "providers" && len(segs) >= 4 && lower(segs[1]) == "microsoft.management" && !assignment {
		return "", nil // management group scope
	}
	if lower(segs[0]) != "subscriptions" || len(segs) < 2 {
		return "", arm.Errorf(http.StatusBadRequest, codeInvalidScope, "The scope '%s' is not valid.", scope)
	}
	sub := c.st.cfg.Subscriptions.Get(segs[1])
	if sub == nil {
		return "", arm.Errorf(http.StatusNotFound, arm.CodeSubscriptionNotFound, "The subscription '%s' could not be found.", segs[1])
	}
	if !assignment || len(segs) == 2 {
		return sub.ID, nil
	}
	if lower(segs[2]) != "resourcegroups" || len(segs) < 4 {
		return "", arm.Errorf(http.StatusBadRequest, codeInvalidScope, "The scope '%s' is not valid.", scope)
	}
	g, ok := sub.Groups[lower(segs[3])]
	if !ok {
		return "", arm.ResourceGroupNotFound(segs[3])
	}
	if typ, name, missing := c.st.cfg.MissingResource(scope); missing {
		return "", arm.NotFound(typ, name, g.Name)
	}
	return sub.ID, nil
}

func (c *call) roleDefinitions(sub string, rest []string) *arm.Error {
	if c.R.Method != http.MethodGet {
		return arm.MethodNotAllowed(c.R.Method)
	}
	if len(rest) == 1 {
		role := findRole(rest[0])
		if role == nil {
			return arm.Errorf(http.StatusNotFound, codeRoleDefinitionNotFound, "The role definition '%s' could not be found.", rest[0])
		}
		wire.WriteJSON(c.W, http.StatusOK, renderRoleDefinition(role, sub))
		return nil
	}
	var nameEq, typeEq string
	if f := strings.TrimSpace(c.R.URL.Query().Get("$filter")); f != "" {
		for _, term := range splitAnd(f) {
			switch {
			case filterRoleNameEq.MatchString(term):
				nameEq = filterRoleNameEq.FindStringSubmatch(term)[1]
			case filterTypeEq.MatchString(term):
				typeEq = filterTypeEq.FindStringSubmatch(term)[1]
			case strings.EqualFold(term, "atScopeAndBelow()"):
			default:
				return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "The $filter '%s' is not supported. Supported filters: roleName eq '{name}', type eq 'BuiltInRole|CustomRole'.", f)
			}
		}
	}
	items := []map[string]any{}
	for _, role := range builtInRoles {
		if (nameEq == "" || strings.EqualFold(role.name, nameEq)) && (typeEq == "" || strings.EqualFold(typeEq, "BuiltInRole")) {
			items = append(items, renderRoleDefinition(role, sub))
		}
	}
	return c.WriteList(items)
}

func renderRoleDefinition(role *roleDefinition, sub string) map[string]any {
	id := "/providers/Microsoft.Authorization/roleDefinitions/" + role.id
	if sub != "" {
		id = "/subscriptions/" + sub + id
	}
	perm := map[string]any{
		"actions": nonNil(role.actions), "notActions": nonNil(role.notActions),
		"dataActions": nonNil(role.dataActions), "notDataActions": nonNil(role.notDataActions),
	}
	if role.condition != "" {
		perm["condition"], perm["conditionVersion"] = role.condition, "2.0"
	}
	return map[string]any{
		"id": id, "name": role.id, "type": "Microsoft.Authorization/roleDefinitions",
		"properties": map[string]any{
			"roleName": role.name, "type": "BuiltInRole", "description": role.description, "assignableScopes": []string{"/"},
			"permissions": []any{perm}, "createdOn": role.createdOn, "updatedOn": role.updatedOn, "createdBy": nil, "updatedBy": nil,
		},
	}
}

func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

func splitAnd(f string) []string {
	var out []string
	for _, p := range regexp.MustCompile(`(?i)\s+and\s+`).Split(f, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// assignmentRequest is the validated body of a role assignment PUT.
type assignmentRequest struct {
	role                    *roleDefinition
	principalID, ptype      string // ptype "" when the request names none
	cond, condVer           any
	description, delegateMI any
}

// readAssignment reads and validates the body of a role assignment PUT.
func (c *call) readAssignment() (*assignmentRequest, *arm.Error) {
	body, e := c.ReadBody()
	if e != nil {
		return nil, e
	}
	props, _ := body["properties"].(map[string]any)
	roleDefID, _ := props["roleDefinitionId"].(string)
	principalID, _ := props["principalId"].(string)
	if roleDefID == "" || principalID == "" {
		return nil, arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent,
			"The request content was invalid: 'properties.roleDefinitionId' and 'properties.principalId' are required.")
	}
	m := roleDefIDPattern.FindStringSubmatch(roleDefID)
	if m == nil || !guidPattern.MatchString(m[2]) {
		return nil, arm.Errorf(http.StatusBadRequest, codeInvalidRoleDefinitionID, "The role definition ID '%s' is not valid.", roleDefID)
	}
	req := &assignmentRequest{role: findRole(m[2]), principalID: principalID,
		description: props["description"], delegateMI: props["delegatedManagedIdentityResourceId"]}
	if req.role == nil {
		return nil, arm.Errorf(http.StatusBadRequest, codeRoleDefinitionNotFound, "The specified role definition with ID '%s' does not exist.", m[2])
	}
	if !guidPattern.MatchString(principalID) {
		return nil, arm.Errorf(http.StatusBadRequest, codeInvalidPrincipalID, "The principal ID '%s' is not valid. Principal ID must be a GUID.", principalID)
	}
	req.ptype, _ = props["principalType"].(string)
	if raw, ok := props["principalType"]; ok && raw != nil {
		canonical := ""
		for _, t := range principalTypes {
			if strings.EqualFold(t, req.ptype) {
				canonical = t
			}
		}
		if canonical == "" {
			return nil, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest,
				"The principalType '%v' is not valid. Allowed values are 'User', 'Group', 'ServicePrincipal', 'ForeignGroup' and 'Device'.", raw)
		}
		req.ptype = canonical
	}
	req.cond, req.condVer = props["condition"], props["conditionVersion"]
	if cs, _ := req.cond.(string); cs != "" && (req.condVer == nil || req.condVer == "") {
		req.condVer = "2.0"
	}
	if req.condVer != nil && req.condVer != "2.0" {
		return nil, arm.Errorf(http.StatusBadRequest, codeInvalidConditionVersion, "The conditionVersion '%v' is not supported. The only supported value is '2.0'.", req.condVer)
	}
	return req, nil
}

func (c *call) putRoleAssignment(scope, name string) *arm.Error {
	if !guidPattern.MatchString(name) {
		return arm.Errorf(http.StatusBadRequest, codeInvalidRoleAssignmentID, "The role assignment ID '%s' is not valid. The role assignment ID must be a GUID.", name)
	}
	req, e := c.readAssignment()
	if e != nil {
		return e
	}
	scope = strings.TrimSuffix(scope, "/")
	if ex := c.st.assignments[lower(name)]; ex != nil {
		if lower(ex.scope) != lower(scope) || !strings.EqualFold(ex.principalID, req.principalID) || !strings.EqualFold(ex.roleID, req.role.id) {
			return arm.Errorf(http.StatusBadRequest, codeRoleAssignmentUpdateDenied,
				"Tenant ID, application ID, principal ID, and scope are not allowed to be updated.")
		}
		ex.description, ex.condition, ex.conditionVersion = req.description, req.cond, req.condVer
		ex.updatedOn, ex.updatedBy = c.Now, c.Who.ObjectID
		wire.WriteJSON(c.W, http.StatusOK, renderAssignment(ex))
		return nil
	}
	for _, ex := range c.st.assignments {
		if lower(ex.scope) == lower(scope) && strings.EqualFold(ex.principalID, req.principalID) && strings.EqualFold(ex.roleID, req.role.id) {
			return arm.Errorf(http.StatusConflict, codeRoleAssignmentExists,
				"The role assignment already exists. The ID of the existing role assignment is %s.", strings.ReplaceAll(lower(ex.name), "-", ""))
		}
	}
	ptype, e := c.principalType(req.principalID, req.ptype)
	if e != nil {
		return e
	}
	a := &roleAssignment{
		name: name, scope: scope, roleID: lower(req.role.id), principalID: req.principalID, principalType: ptype,
		description: req.description, condition: req.cond, conditionVersion: req.condVer, delegatedMI: req.delegateMI,
		createdOn: c.Now, updatedOn: c.Now, createdBy: c.Who.ObjectID, updatedBy: c.Who.ObjectID, seq: c.st.nextSeq(),
	}
	c.st.assignments[lower(name)] = a
	wire.WriteJSON(c.W, http.StatusCreated, renderAssignment(a))
	return nil
}

// principalType checks the principal against the directory and returns the principal type to store: a principal
// still replicating is found only with principalType set, and every known principal is a service principal.
func (c *call) principalType(principalID, ptype string) (string, *arm.Error) {
	created, known := c.st.directoryPrincipal(principalID)
	fresh := known && c.Now.Before(created.Add(c.st.ReplicationDelay))
	if !known || (fresh && ptype == "") {
		return "", arm.Errorf(http.StatusBadRequest, codePrincipalNotFound,
			"Principal %s does not exist in the directory %s. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype",
			strings.ReplaceAll(lower(principalID), "-", ""), c.st.cfg.TenantID)
	}
	if ptype != "" && ptype != "ServicePrincipal" && !fresh {
		return "", arm.Errorf(http.StatusBadRequest, codeUnmatchedPrincipalType,
			"The PrincipalId '%s' has type 'ServicePrincipal' , which is different from specified PrincipalType '%s'.", strings.ReplaceAll(lower(principalID), "-", ""), ptype)
	}
	if ptype == "" {
		ptype = "ServicePrincipal"
	}
	return ptype, nil
}

func renderAssignment(a *roleAssignment) map[string]any {
	sub := ""
	if segs := strings.Split(strings.Trim(a.scope, "/"), "/"); len(segs) >= 2 && lower(segs[0]) == "subscriptions" {
		sub = segs[1]
	}
	roleDefID := "/providers/Microsoft.Authorization/roleDefinitions/" + a.roleID
	if sub != "" {
		roleDefID = "/subscriptions/" + sub + roleDefID
	}
	at := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.Format(arm.TimeFormat)
	}
	by := func(v string) any {
		if v == "" {
			return nil
		}
		return v
	}
	return map[string]any{
		"id": a.id(), "name": a.name, "type": "Microsoft.Authorization/roleAssignments",
		"properties": map[string]any{
			"roleDefinitionId": roleDefID, "principalId": a.principalID, "principalType": a.principalType, "scope": a.scope,
			"description": a.description, "condition": a.condition, "conditionVersion": a.conditionVersion,
			"delegatedManagedIdentityResourceId": a.delegatedMI,
			"createdOn":                          at(a.createdOn), "updatedOn": at(a.updatedOn), "createdBy": by(a.createdBy), "updatedBy": by(a.updatedBy),
		},
	}
}

// listRoleAssignments lists assignments related to scope. Without a filter: at, above and below the scope;
// atScope(): at and above; principalId eq / assignedTo: that principal's assignments at, above and below.
func (c *call) listRoleAssignments(scope string) *arm.Error {
	atScope, principal := false, ""
	if f := strings.TrimSpace(c.R.URL.Query().Get("$filter")); f != "" {
		for _, term := range splitAnd(f) {
			switch {
			case strings.EqualFold(strings.ReplaceAll(term, " ", ""), "atScope()"):
				atScope = true
			case filterPrincipalEq.MatchString(term):
				principal = filterPrincipalEq.FindStringSubmatch(term)[1]
			case filterAssignedTo.MatchString(term):
				principal = filterAssignedTo.FindStringSubmatch(term)[1]
			default:
				return arm.Errorf(http.StatusBadRequest, codeUnsupportedQuery,
					"The filter '%s' is not supported. Supported filters are either 'atScope()' or 'principalId eq '{value}' or assignedTo('{value}')'.", f)
			}
		}
	}
	items := []map[string]any{}
	for _, a := range c.st.sorted() {
		above := scopeCovers(a.scope, scope)
		below := scopeCovers(scope, a.scope)
		if !above && (atScope || !below) {
			continue
		}
		if principal != "" && !strings.EqualFold(principal, a.principalID) {
			continue
		}
		items = append(items, renderAssignment(a))
	}
	return c.WriteList(items)
}
