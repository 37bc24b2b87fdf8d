package roleassignment

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/hints"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/lookups"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/waits"
)

// resolveRole returns the role definition GUID: from role_definition_id, the built-in table, or a look-up by name at
// the scope.
func (r *assignmentResource) resolveRole(ctx context.Context, m assignmentModel) (string, diag.Diagnostics) {
	if !m.RoleDefinitionID.IsNull() && !m.RoleDefinitionID.IsUnknown() {
		guid, err := client.RoleDefinitionGUID(m.RoleDefinitionID.ValueString())
		if err != nil {
			return "", diag.Diagnostics{diagnostics.InvalidAttribute(path.Root("role_definition_id"), "Invalid role_definition_id", err.Error())}
		}
		return guid, nil
	}
	name := m.RoleDefinitionName.ValueString()
	if guid, _, _, ok := lookupRole(name); ok {
		return guid, nil
	}
	scope := m.Scope.ValueString()
	tflog.Debug(ctx, "Looking up the role definition by name", map[string]any{"role_definition_name": name})
	defs, err := r.Data.Client.ListRoleDefinitions(ctx, scope, client.RoleNameFilter(name))
	if err != nil {
		return "", diag.Diagnostics{diagnostics.AttributeAPIError(path.Root("role_definition_name"), diagnostics.Reading, "role definitions", scope, err)}
	}
	var found []string
	for _, d := range defs {
		if d.Properties != nil && strings.EqualFold(framework.Deref(d.Properties.RoleName), name) {
			if guid, err := client.RoleDefinitionGUID(framework.Deref(d.ID)); err == nil {
				found = append(found, guid)
			}
		}
	}
	if len(found) != 1 {
		return "", diag.Diagnostics{diagnostics.InvalidAttribute(path.Root("role_definition_name"), "Unknown role name",
			fmt.Sprintf("%d role definitions named %q are assignable at %q. Check the name (current Foundry names: %s), or give role_definition_id.",
				len(found), name, scope, roleTableMarkdown()))}
	}
	return found[0], nil
}

// resolveAtPlan resolves a role name that is not in the built-in table against the role definitions assignable at
// scope (or its nearest existing ancestor when the scope is created by this plan). A name that matches none is a
// plan error on role_definition_name; a look-up that fails only warns (ok false, no error).
func (r *assignmentResource) resolveAtPlan(ctx context.Context, scope, name string, resp *resource.ModifyPlanResponse) (string, bool) {
	defs, err := lookups.RoleDefinitions(ctx, r.Data, scope)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("role name", "role definitions at", scope, err))
		return "", false
	}
	var found []string
	var near []string
	for _, d := range defs {
		if d.Properties == nil {
			continue
		}
		rn := framework.Deref(d.Properties.RoleName)
		if strings.EqualFold(rn, name) {
			if guid, err := client.RoleDefinitionGUID(framework.Deref(d.ID)); err == nil {
				found = append(found, guid)
			}
		} else if framework.EditDistance(rn, name) <= 3 {
			near = append(near, rn)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	hint := ""
	if len(near) > 0 {
		hint = fmt.Sprintf(" Did you mean %q?", near[0])
	}
	resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("role_definition_name"), "Unknown role name",
		fmt.Sprintf("%d role definitions named %q are assignable at %q.%s Check the name (current Foundry names: %s), or give role_definition_id.",
			len(found), name, scope, hint, roleTableMarkdown())))
	return "", false
}

// put creates the assignment, retrying 400 PrincipalNotFound (an identity created moments ago and not yet
// replicated in Entra ID) within waits.principal_replication, far below the create timeout: a principal that does not
// exist at all fails in minutes, not half an hour.
func (r *assignmentResource) put(ctx context.Context, id client.RoleAssignmentID, body client.RoleAssignment) (client.RoleAssignment, error) {
	principal := ""
	if body.Properties != nil {
		principal = framework.Deref(body.Properties.PrincipalID)
	}
	run, wctx, cancel := waits.Start(ctx, waits.PrincipalReplication, r.Data.Waits.PrincipalReplication,
		fmt.Sprintf("principal %s to become known to Microsoft Entra ID (400 PrincipalNotFound until then)", principal))
	defer cancel()
	got, err := r.Data.Client.CreateRoleAssignmentWhenPrincipalExists(wctx, id, body, run.Tried)
	return got, run.Err(err)
}

type existingAssignment struct {
	id         client.RoleAssignmentID
	assignment client.RoleAssignment
}

// findExisting lists the principal's assignments at scope and returns the one with this exact scope and role.
func (r *assignmentResource) findExisting(ctx context.Context, scope, guid, principalID string) (existingAssignment, bool, error) {
	all, err := r.Data.Client.ListRoleAssignments(ctx, scope, client.PrincipalFilter(principalID))
	if err != nil {
		return existingAssignment{}, false, err
	}
	for _, a := range all {
		id, err := client.ParseRoleAssignmentID(framework.Deref(a.ID))
		if err != nil || a.Properties == nil || !strings.EqualFold(id.Scope, strings.TrimSuffix(scope, "/")) ||
			!strings.EqualFold(framework.Deref(a.Properties.PrincipalID), principalID) {
			continue
		}
		if g, err := client.RoleDefinitionGUID(framework.Deref(a.Properties.RoleDefinitionID)); err == nil && g == guid {
			return existingAssignment{id: id, assignment: a}, true, nil
		}
	}
	return existingAssignment{}, false, nil
}

// waitForDataPlane probes the project data plane as the provider's identity until it stops answering 401
// PermissionDenied, bounded by ctx. An account scope is probed through its first project.
func (r *assignmentResource) waitForDataPlane(ctx context.Context, scope string) diag.Diagnostics {
	pid, err := client.ParseProjectID(scope)
	if err != nil {
		account, aerr := client.ParseAccountID(scope)
		if aerr != nil {
			return nil
		}
		projects, lerr := r.Data.Client.ListProjects(ctx, account)
		if lerr != nil {
			return diag.Diagnostics{diagnostics.APIError(diagnostics.Reading, "projects", account.String(), lerr)}
		}
		if len(projects) == 0 {
			tflog.Warn(ctx, "wait_for_propagation: the account has no project whose data plane could be probed; not waiting")
			return nil
		}
		pid, err = client.ParseProjectID(framework.Deref(projects[0].ID))
		if err != nil {
			return diag.Diagnostics{diagnostics.Bug("A listed project has a malformed ID: " + err.Error())}
		}
	}
	pc, err := r.Data.Client.Project(ctx, pid)
	if err != nil {
		return diag.Diagnostics{diagnostics.APIError(diagnostics.Reading, "project", pid.String(), err)}
	}
	start := time.Now()
	run, wctx, cancel := waits.Start(ctx, waits.RolePropagation, r.Data.Waits.RolePropagation,
		"the role assignment to take effect on the data plane of project "+pid.String()+" (401 PermissionDenied until then)")
	defer cancel()
	err = run.Err(client.RetryPermissionDenied(wctx, pc.ProbeAgents, func(attempt int, delay time.Duration, _ error) { run.Tried(attempt, delay) }))
	if err != nil {
		return diag.Diagnostics{diagnostics.APIError(diagnostics.Checking, "role propagation on project", pid.String(), err,
			hints.DataPlane("Microsoft.CognitiveServices/accounts/AIServices/agents/read"))}
	}
	tflog.Debug(ctx, "wait_for_propagation: the data plane accepts the caller", map[string]any{"waited_ms": time.Since(start).Milliseconds()})
	return nil
}
