package emulator_test

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// example is one x-ms-examples file.
type example struct {
	OperationID string                     `json:"operationId"`
	Parameters  map[string]json.RawMessage `json:"parameters"`
	Responses   map[string]struct {
		Body json.RawMessage `json:"body"`
	} `json:"responses"`
}

func (e *example) param(name string) string {
	var s string
	_ = json.Unmarshal(e.Parameters[name], &s)
	return s
}

func (e *example) bodyParam(name string) map[string]any {
	var m map[string]any
	_ = json.Unmarshal(e.Parameters[name], &m)
	return m
}

func (e *example) responseBody(status int) map[string]any {
	var m map[string]any
	_ = json.Unmarshal(e.Responses[strconv.Itoa(status)].Body, &m)
	return m
}

// readExampleFile reads one x-ms-examples file of the specification carried in the repository (internal/armspec).
func readExampleFile(file string) ([]byte, error) {
	return fs.ReadFile(armspec.Examples(), file)
}

var scopeRE = regexp.MustCompile(`/subscriptions/([^/"]+)/resourceGroups/([^/"]+)`)

// conformanceSeed holds every subscription and resource group the example mentions.
func conformanceSeed(raw []byte, ex *example) *emulator.Seed {
	seed := emulator.DefaultSeed()
	seed.Subscriptions = nil
	seed.UserAssignedIdentities, seed.KeyVaults, seed.ManagedHSMs, seed.VirtualNetworks = nil, nil, nil, nil
	seed.StorageAccounts, seed.CosmosDBAccounts, seed.SearchServices = nil, nil, nil
	add := func(sub, rg string) {
		for i := range seed.Subscriptions {
			if strings.EqualFold(seed.Subscriptions[i].ID, sub) {
				if rg != "" {
					seed.Subscriptions[i].ResourceGroups = append(seed.Subscriptions[i].ResourceGroups, emulator.SeedResourceGroup{Name: rg, Location: "westus"})
				}
				return
			}
		}
		s := emulator.SeedSubscription{ID: sub}
		if rg != "" {
			s.ResourceGroups = []emulator.SeedResourceGroup{{Name: rg, Location: "westus"}}
		}
		seed.Subscriptions = append(seed.Subscriptions, s)
	}
	add(ex.param("subscriptionId"), ex.param("resourceGroupName"))
	add(ex.param("subscriptionId"), "holders")
	for _, m := range scopeRE.FindAllStringSubmatch(string(raw), -1) {
		add(ex.param("subscriptionId"), m[2])
	}
	// The vault and key version of the customer-managed key in CreateAccount.
	if enc := exampleEncryption(ex); enc != nil {
		kvp := enc["keyVaultProperties"].(map[string]any)
		u, _ := url.Parse(kvp["keyVaultUri"].(string))
		loc, _ := ex.bodyParam("account")["location"].(string)
		seed.KeyVaults = []emulator.SeedKeyVault{{SubscriptionID: ex.param("subscriptionId"), ResourceGroup: "holders",
			Name: strings.Split(u.Host, ".")[0], Location: loc, SoftDelete: true, PurgeProtection: true,
			Keys: []emulator.SeedKey{{Name: kvp["keyName"].(string), VersionIDs: []string{kvp["keyVersion"].(string)}}}}}
	}
	return seed
}

// exampleEncryption is the customer-managed key encryption of an Accounts_Create example, or nil.
func exampleEncryption(ex *example) map[string]any {
	if ex.OperationID != "Accounts_Create" {
		return nil
	}
	p, _ := ex.bodyParam("account")["properties"].(map[string]any)
	enc, _ := p["encryption"].(map[string]any)
	if enc == nil || enc["keySource"] != "Microsoft.KeyVault" {
		return nil
	}
	return enc
}

// asPutBody turns an example response body into a request body; the emulator ignores read-only fields.
func asPutBody(b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range b {
		out[k] = v
	}
	if p, ok := out["properties"].(map[string]any); ok {
		q := map[string]any{}
		for k, v := range p {
			if k != "provisioningState" {
				q[k] = v
			}
		}
		out["properties"] = q
	}
	return out
}

// retiredKindStandIns are the kinds the replays give the examples' accounts whose kind the service no longer creates
// (400 ApiSetDisabledForCreation, cognitive/kinds.go): the examples date from 2017.
var retiredKindStandIns = map[string]string{"Emotion": "Face", "Bing.Search": "CognitiveServices", "CRIS": "SpeechServices"}

// liveAccount adapts an example account (a request, or a response turned into one by asPutBody) to what the service
// creates today: a retired kind becomes its stand-in and the location "global", which no offered kind has, westus.
func liveAccount(b map[string]any) map[string]any {
	out := asPutBody(b)
	if k, _ := out["kind"].(string); retiredKindStandIns[k] != "" {
		out["kind"] = retiredKindStandIns[k]
	}
	if loc, _ := out["location"].(string); strings.EqualFold(loc, "global") {
		out["location"] = "westus"
	}
	return out
}

// withoutLocation is an example PATCH body without its location: UpdateAccount.json and UpdateProjects.json send
// "location": "global", a create-only property (400 InvalidResourceLocation against the stored location).
func withoutLocation(b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range b {
		if k != "location" {
			out[k] = v
		}
	}
	return out
}

// enableProjects makes an example account body an AIServices account able to hold projects.
func enableProjects(body map[string]any, subdomain string) map[string]any {
	body = liveAccount(body)
	body["kind"], body["sku"] = "AIServices", map[string]any{"name": "S0"}
	return withProjects(body, subdomain)
}

// withProjects lets an example account hold projects (a managed identity, allowProjectManagement and a subdomain),
// keeping its kind and sku.
func withProjects(body map[string]any, subdomain string) map[string]any {
	body["identity"] = map[string]any{"type": "SystemAssigned"}
	p, _ := body["properties"].(map[string]any)
	if p == nil {
		p = map[string]any{}
	}
	p["allowProjectManagement"], p["customSubDomainName"] = true, subdomain
	body["properties"] = p
	return body
}

func TestConformance_ReplayExamples(t *testing.T) {
	t.Parallel()
	files := []string{
		"CreateAccount", "CreateAccountMin", "GetAccount", "UpdateAccount", "DeleteAccount",
		"ListAccountsByResourceGroup", "ListAccountsBySubscription", "ListKeys", "RegenerateKey",
		"CheckDomainAvailability", "GetDeletedAccount", "ListDeletedAccountsBySubscription", "PurgeDeletedAccount",
		"CreateProject", "CreateProjectMin", "GetProject", "ListProjects", "UpdateProjects", "DeleteProject",
		"PutDeployment", "GetDeployment", "ListDeployments", "UpdateDeployment", "DeleteDeployment",
		"PauseDeployment", "ResumeDeployment", "ListAccountModels", "ListLocationModels", "GetUsages", "ListUsages",
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			raw, err := readExampleFile(name + ".json")
			if err != nil {
				t.Fatal(err)
			}
			var ex example
			if err := json.Unmarshal(raw, &ex); err != nil {
				t.Fatal(err)
			}
			srv := start(t, emulator.Options{Seed: conformanceSeed(raw, &ex)})
			c := newRaw(t, srv, armAud)
			replay(t, c, &ex)
		})
	}
}

// replay seeds the example's preconditions, sends its request and compares the answer with the example.
func replay(t *testing.T, c *rawClient, ex *example) {
	sub, rg, acc := ex.param("subscriptionId"), ex.param("resourceGroupName"), ex.param("accountName")
	base := "/subscriptions/" + sub
	accPath := base + "/resourceGroups/" + rg + "/providers/Microsoft.CognitiveServices/accounts/" + acc
	first := func(status int) map[string]any { return ex.responseBody(status) }
	listItems := func() []any { v, _ := first(200)["value"].([]any); return v }
	projectAccount := func(loc string) {
		c.create(accPath, enableProjects(map[string]any{"location": loc}, "sub-"+strings.ToLower(acc)))
	}
	var method, path string
	var body any
	switch ex.OperationID {
	case "Accounts_Create":
		account := liveAccount(ex.bodyParam("account"))
		if exampleEncryption(ex) != nil {
			// A new system-assigned identity cannot have key access yet: create the account with
			// Microsoft-managed keys, grant its principal access to the key, then send the example.
			first := asPutBody(account)
			p := first["properties"].(map[string]any)
			delete(p, "encryption")
			got := c.create(accPath, first)
			principal := got.body["identity"].(map[string]any)["principalId"].(string)
			vaultID := "/subscriptions/" + sub + "/resourceGroups/holders/providers/Microsoft.KeyVault/vaults/" + conformanceSeed(nil, ex).KeyVaults[0].Name
			if err := c.srv.GrantKeyAccess(vaultID, principal, "get", "wrapKey", "unwrapKey"); err != nil {
				t.Fatal(err)
			}
		}
		method, path, body = http.MethodPut, accPath, account
	case "Accounts_Get", "Accounts_ListKeys", "Accounts_RegenerateKey", "Accounts_Delete", "Accounts_Update":
		seed := map[string]any{"location": "westus", "kind": "Face", "sku": map[string]any{"name": "S0"}}
		if b := first(200); b != nil && (ex.OperationID == "Accounts_Get" || ex.OperationID == "Accounts_Update") {
			seed = liveAccount(b)
		}
		c.create(accPath, seed)
		method, path = map[string]string{"Accounts_Get": http.MethodGet, "Accounts_Delete": http.MethodDelete, "Accounts_Update": http.MethodPatch}[ex.OperationID], accPath
		if method == "" {
			method, path = http.MethodPost, accPath+map[string]string{"Accounts_ListKeys": "/listKeys", "Accounts_RegenerateKey": "/regenerateKey"}[ex.OperationID]
		}
		body = ex.bodyParam(map[string]string{"Accounts_Update": "account", "Accounts_RegenerateKey": "parameters"}[ex.OperationID])
		if ex.OperationID == "Accounts_Update" {
			body = withoutLocation(ex.bodyParam("account"))
		}
	case "Accounts_ListByResourceGroup", "Accounts_List", "DeletedAccounts_List":
		for _, it := range listItems() {
			item := it.(map[string]any)
			itemRG := scopeRE.FindStringSubmatch(item["id"].(string))[2]
			p := base + "/resourceGroups/" + itemRG + "/providers/Microsoft.CognitiveServices/accounts/" + item["name"].(string)
			c.create(p, liveAccount(item))
			if ex.OperationID == "DeletedAccounts_List" {
				c.remove(p)
			}
		}
		method, path = http.MethodGet, map[string]string{
			"Accounts_ListByResourceGroup": base + "/resourceGroups/" + rg + "/providers/Microsoft.CognitiveServices/accounts",
			"Accounts_List":                base + "/providers/Microsoft.CognitiveServices/accounts",
			"DeletedAccounts_List":         base + "/providers/Microsoft.CognitiveServices/deletedAccounts",
		}[ex.OperationID]
	case "CheckDomainAvailability":
		req := ex.bodyParam("parameters")
		// The example answers "not available", so an account holds the name first.
		c.create(base+"/resourceGroups/holders/providers/Microsoft.CognitiveServices/accounts/holder",
			map[string]any{"location": "westus", "kind": "AIServices", "sku": map[string]any{"name": "S0"}, "properties": map[string]any{"customSubDomainName": req["subdomainName"]}})
		method, path, body = http.MethodPost, base+"/providers/Microsoft.CognitiveServices/checkDomainAvailability", req
	case "DeletedAccounts_Get", "DeletedAccounts_Purge":
		seed := map[string]any{"location": ex.param("location"), "kind": "Face", "sku": map[string]any{"name": "F0"}}
		if b := first(200); b != nil {
			seed = liveAccount(b)
		}
		c.create(accPath, seed)
		c.remove(accPath)
		path = base + "/providers/Microsoft.CognitiveServices/locations/" + ex.param("location") + "/resourceGroups/" + rg + "/deletedAccounts/" + acc
		method = map[string]string{"DeletedAccounts_Get": http.MethodGet, "DeletedAccounts_Purge": http.MethodDelete}[ex.OperationID]
	case "Projects_Create":
		project := ex.bodyParam("project")
		projectAccount(project["location"].(string))
		method, path, body = http.MethodPut, accPath+"/projects/"+ex.param("projectName"), project
	case "Projects_Get", "Projects_Update", "Projects_Delete", "Projects_List":
		items := listItems()
		if b := first(200); b != nil && ex.OperationID != "Projects_List" {
			items = []any{b}
		}
		loc := "westus"
		if len(items) > 0 {
			loc = liveAccount(items[0].(map[string]any))["location"].(string)
		}
		projectAccount(loc)
		if len(items) == 0 {
			items = []any{map[string]any{"name": ex.param("projectName"), "location": loc}}
		}
		for _, it := range items {
			item := it.(map[string]any)
			c.create(accPath+"/projects/"+item["name"].(string), liveAccount(item)) // location global → westus
		}
		method, path = map[string]string{"Projects_Get": http.MethodGet, "Projects_Update": http.MethodPatch, "Projects_Delete": http.MethodDelete, "Projects_List": http.MethodGet}[ex.OperationID], accPath+"/projects/"+ex.param("projectName")
		if ex.OperationID == "Projects_List" {
			path = accPath + "/projects"
		}
		body = ex.bodyParam("project")
		if ex.OperationID == "Projects_Update" {
			body = withoutLocation(ex.bodyParam("project"))
		}
	case "Models_List", "Usages_List":
		// Usages_List counts the accounts of the location.
		c.create(base+"/resourceGroups/holders/providers/Microsoft.CognitiveServices/accounts/holder",
			map[string]any{"location": ex.param("location"), "kind": "AIServices", "sku": map[string]any{"name": "S0"}})
		method, path = http.MethodGet, base+"/providers/Microsoft.CognitiveServices/locations/"+ex.param("location")+map[string]string{"Models_List": "/models", "Usages_List": "/usages"}[ex.OperationID]
	case "Accounts_ListModels":
		c.create(accPath, map[string]any{"location": "westus", "kind": "AIServices", "sku": map[string]any{"name": "S0"}})
		method, path = http.MethodGet, accPath+"/models"
	case "Accounts_ListUsages":
		// The example is a free Face account: its monthly transactions quota.
		c.create(accPath, map[string]any{"location": "eastus", "kind": "Face", "sku": map[string]any{"name": "F0"}})
		method, path = http.MethodGet, accPath+"/usages"
	case "Deployments_CreateOrUpdate", "Deployments_Get", "Deployments_Update", "Deployments_Delete", "Deployments_List", "Deployments_Pause", "Deployments_Resume":
		c.create(accPath, map[string]any{"location": "westus", "kind": "OpenAI", "sku": map[string]any{"name": "S0"}, "properties": map[string]any{"customSubDomainName": "sub-" + strings.ToLower(acc)}})
		dep := ex.param("deploymentName")
		if ex.OperationID != "Deployments_CreateOrUpdate" {
			items := listItems()
			if b := first(200); b != nil && ex.OperationID != "Deployments_List" {
				items = []any{b}
			}
			for _, it := range items {
				item := it.(map[string]any)
				c.create(accPath+"/deployments/"+item["name"].(string), asPutBody(item))
			}
			if len(items) == 0 {
				c.create(accPath+"/deployments/"+dep, map[string]any{"sku": map[string]any{"name": "Standard", "capacity": 1}, "properties": map[string]any{"model": map[string]any{"format": "OpenAI", "name": "ada", "version": "1"}}})
			}
		}
		path = accPath + "/deployments/" + dep
		method = map[string]string{"Deployments_CreateOrUpdate": http.MethodPut, "Deployments_Get": http.MethodGet, "Deployments_Update": http.MethodPatch, "Deployments_Delete": http.MethodDelete, "Deployments_List": http.MethodGet}[ex.OperationID]
		if ex.OperationID == "Deployments_List" {
			path = accPath + "/deployments"
		}
		if verb, ok := map[string]string{"Deployments_Pause": "/pause", "Deployments_Resume": "/resume"}[ex.OperationID]; ok {
			method, path = http.MethodPost, path+verb
		}
		body = ex.bodyParam("deployment")
	default:
		t.Fatalf("no replay for %s", ex.OperationID)
	}
	if m, ok := body.(map[string]any); ok && m == nil {
		body = nil
	}
	got := c.do(method, path, body)
	var documented []int
	for code := range ex.Responses {
		n, _ := strconv.Atoi(code)
		documented = append(documented, n)
	}
	if !slices.Contains(documented, got.status) {
		t.Fatalf("%s %s: status %d is not one of the documented %v; body: %s", method, path, got.status, documented, got.raw)
	}
	want := ex.responseBody(got.status)
	if want == nil {
		if len(strings.TrimSpace(string(got.raw))) != 0 {
			t.Fatalf("the example has no body for %d but the emulator sent %s", got.status, got.raw)
		}
		return
	}
	if key := catalogItemKey(ex.OperationID); key != nil {
		compareCatalogList(t, ex.OperationID, want, got.body, key)
		return
	}
	compareShape(t, ex.OperationID, "", want, got.body)
}

// compareShape checks that every key of the example exists in the answer, recursively, and that
// name and type values match and id values end with the same type/name segments. Values of every other
// field are volatile or example-specific and are ignored: etag, systemData, endpoint(s), principalId,
// tenantId, internalId, dateCreated, key values, provisioningState (examples show final states of
// different operations), encryption key names and reasons texts. Deleted-account ids compare by name only,
// because the example lists them with live account ids.
func compareShape(t *testing.T, op, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: %s: want an object, got %T", op, path, got)
			return
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				t.Errorf("%s: %s: key %q missing from the emulator's answer", op, path, k)
				continue
			}
			sub := path + "." + k
			switch k {
			case "name", "type", "subdomainName":
				if path == "" || strings.HasPrefix(path, ".value[") {
					if !strings.EqualFold(gv.(string), wv.(string)) {
						t.Errorf("%s: %s = %v, want %v", op, sub, gv, wv)
					}
					continue
				}
			case "id":
				compareID(t, op, sub, wv.(string), gv.(string))
				continue
			case "endpoints", "tags", "userAssignedIdentities":
				continue // maps keyed by service names / user data: presence is enough
			}
			compareShape(t, op, sub, wv, gv)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			t.Errorf("%s: %s: want %d items, got %v", op, path, len(w), got)
			return
		}
		for i := range w {
			compareShape(t, op, path+"["+strconv.Itoa(i)+"]", w[i], g[i])
		}
	}
}

func compareID(t *testing.T, op, path, want, got string) {
	t.Helper()
	ws, gs := strings.Split(strings.ToLower(want), "/"), strings.Split(strings.ToLower(got), "/")
	n := 2
	if strings.HasPrefix(op, "DeletedAccounts_") {
		n = 1
	}
	if len(ws) < n || len(gs) < n || !slices.Equal(ws[len(ws)-n:], gs[len(gs)-n:]) {
		t.Errorf("%s: %s = %s, want one ending like %s", op, path, got, want)
	}
}
