package cognitive

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/authorization"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/neighbours"
)

// RBAC of the standard agent setup (arm-neighbours.md §3.1 step 4, §3.5): the project capability host acts as the
// project's managed identity to create the Cosmos DB database, blob containers and search indexes, so when its PUT
// is accepted the project identity must hold, effectively (RBACPropagationDelay past the assignment's creation), a
// role covering each permission below at the dependency the connection points to (or a parent scope). Otherwise the
// operation ends Failed with 400 CapabilityHostProvisioningFailed (the code is the emulator's choice; the
// reference names none).

// capabilityHostPermission is one permission the agent service needs on a dependency.
type capabilityHostPermission struct {
	role       string // the role the samples assign (message and README)
	permission string // representative action or data action the role grants
	data       bool   // permission is a data action
}

// capabilityHostDependency is the dependency behind one connection property.
type capabilityHostDependency struct {
	prop        string
	what        string         // for messages
	idPattern   *regexp.Regexp // ARM ID of the dependency (metadata.ResourceId)
	hostSuffix  string         // endpoint host suffix (target)
	service     neighbours.Service
	permissions []capabilityHostPermission
}

var capabilityHostDependencies = []capabilityHostDependency{
	{prop: "threadStorageConnections", what: "Azure Cosmos DB account",
		idPattern: regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.DocumentDB/databaseAccounts/([^/]+)$`), hostSuffix: ".documents.azure.com", service: neighbours.CosmosDB,
		permissions: []capabilityHostPermission{{role: authorization.RoleCosmosDBOperator, permission: "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/write"}}},
	{prop: "storageConnections", what: "storage account",
		idPattern: regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Storage/storageAccounts/([^/]+)$`), hostSuffix: ".blob.core.windows.net", service: neighbours.Storage,
		permissions: []capabilityHostPermission{{role: authorization.RoleStorageBlobDataContributor, permission: "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write", data: true}}},
	{prop: "vectorStoreConnections", what: "Azure AI Search service",
		idPattern: regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Search/searchServices/([^/]+)$`), hostSuffix: ".search.windows.net", service: neighbours.Search,
		permissions: []capabilityHostPermission{
			{role: authorization.RoleSearchIndexDataContributor, permission: "Microsoft.Search/searchServices/indexes/documents/write", data: true},
			{role: authorization.RoleSearchServiceContributor, permission: "Microsoft.Search/searchServices/indexes/write"},
		}},
}

// SetEnforceCapabilityHostRBAC turns the project capability host's RBAC requirement on or off (default on).
func (s *Service) SetEnforceCapabilityHostRBAC(on bool) {
	s.capHostRBACOff = !on
}

// capabilityHostRBACEnforced: on unless turned off or in permissive mode.
func (s *Service) capabilityHostRBACEnforced() bool { return !s.capHostRBACOff && !s.permissive }

// capabilityHostRBACFailure returns the failure message of a project capability host whose project identity lacks
// an effective role on one of its dependencies, or "" when everything is in place.
func (c *call) capabilityHostRBACFailure(prj *resource, doc map[string]any) string {
	props := propsOf(doc)
	principals := principalsOf(c.s.render(prj))
	var problems []string
	for _, dep := range capabilityHostDependencies {
		list, _ := props[dep.prop].([]any)
		for _, v := range list {
			name, _ := v.(string)
			conn := c.st.resources[lower(prj.id+"/connections/"+name)]
			if conn == nil {
				if acc := c.s.accountOf(prj); acc != nil {
					conn = c.st.resources[lower(acc.id+"/connections/"+name)]
				}
			}
			if conn == nil {
				continue // checked before (checkCapabilityHostConnections)
			}
			depID, reason := c.s.resolveDependency(dep, conn)
			if depID == "" {
				problems = append(problems, "connection '"+name+"': "+reason)
				continue
			}
			if len(principals) == 0 {
				return "Capability host operation failed: project '" + prj.name() + "' has no managed identity; the agent service needs the project's identity to access " + depID + "."
			}
			for _, perm := range dep.permissions {
				switch c.s.authz.GrantOf(principals, depID, perm.permission, perm.data, c.Now) {
				case authorization.GrantMissing:
					problems = append(problems, authorization.RoleLabel(perm.role)+" on "+depID+" (connection '"+name+"') is not assigned")
				case authorization.GrantPending:
					problems = append(problems, authorization.RoleLabel(perm.role)+" on "+depID+" (connection '"+name+"') is assigned but not yet effective (role assignments take time to propagate)")
				}
			}
		}
	}
	if len(problems) == 0 {
		return ""
	}
	return "Capability host operation failed: the managed identity of project '" + prj.name() + "' (principal " + strings.Join(principals, ", ") +
		") lacks role assignments the agent service needs: " + strings.Join(problems, "; ") +
		". Assign the roles to the project's identity, wait for them to propagate, then send the capability host PUT again."
}

// resolveDependency finds the ARM ID of the seeded dependency a connection points to: the one metadata.ResourceId
// names when it is an ID of the right type (as the samples set it, arm-neighbours.md §3.2), else the one whose name
// is the first label of the target's host (e.g. https://cosmos-foundry-agents.documents.azure.com:443/). reason
// explains a miss.
func (s *Service) resolveDependency(dep capabilityHostDependency, conn *resource) (id, reason string) {
	props := conn.props()
	if md, ok := props["metadata"].(map[string]any); ok {
		for k, v := range md {
			if rid, _ := v.(string); strings.EqualFold(k, "ResourceId") && dep.idPattern.MatchString(strings.TrimRight(rid, "/")) {
				if id := s.nb.Lookup(dep.service, strings.TrimRight(rid, "/"), ""); id != "" {
					return id, ""
				}
				return "", "the " + dep.what + " '" + rid + "' named by metadata.ResourceId does not exist"
			}
		}
	}
	target, _ := props["target"].(string)
	if u, err := url.Parse(target); err == nil {
		if host := lower(u.Hostname()); strings.HasSuffix(host, dep.hostSuffix) {
			if id := s.nb.Lookup(dep.service, "", strings.TrimSuffix(host, dep.hostSuffix)); id != "" {
				return id, ""
			}
		}
	}
	return "", "the " + dep.what + " of target '" + target + "' could not be resolved (set metadata.ResourceId to its ARM ID)"
}
