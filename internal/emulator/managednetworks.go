package emulator

import "time"

// SetManagedNetworkProvisionDelay sets how long the provision action of a managed network takes (emulator clock),
// for operations started from now on; 0 makes it last AsyncDuration like any other operation.
func (s *Server) SetManagedNetworkProvisionDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cs.SetManagedNetworkProvisionDelay(d)
}
