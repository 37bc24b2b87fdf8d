package neighbours

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/wire"
)

// Storage accounts, Cosmos DB accounts and search services: the dependencies of the standard agent setup
// (arm-neighbours.md §3, §6). Served read-only over ARM (GET and lists) like the other neighbours; the Cosmos DB
// SQL role assignments below an account are writable (cosmos_rbac.go).

const (
	storageNamespace = "Microsoft.Storage"
	cosmosNamespace  = "Microsoft.DocumentDB"
	searchNamespace  = "Microsoft.Search"
)

// SeedStorageAccount is a Microsoft.Storage/storageAccounts resource (kind StorageV2).
type SeedStorageAccount struct {
	SubscriptionID       string `json:"subscriptionId,omitempty"` // default: the first subscription
	ResourceGroup        string `json:"resourceGroup"`
	Name                 string `json:"name"` // globally unique, ^[a-z0-9]{3,24}$
	Location             string `json:"location"`
	Sku                  string `json:"sku,omitempty"`                 // default Standard_LRS
	AllowSharedKeyAccess bool   `json:"allowSharedKeyAccess"`          // default false (Entra only, as in the samples)
	PublicNetworkAccess  string `json:"publicNetworkAccess,omitempty"` // Enabled (default) or Disabled
}

// SeedCosmosDBAccount is a Microsoft.DocumentDB/databaseAccounts resource (kind GlobalDocumentDB, NoSQL API).
type SeedCosmosDBAccount struct {
	SubscriptionID      string `json:"subscriptionId,omitempty"`
	ResourceGroup       string `json:"resourceGroup"`
	Name                string `json:"name"` // globally unique, ^[a-z0-9][a-z0-9-]{1,42}[a-z0-9]$
	Location            string `json:"location"`
	DisableLocalAuth    *bool  `json:"disableLocalAuth,omitempty"` // default true
	Serverless          bool   `json:"serverless,omitempty"`       // capability EnableServerless
	PublicNetworkAccess string `json:"publicNetworkAccess,omitempty"`
}

// SeedSearchService is a Microsoft.Search/searchServices resource with a system-assigned identity.
type SeedSearchService struct {
	SubscriptionID      string `json:"subscriptionId,omitempty"`
	ResourceGroup       string `json:"resourceGroup"`
	Name                string `json:"name"` // globally unique, ^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$
	Location            string `json:"location"`
	Sku                 string `json:"sku,omitempty"`                 // default standard
	DisableLocalAuth    bool   `json:"disableLocalAuth,omitempty"`    // true: no authOptions (API keys off)
	PublicNetworkAccess string `json:"publicNetworkAccess,omitempty"` // enabled (default) or disabled
}

type storageAccount struct {
	SeedStorageAccount
	id  string
	seq int64
}

func (a *storageAccount) place() (sub, group, name, id string, seq int64) {
	return a.SubscriptionID, a.ResourceGroup, a.Name, a.id, a.seq
}

type cosmosAccount struct {
	SeedCosmosDBAccount
	id          string
	seq         int64
	assignments map[string]*sqlRoleAssignment // by lower-case name
	ops         map[string]*cosmosOp          // by ID
}

func (a *cosmosAccount) place() (sub, group, name, id string, seq int64) {
	return a.SubscriptionID, a.ResourceGroup, a.Name, a.id, a.seq
}

type searchService struct {
	SeedSearchService
	id  string
	seq int64
}

func (a *searchService) place() (sub, group, name, id string, seq int64) {
	return a.SubscriptionID, a.ResourceGroup, a.Name, a.id, a.seq
}

var (
	storageNamePattern = regexp.MustCompile(`^[a-z0-9]{3,24}$`)
	cosmosNamePattern  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,42}[a-z0-9]$`)
	searchNamePattern  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$`)
)

// StorageAccountID is the ARM ID of a storage account.
func StorageAccountID(sub, group, name string) string {
	return providerID(sub, group, storageNamespace) + "/storageAccounts/" + name
}

// CosmosDBAccountID is the ARM ID of a Cosmos DB account.
func CosmosDBAccountID(sub, group, name string) string {
	return providerID(sub, group, cosmosNamespace) + "/databaseAccounts/" + name
}

// SearchServiceID is the ARM ID of a search service.
func SearchServiceID(sub, group, name string) string {
	return providerID(sub, group, searchNamespace) + "/searchServices/" + name
}

// AddStorageAccount adds a storage account and returns its ARM ID.
func (nb *Store) AddStorageAccount(v SeedStorageAccount) (string, error) {
	sub, group, loc, err := nb.placement(v.SubscriptionID, v.ResourceGroup, v.Name, v.Location, storageNamePattern)
	if err != nil {
		return "", err
	}
	if err := nameFree("storage account", v.Name, nb.storage); err != nil {
		return "", err
	}
	if v.Sku == "" {
		v.Sku = "Standard_LRS"
	}
	pna, err := oneOf("publicNetworkAccess", v.PublicNetworkAccess, "Enabled", "Enabled", "Disabled")
	if err != nil {
		return "", err
	}
	v.SubscriptionID, v.ResourceGroup, v.Location, v.PublicNetworkAccess = sub, group, loc, pna
	a := &storageAccount{SeedStorageAccount: v, id: StorageAccountID(sub, group, v.Name), seq: nb.nextSeq()}
	nb.storage[lower(a.id)] = a
	return a.id, nil
}

// AddCosmosDBAccount adds a Cosmos DB account and returns its ARM ID.
func (nb *Store) AddCosmosDBAccount(v SeedCosmosDBAccount) (string, error) {
	sub, group, loc, err := nb.placement(v.SubscriptionID, v.ResourceGroup, v.Name, v.Location, cosmosNamePattern)
	if err != nil {
		return "", err
	}
	if err := nameFree("cosmos DB account", v.Name, nb.cosmos); err != nil {
		return "", err
	}
	if v.DisableLocalAuth == nil {
		t := true
		v.DisableLocalAuth = &t
	}
	pna, err := oneOf("publicNetworkAccess", v.PublicNetworkAccess, "Enabled", "Enabled", "Disabled", "SecuredByPerimeter")
	if err != nil {
		return "", err
	}
	v.SubscriptionID, v.ResourceGroup, v.Location, v.PublicNetworkAccess = sub, group, loc, pna
	a := &cosmosAccount{SeedCosmosDBAccount: v, id: CosmosDBAccountID(sub, group, v.Name), seq: nb.nextSeq(),
		assignments: map[string]*sqlRoleAssignment{}, ops: map[string]*cosmosOp{}}
	nb.cosmos[lower(a.id)] = a
	return a.id, nil
}

// AddSearchService adds a search service and returns its ARM ID.
func (nb *Store) AddSearchService(v SeedSearchService) (string, error) {
	sub, group, loc, err := nb.placement(v.SubscriptionID, v.ResourceGroup, v.Name, v.Location, searchNamePattern)
	if err != nil {
		return "", err
	}
	if err := nameFree("search service", v.Name, nb.search); err != nil {
		return "", err
	}
	sku, err := oneOf("sku", v.Sku, "standard", "free", "basic", "standard", "standard2", "standard3", "storage_optimized_l1", "storage_optimized_l2")
	if err != nil {
		return "", err
	}
	pna, err := oneOf("publicNetworkAccess", v.PublicNetworkAccess, "enabled", "enabled", "disabled")
	if err != nil {
		return "", err
	}
	v.SubscriptionID, v.ResourceGroup, v.Location, v.Sku, v.PublicNetworkAccess = sub, group, loc, sku, pna
	a := &searchService{SeedSearchService: v, id: SearchServiceID(sub, group, v.Name), seq: nb.nextSeq()}
	nb.search[lower(a.id)] = a
	return a.id, nil
}

// oneOf returns the canonical spelling of v among allowed (case-insensitive), def when v is empty.
func oneOf(field, v, def string, allowed ...string) (string, error) {
	if v == "" {
		return def, nil
	}
	for _, a := range allowed {
		if strings.EqualFold(a, v) {
			return a, nil
		}
	}
	return "", fmt.Errorf("%s %q is not one of %s", field, v, strings.Join(allowed, ", "))
}

// regionDisplayNames are the display names Cosmos DB reports in locations[].locationName.
var regionDisplayNames = map[string]string{
	"eastus": "East US", "eastus2": "East US 2", "westus": "West US", "westus2": "West US 2", "westus3": "West US 3",
	"centralus": "Central US", "northcentralus": "North Central US", "southcentralus": "South Central US",
	"westeurope": "West Europe", "northeurope": "North Europe", "swedencentral": "Sweden Central", "uksouth": "UK South",
	"francecentral": "France Central", "germanywestcentral": "Germany West Central", "japaneast": "Japan East",
	"australiaeast": "Australia East", "canadacentral": "Canada Central", "southeastasia": "Southeast Asia",
}

func regionDisplayName(loc string) string {
	if n, ok := regionDisplayNames[loc]; ok {
		return n
	}
	return loc
}

func renderStorage(a *storageAccount) map[string]any {
	ep := func(svc string) string { return "https://" + a.Name + "." + svc + ".core.windows.net/" }
	return map[string]any{
		"id": a.id, "name": a.Name, "type": storageNamespace + "/storageAccounts", "location": a.Location, "tags": map[string]any{},
		"kind": "StorageV2", "sku": map[string]any{"name": a.Sku, "tier": "Standard"},
		"properties": map[string]any{
			"provisioningState": "Succeeded", "primaryLocation": a.Location, "statusOfPrimary": "available",
			"primaryEndpoints": map[string]any{
				"blob": ep("blob"), "dfs": ep("dfs"), "file": ep("file"), "queue": ep("queue"), "table": ep("table"),
				"web": "https://" + a.Name + ".z13.web.core.windows.net/",
			},
			"allowSharedKeyAccess": a.AllowSharedKeyAccess, "allowBlobPublicAccess": false, "publicNetworkAccess": a.PublicNetworkAccess,
			"minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": true, "accessTier": "Hot",
			"networkAcls": map[string]any{"bypass": "AzureServices", "defaultAction": "Allow", "ipRules": []any{}, "virtualNetworkRules": []any{}},
			"encryption": map[string]any{"keySource": "Microsoft.Storage", "services": map[string]any{
				"blob": map[string]any{"enabled": true, "keyType": "Account"}, "file": map[string]any{"enabled": true, "keyType": "Account"}}},
		},
	}
}

func renderCosmos(a *cosmosAccount) map[string]any {
	regional := "https://" + a.Name + "-" + a.Location + ".documents.azure.com:443/"
	loc := map[string]any{
		"id": a.Name + "-" + a.Location, "locationName": regionDisplayName(a.Location), "documentEndpoint": regional,
		"provisioningState": "Succeeded", "failoverPriority": 0, "isZoneRedundant": false,
	}
	caps := []any{}
	if a.Serverless {
		caps = append(caps, map[string]any{"name": "EnableServerless"})
	}
	return map[string]any{
		"id": a.id, "name": a.Name, "type": cosmosNamespace + "/databaseAccounts", "location": a.Location, "tags": map[string]any{},
		"kind": "GlobalDocumentDB", "identity": map[string]any{"type": "None"},
		"properties": map[string]any{
			"provisioningState": "Succeeded", "documentEndpoint": "https://" + a.Name + ".documents.azure.com:443/",
			"databaseAccountOfferType": "Standard", "disableLocalAuth": *a.DisableLocalAuth, "publicNetworkAccess": a.PublicNetworkAccess,
			"consistencyPolicy": map[string]any{"defaultConsistencyLevel": "Session", "maxIntervalInSeconds": 5, "maxStalenessPrefix": 100},
			"locations":         []any{loc}, "readLocations": []any{loc}, "writeLocations": []any{loc},
			"failoverPolicies": []any{map[string]any{"id": loc["id"], "locationName": loc["locationName"], "failoverPriority": 0}},
			"capabilities":     caps, "enableAutomaticFailover": false, "enableMultipleWriteLocations": false,
			"isVirtualNetworkFilterEnabled": false, "virtualNetworkRules": []any{}, "ipRules": []any{},
			"instanceId": wire.DerivedUUID("cosmos-instance:" + lower(a.id)),
		},
	}
}

func (nb *Store) renderSearch(a *searchService) map[string]any {
	props := map[string]any{
		"provisioningState": "succeeded", "status": "running", "statusDetails": "",
		"endpoint": "https://" + a.Name + ".search.windows.net", "replicaCount": 1, "partitionCount": 1, "hostingMode": "default",
		"publicNetworkAccess": a.PublicNetworkAccess, "disableLocalAuth": a.DisableLocalAuth,
		"networkRuleSet":    map[string]any{"ipRules": []any{}, "bypass": "None"},
		"encryptionWithCmk": map[string]any{"enforcement": "Unspecified", "encryptionComplianceStatus": "Compliant"},
		"semanticSearch":    "disabled", "privateEndpointConnections": []any{}, "sharedPrivateLinkResources": []any{},
	}
	if !a.DisableLocalAuth {
		props["authOptions"] = map[string]any{"aadOrApiKey": map[string]any{"aadAuthFailureMode": "http401WithBearerChallenge"}}
	}
	return map[string]any{
		"id": a.id, "name": a.Name, "type": searchNamespace + "/searchServices", "location": a.Location, "tags": map[string]any{},
		"sku":        map[string]any{"name": a.Sku},
		"identity":   map[string]any{"type": "SystemAssigned", "principalId": SearchServicePrincipalID(a.id), "tenantId": nb.cfg.TenantID},
		"properties": props,
	}
}

// SearchServicePrincipalID is the principalId of a search service's system-assigned identity (derived from its ARM ID).
func SearchServicePrincipalID(armID string) string {
	return wire.DerivedUUID("search-principal:" + lower(armID))
}

// serveStorage serves GET of storageAccounts and their lists.
func serveStorage(c *call, sub *arm.Subscription, g *arm.Group, segs, ls []string) *arm.Error {
	return serveFlat(c, sub, g, segs, ls, flat[*storageAccount]{collection: "storageAccounts", namespace: storageNamespace,
		items: c.nb.storage, id: StorageAccountID, render: renderStorage})
}

// serveSearch serves GET of searchServices and their lists.
func serveSearch(c *call, sub *arm.Subscription, g *arm.Group, segs, ls []string) *arm.Error {
	return serveFlat(c, sub, g, segs, ls, flat[*searchService]{collection: "searchServices", namespace: searchNamespace,
		items: c.nb.search, id: SearchServiceID, render: c.nb.renderSearch})
}

// serveCosmos serves GET of databaseAccounts and their lists, and the SQL role definitions and assignments below one.
func serveCosmos(c *call, sub *arm.Subscription, g *arm.Group, segs, ls []string) *arm.Error {
	if ls[0] != "databaseaccounts" {
		return c.unsupported()
	}
	nb := c.nb
	if len(segs) == 1 {
		if c.R.Method != http.MethodGet {
			return c.readOnly()
		}
		var items []seqItem
		for _, a := range nb.cosmos {
			if inScope(sub, g, a.SubscriptionID, a.ResourceGroup) {
				items = append(items, seqItem{a.seq, renderCosmos(a)})
			}
		}
		return c.writeItems(items)
	}
	a := nb.cosmos[lower(CosmosDBAccountID(sub.ID, g.Name, segs[1]))]
	if len(segs) == 2 {
		if c.R.Method != http.MethodGet {
			return c.readOnly()
		}
		if a == nil {
			return arm.NotFound(cosmosNamespace+"/databaseAccounts", segs[1], g.Name)
		}
		wire.WriteJSON(c.W, http.StatusOK, renderCosmos(a))
		return nil
	}
	switch ls[2] {
	case "sqlroledefinitions", "sqlroleassignments":
	default:
		return c.unsupported()
	}
	if a == nil {
		if c.R.Method == http.MethodDelete && len(segs) == 4 {
			c.W.WriteHeader(http.StatusNoContent)
			return nil
		}
		return arm.ParentNotFound(segs[1])
	}
	return c.serveCosmosRBAC(a, segs[2:], ls[2:])
}

// DumpDataServices is the dataServices part of GET /_emulator/state.
func (nb *Store) DumpDataServices() map[string]any {
	var st, cs, ss []seqItem
	for _, a := range nb.storage {
		st = append(st, seqItem{a.seq, renderStorage(a)})
	}
	for _, a := range nb.cosmos {
		body := renderCosmos(a)
		body["sqlRoleAssignments"] = renderAssignments(a)
		cs = append(cs, seqItem{a.seq, body})
	}
	for _, a := range nb.search {
		ss = append(ss, seqItem{a.seq, nb.renderSearch(a)})
	}
	return map[string]any{"storageAccounts": sortedItems(st), "cosmosDbAccounts": sortedItems(cs), "searchServices": sortedItems(ss)}
}

// Service is a kind of data service a connection may point to.
type Service int

// The data services of the standard agent setup.
const (
	CosmosDB Service = iota
	Storage
	Search
)

// Lookup finds a data service of a kind by ARM ID or, when id is "", by name (names are globally unique); it
// returns its ARM ID, "" when unknown.
func (nb *Store) Lookup(kind Service, id, name string) string {
	match := func(aid, aname string) bool {
		return (id != "" && lower(aid) == lower(id)) || (name != "" && strings.EqualFold(aname, name))
	}
	switch kind {
	case CosmosDB:
		for _, a := range nb.cosmos {
			if match(a.id, a.Name) {
				return a.id
			}
		}
	case Storage:
		for _, a := range nb.storage {
			if match(a.id, a.Name) {
				return a.id
			}
		}
	case Search:
		for _, a := range nb.search {
			if match(a.id, a.Name) {
				return a.id
			}
		}
	}
	return ""
}
