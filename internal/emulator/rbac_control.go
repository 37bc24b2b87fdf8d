package emulator

import (
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// AssignRole creates a role assignment as if made through ARM by the first seeded client, without the
// directory checks of the ARM route (any principal ID is accepted). role is a role definition GUID, a
// role definition ID or a built-in role name. The assignment becomes effective on the data plane after
// the RBAC propagation delay, like any other. It returns the assignment's ARM ID.
func (s *Server) AssignRole(scope, role, principalID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	def := findRole(role)
	if m := roleDefIDPattern.FindStringSubmatch(role); m != nil {
		def = findRole(m[2])
	}
	if def == nil {
		for _, r := range builtInRoles {
			if strings.EqualFold(r.name, role) {
				def = r
			}
		}
	}
	if def == nil {
		return "", fmt.Errorf("unknown role %q", role)
	}
	if principalID == "" {
		return "", fmt.Errorf("principalId is required")
	}
	scope = "/" + strings.Trim(scope, "/")
	segs := strings.Split(strings.Trim(scope, "/"), "/")
	if len(segs) < 2 || lower(segs[0]) != "subscriptions" || s.subs.Get(segs[1]) == nil {
		return "", fmt.Errorf("scope %q is not under a seeded subscription", scope)
	}
	now := s.nowLocked()
	by := ""
	if len(s.seed.Clients) > 0 {
		by = s.seed.Clients[0].ObjectID
	}
	rs := s.rbacLocked()
	for _, ex := range rs.assignments {
		if lower(ex.scope) == lower(scope) && strings.EqualFold(ex.principalID, principalID) && strings.EqualFold(ex.roleID, def.id) {
			return ex.id(), nil
		}
	}
	a := &roleAssignment{
		name: uuid.NewString(), scope: scope, roleID: def.id, principalID: principalID, principalType: "ServicePrincipal",
		createdOn: now, updatedOn: now, createdBy: by, updatedBy: by, seq: s.st.nextSeq(),
	}
	rs.assignments[lower(a.name)] = a
	return a.id(), nil
}

// roleAssignmentsDumpLocked renders every role assignment, oldest first (state dump and control API).
func (s *Server) roleAssignmentsDumpLocked() []map[string]any {
	out := []map[string]any{}
	for _, a := range s.rbacLocked().sorted() {
		out = append(out, s.renderAssignment(a))
	}
	return out
}
