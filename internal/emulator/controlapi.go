package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// The /_emulator/ control API over HTTP: its table is Server.controlRoutes (wiring.go).

// controlRoute is one route of the /_emulator/ control API (path below /_emulator/; "{id}" matches one segment).
type controlRoute struct {
	method, path string
	serve        http.HandlerFunc
}

// serveControl serves the /_emulator/ control API from the server's control table.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	path := controlPath(r)
	for _, rt := range s.control {
		if rt.method != r.Method {
			continue
		}
		if prefix, ok := strings.CutSuffix(rt.path, "{id}"); ok && strings.HasPrefix(path, prefix) || rt.path == path {
			rt.serve(w, r)
			return
		}
	}
	arm.WriteError(w, arm.Errorf(http.StatusNotFound, "NotFound", "Unknown control route %s %s.", r.Method, r.URL.Path))
}

// controlPath is the request path below /_emulator/, without a trailing slash.
func controlPath(r *http.Request) string {
	return strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, controlPrefix), "/")
}

// controlDo answers 204 after do.
func controlDo(do func()) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		do()
		w.WriteHeader(http.StatusNoContent)
	}
}

// controlGet answers 200 with what get returns.
func controlGet(get func() any) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { wire.WriteJSON(w, http.StatusOK, get()) }
}

// controlAdd decodes a seed item, adds it with add and answers 201 with the new ARM ID (400 with the error).
func controlAdd[T any](add func(T) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var v T
		if !decodeControl(w, r, &v) {
			return
		}
		id, err := add(v)
		if err != nil {
			arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "%v", err))
			return
		}
		wire.WriteJSON(w, http.StatusCreated, map[string]any{"id": id})
	}
}

func (s *Server) controlAddFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	if !decodeControl(w, r, &f) {
		return
	}
	id, err := s.addFault(f)
	if err != nil {
		arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "Invalid pathPattern: %v", err))
		return
	}
	wire.WriteJSON(w, http.StatusCreated, map[string]any{"id": id})
}

func (s *Server) controlRemoveFault(w http.ResponseWriter, r *http.Request) {
	if !s.removeFault(strings.TrimPrefix(controlPath(r), "faults/")) {
		arm.WriteError(w, arm.Errorf(http.StatusNotFound, "NotFound", "No fault rule with this id."))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// controlConfig is the body of PUT/PATCH /_emulator/config: every field is optional.
type controlConfig struct {
	AsyncDurationMS        *int           `json:"asyncDurationMs"`
	DurationsMS            map[string]int `json:"durationsMs"`
	RetryAfter             *int           `json:"retryAfter"`
	PageSize               *int           `json:"pageSize"`
	WriteHoldMS            *int           `json:"writeHoldMs"`
	LinkReleaseMS          *int           `json:"linkReleaseMs"`
	RBACPropagationMS      *int           `json:"rbacPropagationMs"`
	PrincipalReplicationMS *int           `json:"principalReplicationMs"`

	EnforceCapHostRBAC *bool `json:"enforceCapabilityHostRbac"`
	// FaultSeed makes the fault rules' draws repeatable from now on (SetFaultSeed).
	FaultSeed *uint64 `json:"faultSeed"`
	// ReadLimit sets ARM's read limit (SetReadLimit); {"capacity":0} turns it off.
	ReadLimit *ReadLimit `json:"readLimit"`
}

func (s *Server) controlSetConfig(w http.ResponseWriter, r *http.Request) {
	var cfg controlConfig
	if !decodeControl(w, r, &cfg) {
		return
	}
	ms := func(v *int, set func(time.Duration)) {
		if v != nil {
			set(time.Duration(*v) * time.Millisecond)
		}
	}
	ms(cfg.AsyncDurationMS, s.SetAsyncDuration)
	if cfg.DurationsMS != nil {
		byName := map[string]time.Duration{}
		for k, v := range cfg.DurationsMS {
			byName[k] = time.Duration(v) * time.Millisecond
		}
		s.SetDurations(byName)
	}
	if cfg.RetryAfter != nil {
		s.SetRetryAfter(*cfg.RetryAfter)
	}
	if cfg.PageSize != nil {
		s.SetPageSize(*cfg.PageSize)
	}
	ms(cfg.WriteHoldMS, s.SetWriteHold)
	ms(cfg.LinkReleaseMS, s.SetLinkReleaseDelay)
	ms(cfg.RBACPropagationMS, s.SetRBACPropagationDelay)
	ms(cfg.PrincipalReplicationMS, s.SetPrincipalReplicationDelay)
	if cfg.EnforceCapHostRBAC != nil {
		s.SetEnforceCapabilityHostRBAC(*cfg.EnforceCapHostRBAC)
	}
	if cfg.FaultSeed != nil {
		s.SetFaultSeed(*cfg.FaultSeed)
	}
	if cfg.ReadLimit != nil {
		s.SetReadLimit(*cfg.ReadLimit)
	}
	wire.WriteJSON(w, http.StatusOK, s.config())
}

func (s *Server) controlSetQuota(w http.ResponseWriter, r *http.Request) {
	var q struct {
		SubscriptionID string   `json:"subscriptionId"`
		Location       string   `json:"location"`
		UsageName      string   `json:"usageName"`
		Limit          *float64 `json:"limit"`
	}
	if !decodeControl(w, r, &q) {
		return
	}
	if q.SubscriptionID == "" || q.Location == "" || q.UsageName == "" || q.Limit == nil || *q.Limit < 0 {
		arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "subscriptionId, location, usageName and a non-negative limit are required."))
		return
	}
	s.SetQuota(q.SubscriptionID, q.Location, q.UsageName, *q.Limit)
	wire.WriteJSON(w, http.StatusOK, map[string]any{"value": s.quotaOverrides()})
}

func (s *Server) controlAdvanceClock(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Seconds float64 `json:"seconds"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	s.AdvanceClock(time.Duration(body.Seconds * float64(time.Second)))
	wire.WriteJSON(w, http.StatusOK, map[string]any{"now": s.now().Format(time.RFC3339Nano)})
}

func (s *Server) controlDeleteOutOfBand(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ID    string `json:"id"`
		Purge bool   `json:"purge"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	if err := s.DeleteOutOfBand(body.ID, body.Purge); err != nil {
		arm.WriteError(w, arm.Errorf(http.StatusNotFound, arm.CodeResourceNotFound, "%v", err))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) controlCA(w http.ResponseWriter, _ *http.Request) {
	if s.ca == nil {
		arm.WriteError(w, arm.Errorf(http.StatusNotFound, "NotFound", "The emulator serves plain HTTP and has no CA."))
		return
	}
	w.Header().Set("Content-Type", "application/x-pem-file")
	_, _ = w.Write(s.ca.CertPEM())
}

func (s *Server) controlRotateKey(w http.ResponseWriter, r *http.Request) {
	var body struct {
		VaultID string `json:"vaultId"`
		KeyName string `json:"keyName"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	version, err := s.RotateKey(body.VaultID, body.KeyName)
	if err != nil {
		arm.WriteError(w, arm.Errorf(http.StatusNotFound, "NotFound", "%v", err))
		return
	}
	wire.WriteJSON(w, http.StatusOK, map[string]any{"version": version, "keyUriWithVersion": s.keyURIWithVersion(body.VaultID, body.KeyName, version)})
}

func (s *Server) controlGrantKeyAccess(w http.ResponseWriter, r *http.Request) {
	var body struct {
		VaultID     string   `json:"vaultId"`
		ObjectID    string   `json:"objectId"`
		Permissions []string `json:"permissions"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	if err := s.GrantKeyAccess(body.VaultID, body.ObjectID, body.Permissions...); err != nil {
		arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "%v", err))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) controlAddPrincipal(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ObjectID string `json:"objectId"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	if body.ObjectID == "" {
		arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "objectId is required."))
		return
	}
	s.AddPrincipal(body.ObjectID)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) controlAssignRole(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Scope            string `json:"scope"`
		RoleDefinitionID string `json:"roleDefinitionId"`
		PrincipalID      string `json:"principalId"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	id, err := s.AssignRole(body.Scope, body.RoleDefinitionID, body.PrincipalID)
	if err != nil {
		arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "%v", err))
		return
	}
	wire.WriteJSON(w, http.StatusCreated, map[string]any{"id": id})
}

func (s *Server) controlConnectionCredentials(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ID string `json:"id"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	creds, err := s.ConnectionCredentials(body.ID)
	if err != nil {
		arm.WriteError(w, arm.Errorf(http.StatusNotFound, "NotFound", "%v", err))
		return
	}
	wire.WriteJSON(w, http.StatusOK, map[string]any{"credentials": creds})
}

func decodeControl(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeInvalidRequestContent, "Invalid control request body: %v", err))
		return false
	}
	return true
}

// controlToken answers a token of any audience for a seeded client, as its token request would.
func (s *Server) controlToken(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ClientID string `json:"clientId"`
		Audience string `json:"audience"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	tok, err := s.TokenFor(body.ClientID, body.Audience)
	if err != nil {
		arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "%v", err))
		return
	}
	wire.WriteJSON(w, http.StatusOK, map[string]any{"accessToken": tok, "tokenType": "Bearer"})
}

// controlRevoke revokes a client's issued tokens, its access to ARM, or both.
func (s *Server) controlRevoke(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ClientID string `json:"clientId"`
		Tokens   bool   `json:"tokens"`
		Access   bool   `json:"access"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	if !body.Tokens && !body.Access {
		arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "Set tokens, access or both to true."))
		return
	}
	do := func(f func(string) error) bool {
		if err := f(body.ClientID); err != nil {
			arm.WriteError(w, arm.Errorf(http.StatusNotFound, "NotFound", "%v", err))
			return false
		}
		return true
	}
	if body.Tokens && !do(s.RevokeTokens) || body.Access && !do(s.DenyAccess) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// controlRestore gives a client its access to ARM back (revoked tokens stay revoked).
func (s *Server) controlRestore(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ClientID string `json:"clientId"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	s.RestoreAccess(body.ClientID)
	w.WriteHeader(http.StatusNoContent)
}
