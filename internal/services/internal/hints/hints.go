// Package hints holds what a user can do about API errors that several services meet (connections, role
// assignments, the project data plane); a service passes them to the diagnostics constructors next to its own.
package hints

import (
	"fmt"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
)

// FoundryUserRoleID is the role definition GUID of Foundry User (formerly Azure AI User), the least-privileged role
// that allows agent CRUD on the project data plane.
const FoundryUserRoleID = "53ca6127-db72-4b80-b1b0-d745d6d5456d"

// ConnectionNameTaken says what to do when a connection name is taken: ARM answers a connection PUT with 409 (code
// Conflict) when another connection of the account, or of any of its projects, has the name.
var ConnectionNameTaken = diagnostics.Conflict("Connection names are unique across the whole account: the account's connections and those of " +
	"all its projects share one namespace. Choose another name, or remove or import the connection named in the message.")

// RoleAssignments are the hints for role assignment writes (foundry_role_assignment and the standard setup's roles).
var RoleAssignments = diagnostics.Codes{
	"PrincipalNotFound": "The principal does not exist in the directory, or was created moments ago and has not replicated yet (the provider " +
		"retries within waits.principal_replication). Check principal_id, set principal_type (ServicePrincipal for managed identities), or raise " +
		"waits.principal_replication in the provider block.",
	"RoleAssignmentUpdateNotPermitted": "The scope, role and principal of a role assignment cannot change; Terraform replaces the assignment instead. " +
		"An assignment with this name exists with other values: remove it, or import it.",
}

// ProjectCapabilityHosts are the hints for project capability host writes (foundry_project_capability_host and the
// standard setup's host).
var ProjectCapabilityHosts = diagnostics.Codes{
	"CapabilityHostRBACNotEffective": "The project's managed identity cannot use the connected Cosmos DB, Storage or AI Search resources yet: its role " +
		"assignments take minutes to reach their data planes. foundry_agent_standard_setup retries within waits.capability_host_ready; raise it in " +
		"the provider block, or check that the identity holds Cosmos DB Operator, Storage Blob Data Contributor, Search Index Data Contributor and " +
		"Search Service Contributor.",
}

const permissionDenied = "The signed-in principal has no Foundry role with this data action on the project yet. Grant it Foundry User " +
	"(role definition " + FoundryUserRoleID + ") on the project or its account, e.g. with a foundry_role_assignment whose principal_id is " +
	"data.foundry_client_config.current.object_id and wait_for_propagation = true. New assignments take minutes to reach the data plane; " +
	"the provider retries within waits.role_propagation, which you can raise in the provider block."

// DataPlane are the hints for a project data-plane call that needs the data action action: a 401 PermissionDenied
// (missing RBAC, still after retrying within waits.role_propagation), or a 401 without a code, a token the project endpoint
// refused before checking roles (wrong audience, expired).
func DataPlane(action string) diagnostics.Hints {
	return diagnostics.HintFunc(func(err error) string {
		switch {
		case client.ErrorCode(err) == "PermissionDenied":
			return permissionDenied
		case client.StatusCode(err) == 401 && client.ErrorCode(err) == "":
			return fmt.Sprintf("The project endpoint refused the token itself, before checking roles: it accepts only tokens for its audience "+
				"(https://ai.azure.com in the public cloud). Check endpoints.project_audience (ARM_PROJECT_AUDIENCE) in the provider block. Once the "+
				"token is accepted, the call needs the data action %s, which Foundry User (role definition %s) grants; assign it with "+
				"foundry_role_assignment.", action, FoundryUserRoleID)
		}
		return ""
	})
}
