package neighbours

import (
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Cosmos DB data-plane RBAC (arm-neighbours.md §2): built-in SQL role definitions (read-only) and SQL role
// assignments. An assignment write (PUT or DELETE) is a long-running operation that holds the account's exclusive
// lock for the operation's duration (emulator clock; "sqlRoleAssignments/write" or "…/delete"); another write meanwhile gets 412 PreconditionFailed, as Cosmos DB answers.

const (
	// CosmosDataReaderRoleID is the GUID of Cosmos DB Built-in Data Reader.
	CosmosDataReaderRoleID = "00000000-0000-0000-0000-000000000001"
	// CosmosDataContributorRoleID is the GUID of Cosmos DB Built-in Data Contributor.
	CosmosDataContributorRoleID = "00000000-0000-0000-0000-000000000002"
)

type cosmosRoleDefinition struct {
	id, name    string
	dataActions []string
}

var cosmosBuiltInRoles = []cosmosRoleDefinition{
	{id: CosmosDataReaderRoleID, name: "Cosmos DB Built-in Data Reader", dataActions: []string{
		"Microsoft.DocumentDB/databaseAccounts/readMetadata",
		"Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/executeQuery",
		"Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/readChangeFeed",
		"Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/read",
	}},
	{id: CosmosDataContributorRoleID, name: "Cosmos DB Built-in Data Contributor", dataActions: []string{
		"Microsoft.DocumentDB/databaseAccounts/readMetadata",
		"Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/*",
		"Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/*",
	}},
}

type sqlRoleAssignment struct {
	name, roleDefinitionID, scope, principalID string
	seq                                        int64
}

// cosmosOp is a running or finished SQL role assignment write.
type cosmosOp struct {
	id         string
	start, due time.Time
	assignment string         // lower-case assignment name
	result     map[string]any // PUT: the assignment; nil for DELETE
}

var cosmosScopeTail = regexp.MustCompile(`^(?i)(/dbs/[^/]+(/colls/[^/]+)?)?$`)

func sqlRoleDefinitionID(a *cosmosAccount, guid string) string {
	return a.id + "/sqlRoleDefinitions/" + guid
}

func renderSQLRoleDefinition(a *cosmosAccount, d cosmosRoleDefinition) map[string]any {
	return map[string]any{
		"id": sqlRoleDefinitionID(a, d.id), "name": d.id, "type": cosmosNamespace + "/databaseAccounts/sqlRoleDefinitions",
		"properties": map[string]any{
			"roleName": d.name, "type": "BuiltInRole", "assignableScopes": []any{a.id},
			"permissions": []any{map[string]any{"dataActions": d.dataActions, "notDataActions": []any{}}},
		},
	}
}

func renderSQLRoleAssignment(a *cosmosAccount, ra *sqlRoleAssignment) map[string]any {
	return map[string]any{
		"id": a.id + "/sqlRoleAssignments/" + ra.name, "name": ra.name, "type": cosmosNamespace + "/databaseAccounts/sqlRoleAssignments",
		"properties": map[string]any{"roleDefinitionId": ra.roleDefinitionID, "scope": ra.scope, "principalId": ra.principalID},
	}
}

func renderAssignments(a *cosmosAccount) []map[string]any {
	list := make([]*sqlRoleAssignment, 0, len(a.assignments))
	for _, ra := range a.assignments {
		list = append(list, ra)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].seq < list[j].seq })
	out := []map[string]any{}
	for _, ra := range list {
		out = append(out, renderSQLRoleAssignment(a, ra))
	}
	return out
}

// serveCosmosRBAC routes sqlRoleDefinitions[/{id}] and sqlRoleAssignments[/{id}[/operationsStatus|operationResults/{op}]].
func (c *call) serveCosmosRBAC(a *cosmosAccount, segs, ls []string) *arm.Error {
	if ls[0] == "sqlroledefinitions" {
		if len(segs) > 2 {
			return c.unsupported()
		}
		if c.R.Method != http.MethodGet {
			return arm.Errorf(http.StatusMethodNotAllowed, arm.CodeMethodNotAllowed,
				"The HTTP method '%s' is not supported for SQL role definitions by the emulator: only the built-in role definitions exist.", c.R.Method)
		}
		if len(segs) == 1 {
			items := []map[string]any{}
			for _, d := range cosmosBuiltInRoles {
				items = append(items, renderSQLRoleDefinition(a, d))
			}
			wire.WriteJSON(c.W, http.StatusOK, map[string]any{"value": items})
			return nil
		}
		for _, d := range cosmosBuiltInRoles {
			if strings.EqualFold(d.id, segs[1]) {
				wire.WriteJSON(c.W, http.StatusOK, renderSQLRoleDefinition(a, d))
				return nil
			}
		}
		return arm.NotFound(cosmosNamespace+"/databaseAccounts/sqlRoleDefinitions", a.Name+"/"+segs[1], a.ResourceGroup)
	}
	switch len(segs) {
	case 1:
		if c.R.Method != http.MethodGet {
			return arm.MethodNotAllowed(c.R.Method)
		}
		wire.WriteJSON(c.W, http.StatusOK, map[string]any{"value": renderAssignments(a)})
		return nil
	case 2:
		switch c.R.Method {
		case http.MethodGet:
			ra := a.assignments[lower(segs[1])]
			if ra == nil {
				return arm.NotFound(cosmosNamespace+"/databaseAccounts/sqlRoleAssignments", a.Name+"/"+segs[1], a.ResourceGroup)
			}
			wire.WriteJSON(c.W, http.StatusOK, renderSQLRoleAssignment(a, ra))
			return nil
		case http.MethodPut:
			return c.putSQLRoleAssignment(a, segs[1])
		case http.MethodDelete:
			return c.deleteSQLRoleAssignment(a, segs[1])
		}
		return arm.MethodNotAllowed(c.R.Method)
	case 4:
		if c.R.Method != http.MethodGet {
			return arm.MethodNotAllowed(c.R.Method)
		}
		op := a.ops[segs[3]]
		if op == nil || op.assignment != lower(segs[1]) {
			return arm.Errorf(http.StatusNotFound, arm.CodeOperationNotFound, "The operation '%s' could not be found.", segs[3])
		}
		switch ls[2] {
		case "operationsstatus":
			return c.cosmosOpStatus(op)
		case "operationresults":
			return c.cosmosOpResult(a, op)
		}
	}
	return c.unsupported()
}

// cosmosBusy answers 412 while another SQL role assignment write holds the account's exclusive lock.
func (c *call) cosmosBusy(a *cosmosAccount) *arm.Error {
	for _, op := range a.ops {
		if c.Now.Before(op.due) {
			return arm.Errorf(http.StatusPreconditionFailed, arm.CodePreconditionFailed,
				"There is another user operation in progress which requires an exclusive lock on [%s]. Please retry after sometime.", a.Name)
		}
	}
	return nil
}

func (c *call) putSQLRoleAssignment(a *cosmosAccount, name string) *arm.Error {
	if _, err := uuid.Parse(name); err != nil {
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "The SQL role assignment name '%s' is not a valid GUID.", name)
	}
	body, e := c.ReadBody()
	if e != nil {
		return e
	}
	props, _ := body["properties"].(map[string]any)
	str := func(k string) string { s, _ := props[k].(string); return s }
	roleDef, scope, principal := str("roleDefinitionId"), str("scope"), str("principalId")
	switch {
	case roleDef == "":
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "The property 'properties.roleDefinitionId' is required.")
	case scope == "":
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "The property 'properties.scope' is required.")
	case principal == "":
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "The property 'properties.principalId' is required.")
	}
	prefix := lower(a.id + "/sqlRoleDefinitions/")
	guid := ""
	if strings.HasPrefix(lower(roleDef), prefix) {
		guid = roleDef[len(prefix):]
	}
	known := false
	for _, d := range cosmosBuiltInRoles {
		known = known || strings.EqualFold(d.id, guid)
	}
	if !known {
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest,
			"The provided SQL Role Definition ID '%s' does not exist in database account '%s'. It must be '%s/sqlRoleDefinitions/{roleDefinitionGuid}' of an existing role definition.",
			roleDef, a.Name, a.id)
	}
	if !strings.HasPrefix(lower(scope), lower(a.id)) || !cosmosScopeTail.MatchString(scope[len(a.id):]) {
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest,
			"The provided scope '%s' is not valid. The scope must be the database account '%s' or a path below it: '/dbs/{databaseName}' or '/dbs/{databaseName}/colls/{containerName}'.",
			scope, a.id)
	}
	if _, err := uuid.Parse(principal); err != nil {
		return arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "The provided principal ID '%s' is not a valid GUID.", principal)
	}
	if e := c.cosmosBusy(a); e != nil {
		return e
	}
	ra := a.assignments[lower(name)]
	if ra == nil {
		ra = &sqlRoleAssignment{name: name, seq: c.nb.nextSeq()}
		a.assignments[lower(name)] = ra
	}
	ra.roleDefinitionID, ra.scope, ra.principalID = roleDef, scope, principal
	op := c.startCosmosOp(a, name, renderSQLRoleAssignment(a, ra))
	c.setCosmosLROHeaders(a, name, op)
	c.W.WriteHeader(http.StatusAccepted)
	return nil
}

func (c *call) deleteSQLRoleAssignment(a *cosmosAccount, name string) *arm.Error {
	if a.assignments[lower(name)] == nil {
		c.W.WriteHeader(http.StatusNoContent)
		return nil
	}
	if e := c.cosmosBusy(a); e != nil {
		return e
	}
	delete(a.assignments, lower(name))
	op := c.startCosmosOp(a, name, nil)
	c.setCosmosLROHeaders(a, name, op)
	c.W.WriteHeader(http.StatusAccepted)
	return nil
}

func (c *call) startCosmosOp(a *cosmosAccount, name string, result map[string]any) *cosmosOp {
	opName := "sqlRoleAssignments/write"
	if result == nil {
		opName = "sqlRoleAssignments/delete"
	}
	op := &cosmosOp{id: uuid.NewString(), start: c.Now, due: c.Now.Add(c.Duration(opName)), assignment: lower(name), result: result}
	a.ops[op.id] = op
	return op
}

func (c *call) setCosmosLROHeaders(a *cosmosAccount, name string, op *cosmosOp) {
	base := arm.BaseURL(c.R) + a.id + "/sqlRoleAssignments/" + name
	v := "?api-version=" + c.R.URL.Query().Get("api-version")
	c.W.Header().Set("Azure-AsyncOperation", base+"/operationsStatus/"+op.id+v)
	c.W.Header().Set("Location", base+"/operationResults/"+op.id+v)
	c.W.Header().Set("Retry-After", strconv.Itoa(c.RetryAfter))
}

func (c *call) cosmosOpStatus(op *cosmosOp) *arm.Error {
	body := map[string]any{"id": op.id, "name": op.id, "status": "InProgress", "startTime": op.start.Format(arm.TimeFormat)}
	if c.Now.Before(op.due) {
		c.W.Header().Set("Retry-After", strconv.Itoa(c.RetryAfter))
	} else {
		body["status"], body["endTime"] = "Succeeded", op.due.Format(arm.TimeFormat)
	}
	wire.WriteJSON(c.W, http.StatusOK, body)
	return nil
}

func (c *call) cosmosOpResult(a *cosmosAccount, op *cosmosOp) *arm.Error {
	if c.Now.Before(op.due) {
		c.W.Header().Set("Location", arm.BaseURL(c.R)+c.R.URL.RequestURI())
		c.W.Header().Set("Retry-After", strconv.Itoa(c.RetryAfter))
		c.W.WriteHeader(http.StatusAccepted)
		return nil
	}
	if op.result == nil {
		c.W.WriteHeader(http.StatusNoContent)
		return nil
	}
	if ra := a.assignments[op.assignment]; ra != nil {
		wire.WriteJSON(c.W, http.StatusOK, renderSQLRoleAssignment(a, ra))
		return nil
	}
	wire.WriteJSON(c.W, http.StatusOK, op.result)
	return nil
}
