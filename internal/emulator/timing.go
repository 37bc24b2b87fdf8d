package emulator

import (
	"maps"
	"sort"
	"time"
)

// Names of the long-running operations, for Options.Durations and SetDurations. A PUT that creates is ".../create";
// a PUT that replaces and a PATCH are ".../update". Capability hosts of accounts and projects share their names.
const (
	OpAccountCreate          = "accounts/create"
	OpAccountUpdate          = "accounts/update"
	OpAccountDelete          = "accounts/delete"
	OpAccountPurge           = "accounts/purge"
	OpProjectCreate          = "projects/create"
	OpProjectUpdate          = "projects/update"
	OpProjectDelete          = "projects/delete"
	OpDeploymentCreate       = "deployments/create"
	OpDeploymentUpdate       = "deployments/update"
	OpDeploymentDelete       = "deployments/delete"
	OpCapabilityHostCreate   = "capabilityHosts/create"
	OpCapabilityHostDelete   = "capabilityHosts/delete"
	OpSQLRoleAssignmentWrite = "sqlRoleAssignments/write"
	OpSQLRoleAssignmentDel   = "sqlRoleAssignments/delete"
	// A managed network's PUT, PATCH and batchOutboundRules are its updates; provision is the action.
	OpManagedNetworkCreate    = "managedNetworks/create"
	OpManagedNetworkUpdate    = "managedNetworks/update"
	OpManagedNetworkDelete    = "managedNetworks/delete"
	OpManagedNetworkProvision = "managedNetworks/provision"
	OpOutboundRuleCreate      = "outboundRules/create"
	OpOutboundRuleUpdate      = "outboundRules/update"
	OpOutboundRuleDelete      = "outboundRules/delete"
)

// AzureLikeRetryAfter is the Retry-After (seconds) the foundry-emulator program sends by default: the lower bound
// of ARM's documented range (10 s to 10 min, arm-contract §3); the values Microsoft.CognitiveServices sends are not
// established.
const AzureLikeRetryAfter = 10

// AzureLikeDurations are the durations the foundry-emulator program gives each long-running operation by default:
// long enough that a second write under the same account meets the first (409 RequestConflict) as on Azure, short
// enough for a module's test run. Azure takes longer for most of them; the README's table gives the sources.
func AzureLikeDurations() map[string]time.Duration {
	return map[string]time.Duration{
		OpAccountCreate:           15 * time.Second,
		OpAccountUpdate:           5 * time.Second,
		OpAccountDelete:           5 * time.Second,
		OpAccountPurge:            5 * time.Second,
		OpProjectCreate:           5 * time.Second,
		OpProjectUpdate:           3 * time.Second,
		OpProjectDelete:           5 * time.Second,
		OpDeploymentCreate:        10 * time.Second,
		OpDeploymentUpdate:        5 * time.Second,
		OpDeploymentDelete:        5 * time.Second,
		OpCapabilityHostCreate:    20 * time.Second,
		OpCapabilityHostDelete:    20 * time.Second,
		OpSQLRoleAssignmentWrite:  3 * time.Second,
		OpSQLRoleAssignmentDel:    3 * time.Second,
		OpManagedNetworkCreate:    5 * time.Second,
		OpManagedNetworkUpdate:    5 * time.Second,
		OpManagedNetworkDelete:    10 * time.Second,
		OpManagedNetworkProvision: 30 * time.Second,
		OpOutboundRuleCreate:      5 * time.Second,
		OpOutboundRuleUpdate:      5 * time.Second,
		OpOutboundRuleDelete:      5 * time.Second,
	}
}

// OperationNames lists the operation names, sorted.
func OperationNames() []string {
	names := make([]string, 0)
	for k := range AzureLikeDurations() {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// SetAsyncDuration makes every new async operation stay InProgress for d (it replaces the per-operation durations
// of Options.Durations and SetDurations).
func (s *Server) SetAsyncDuration(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.durations.Default = max(d, 0)
	s.durations.ByName = nil
}

// SetDurations sets the duration of the named operations (see the Op… names); the others keep theirs.
func (s *Server) SetDurations(byName map[string]time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.durations.ByName == nil {
		s.durations.ByName = map[string]time.Duration{}
	}
	for k, v := range byName {
		s.durations.ByName[k] = max(v, 0)
	}
}

// Durations are the current duration of every named operation.
func (s *Server) Durations() map[string]time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.durationsLocked()
}

func (s *Server) durationsLocked() map[string]time.Duration {
	out := map[string]time.Duration{}
	for _, k := range OperationNames() {
		out[k] = s.durations.For(k)
	}
	maps.Copy(out, s.durations.ByName)
	return out
}

func durationsMS(d map[string]time.Duration) map[string]int64 {
	out := map[string]int64{}
	for k, v := range d {
		out[k] = v.Milliseconds()
	}
	return out
}
