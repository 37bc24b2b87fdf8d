package emulator

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// neighbourStore holds resources of other providers that the emulator serves read-only over ARM (GET and
// list; subnet DELETE): user-assigned identities, key vaults and managed HSMs with their keys, virtual
// networks with subnets and service association links. They come from the seed or the Go/control API.
type neighbourStore struct {
	tenantID   string
	defaultSub string
	subs       arm.Subscriptions
	identities map[string]*userIdentity   // by lower-case ARM ID
	vaults     map[string]*keyContainer   // vaults and managed HSMs, by lower-case ARM ID
	vnets      map[string]*virtualNetwork // by lower-case ARM ID
	seq        int64
}

func newNeighbourStore(s *Seed, subs arm.Subscriptions) *neighbourStore {
	nb := &neighbourStore{
		tenantID: s.TenantID, subs: subs,
		identities: map[string]*userIdentity{}, vaults: map[string]*keyContainer{}, vnets: map[string]*virtualNetwork{},
	}
	if len(s.Subscriptions) > 0 {
		nb.defaultSub = s.Subscriptions[0].ID
	}
	return nb
}

func (nb *neighbourStore) nextSeq() int64 {
	nb.seq++
	return nb.seq
}

var neighbourNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,79}$`)

// placement resolves the subscription, resource group and location of an item added to the store.
func (nb *neighbourStore) placement(subID, rg, name, location string, namePattern *regexp.Regexp) (sub, group, loc string, err error) {
	if subID == "" {
		subID = nb.defaultSub
	}
	s := nb.subs.Get(subID)
	if s == nil {
		return "", "", "", fmt.Errorf("subscription %q is not seeded", subID)
	}
	g, ok := s.Groups[lower(rg)]
	if !ok {
		return "", "", "", fmt.Errorf("resource group %q is not seeded in subscription %s", rg, s.ID)
	}
	if namePattern == nil {
		namePattern = neighbourNamePattern
	}
	if !namePattern.MatchString(name) {
		return "", "", "", fmt.Errorf("name %q is not valid (%s)", name, namePattern.String())
	}
	loc = arm.NormaliseRegion(location)
	if !arm.KnownRegion(loc) || loc == "global" {
		return "", "", "", fmt.Errorf("location %q is not a known region", location)
	}
	return s.ID, g.Name, loc, nil
}

// neighbourNamespace is a resource provider served for its neighbouring types.
type neighbourNamespace struct {
	name     string   // canonical spelling
	versions []string // accepted api-versions, newest first
	serve    func(c *call, sub *arm.Subscription, g *arm.Group, segs, ls []string) *arm.Error
}

// neighbourProviders are the neighbouring providers with their api-versions: the newest stable ones and those
// the samples and azurerm use (arm-neighbours.md §0).
func neighbourProviders() []*neighbourNamespace {
	return []*neighbourNamespace{
		{name: "Microsoft.ManagedIdentity", versions: []string{"2026-05-31", "2024-11-30", "2023-01-31"}, serve: serveIdentities},
		{name: "Microsoft.KeyVault", versions: []string{"2026-02-01", "2024-11-01", "2023-07-01", "2022-07-01"}, serve: serveKeyVault},
		{name: "Microsoft.Network", versions: []string{"2025-09-01", "2024-05-01"}, serve: serveNetwork},
		{name: storageNamespace, versions: []string{"2026-09-01", "2025-06-01", "2024-01-01", "2023-05-01"}, serve: serveStorage},
		{name: cosmosNamespace, versions: []string{"2026-07-15", "2025-10-15", "2024-12-01-preview", "2024-11-15", "2024-08-15", "2023-04-15", "2022-05-15"}, serve: serveCosmos},
		{name: searchNamespace, versions: []string{"2025-05-01", "2025-02-01-preview", "2024-06-01-preview", "2023-11-01"}, serve: serveSearch},
	}
}

// neighbourNamespaces hands the neighbouring providers to ARM's front door.
func (s *Server) neighbourNamespaces() []arm.Namespace {
	var out []arm.Namespace
	for _, ns := range neighbourProviders() {
		out = append(out, arm.Namespace{
			Name: ns.name,
			ServeSubscription: func(ac *arm.Call, sub *arm.Subscription, segs, ls []string) *arm.Error {
				return s.newCall(ac).serveNeighbour(ns, sub, nil, segs, ls)
			},
			ServeGroup: func(ac *arm.Call, sub *arm.Subscription, g *arm.Group, rg string, segs, ls []string) *arm.Error {
				c := s.newCall(ac)
				if g == nil {
					if e := c.checkNeighbourAPIVersion(ns, ls, ""); e != nil {
						return e
					}
					return arm.ResourceGroupNotFound(rg)
				}
				return c.serveNeighbour(ns, sub, g, segs, ls)
			},
		})
	}
	return out
}

// serveNeighbour routes a path below providers/{ns} of a neighbouring provider; g is nil at subscription scope.
func (c *call) serveNeighbour(ns *neighbourNamespace, sub *arm.Subscription, g *arm.Group, segs, ls []string) *arm.Error {
	loc := ""
	if g != nil {
		loc = g.Location
	}
	if e := c.checkNeighbourAPIVersion(ns, ls, loc); e != nil {
		return e
	}
	if len(segs) == 0 || (g == nil && len(segs) != 1) {
		return c.neighbourUnsupported()
	}
	return ns.serve(c, sub, g, segs, ls)
}

func (c *call) checkNeighbourAPIVersion(ns *neighbourNamespace, typePath []string, location string) *arm.Error {
	v := c.APIVersion()
	if slices.Contains(ns.versions, v) {
		return nil
	}
	parts := []string{}
	for i := 0; i < len(typePath); i += 2 {
		parts = append(parts, typePath[i])
	}
	return arm.NoRegisteredProvider(location, v, strings.Join(parts, "/"), ns.versions)
}

func (c *call) neighbourUnsupported() *arm.Error {
	return arm.Errorf(http.StatusNotFound, arm.CodeInvalidResourceType, "The request '%s %s' is not supported by the emulator.", c.R.Method, c.R.URL.Path)
}

// neighbourReadOnly answers writes to neighbouring resources, which only the seed and the control API create.
func (c *call) neighbourReadOnly() *arm.Error {
	return arm.Errorf(http.StatusMethodNotAllowed, arm.CodeMethodNotAllowed,
		"The HTTP method '%s' is not supported for this resource by the emulator: neighbouring resources come from the seed or the /_emulator/ control API.", c.R.Method)
}

// inScope reports whether a resource of (sub, group) is listed at the scope of a request.
func inScope(sub *arm.Subscription, g *arm.Group, rsub, rgroup string) bool {
	return lower(rsub) == lower(sub.ID) && (g == nil || lower(g.Name) == lower(rgroup))
}

func providerID(sub, group, namespace string) string {
	return "/subscriptions/" + sub + "/resourceGroups/" + group + "/providers/" + namespace
}

// writeItems answers a list of rendered items in seq order.
func (c *call) writeItems(items []seqItem) *arm.Error {
	sort.Slice(items, func(i, j int) bool { return items[i].seq < items[j].seq })
	out := make([]map[string]any, len(items))
	for i, it := range items {
		out[i] = it.body
	}
	return c.WriteList(out)
}

type seqItem struct {
	seq  int64
	body map[string]any
}

// dumpNeighboursLocked is the neighbours part of GET /_emulator/state.
func (s *Server) dumpNeighboursLocked(now time.Time) map[string]any {
	nb := s.st.nb
	var ids, vaults, hsms, vnets []seqItem
	for _, u := range nb.identities {
		ids = append(ids, seqItem{u.seq, renderIdentity(u)})
	}
	for _, v := range nb.vaults {
		body := s.renderContainer(v)
		keys := []map[string]any{}
		for _, k := range v.sortedKeys() {
			keys = append(keys, renderKey(v, k, k.current(), false))
		}
		body["keys"] = keys
		if v.hsm {
			hsms = append(hsms, seqItem{v.seq, body})
		} else {
			vaults = append(vaults, seqItem{v.seq, body})
		}
	}
	for _, vn := range nb.vnets {
		vnets = append(vnets, seqItem{vn.seq, vn.render(now)})
	}
	list := func(items []seqItem) []map[string]any {
		sort.Slice(items, func(i, j int) bool { return items[i].seq < items[j].seq })
		out := []map[string]any{}
		for _, it := range items {
			out = append(out, it.body)
		}
		return out
	}
	return map[string]any{
		"userAssignedIdentities": list(ids), "keyVaults": list(vaults), "managedHsms": list(hsms), "virtualNetworks": list(vnets),
		"linkReleaseMs": s.linkReleaseDelay.Milliseconds(),
	}
}

// serveNeighbourControl serves the /_emulator/ routes of this file's resources; false = not one of them.
func (s *Server) serveNeighbourControl(w http.ResponseWriter, r *http.Request, path string) bool {
	if r.Method != http.MethodPost {
		return false
	}
	created := func(id string, err error) {
		if err != nil {
			arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "%v", err))
			return
		}
		wire.WriteJSON(w, http.StatusCreated, map[string]any{"id": id})
	}
	switch path {
	case "identities":
		var v SeedUserAssignedIdentity
		if decodeControl(w, r, &v) {
			created(s.AddUserAssignedIdentity(v))
		}
	case "keyvaults":
		var v SeedKeyVault
		if decodeControl(w, r, &v) {
			created(s.AddKeyVault(v))
		}
	case "managedhsms":
		var v SeedManagedHSM
		if decodeControl(w, r, &v) {
			created(s.AddManagedHSM(v))
		}
	case "virtualnetworks":
		var v SeedVirtualNetwork
		if decodeControl(w, r, &v) {
			created(s.AddVirtualNetwork(v))
		}
	case "keys/rotate":
		var body struct {
			VaultID string `json:"vaultId"`
			KeyName string `json:"keyName"`
		}
		if !decodeControl(w, r, &body) {
			return true
		}
		version, err := s.RotateKey(body.VaultID, body.KeyName)
		if err != nil {
			arm.WriteError(w, arm.Errorf(http.StatusNotFound, "NotFound", "%v", err))
			return true
		}
		wire.WriteJSON(w, http.StatusOK, map[string]any{"version": version, "keyUriWithVersion": s.keyURIWithVersion(body.VaultID, body.KeyName, version)})
	case "keyvault/access":
		var body struct {
			VaultID     string   `json:"vaultId"`
			ObjectID    string   `json:"objectId"`
			Permissions []string `json:"permissions"`
		}
		if !decodeControl(w, r, &body) {
			return true
		}
		if err := s.GrantKeyAccess(body.VaultID, body.ObjectID, body.Permissions...); err != nil {
			arm.WriteError(w, arm.Errorf(http.StatusBadRequest, arm.CodeBadRequest, "%v", err))
			return true
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		return false
	}
	return true
}
