package standardsetup

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/locks"
	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/projecthost"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/waits"
)

// setup runs the steps of a standard agent setup; every step is idempotent.
type setup struct {
	api       *client.Client
	waits     providerdata.Waits
	ids       setupIDs
	names     connectionNames
	hostName  string
	principal string // the project identity's object ID
	guid      string // the project GUID
	location  string
	roleIDs   map[string]string // role_assignment_ids, filled as assignments are made
}

type connectionNames struct{ storage, cosmos, search string }

// stepError says which step failed, so the diagnostic can name it.
type stepError struct {
	step, object, id string
	err              error
}

func (e *stepError) Error() string { return e.step + ": " + e.err.Error() }
func (e *stepError) Unwrap() error { return e.err }

func fail(step, object, id string, err error) error {
	return &stepError{step: step, object: object, id: id, err: err}
}

func (s *setup) connectionID(name string) client.ProjectConnectionID {
	return client.NewProjectConnectionID(s.ids.project, name)
}

func (s *setup) hostID() client.ProjectCapabilityHostID {
	return client.NewProjectCapabilityHostID(s.ids.project, s.hostName)
}

// existing is the read that keeps a setup from taking over another's: the project's capability host (a project has
// one, and a setup ends with it) or a connection of one of the setup's names.
func (s *setup) existing(ctx context.Context) (crud.Origin, error) {
	hosts, err := s.api.ListProjectCapabilityHosts(ctx, s.ids.project)
	if err != nil {
		return crud.Origin{}, err
	}
	if len(hosts) > 0 {
		return crud.OriginOf(hosts[0].SystemData), nil
	}
	conns, err := s.api.ListProjectConnections(ctx, s.ids.project, client.ListConnectionsOptions{})
	if err != nil {
		return crud.Origin{}, err
	}
	for _, c := range conns {
		for _, n := range []string{s.names.storage, s.names.cosmos, s.names.search} {
			if strings.EqualFold(framework.Deref(c.Name), n) {
				return crud.OriginOf(c.SystemData), nil
			}
		}
	}
	return crud.Origin{}, crud.ErrAbsent
}

// loadProject reads the project's identity and GUID.
func (s *setup) loadProject(ctx context.Context) error {
	p, err := s.api.GetProject(ctx, s.ids.project)
	if err != nil {
		return fail("reading the project", "project", s.ids.project.String(), err)
	}
	if p.Identity == nil || framework.Deref(p.Identity.PrincipalID) == "" {
		return fail("reading the project", "project", s.ids.project.String(),
			errors.New("the project has no system-assigned identity; set identity = { type = \"SystemAssigned\" } on the project"))
	}
	s.principal = framework.Deref(p.Identity.PrincipalID)
	s.location = framework.Deref(p.Location)
	if p.Properties != nil {
		s.guid = projectGUID(framework.Deref(p.Properties.InternalID))
	}
	return nil
}

// connections are the three project connections (arm-neighbours.md §3.2): AAD auth, the target read from the
// dependency, and ApiType/ResourceId/location metadata.
func (s *setup) ensureConnections(ctx context.Context, saved func()) error {
	st, err := s.api.GetStorageAccount(ctx, s.ids.storage)
	if err != nil {
		return fail("reading the storage account", "storage account", s.ids.storage.String(), err)
	}
	cos, err := s.api.GetCosmosAccount(ctx, s.ids.cosmos)
	if err != nil {
		return fail("reading the Cosmos DB account", "Cosmos DB account", s.ids.cosmos.String(), err)
	}
	srch, err := s.api.GetSearchService(ctx, s.ids.search)
	if err != nil {
		return fail("reading the search service", "search service", s.ids.search.String(), err)
	}
	blob, doc, searchEndpoint := "", "", ""
	if st.Properties != nil && st.Properties.PrimaryEndpoints != nil {
		blob = framework.Deref(st.Properties.PrimaryEndpoints.Blob)
	}
	if cos.Properties != nil {
		doc = framework.Deref(cos.Properties.DocumentEndpoint)
	}
	if srch.Properties != nil {
		searchEndpoint = framework.Deref(srch.Properties.Endpoint)
	}
	if searchEndpoint == "" {
		searchEndpoint = "https://" + strings.ToLower(s.ids.search.Name) + ".search.windows.net"
	}
	for _, c := range []struct {
		name, category, target, resourceID, location string
	}{
		{s.names.storage, "AzureStorageAccount", blob, s.ids.storage.String(), framework.Deref(st.Location)},
		{s.names.cosmos, "CosmosDb", doc, s.ids.cosmos.String(), framework.Deref(cos.Location)},
		{s.names.search, "CognitiveSearch", searchEndpoint, s.ids.search.String(), framework.Deref(srch.Location)},
	} {
		id := s.connectionID(c.name)
		body := client.Connection{Properties: &client.ConnectionProperties{
			AuthType: client.ConnectionAuthTypeAAD, Category: framework.Ptr(c.category), Target: framework.Ptr(c.target),
			Metadata: map[string]string{"ApiType": "Azure", "ResourceId": c.resourceID, "location": c.location},
		}}
		if _, err := s.api.CreateOrUpdateConnection(ctx, id, body); err != nil {
			return fail("creating the "+c.category+" connection", "project connection", id.String(), err)
		}
		tflog.Debug(ctx, "Standard setup: connection in place", map[string]any{"connection_id": id.String()})
		saved()
	}
	return nil
}

// ensureRole assigns role guid at scope to principal under the deterministic name, and retries 400 PrincipalNotFound
// while a new identity replicates. An identical assignment that exists under another name (409 RoleAssignmentExists)
// was made by somebody else: the setup relies on it but does not take it over, so it returns "" (nothing recorded in
// role_assignment_ids, nothing deleted on destroy).
func (s *setup) ensureRole(ctx context.Context, scope, guid, principal, condition string) (string, error) {
	id := client.NewRoleAssignmentID(scope, client.RoleAssignmentName(scope, guid, principal))
	props := &client.RoleAssignmentProperties{
		RoleDefinitionID: framework.Ptr(client.RoleDefinitionID(s.ids.project.AccountID.SubscriptionID, guid)),
		PrincipalID:      framework.Ptr(principal), PrincipalType: framework.Ptr(principalTypeSP),
	}
	if condition != "" {
		props.Condition, props.ConditionVersion = framework.Ptr(condition), framework.Ptr(conditionVersion)
	}
	// Only the project identity is surely a service principal; leave other principals' type to the directory.
	if !strings.EqualFold(principal, s.principal) {
		props.PrincipalType = nil
	}
	run, wctx, cancel := waits.Start(ctx, waits.PrincipalReplication, s.waits.PrincipalReplication,
		fmt.Sprintf("principal %s to become known to Microsoft Entra ID (400 PrincipalNotFound until then)", principal))
	_, err := s.api.CreateRoleAssignmentWhenPrincipalExists(wctx, id, client.RoleAssignment{Properties: props}, run.Tried)
	err = run.Err(err)
	cancel()
	if client.IsConflict(err) && strings.EqualFold(client.ErrorCode(err), "RoleAssignmentExists") {
		existing, ferr := s.findRole(ctx, scope, guid, principal)
		if ferr != nil || existing == "" {
			return "", err
		}
		tflog.Debug(ctx, "Standard setup: relying on an identical role assignment made by somebody else, without taking it over",
			map[string]any{"role_assignment_id": existing})
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return id.String(), nil
}

// findRole returns the ID of principal's assignment of role guid at exactly scope, or "".
func (s *setup) findRole(ctx context.Context, scope, guid, principal string) (string, error) {
	all, err := s.api.ListRoleAssignments(ctx, scope, client.PrincipalFilter(principal))
	if err != nil {
		return "", err
	}
	for _, a := range all {
		id, err := client.ParseRoleAssignmentID(framework.Deref(a.ID))
		if err != nil || a.Properties == nil || !strings.EqualFold(id.Scope, strings.TrimSuffix(scope, "/")) ||
			!strings.EqualFold(framework.Deref(a.Properties.PrincipalID), principal) {
			continue
		}
		if g, err := client.RoleDefinitionGUID(framework.Deref(a.Properties.RoleDefinitionID)); err == nil && g == guid {
			return id.String(), nil
		}
	}
	return "", nil
}

func (s *setup) scopeOf(on string) string {
	switch on {
	case "storage":
		return s.ids.storage.String()
	case "cosmos":
		return s.ids.cosmos.String()
	default:
		return s.ids.search.String()
	}
}

// ensureControlRoles grants the project identity the four roles the capability host needs.
func (s *setup) ensureControlRoles(ctx context.Context, saved func()) error {
	for _, r := range controlRoles {
		scope := s.scopeOf(r.on)
		id, err := s.ensureRole(ctx, scope, r.guid, s.principal, "")
		if err != nil {
			return fail("assigning "+r.key+" to the project identity", "role assignment", scope, err)
		}
		if id != "" {
			s.roleIDs[r.key] = id
		}
		saved()
	}
	return nil
}

// ensureHost creates the project capability host. Its operation fails while the project identity's new roles have
// not reached the data services (what the samples' 60 s sleep stands for); that failure is retried with back-off,
// bounded by waits.capability_host_ready: the PUT of a Failed host with the same body provisions it again. That PUT
// answers 200 without a polling header (ProjectCapabilityHosts_CreateOrUpdate declares none on 200), so a failure of
// it carries no reason (client.ProvisioningFailedError); once a failure has shown the roles pending, such a failure is
// taken for the same.
func (s *setup) ensureHost(ctx context.Context, started func()) error {
	id := s.hostID()
	body := projecthost.Body(s.names.search, s.names.storage, s.names.cosmos)
	run, wctx, cancel := waits.Start(ctx, waits.CapabilityHostReady, s.waits.CapabilityHostReady,
		"the project identity's roles to take effect on Cosmos DB, Storage and AI Search, so that capability host "+id.String()+" provisions")
	defer cancel()
	var last, pending error // the last failure; the last one that showed the roles not effective yet
	err := poll.Until(wctx, func(ctx context.Context) (bool, error) {
		_, last = projecthost.Create(ctx, s.api, id, body, started)
		switch {
		case last != nil && rbacPending(last):
			pending = last
			tflog.Debug(ctx, "Standard setup: the capability host failed because the project identity's roles are not effective yet",
				map[string]any{"error_code": client.ErrorCode(last)})
			return false, nil
		case pending != nil && withoutReason(last):
			tflog.Debug(ctx, "Standard setup: the capability host failed again without a reason after the roles were seen pending; retrying")
			return false, nil
		}
		return true, last
	}, run.OnWait)
	var te *poll.TimeoutError
	if errors.As(err, &te) && last != nil {
		reason := last
		if pending != nil && withoutReason(last) {
			reason = pending // the reason the service gave
		}
		err = errors.Join(reason, te)
	}
	if err = run.Err(err); err != nil {
		return fail("creating the project capability host", "project capability host", id.String(), err)
	}
	return nil
}

// withoutReason reports whether err is a provisioning that ended Failed without an error code or message.
func withoutReason(err error) bool {
	var pf *client.ProvisioningFailedError
	return errors.As(err, &pf)
}

// rbacPending reports whether a capability host failure is the project identity lacking (not yet effective) access to
// Cosmos DB, Storage or AI Search. The service's code for it is not documented; these are the codes and words seen.
func rbacPending(err error) bool {
	code := strings.ToLower(client.ErrorCode(err))
	switch code {
	case "capabilityhostrbacnoteffective", "authorizationfailed", "forbidden", "permissiondenied", "rbacnoteffective", "roleassignmentnoteffective":
		return true
	}
	msg := strings.ToLower(client.ErrorMessage(err))
	return code != "" && client.StatusCode(err) != 409 &&
		(strings.Contains(msg, "not authorized") || strings.Contains(msg, "role assignment") || strings.Contains(msg, "permission") || strings.Contains(msg, "forbidden"))
}

// ensureDataRoles grants principal the data-plane roles: Cosmos DB Built-in Data Contributor on enterprise_memory
// and Storage Blob Data Owner limited to the project's agent containers.
func (s *setup) ensureDataRoles(ctx context.Context, principal string, additional bool, saved func()) error {
	scope := s.ids.storage.String()
	id, err := s.ensureRole(ctx, scope, blobDataOwnerGUID, principal, blobOwnerCondition(s.guid))
	if err != nil {
		return fail("assigning Storage Blob Data Owner to "+principal, "role assignment", scope, err)
	}
	if id != "" {
		s.roleIDs[dataRoleKey(blobDataOwnerKey, principal, additional)] = id
	}
	saved()
	sqlID, err := s.ensureSQLRole(ctx, principal)
	if err != nil {
		return fail("assigning Cosmos DB Built-in Data Contributor to "+principal, "Cosmos DB SQL role assignment", s.ids.cosmos.String(), err)
	}
	s.roleIDs[dataRoleKey(cosmosDataContribKey, principal, additional)] = sqlID
	saved()
	return nil
}

func (s *setup) sqlRoleID(principal string) client.SQLRoleAssignmentID {
	scope := s.ids.cosmos.DatabaseScope(agentDatabase)
	return client.SQLRoleAssignmentID{Account: s.ids.cosmos, Name: client.SQLRoleAssignmentName(scope, client.CosmosDataContributorRoleID, principal)}
}

func (s *setup) ensureSQLRole(ctx context.Context, principal string) (string, error) {
	id := s.sqlRoleID(principal)
	unlock, err := locks.Hold(ctx, s.ids.cosmos.String()) // Cosmos DB refuses concurrent writes with 412
	if err != nil {
		return "", err
	}
	defer unlock()
	body := client.SQLRoleAssignment{Properties: &client.SQLRoleAssignmentProperties{
		RoleDefinitionID: framework.Ptr(s.ids.cosmos.SQLRoleDefinitionID(client.CosmosDataContributorRoleID)),
		Scope:            framework.Ptr(s.ids.cosmos.DatabaseScope(agentDatabase)), PrincipalID: framework.Ptr(principal),
	}}
	poller, err := s.api.BeginCreateOrUpdateSQLRoleAssignment(ctx, id, body)
	if err == nil {
		_, err = client.Wait(ctx, s.api, poller)
	}
	if err != nil {
		return "", err
	}
	return id.String(), nil
}

// removeDataRoles deletes principal's data-plane roles (by the IDs in state and by the deterministic names).
func (s *setup) removeDataRoles(ctx context.Context, principal string, additional bool) error {
	blobIDs := []string{client.NewRoleAssignmentID(s.ids.storage.String(), client.RoleAssignmentName(s.ids.storage.String(), blobDataOwnerGUID, principal)).String()}
	if v := s.roleIDs[dataRoleKey(blobDataOwnerKey, principal, additional)]; v != "" {
		blobIDs = append(blobIDs, v)
	}
	if err := s.deleteRoles(ctx, blobIDs); err != nil {
		return err
	}
	delete(s.roleIDs, dataRoleKey(blobDataOwnerKey, principal, additional))
	unlock, err := locks.Hold(ctx, s.ids.cosmos.String())
	if err != nil {
		return err
	}
	defer unlock()
	id := s.sqlRoleID(principal)
	poller, err := s.api.BeginDeleteSQLRoleAssignment(ctx, id)
	if err == nil {
		_, err = client.Wait(ctx, s.api, poller)
	}
	if err != nil && !client.IsNotFound(err) {
		return fail("deleting the Cosmos DB SQL role assignment", "Cosmos DB SQL role assignment", id.String(), err)
	}
	delete(s.roleIDs, dataRoleKey(cosmosDataContribKey, principal, additional))
	return nil
}

func (s *setup) deleteRoles(ctx context.Context, ids []string) error {
	seen := map[string]bool{}
	for _, raw := range ids {
		if seen[strings.ToLower(raw)] {
			continue
		}
		seen[strings.ToLower(raw)] = true
		id, err := client.ParseRoleAssignmentID(raw)
		if err != nil {
			continue
		}
		if err := s.api.DeleteRoleAssignment(ctx, id); err != nil && !client.IsNotFound(err) {
			return fail("deleting a role assignment", "role assignment", raw, err)
		}
	}
	return nil
}

// teardown removes everything in reverse order: the capability host (waiting until it is gone, since it acts as the
// project identity while it cleans up), the data-plane roles, the control-plane roles, the connections.
func (s *setup) teardown(ctx context.Context, additional []string) error {
	if err := projecthost.Delete(ctx, s.api, s.hostID()); err != nil {
		return fail("deleting the project capability host", "project capability host", s.hostID().String(), err)
	}
	for _, p := range additional {
		if err := s.removeDataRoles(ctx, p, true); err != nil {
			return err
		}
	}
	if s.principal != "" {
		if err := s.removeDataRoles(ctx, s.principal, false); err != nil {
			return err
		}
		var ids []string
		for _, r := range controlRoles {
			scope := s.scopeOf(r.on)
			ids = append(ids, client.NewRoleAssignmentID(scope, client.RoleAssignmentName(scope, r.guid, s.principal)).String())
			if v := s.roleIDs[r.key]; v != "" {
				ids = append(ids, v)
			}
		}
		if err := s.deleteRoles(ctx, ids); err != nil {
			return err
		}
	}
	for _, name := range []string{s.names.search, s.names.cosmos, s.names.storage} {
		if name == "" {
			continue
		}
		id := s.connectionID(name)
		if err := s.api.DeleteConnection(ctx, id); err != nil && !client.IsNotFound(err) {
			return fail("deleting a connection", "project connection", id.String(), err)
		}
	}
	return nil
}
