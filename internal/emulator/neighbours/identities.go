package neighbours

import (
	"fmt"
	"regexp"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

const identityNamespace = "Microsoft.ManagedIdentity"

// userIdentity is a Microsoft.ManagedIdentity/userAssignedIdentities resource.
type userIdentity struct {
	id, sub, group, name, location, tenantID string
	seq                                      int64
}

var identityNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$`)

// UserAssignedIdentityID is the ARM ID of a user-assigned identity.
func UserAssignedIdentityID(sub, group, name string) string {
	return providerID(sub, group, identityNamespace) + "/userAssignedIdentities/" + name
}

// UserAssignedPrincipalID is the principalId the emulator reports for a user-assigned identity (on the identity
// and on every account or project it is attached to); UserAssignedClientID likewise for its clientId.
func UserAssignedPrincipalID(armID string) string {
	return wire.DerivedUUID("principal:" + lower(armID))
}

// UserAssignedClientID is the clientId the emulator reports for a user-assigned identity.
func UserAssignedClientID(armID string) string { return wire.DerivedUUID("client:" + lower(armID)) }

// AddUserAssignedIdentity adds a user-assigned identity and returns its ARM ID.
func (nb *Store) AddUserAssignedIdentity(u SeedUserAssignedIdentity) (string, error) {
	sub, group, loc, err := nb.placement(u.SubscriptionID, u.ResourceGroup, u.Name, u.Location, identityNamePattern)
	if err != nil {
		return "", err
	}
	id := UserAssignedIdentityID(sub, group, u.Name)
	if nb.identities[lower(id)] != nil {
		return "", fmt.Errorf("user-assigned identity %s already exists", id)
	}
	nb.identities[lower(id)] = &userIdentity{id: id, sub: sub, group: group, name: u.Name, location: loc, tenantID: nb.cfg.TenantID, seq: nb.nextSeq()}
	return id, nil
}

func (u *userIdentity) place() (sub, group, name, id string, seq int64) {
	return u.sub, u.group, u.name, u.id, u.seq
}

// serveIdentities serves GET of userAssignedIdentities and their lists.
func serveIdentities(c *call, sub *arm.Subscription, g *arm.Group, segs, ls []string) *arm.Error {
	return serveFlat(c, sub, g, segs, ls, flat[*userIdentity]{collection: "userAssignedIdentities", namespace: identityNamespace,
		items: c.nb.identities, id: UserAssignedIdentityID, render: renderIdentity})
}

func renderIdentity(u *userIdentity) map[string]any {
	return map[string]any{
		"id": u.id, "name": u.name, "type": identityNamespace + "/userAssignedIdentities", "location": u.location, "tags": map[string]any{},
		"properties": map[string]any{"tenantId": u.tenantID, "principalId": UserAssignedPrincipalID(u.id), "clientId": UserAssignedClientID(u.id)},
	}
}

// HasIdentityPrincipal reports whether a user-assigned identity has the principal ID (the directory knows them
// from the start).
func (nb *Store) HasIdentityPrincipal(objectID string) bool {
	for _, u := range nb.identities {
		if lower(UserAssignedPrincipalID(u.id)) == lower(objectID) {
			return true
		}
	}
	return false
}
