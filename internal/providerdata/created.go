package providerdata

import (
	"strings"
	"sync"
)

// Created records the objects this configured provider created itself in this run: their create read them first and
// found nothing, then wrote them. It is not told about objects it adopted (an interrupted create of its own) or
// recovered (a soft-deleted account brought back with what it held).
//
// A child's create reads the child first, to refuse taking over an object somebody else made; under a parent recorded
// here that read is skipped: the parent did not exist when this run read it, nobody else can have been told it exists
// (its create has only just returned), and another configuration that names the same parent had its own create
// refused, so every child the parent has was made by this run.
type Created struct {
	mu  sync.Mutex
	ids map[string]bool
}

// NewCreated returns an empty record.
func NewCreated() *Created { return &Created{ids: map[string]bool{}} }

// Add records that id was created by this provider.
func (c *Created) Add(id string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ids[strings.ToLower(id)] = true
}

// Has reports whether id was created by this provider (IDs compare case-insensitively, like ARM's).
func (c *Created) Has(id string) bool {
	if c == nil || id == "" {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ids[strings.ToLower(id)]
}
