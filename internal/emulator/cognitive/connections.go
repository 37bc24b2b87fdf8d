package cognitive

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Connections (ACC/connections and PRJ/connections, 2026-09-01) are synchronous: PUT, PATCH and DELETE answer
// at once and never start an operation, so they never hold the account busy; they are refused with 409
// RequestConflict while another operation (or a WriteHold) runs on the account, like every child write.
// Connection names are unique across the whole account: the account's connections and those of every
// project share one namespace. Credentials are stored with the connection but never rendered.

// connectionAuthTypeRule is one auth type with the credential fields it needs.
type connectionAuthTypeRule struct {
	name     string
	required []string // credential fields that must be non-empty strings
	anyOf    []string // at least one of these must be a non-empty string
	hasCreds bool
}

// connectionAuthTypes is the spec's ConnectionAuthType enum, with the credential fields each subtype needs.
// Types without a subtype in the spec carry no credentials (any sent are dropped).
var connectionAuthTypes = []connectionAuthTypeRule{
	{name: "PAT", required: []string{"pat"}, hasCreds: true},
	{name: "ManagedIdentity", anyOf: []string{"clientId", "resourceId"}, hasCreds: true},
	{name: "UsernamePassword", required: []string{"username", "password"}, hasCreds: true},
	{name: "None"},
	{name: "SAS", required: []string{"sas"}, hasCreds: true},
	{name: "AccountKey", required: []string{"key"}, hasCreds: true},
	{name: "ServicePrincipal", required: []string{"clientId", "clientSecret", "tenantId"}, hasCreds: true},
	{name: "AccessKey", required: []string{"accessKeyId", "secretAccessKey"}, hasCreds: true},
	{name: "ApiKey", required: []string{"key"}, hasCreds: true},
	{name: "CustomKeys", hasCreds: true},
	{name: "OAuth2", required: []string{"clientId", "clientSecret"}, hasCreds: true},
	{name: "AAD"},
	{name: "DelegatedSAS"},
	{name: "ProjectManagedIdentity"},
	{name: "AccountManagedIdentity"},
	{name: "UserEntraToken"},
	{name: "AgentUserImpersonation"},
	{name: "AgenticIdentityToken"},
	{name: "AgenticUser"},
}

// connectionWritableProps are the ConnectionPropertiesV2 properties a client may set; anything else is dropped.
var connectionWritableProps = []string{
	"authType", "category", "target", "metadata", "isSharedToAll", "sharedUserList", "expiryTime",
	"useWorkspaceManagedIdentity", "error", "peRequirement", "peStatus", "credentials",
}

// connectionGroups maps the spec's ConnectionCategory values to the read-only ConnectionGroup (the emulator's
// reading; the spec gives no mapping). Categories outside the table get no group.
var connectionGroups = func() map[string]string {
	m := map[string]string{}
	add := func(group string, cats ...string) {
		for _, c := range cats {
			m[lower(c)] = group
		}
	}
	add("AzureAI", "AzureOpenAI", "AIServices", "CognitiveSearch", "CognitiveService", "OpenAI", "Serverless",
		"ManagedOnlineEndpoint", "ModelGateway", "GroundingWithBingSearch", "GroundingWithCustomSearch", "BingLLMSearch",
		"Serp", "RemoteA2A", "RemoteTool")
	add("Azure", "AzureKeyVault", "ContainerRegistry", "AzureBlob", "AzureStorageAccount", "AzureOneLake", "ADLSGen2",
		"AzureContainerAppEnvironment", "AzureTableStorage", "AppInsights", "AppConfig", "ApiManagement", "MicrosoftFabric",
		"Sharepoint", "PowerPlatformEnvironment")
	add("Database", "AzureSqlDb", "AzureSynapseAnalytics", "AzureMySqlDb", "AzurePostgresDb", "AzureMariaDb",
		"AzureDatabricksDeltaLake", "AzureSqlMi", "AzureDataExplorer", "AmazonRdsForOracle", "AmazonRdsForSqlServer",
		"AmazonRedshift", "Db2", "Drill", "GoogleBigQuery", "Greenplum", "Hbase", "Hive", "Impala", "Informix", "MariaDb",
		"MicrosoftAccess", "MySql", "Netezza", "Oracle", "Phoenix", "PostgreSql", "Presto", "SapOpenHub", "SapBw", "SapHana",
		"SapTable", "Spark", "SqlServer", "Sybase", "Teradata", "Vertica", "Snowflake", "Databricks")
	add("NoSQL", "CosmosDb", "CosmosDbMongoDbApi", "Cassandra", "Couchbase", "MongoDbV2", "MongoDbAtlas", "Redis",
		"Elasticsearch", "Pinecone")
	add("File", "S3", "AmazonS3Compatible", "FileServer", "FtpServer", "GoogleCloudStorage", "Hdfs", "OracleCloudStorage", "Sftp")
	add("GenericProtocol", "GenericHttp", "ODataRest", "Odbc", "GenericRest", "Git", "PythonFeed", "GenericContainerRegistry",
		"ApiKey", "CustomKeys")
	add("ServicesAndApps", "AmazonMws", "Concur", "Dynamics", "DynamicsAx", "DynamicsCrm", "GoogleAdWords", "Hubspot", "Jira",
		"Magento", "Marketo", "Office365", "Eloqua", "Responsys", "OracleServiceCloud", "PayPal", "QuickBooks", "Salesforce",
		"SalesforceServiceCloud", "SalesforceMarketingCloud", "SapCloudForCustomer", "SapEcc", "ServiceNow",
		"SharePointOnlineList", "Shopify", "Square", "WebTable", "Xero", "Zoho")
	return m
}()

// serveConnection serves one connection (name != "") or the list of a scope; project == "" is account scope.
func (c *call) serveConnection(acc *resource, project, name string) *arm.Error {
	sub, g := c.sub, c.g
	typ, scopeID := c.s.types.accountConnection, ""
	var prj *resource
	if acc != nil {
		scopeID = acc.id
		if project != "" {
			typ = c.s.types.projectConnection
			prj = c.st.resources[childKey(sub.ID, g.Name, acc.names[0], c.s.types.project, project)]
			if prj != nil {
				scopeID = prj.id
			}
		}
	}
	if acc == nil || (project != "" && prj == nil) {
		if c.R.Method == http.MethodDelete && name != "" {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		if acc == nil {
			return arm.ParentNotFound(c.lastAccountName())
		}
		return arm.ParentNotFound(acc.name() + "/projects/" + project)
	}
	if name == "" {
		if c.R.Method != http.MethodGet {
			return arm.MethodNotAllowed(c.R.Method)
		}
		return c.listConnections(acc, prj)
	}
	id := scopeID + "/connections/" + name
	existing := c.st.resources[lower(id)]
	switch c.R.Method {
	case http.MethodGet:
		if existing == nil {
			return arm.NotFound(typ.armType, connectionDisplayName(acc, prj, name), g.Name)
		}
		wire.WriteJSON(c.W, http.StatusOK, c.s.render(existing))
		return nil
	case http.MethodPut:
		return c.putConnection(typ, sub, g, acc, prj, id, name, existing)
	case http.MethodPatch:
		if existing == nil {
			return arm.NotFound(typ.armType, connectionDisplayName(acc, prj, name), g.Name)
		}
		return c.patchConnection(acc, existing)
	case http.MethodDelete:
		if existing == nil {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		if e := c.checkBusy(lower(acc.id)); e != nil {
			return e
		}
		delete(c.st.resources, lower(existing.id))
		c.W.WriteHeader(http.StatusOK)
		return nil
	}
	return arm.MethodNotAllowed(c.R.Method)
}

// lastAccountName is the account segment of the request path (for messages when the account is missing).
func (c *call) lastAccountName() string {
	segs := strings.Split(strings.Trim(c.R.URL.Path, "/"), "/")
	for i := 0; i+1 < len(segs); i++ {
		if lower(segs[i]) == "accounts" {
			return segs[i+1]
		}
	}
	return ""
}

func connectionDisplayName(acc, prj *resource, name string) string {
	if prj != nil {
		return acc.name() + "/" + prj.name() + "/" + name
	}
	return acc.name() + "/" + name
}

func (c *call) putConnection(typ *resourceType, sub *arm.Subscription, g arm.Group, acc, prj *resource, id, name string, existing *resource) *arm.Error {
	// The name (^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$) and the JSON types of the body were checked against the
	// specification before.
	if e := c.checkBusy(lower(acc.id)); e != nil {
		return e
	}
	body, e := c.ReadBody()
	if e != nil {
		return e
	}
	props, _ := body["properties"].(map[string]any)
	if props == nil { // the body is optional in the specification; the service needs one
		return arm.Errorf(http.StatusBadRequest, codeConnectionValidation, "The connection 'properties' are required, with at least 'properties.authType'.")
	}
	doc, e := prepareConnectionProps(props)
	if e != nil {
		return e
	}
	if e := c.checkKeyVaultConnection(acc, prj != nil, existing, doc); e != nil {
		return e
	}
	if existing == nil {
		if other := c.connectionNamed(acc, name); other != nil {
			return arm.Errorf(http.StatusConflict, codeConnectionNameConflict,
				"A connection named '%s' already exists in account '%s' (%s: %s). Connection names must be unique across the account and all of its projects.",
				name, acc.name(), describeConnectionScope(other), other.id)
		}
	}
	r := existing
	if r == nil {
		r = &resource{typ: typ, seq: c.st.nextSeq(), createdAt: c.Now, createdBy: c.Who.AppID, sub: sub.ID, group: g.Name}
		r.names = []string{acc.names[0], name}
		if prj != nil {
			r.names = []string{acc.names[0], prj.name(), name}
		}
		c.st.resources[lower(id)] = r
	}
	r.id = id
	r.names[len(r.names)-1] = name
	r.doc = map[string]any{"properties": doc}
	r.modifiedAt, r.modifiedBy = c.Now, c.Who.AppID
	wire.WriteJSON(c.W, http.StatusOK, c.s.render(r))
	return nil
}

// patchConnection applies ConnectionUpdateContent: properties present in the body replace the stored ones
// (null removes; credentials and metadata are replaced whole), then the result is validated like a PUT.
func (c *call) patchConnection(acc, r *resource) *arm.Error {
	if e := c.checkBusy(lower(acc.id)); e != nil {
		return e
	}
	body, e := c.ReadBody()
	if e != nil {
		return e
	}
	raw, present := body["properties"]
	if !present || raw == nil {
		wire.WriteJSON(c.W, http.StatusOK, c.s.render(r))
		return nil
	}
	patch, _ := raw.(map[string]any) // an object: the specification check refused anything else
	if at, _ := patch["authType"].(string); at == "" {
		return arm.Errorf(http.StatusBadRequest, codeConnectionValidation, "The property 'properties.authType' is required.")
	}
	merged := wire.DeepCopy(r.props())
	oldAuth, _ := merged["authType"].(string)
	for k, v := range patch {
		if v == nil {
			delete(merged, k)
			continue
		}
		merged[k] = v
	}
	if newAuth, _ := patch["authType"].(string); !strings.EqualFold(newAuth, oldAuth) {
		if _, sent := patch["credentials"]; !sent {
			delete(merged, "credentials") // credentials of another auth type do not carry over
		}
	}
	doc, e := prepareConnectionProps(merged)
	if e != nil {
		return e
	}
	if e := c.checkKeyVaultConnection(acc, r.typ.kind == kindProjectConnection, r, doc); e != nil {
		return e
	}
	r.doc = map[string]any{"properties": doc}
	r.modifiedAt, r.modifiedBy = c.Now, c.Who.AppID
	wire.WriteJSON(c.W, http.StatusOK, c.s.render(r))
	return nil
}

// prepareConnectionProps validates connection properties and returns the document to store (credentials included).
func prepareConnectionProps(in map[string]any) (map[string]any, *arm.Error) {
	out := map[string]any{}
	for _, k := range connectionWritableProps {
		if v, ok := in[k]; ok && v != nil {
			out[k] = wire.DeepCopyValue(v)
		}
	}
	at, e := connectionAuthType(out)
	if e != nil {
		return nil, e
	}
	out["authType"] = at.name
	if cat, _ := out["category"].(string); strings.TrimSpace(cat) == "" {
		return nil, arm.Errorf(http.StatusBadRequest, codeConnectionValidation, "The property 'properties.category' is required.")
	}
	if t, _ := out["target"].(string); strings.TrimSpace(t) == "" {
		return nil, arm.Errorf(http.StatusBadRequest, codeConnectionValidation,
			"The property 'properties.target' is required for a connection of category '%s'.", out["category"])
	}
	creds := out["credentials"]
	if !at.hasCreds {
		delete(out, "credentials")
		return out, nil
	}
	cm, _ := creds.(map[string]any) // an object when present: checked against the specification
	if e := checkCredentials(at, cm); e != nil {
		return nil, e
	}
	return out, nil
}

// connectionAuthType finds the authType of the properties in the spec's enum (any casing).
func connectionAuthType(out map[string]any) (connectionAuthTypeRule, *arm.Error) {
	authType, _ := out["authType"].(string)
	if authType == "" {
		return connectionAuthTypeRule{}, arm.Errorf(http.StatusBadRequest, codeConnectionValidation, "The property 'properties.authType' is required.")
	}
	idx := -1
	for i, a := range connectionAuthTypes {
		if strings.EqualFold(a.name, authType) {
			idx = i
		}
	}
	if idx < 0 {
		names := make([]string, len(connectionAuthTypes))
		for i, a := range connectionAuthTypes {
			names[i] = a.name
		}
		return connectionAuthTypeRule{}, arm.Errorf(http.StatusBadRequest, codeConnectionValidation,
			"The value '%s' of 'properties.authType' is not valid. Allowed values are: %s.", authType, strings.Join(names, ", "))
	}
	return connectionAuthTypes[idx], nil
}

// checkCredentials applies the credential fields an auth type needs.
func checkCredentials(at connectionAuthTypeRule, cm map[string]any) *arm.Error {
	missing := func(field string) *arm.Error {
		return arm.Errorf(http.StatusBadRequest, codeConnectionValidation,
			"The property 'properties.credentials.%s' is required for authType '%s'.", field, at.name)
	}
	for _, f := range at.required {
		if s, _ := cm[f].(string); s == "" {
			return missing(f)
		}
	}
	if len(at.anyOf) > 0 && !slices.ContainsFunc(at.anyOf, func(f string) bool { s, _ := cm[f].(string); return s != "" }) {
		return arm.Errorf(http.StatusBadRequest, codeConnectionValidation,
			"One of 'properties.credentials.%s' is required for authType '%s'.", strings.Join(at.anyOf, "' or 'properties.credentials."), at.name)
	}
	switch at.name {
	case "CustomKeys":
		keys, present := cm["keys"]
		if !present || keys == nil {
			return missing("keys")
		}
		if km, _ := keys.(map[string]any); len(km) == 0 {
			return arm.Errorf(http.StatusBadRequest, codeConnectionValidation, "The property 'properties.credentials.keys' needs at least one key for authType 'CustomKeys'.")
		}
	}
	return nil
}

// decorateConnection hides the credentials and fills the read-only group and createdByWorkspaceArmId.
func decorateConnection(_ *Service, r *resource, out map[string]any) {
	props := propsOf(out)
	delete(props, "credentials")
	if cat, _ := props["category"].(string); connectionGroups[lower(cat)] != "" {
		props["group"] = connectionGroups[lower(cat)]
	}
	props["createdByWorkspaceArmId"] = connectionScopeID(r)
}

// connectionScopeID is the ARM ID of the account or project that holds a connection.
func connectionScopeID(r *resource) string {
	return r.id[:len(r.id)-len("/connections/")-len(r.name())]
}

func describeConnectionScope(r *resource) string {
	if r.typ.kind == kindProjectConnection {
		return "a connection of project '" + r.names[1] + "'"
	}
	return "an account connection"
}

// keyVaultCategory is the category of the connection that makes an account keep the secrets of its other connections
// in the customer's key vault.
const keyVaultCategory = "AzureKeyVault"

// checkKeyVaultConnection applies Learn's rules for Key Vault connections ("Set up an Azure Key Vault connection in
// Microsoft Foundry"): one per Foundry resource, at the resource (account) level, and the service blocks its creation
// while the resource or its projects have other connections (Foundry does not move secrets already stored).
func (c *call) checkKeyVaultConnection(acc *resource, projectScope bool, existing *resource, doc map[string]any) *arm.Error {
	if cat, _ := doc["category"].(string); !strings.EqualFold(cat, keyVaultCategory) {
		return nil
	}
	if existing != nil {
		if cat, _ := existing.props()["category"].(string); strings.EqualFold(cat, keyVaultCategory) {
			return nil // an update of the Key Vault connection itself
		}
	}
	if projectScope {
		return arm.Errorf(http.StatusBadRequest, codeConnectionValidation,
			"A connection of category '%s' belongs to the Foundry resource, not to a project: create it in account '%s'.", keyVaultCategory, acc.name())
	}
	for _, r := range c.st.children(acc, kindAny) {
		if (r.typ.kind == kindAccountConnection || r.typ.kind == kindProjectConnection) && r != existing {
			return arm.Errorf(http.StatusBadRequest, codeConnectionValidation,
				"A connection of category '%s' can only be created while account '%s' and its projects have no other connections; found '%s' (%s). "+
					"Delete the other connections first, or create the Key Vault connection before them. Only one Key Vault connection is allowed per account.",
				keyVaultCategory, acc.name(), r.name(), describeConnectionScope(r))
		}
	}
	return nil
}

// connectionNamed finds a connection of the account or any of its projects by name (case-insensitive).
func (c *call) connectionNamed(acc *resource, name string) *resource {
	for _, r := range c.st.children(acc, kindAny) {
		if (r.typ.kind == kindAccountConnection || r.typ.kind == kindProjectConnection) && strings.EqualFold(r.name(), name) {
			return r
		}
	}
	return nil
}

func (c *call) listConnections(acc, prj *resource) *arm.Error {
	q := c.R.URL.Query()
	includeAll, _ := strconv.ParseBool(q.Get("includeAll")) // a boolean: checked against the specification
	target, category := q.Get("target"), q.Get("category")
	match := func(r *resource) bool {
		p := r.props()
		t, _ := p["target"].(string)
		cat, _ := p["category"].(string)
		return (target == "" || strings.EqualFold(t, target)) && (category == "" || strings.EqualFold(cat, category))
	}
	items := []map[string]any{}
	var shared []map[string]any
	for _, r := range c.st.children(acc, kindAny) {
		if !match(r) {
			continue
		}
		switch {
		case prj == nil && r.typ.kind == kindAccountConnection:
			items = append(items, c.s.render(r))
		case prj != nil && r.typ.kind == kindProjectConnection && strings.EqualFold(r.names[1], prj.name()):
			items = append(items, c.s.render(r))
		case prj != nil && includeAll && r.typ.kind == kindAccountConnection:
			if s, _ := r.props()["isSharedToAll"].(bool); s {
				shared = append(shared, c.s.render(r))
			}
		}
	}
	return c.WriteList(append(items, shared...))
}

// removeProjectConnections drops the connections of a deleted project (projects.go).
func removeProjectConnections(s *Service, project *resource) {
	prefix := lower(project.id) + "/connections/"
	for k, r := range s.st.resources {
		if r.typ.kind == kindProjectConnection && strings.HasPrefix(k, prefix) {
			delete(s.st.resources, k)
		}
	}
}

// ConnectionCredentials returns the stored credentials of a connection (secrets included), which ARM never
// returns; nil when the connection has none. The ID is an account or project connection ARM ID.
func (s *Service) ConnectionCredentials(connectionID string) (map[string]any, error) {
	r := s.st.resources[lower(strings.TrimRight(connectionID, "/"))]
	if r == nil || (r.typ.kind != kindAccountConnection && r.typ.kind != kindProjectConnection) {
		return nil, fmt.Errorf("connection %q not found", connectionID)
	}
	creds, _ := r.props()["credentials"].(map[string]any)
	return wire.DeepCopy(creds), nil
}
