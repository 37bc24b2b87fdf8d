package providerdata

import (
	"context"
	"sort"
	"strings"
	"sync"
)

// Planned records, for the plan this configured provider serves, what the resources planned so far will create.
// Terraform plans a resource after the resources it references, so a child's plan-time checks can see a parent that
// this plan creates (its location, identity, network injection) and run before anything is written, and two resources
// of one configuration that would create the same name, or a second capability host in one scope, are found at plan
// instead of by a 409 halfway through apply. Only creates are recorded; keys are ARM IDs, compared case-insensitively.
type Planned struct {
	mu       sync.Mutex
	accounts map[string]PlannedAccount
	projects map[string]PlannedProject
	claims   map[string][]string // kind|scope -> names, in the order claimed
	claimed  chan struct{}       // closed (and replaced) by every claim
}

// PlannedAccount is what a planned account's children check against.
type PlannedAccount struct {
	Location string
	// Injected: the account has agent network injection; InjectionSubnet is its subnet ("" for a managed network).
	Injected        bool
	InjectionSubnet string
	// AllowProjects: project management is on.
	AllowProjects bool
}

// PlannedProject is what a planned project's children check against.
type PlannedProject struct {
	SystemAssignedIdentity bool
}

// NewPlanned returns an empty record.
func NewPlanned() *Planned {
	return &Planned{accounts: map[string]PlannedAccount{}, projects: map[string]PlannedProject{}, claims: map[string][]string{},
		claimed: make(chan struct{})}
}

// AddAccount records an account this plan creates.
func (p *Planned) AddAccount(id string, a PlannedAccount) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.accounts[strings.ToLower(id)] = a
}

// Account returns the account this plan creates under id, if any.
func (p *Planned) Account(id string) (PlannedAccount, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	a, ok := p.accounts[strings.ToLower(id)]
	return a, ok
}

// AddProject records a project this plan creates.
func (p *Planned) AddProject(id string, pr PlannedProject) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.projects[strings.ToLower(id)] = pr
}

// Project returns the project this plan creates under id, if any.
func (p *Planned) Project(id string) (PlannedProject, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pr, ok := p.projects[strings.ToLower(id)]
	return pr, ok
}

// Claim records that a resource of this plan creates an object of kind ("connection", "capability host",
// "deployment") named name in scope (an account or project ID), and returns the names claimed in that scope before it.
func (p *Planned) Claim(kind, scope, name string) (before []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := kind + "|" + strings.ToLower(scope)
	before = append([]string(nil), p.claims[key]...)
	p.claims[key] = append(p.claims[key], name)
	close(p.claimed) // wakes WaitClaimed
	p.claimed = make(chan struct{})
	return before
}

// WaitClaimed waits until the names of kind claimed in scope satisfy ok, or ctx ends, and reports whether they did.
// Terraform plans resources that do not depend on each other at the same time, so a check against what this plan
// creates may run a moment before the resource that creates it records it; the caller bounds the wait with ctx.
func (p *Planned) WaitClaimed(ctx context.Context, kind, scope string, ok func(names []string) bool) bool {
	key := kind + "|" + strings.ToLower(scope)
	for {
		p.mu.Lock()
		names := append([]string(nil), p.claims[key]...)
		changed := p.claimed // closed by the next claim
		p.mu.Unlock()
		if ok(names) {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-changed:
		}
	}
}

// Claimed returns the names of kind claimed in scope so far, sorted.
func (p *Planned) Claimed(kind, scope string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := append([]string(nil), p.claims[kind+"|"+strings.ToLower(scope)]...)
	sort.Strings(out)
	return out
}
