package emulator

// The Go side of RAI policies (package cognitive, rai.go).

// HasRAIPolicy tells whether an account (its ARM ID) has the RAI policy name: a built-in one
// (Microsoft.Default, Microsoft.DefaultV2) or one created in it.
func (s *Server) HasRAIPolicy(accountID, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cs.HasRAIPolicy(accountID, name)
}

// RAIPolicyDocument returns the stored document of a RAI policy, with the egress policy's secrets that ARM never
// returns; ok is false when there is no such policy.
func (s *Server) RAIPolicyDocument(policyID string) (doc map[string]any, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cs.RAIPolicyDocument(policyID)
}

// CountRAIBlocklistItems is how many items a blocklist (its ARM ID) has; ok is false when there is no such blocklist.
func (s *Server) CountRAIBlocklistItems(blocklistID string) (n int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cs.CountRAIBlocklistItems(blocklistID)
}
