// Package neighbours holds the resources of other providers that Foundry's rules consult: user-assigned
// identities, key vaults and managed HSMs with their keys, virtual networks with subnets and service association
// links, storage accounts, Cosmos DB accounts (with their SQL role assignments) and search services. They come from
// the seed or the control API and are served over ARM read-only (GET and lists), except subnet DELETE and the Cosmos
// DB SQL role assignments. Other wings query them through Store; the store knows nothing of theirs.
package neighbours

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

// Store holds the neighbouring resources. Its methods run with the emulator's state lock held.
type Store struct {
	cfg Config

	// LinkReleaseDelay is how long (emulator clock) a subnet keeps the service association link of an account after
	// ReleaseLinks; 0 releases at once. It survives Reset.
	LinkReleaseDelay time.Duration

	identities map[string]*userIdentity   // by lower-case ARM ID
	vaults     map[string]*KeyVault       // vaults and managed HSMs, by lower-case ARM ID
	vnets      map[string]*virtualNetwork // by lower-case ARM ID
	storage    map[string]*storageAccount
	cosmos     map[string]*cosmosAccount
	search     map[string]*searchService
	seq        int64
}

// Config is where the neighbours live and what they start from.
type Config struct {
	TenantID            string            // the tenant of vaults and HSMs without their own, and of search identities
	DefaultSubscription string            // where an item without subscriptionId goes
	Subscriptions       arm.Subscriptions // items must be placed in a seeded subscription and resource group
	Seed                Seed
}

// Seed lists the neighbouring resources a store starts from.
type Seed struct {
	UserAssignedIdentities []SeedUserAssignedIdentity
	KeyVaults              []SeedKeyVault
	ManagedHSMs            []SeedManagedHSM
	VirtualNetworks        []SeedVirtualNetwork
	StorageAccounts        []SeedStorageAccount
	CosmosDBAccounts       []SeedCosmosDBAccount
	SearchServices         []SeedSearchService
}

// New creates the store and loads the seed; now dates the seeded key versions.
func New(cfg Config, now time.Time) (*Store, error) {
	nb := &Store{cfg: cfg}
	return nb, nb.Reset(now)
}

// Validate checks a seed by loading it into a scratch store.
func Validate(cfg Config) error {
	_, err := New(cfg, time.Now().UTC())
	return err
}

// Reset drops everything added since and loads the seed again.
func (nb *Store) Reset(now time.Time) error {
	nb.identities, nb.vaults, nb.vnets = map[string]*userIdentity{}, map[string]*KeyVault{}, map[string]*virtualNetwork{}
	nb.storage, nb.cosmos, nb.search = map[string]*storageAccount{}, map[string]*cosmosAccount{}, map[string]*searchService{}
	nb.seq = 0
	s := nb.cfg.Seed
	if err := each("userAssignedIdentities", s.UserAssignedIdentities, nb.AddUserAssignedIdentity); err != nil {
		return err
	}
	if err := each("keyVaults", s.KeyVaults, func(v SeedKeyVault) (string, error) { return nb.AddKeyVault(v, now) }); err != nil {
		return err
	}
	if err := each("managedHsms", s.ManagedHSMs, func(h SeedManagedHSM) (string, error) { return nb.AddManagedHSM(h, now) }); err != nil {
		return err
	}
	if err := each("virtualNetworks", s.VirtualNetworks, nb.AddVirtualNetwork); err != nil {
		return err
	}
	if err := each("storageAccounts", s.StorageAccounts, nb.AddStorageAccount); err != nil {
		return err
	}
	if err := each("cosmosDbAccounts", s.CosmosDBAccounts, nb.AddCosmosDBAccount); err != nil {
		return err
	}
	return each("searchServices", s.SearchServices, nb.AddSearchService)
}

// each adds the items of one seed list, naming the list and the index of the first that fails.
func each[T any](list string, items []T, add func(T) (string, error)) error {
	for i, it := range items {
		if _, err := add(it); err != nil {
			return fmt.Errorf("%s[%d]: %w", list, i, err)
		}
	}
	return nil
}

func (nb *Store) nextSeq() int64 {
	nb.seq++
	return nb.seq
}

var neighbourNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,79}$`)

// placement resolves the subscription, resource group and location of an item added to the store.
func (nb *Store) placement(subID, rg, name, location string, namePattern *regexp.Regexp) (sub, group, loc string, err error) {
	if subID == "" {
		subID = nb.cfg.DefaultSubscription
	}
	s := nb.cfg.Subscriptions.Get(subID)
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
	if !arm.KnownRegion(loc) {
		return "", "", "", fmt.Errorf("location %q is not a known region", location)
	}
	return s.ID, g.Name, loc, nil
}

// provider is a resource provider served for its neighbouring types.
type provider struct {
	name     string   // canonical spelling
	versions []string // accepted api-versions, newest first
	serve    func(c *call, sub *arm.Subscription, g *arm.Group, segs, ls []string) *arm.Error
}

// providers are the neighbouring providers with their api-versions: the newest stable ones and those the samples
// and azurerm use (arm-neighbours.md §0).
func providers() []*provider {
	return []*provider{
		{name: identityNamespace, versions: []string{"2026-05-31", "2024-11-30", "2023-01-31"}, serve: serveIdentities},
		{name: keyVaultNamespace, versions: []string{"2026-02-01", "2024-11-01", "2023-07-01", "2022-07-01"}, serve: serveKeyVault},
		{name: networkNamespace, versions: []string{"2025-09-01", "2024-05-01"}, serve: serveNetwork},
		{name: storageNamespace, versions: []string{"2026-09-01", "2025-06-01", "2024-01-01", "2023-05-01"}, serve: serveStorage},
		{name: cosmosNamespace, versions: []string{"2026-07-15", "2025-10-15", "2024-12-01-preview", "2024-11-15", "2024-08-15", "2023-04-15", "2022-05-15"}, serve: serveCosmos},
		{name: searchNamespace, versions: []string{"2025-05-01", "2025-02-01-preview", "2024-06-01-preview", "2023-11-01"}, serve: serveSearch},
	}
}

// call is one ARM request to a neighbouring provider.
type call struct {
	*arm.Call
	nb *Store
}

// Namespaces are the neighbouring providers, for ARM's front door.
func (nb *Store) Namespaces() []arm.Namespace {
	var out []arm.Namespace
	for _, p := range providers() {
		out = append(out, arm.Namespace{
			Name: p.name,
			ServeSubscription: func(ac *arm.Call, sub *arm.Subscription, segs, ls []string) *arm.Error {
				return (&call{Call: ac, nb: nb}).serve(p, sub, nil, segs, ls)
			},
			ServeGroup: func(ac *arm.Call, sub *arm.Subscription, g *arm.Group, rg string, segs, ls []string) *arm.Error {
				c := &call{Call: ac, nb: nb}
				if g == nil {
					if e := c.checkAPIVersion(p, ls, ""); e != nil {
						return e
					}
					return arm.ResourceGroupNotFound(rg)
				}
				return c.serve(p, sub, g, segs, ls)
			},
		})
	}
	return out
}

// serve routes a path below providers/{ns} of a neighbouring provider; g is nil at subscription scope.
func (c *call) serve(p *provider, sub *arm.Subscription, g *arm.Group, segs, ls []string) *arm.Error {
	loc := ""
	if g != nil {
		loc = g.Location
	}
	if e := c.checkAPIVersion(p, ls, loc); e != nil {
		return e
	}
	if len(segs) == 0 || (g == nil && len(segs) != 1) {
		return c.unsupported()
	}
	return p.serve(c, sub, g, segs, ls)
}

func (c *call) checkAPIVersion(p *provider, typePath []string, location string) *arm.Error {
	v := c.APIVersion()
	if slices.Contains(p.versions, v) {
		return nil
	}
	parts := []string{}
	for i := 0; i < len(typePath); i += 2 {
		parts = append(parts, typePath[i])
	}
	return arm.NoRegisteredProvider(location, v, strings.Join(parts, "/"), p.versions)
}

func (c *call) unsupported() *arm.Error {
	return arm.Errorf(http.StatusNotFound, arm.CodeInvalidResourceType, "The request '%s %s' is not supported by the emulator.", c.R.Method, c.R.URL.Path)
}

// readOnly answers writes to neighbouring resources, which only the seed and the control API create.
func (c *call) readOnly() *arm.Error {
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
	return c.WriteList(sortedItems(items))
}

// placed is a neighbouring resource that sits directly in a resource group.
type placed interface {
	place() (sub, group, name, id string, seq int64)
}

// flat is a collection of placed resources of one provider, e.g. Microsoft.Storage/storageAccounts.
type flat[T placed] struct {
	collection string // URL segment as the provider spells it
	namespace  string
	items      map[string]T // by lower-case ARM ID
	id         func(sub, group, name string) string
	render     func(T) map[string]any
}

// serveFlat serves GET of one resource of a flat collection and of its lists (subscription or resource group);
// everything else is unsupported or read-only.
func serveFlat[T placed](c *call, sub *arm.Subscription, g *arm.Group, segs, ls []string, f flat[T]) *arm.Error {
	if ls[0] != lower(f.collection) || len(segs) > 2 {
		return c.unsupported()
	}
	if c.R.Method != http.MethodGet {
		return c.readOnly()
	}
	if len(segs) == 1 {
		var items []seqItem
		for _, it := range f.items {
			if s, grp, _, _, seq := it.place(); inScope(sub, g, s, grp) {
				items = append(items, seqItem{seq, f.render(it)})
			}
		}
		return c.writeItems(items)
	}
	it, ok := f.items[lower(f.id(sub.ID, g.Name, segs[1]))]
	if !ok {
		return arm.NotFound(f.namespace+"/"+f.collection, segs[1], g.Name)
	}
	wire.WriteJSON(c.W, http.StatusOK, f.render(it))
	return nil
}

// nameFree refuses a name already taken in a collection whose names are globally unique.
func nameFree[T placed](what, name string, items map[string]T) error {
	for _, o := range items {
		if _, _, n, id, _ := o.place(); lower(n) == lower(name) {
			return fmt.Errorf("%s name %q is taken (%s)", what, name, id)
		}
	}
	return nil
}

type seqItem struct {
	seq  int64
	body map[string]any
}

// sortedItems are the bodies of items in seq order.
func sortedItems(items []seqItem) []map[string]any {
	sort.Slice(items, func(i, j int) bool { return items[i].seq < items[j].seq })
	out := make([]map[string]any, 0, len(items))
	for _, it := range items {
		out = append(out, it.body)
	}
	return out
}

// Dump is the neighbours part of GET /_emulator/state.
func (nb *Store) Dump(now time.Time) map[string]any {
	var ids, vaults, hsms, vnets []seqItem
	for _, u := range nb.identities {
		ids = append(ids, seqItem{u.seq, renderIdentity(u)})
	}
	for _, v := range nb.vaults {
		body := renderContainer(v)
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
	return map[string]any{
		"userAssignedIdentities": sortedItems(ids), "keyVaults": sortedItems(vaults), "managedHsms": sortedItems(hsms),
		"virtualNetworks": sortedItems(vnets), "linkReleaseMs": nb.LinkReleaseDelay.Milliseconds(),
	}
}

func lower(s string) string { return strings.ToLower(s) }
