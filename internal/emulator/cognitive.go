package emulator

// The Go side of Microsoft.CognitiveServices (package cognitive) beyond ARM.

// SetQuota sets the quota limit of a usage name (e.g. "OpenAI.GlobalStandard.gpt-4o") for a
// subscription and location; it lasts until Reset.
func (s *Server) SetQuota(subscriptionID, location, usageName string, limit float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cs.SetQuota(subscriptionID, location, usageName, limit)
}

// quotaOverrides lists the limits set with SetQuota.
func (s *Server) quotaOverrides() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cs.QuotaOverrides()
}

// ConnectionCredentials returns the stored credentials of a connection (secrets included), which ARM never
// returns; nil when the connection has none. The ID is an account or project connection ARM ID.
func (s *Server) ConnectionCredentials(connectionID string) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cs.ConnectionCredentials(connectionID)
}

// SetEnforceCapabilityHostRBAC turns the project capability host's RBAC requirement on or off (default on).
func (s *Server) SetEnforceCapabilityHostRBAC(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cs.SetEnforceCapabilityHostRBAC(on)
}
