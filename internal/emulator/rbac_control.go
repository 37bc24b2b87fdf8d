package emulator

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
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

// serveRBACControl serves the control routes of rbac.go; it reports whether path was one of them.
func (s *Server) serveRBACControl(w http.ResponseWriter, r *http.Request, path string) bool {
	switch {
	case path == "principals" && r.Method == http.MethodPost:
		var body struct {
			ObjectID string `json:"objectId"`
		}
		if !decodeControl(w, r, &body) {
			return true
		}
		if body.ObjectID == "" {
			arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "objectId is required."))
			return true
		}
		s.AddPrincipal(body.ObjectID)
		w.WriteHeader(http.StatusNoContent)
	case path == "role-assignments" && r.Method == http.MethodPost:
		var body struct {
			Scope            string `json:"scope"`
			RoleDefinitionID string `json:"roleDefinitionId"`
			PrincipalID      string `json:"principalId"`
		}
		if !decodeControl(w, r, &body) {
			return true
		}
		id, err := s.AssignRole(body.Scope, body.RoleDefinitionID, body.PrincipalID)
		if err != nil {
			arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "%v", err))
			return true
		}
		wire.WriteJSON(w, http.StatusCreated, map[string]any{"id": id})
	case path == "role-assignments" && r.Method == http.MethodGet:
		s.mu.Lock()
		list := s.roleAssignmentsDumpLocked()
		s.mu.Unlock()
		wire.WriteJSON(w, http.StatusOK, map[string]any{"value": list})
	default:
		return false
	}
	return true
}
