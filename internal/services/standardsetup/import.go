package standardsetup

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

// discover fills an imported setup from what exists: the project's capability host names the connections, their
// ResourceId metadata the dependencies, and the role assignments are found by their deterministic names (or, when
// made by someone else, by listing). Additional principals are those holding the conditioned Storage Blob Data Owner
// on the storage account besides the project identity.
func (r *setupResource) discover(ctx context.Context, m *setupModel) diag.Diagnostics {
	project, err := parseImportID(m.ID.ValueString())
	if err != nil {
		return diag.Diagnostics{diagnostics.InvalidImportID(m.ID.ValueString(), importShape, err)}
	}
	api := r.Data.Client
	hosts, err := api.ListProjectCapabilityHosts(ctx, project)
	if err != nil {
		return diag.Diagnostics{diagnostics.APIError(diagnostics.Reading, "project capability hosts", project.String(), err)}
	}
	if len(hosts) != 1 || hosts[0].Properties == nil || len(hosts[0].Properties.StorageConnections) != 1 ||
		len(hosts[0].Properties.ThreadStorageConnections) != 1 || len(hosts[0].Properties.VectorStoreConnections) != 1 {
		return diag.Diagnostics{diagnostics.InvalidImportID(m.ID.ValueString(), importShape,
			fmt.Errorf("project %q has no capability host with one storage, thread storage and vector store connection each (found %d hosts)", project.String(), len(hosts)))}
	}
	h := hosts[0]
	names := map[string]string{"storage": h.Properties.StorageConnections[0], "cosmos": h.Properties.ThreadStorageConnections[0], "search": h.Properties.VectorStoreConnections[0]}
	resources := map[string]string{}
	for k, n := range names {
		id := client.NewProjectConnectionID(project, n)
		c, err := api.GetConnection(ctx, id)
		if err != nil {
			return diag.Diagnostics{diagnostics.APIError(diagnostics.Reading, "project connection", id.String(), err)}
		}
		if c.Properties != nil {
			for mk, mv := range c.Properties.Metadata {
				if strings.EqualFold(mk, "ResourceId") {
					resources[k] = mv
				}
			}
		}
		if resources[k] == "" {
			return diag.Diagnostics{diagnostics.InvalidImportID(m.ID.ValueString(), importShape,
				fmt.Errorf("connection %q has no ResourceId metadata naming the %s resource", id.String(), k))}
		}
	}
	m.ProjectID = types.StringValue(project.String())
	m.StorageAccountID, m.CosmosDBAccountID, m.SearchServiceID = types.StringValue(resources["storage"]), types.StringValue(resources["cosmos"]), types.StringValue(resources["search"])
	m.StorageConnectionName, m.CosmosDBConnectionName, m.SearchConnectionName = types.StringValue(names["storage"]), types.StringValue(names["cosmos"]), types.StringValue(names["search"])
	m.CapabilityHostName = types.StringValue(framework.Deref(h.Name))
	s, err := r.newSetup(*m)
	if err != nil {
		return diag.Diagnostics{diagnostics.InvalidImportID(m.ID.ValueString(), importShape, err)}
	}
	if err := s.loadProject(ctx); err != nil {
		return diag.Diagnostics{stepDiagnostic(diagnostics.Reading, err)}
	}
	for _, role := range controlRoles {
		if id, err := s.findRole(ctx, s.scopeOf(role.on), role.guid, s.principal); err == nil && id != "" {
			s.roleIDs[role.key] = id
		}
	}
	// Conditioned Blob Data Owner holders: the project identity and the additional principals.
	all, err := api.ListRoleAssignments(ctx, s.ids.storage.String(), "atScope()")
	if err != nil {
		return diag.Diagnostics{diagnostics.APIError(diagnostics.Reading, "role assignments", s.ids.storage.String(), err)}
	}
	var extra []string
	for _, a := range all {
		if a.Properties == nil || !strings.Contains(framework.Deref(a.Properties.Condition), s.guid) {
			continue
		}
		if g, err := client.RoleDefinitionGUID(framework.Deref(a.Properties.RoleDefinitionID)); err != nil || g != blobDataOwnerGUID {
			continue
		}
		p := framework.Deref(a.Properties.PrincipalID)
		additional := !strings.EqualFold(p, s.principal)
		if additional {
			extra = append(extra, p)
		}
		s.roleIDs[dataRoleKey(blobDataOwnerKey, p, additional)] = framework.Deref(a.ID)
		sql := s.sqlRoleID(p)
		if _, err := api.GetSQLRoleAssignment(ctx, sql); err == nil {
			s.roleIDs[dataRoleKey(cosmosDataContribKey, p, additional)] = sql.String()
		}
	}
	m.AdditionalPrincipalIDs = types.SetNull(types.StringType)
	if len(extra) > 0 {
		sort.Strings(extra)
		m.AdditionalPrincipalIDs, _ = types.SetValueFrom(ctx, types.StringType, extra)
	}
	s.record(m)
	return nil
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// check returns what is missing of the setup ("" when complete).
func (s *setup) check(ctx context.Context) (string, error) {
	if _, err := s.api.GetProjectCapabilityHost(ctx, s.hostID()); client.IsNotFound(err) {
		return s.hostID().String(), nil
	} else if err != nil {
		return "", fail("reading the capability host", "project capability host", s.hostID().String(), err)
	}
	for _, n := range []string{s.names.storage, s.names.cosmos, s.names.search} {
		id := s.connectionID(n)
		if _, err := s.api.GetConnection(ctx, id); client.IsNotFound(err) {
			return id.String(), nil
		} else if err != nil {
			return "", fail("reading a connection", "project connection", id.String(), err)
		}
	}
	for _, k := range sortedKeys(s.roleIDs) {
		v := s.roleIDs[k]
		var err error
		if sql, perr := client.ParseSQLRoleAssignmentID(v); perr == nil {
			_, err = s.api.GetSQLRoleAssignment(ctx, sql)
		} else if ra, perr := client.ParseRoleAssignmentID(v); perr == nil {
			_, err = s.api.GetRoleAssignment(ctx, ra)
		} else {
			continue
		}
		if client.IsNotFound(err) {
			return v, nil
		}
		if err != nil {
			return "", fail("reading a role assignment", "role assignment", v, err)
		}
	}
	return "", nil
}
