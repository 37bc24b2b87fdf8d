package emulator_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/specvalidate"
)

// The subscriptions the examples use.
const (
	replaySubZero  = "00000000-0000-0000-0000-000000000000"
	replaySubUsage = "5a4f5c2e-6983-4ccb-bd34-2196d5b5bbd3"
)

// connectionNameContradictions are the examples the emulator's account-wide connection-name rule contradicts (Azure
// refuses a second connection of the same name anywhere in one account:
// Azure/terraform-azurerm-avm-ptn-aiml-ai-foundry#73). The examples create connection-1 and connection-2 both at the
// account scope and in project-1 of the same account (resourceGroup-1/account-1), and update connection-1 at both
// scopes of test-rg/account-1. The sequence replays ProjectConnection/create once while the account's connection-1
// exists and expects 409 Conflict, then removes the account's connection (AccountConnection/delete.json, ahead of the
// other deletes; for connection-2 and for the test-rg account, a setup DELETE) before the project's connection of the
// same name is created.
var connectionNameContradictions = map[string]string{
	"ProjectConnection/create.json": "connection-1 exists at the scope of its account (AccountConnection/create.json): 409 Conflict, then 200 after AccountConnection/delete.json",
	"ProjectConnection/list.json":   "connection-2 exists at the scope of its account (for AccountConnection/list.json): removed by a setup DELETE first",
	"ProjectConnection/update.json": "connection-1 exists at the scope of test-rg/account-1 (AccountConnection/update.json): removed by a setup DELETE first",
}

// replayer sends the examples in one stateful sequence, over HTTPS with a token the emulator's Entra ID issued to a
// client secret, and keeps count.
type replayer struct {
	t        *testing.T
	c        *rawClient
	srv      *emulator.Server
	v        *specvalidate.Validator
	done     map[string]bool
	adapted  map[string]string // example -> what was adapted and why
	sequence []string
}

// step is how one example is replayed.
type step struct {
	adapt  func(body map[string]any) map[string]any // changes the request body (nil: as the example writes it)
	why    string                                   // the reason for adapt, kept for the log
	expect int                                      // a status the example does not document but the sequence must meet (contradictions)
	code   string                                   // the error code with expect
}

func (r *replayer) load(file string) *example {
	r.t.Helper()
	raw, err := readExampleFile(file)
	if err != nil {
		r.t.Fatal(err)
	}
	var ex example
	if err := json.Unmarshal(raw, &ex); err != nil {
		r.t.Fatal(err)
	}
	return &ex
}

// request builds an example's method, URL and body from its operation's path template and its parameters.
func (r *replayer) request(ex *example) (method, target string, body map[string]any) {
	r.t.Helper()
	op := r.v.Operation(ex.OperationID)
	if op == nil {
		r.t.Fatalf("no operation %s in the specification", ex.OperationID)
	}
	p := op.Path
	pathParams := map[string]bool{}
	for _, name := range op.PathParameters() {
		pathParams[name] = true
		p = strings.Replace(p, "{"+name+"}", url.PathEscape(ex.param(name)), 1)
	}
	q := url.Values{}
	for name, raw := range ex.Parameters {
		var v any
		_ = json.Unmarshal(raw, &v)
		switch x := v.(type) {
		case map[string]any:
			body = x
		case string:
			if !pathParams[name] {
				q.Set(name, x)
			}
		case bool:
			q.Set(name, strconv.FormatBool(x))
		}
	}
	return op.Method, p + "?" + q.Encode(), body
}

// example replays one example: the request as the example writes it (adapted when the step says so), an answer
// among the statuses it documents (or the step's expected refusal), the answer's shape compared with the example's
// body for that status, and the operation waited for.
func (r *replayer) example(file string, s step) result {
	r.t.Helper()
	ex := r.load(file)
	method, target, body := r.request(ex)
	if s.adapt != nil {
		body = s.adapt(body)
		r.adapted[file] = s.why
	}
	var sent any
	if body != nil {
		sent = body
	}
	got := r.c.do(method, target, sent)
	r.sequence = append(r.sequence, strconv.Itoa(len(r.sequence)+1)+". "+file+" "+method+" → "+strconv.Itoa(got.status))
	if s.expect != 0 {
		mustErr(r.t, got, s.expect, s.code)
		return got
	}
	if _, ok := ex.Responses[strconv.Itoa(got.status)]; !ok {
		r.t.Fatalf("%s: %s %s answered %d, which the example does not document; body: %s", file, method, target, got.status, got.raw)
	}
	if want := ex.responseBody(got.status); want != nil {
		compareAnswer(r.t, file+" ("+ex.OperationID+")", want, got.body)
	} else if len(strings.TrimSpace(string(got.raw))) != 0 {
		r.t.Fatalf("%s: the example has no body for %d but the emulator sent %s", file, got.status, got.raw)
	}
	if got.status == http.StatusCreated || got.status == http.StatusAccepted || (got.status == http.StatusOK && got.props()["provisioningState"] == "Accepted") {
		r.c.settle(got)
	}
	r.done[file] = true
	return got
}

// setup sends a request the examples need and do not make themselves (parents, neighbours' grants, deletions the
// connection-name rule requires), and waits for its operation.
func (r *replayer) setup(method, p string, body any, status int) result {
	r.t.Helper()
	got := must(r.t, r.c.do(method, p, body), status)
	if status == http.StatusCreated || status == http.StatusAccepted || (status == http.StatusOK && got.props()["provisioningState"] == "Accepted") {
		r.c.settle(got)
	}
	return got
}

// items are the "value" items of an example's 200 body.
func (r *replayer) items(file string) []map[string]any {
	var out []map[string]any
	for _, it := range r.load(file).responseBody(200)["value"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

// compareAnswer compares an answer with an example's body: catalog lists by their keys, other lists by the names of
// the example's items (the stateful sequence holds more than each example shows), anything else by compareShape.
func compareAnswer(t *testing.T, op string, want, got map[string]any) {
	t.Helper()
	id := op[strings.Index(op, "(")+1 : len(op)-1]
	if key := catalogItemKey(id); key != nil {
		compareCatalogList(t, id, want, got, key)
		return
	}
	wantItems, isList := want["value"].([]any)
	if !isList {
		compareShape(t, id, "", want, got)
		return
	}
	gotItems, _ := got["value"].([]any)
	for _, w := range wantItems {
		wm := w.(map[string]any)
		i := slices.IndexFunc(gotItems, func(g any) bool {
			gm, _ := g.(map[string]any)
			n, _ := gm["name"].(string)
			return strings.EqualFold(n, wm["name"].(string))
		})
		if i < 0 {
			t.Errorf("%s: the example's item %q is not in the answer: %v", op, wm["name"], got)
			continue
		}
		compareShape(t, id, "", wm, gotItems[i])
	}
}

// createListed creates, below base, the accounts a list example shows (liveAccount); the one named holder can hold
// projects.
func (r *replayer) createListed(file, base, holder string) {
	r.t.Helper()
	for _, it := range r.items(file) {
		body := liveAccount(it)
		if it["name"] == holder {
			body = withProjects(body, strings.ToLower(holder))
		}
		r.setup(http.MethodPut, base+it["name"].(string), body, http.StatusCreated)
	}
}

// replaySeed holds every subscription and resource group of the examples, and the key vault of CreateAccount.json.
func replaySeed() *emulator.Seed {
	seed := emulator.DefaultSeed()
	for _, rg := range []string{"bvttest", "resourceGroupName", "resourceGroup-1", "test-rg", "holders"} {
		seed.Subscriptions[0].ResourceGroups = append(seed.Subscriptions[0].ResourceGroups, emulator.SeedResourceGroup{Name: rg, Location: "westus"})
	}
	seed.Subscriptions = append(seed.Subscriptions,
		emulator.SeedSubscription{ID: replaySubZero, ResourceGroups: []emulator.SeedResourceGroup{{Name: "resourceGroupName", Location: "westus"}}},
		emulator.SeedSubscription{ID: replaySubUsage, ResourceGroups: []emulator.SeedResourceGroup{{Name: "myResourceGroup", Location: "eastus"}}})
	seed.KeyVaults = append(seed.KeyVaults, emulator.SeedKeyVault{ResourceGroup: "holders", Name: "pltfrmscrts-use-pc-dev", Location: "westus",
		SoftDelete: true, PurgeProtection: true, Keys: []emulator.SeedKey{{Name: "KeyName", VersionIDs: []string{"891CF236-D241-4738-9462-D506AF493DFA"}}}})
	return seed
}

// TestConformance_StatefulReplay replays every example of the specification in one stateful sequence against one
// emulator: creates before reads, updates and actions, deletes last, each example's request as it is written (the
// adaptations are listed in the step and logged), over HTTPS with a token issued by the emulator's Entra ID to a
// client secret (azidentity). All 52 examples are replayed. The account-wide connection-name rule contradicts some connection examples
// (connectionNameContradictions): the sequence shows the 409 and then resolves it.
func TestConformance_StatefulReplay(t *testing.T) {
	t.Parallel()
	f := false
	srv := start(t, emulator.Options{Seed: replaySeed(), EnforceCapabilityHostRBAC: &f})
	cred, _ := credential(t, srv, emulator.DefaultClientSecret)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tok, err := cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{armAud + ".default"}})
	if err != nil {
		t.Fatal(err)
	}
	c := &rawClient{t: t, srv: srv, hc: srv.HTTPClient(), token: tok.Token}
	r := &replayer{t: t, c: c, srv: srv, v: specvalidate.Default(), done: map[string]bool{}, adapted: map[string]string{}}

	sub := "/subscriptions/" + subID
	group := func(s, rg string) string {
		return "/subscriptions/" + s + "/resourceGroups/" + rg + "/providers/Microsoft.CognitiveServices/accounts/"
	}
	myRG, bvt, rg1, testRG := group(subID, "myResourceGroup"), group(subID, "bvttest"), group(subID, "resourceGroup-1"), group(subID, "test-rg")
	aiServices := func(subdomain string) map[string]any {
		return withProjects(map[string]any{"location": "westus", "kind": "AIServices", "sku": map[string]any{"name": "S0"}}, subdomain)
	}
	project := map[string]any{"location": "westus", "identity": map[string]any{"type": "SystemAssigned"}}
	none := func(target string) map[string]any {
		return map[string]any{"properties": map[string]any{"authType": "None", "category": "ContainerRegistry", "target": target}}
	}

	// 1. An account with a customer-managed key, then its projects (testCreate1).
	r.example("CreateAccountMin.json", step{})
	principal := must(t, c.do(http.MethodGet, myRG+"testCreate1", nil), http.StatusOK).body["identity"].(map[string]any)["principalId"].(string)
	vault := sub + "/resourceGroups/holders/providers/Microsoft.KeyVault/vaults/pltfrmscrts-use-pc-dev"
	if err := srv.GrantKeyAccess(vault, principal, "get", "wrapKey", "unwrapKey"); err != nil { // the administrator's grant
		t.Fatal(err)
	}
	r.example("CreateAccount.json", step{adapt: func(b map[string]any) map[string]any { b["kind"] = "CognitiveServices"; return b },
		why: "kind Emotion → CognitiveServices: Emotion is retired (ApiSetDisabledForCreation) and CreateAccountMin.json created the account as CognitiveServices (UpdateKindNotAllowed)"})
	r.setup(http.MethodPatch, myRG+"testCreate1", map[string]any{"properties": map[string]any{"allowProjectManagement": true, "customSubDomainName": "testcreate1"}}, http.StatusAccepted)
	r.example("CreateProject.json", step{})
	r.example("CreateProjectMin.json", step{})

	// 2. The accounts of myResourceGroup, myAccount's projects, its keys; PropTest01 for the deletes.
	r.createListed("ListAccountsByResourceGroup.json", myRG, "myAccount")
	for _, it := range r.items("ListProjects.json") {
		r.setup(http.MethodPut, myRG+"myAccount/projects/"+it["name"].(string), asPutBody(it), http.StatusCreated)
	}
	r.example("GetAccount.json", step{})
	r.example("ListAccountsByResourceGroup.json", step{})
	r.example("ListProjects.json", step{})
	r.example("GetProject.json", step{})
	r.example("ListKeys.json", step{})
	r.example("RegenerateKey.json", step{})
	r.setup(http.MethodPut, myRG+"PropTest01", aiServices("proptest01"), http.StatusCreated)
	r.setup(http.MethodPut, myRG+"PropTest01/projects/myProject", project, http.StatusCreated)

	// 3. The subscription's accounts (bvttest); bingSearch holds the project UpdateProjects.json changes.
	r.createListed("ListAccountsBySubscription.json", bvt, "bingSearch")
	r.setup(http.MethodPut, bvt+"bingSearch/projects/projectName", liveAccount(r.load("UpdateProjects.json").responseBody(200)), http.StatusCreated)
	r.example("ListAccountsBySubscription.json", step{})
	r.example("UpdateAccount.json", step{adapt: withoutLocation,
		why: `"location": "global" left out: location is create-only (the account is in westus: InvalidResourceLocation) and no offered kind has global`})
	r.example("UpdateProjects.json", step{adapt: withoutLocation, why: `"location": "global" left out: location is create-only`})

	// 4. Deployments (subscriptions …1111… and …0000…), the catalog and usages.
	openAI := func(subdomain string) map[string]any {
		return map[string]any{"location": "westus", "kind": "OpenAI", "sku": map[string]any{"name": "S0"}, "properties": map[string]any{"customSubDomainName": subdomain}}
	}
	// AIServices: ListAccountModels.json lists a Meta model, which only AIServices accounts are offered.
	r.setup(http.MethodPut, group(subID, "resourceGroupName")+"accountName", map[string]any{"location": "westus", "kind": "AIServices",
		"sku": map[string]any{"name": "S0"}, "properties": map[string]any{"customSubDomainName": "accountname-1111"}}, http.StatusCreated)
	r.example("PutDeployment.json", step{})
	r.example("GetDeployment.json", step{})
	r.example("ListDeployments.json", step{})
	r.example("PauseDeployment.json", step{})
	r.example("ResumeDeployment.json", step{})
	r.example("ListAccountModels.json", step{})
	zero := group(replaySubZero, "resourceGroupName") + "accountName"
	r.setup(http.MethodPut, zero, openAI("accountname-0000"), http.StatusCreated)
	r.setup(http.MethodPut, zero+"/deployments/deploymentName", r.load("PutDeployment.json").bodyParam("deployment"), http.StatusCreated)
	r.example("UpdateDeployment.json", step{})
	r.example("ListUsages.json", step{})
	r.example("ListLocationModels.json", step{})
	r.setup(http.MethodPut, group(replaySubUsage, "myResourceGroup")+"TestUsage02", map[string]any{"location": "eastus", "kind": "Face", "sku": map[string]any{"name": "F0"}}, http.StatusCreated)
	r.example("GetUsages.json", step{})
	r.setup(http.MethodPut, group(subID, "holders")+"holder", openAI("contosodemoapp1"), http.StatusCreated)
	r.example("CheckDomainAvailability.json", step{})

	// 5. Connections of resourceGroup-1/account-1, at the account and in project-1 (connectionNameContradictions).
	r.setup(http.MethodPut, rg1+"account-1", aiServices("account-1-rg1"), http.StatusCreated)
	r.setup(http.MethodPut, rg1+"account-1/projects/project-1", project, http.StatusCreated)
	r.example("AccountConnection/create.json", step{})
	r.example("AccountConnection/get.json", step{})
	r.setup(http.MethodPut, rg1+"account-1/connections/connection-2", none("[target url]"), http.StatusOK)
	r.example("AccountConnection/list.json", step{})
	r.example("ProjectConnection/create.json", step{expect: http.StatusConflict, code: "Conflict"}) // connection-1 exists at the account scope
	r.example("AccountConnection/delete.json", step{})
	r.example("ProjectConnection/create.json", step{})
	r.example("ProjectConnection/get.json", step{})
	r.setup(http.MethodDelete, rg1+"account-1/connections/connection-2", nil, http.StatusOK) // the same name rule
	r.setup(http.MethodPut, rg1+"account-1/projects/project-1/connections/connection-2", none("[target url]"), http.StatusOK)
	r.example("ProjectConnection/list.json", step{})

	// 6. test-rg/account-1: connection updates at both scopes, then capability hosts at both scopes.
	r.setup(http.MethodPut, testRG+"account-1", aiServices("account-1-test-rg"), http.StatusCreated)
	r.setup(http.MethodPut, testRG+"account-1/projects/project-1", project, http.StatusCreated)
	r.setup(http.MethodPut, testRG+"account-1/connections/connection-1", none("[target url]"), http.StatusOK)
	r.example("AccountConnection/update.json", step{})
	r.setup(http.MethodDelete, testRG+"account-1/connections/connection-1", nil, http.StatusOK) // the same name rule
	r.setup(http.MethodPut, testRG+"account-1/projects/project-1/connections/connection-1", none("[target url]"), http.StatusOK)
	r.example("ProjectConnection/update.json", step{})
	for name, category := range map[string]string{"aoai_connection": "AzureOpenAI", "blob_connection": "AzureBlob", "aca_connection": "CosmosDb", "acs_connection": "CognitiveSearch"} {
		r.setup(http.MethodPut, testRG+"account-1/projects/project-1/connections/"+name, map[string]any{"properties": map[string]any{
			"authType": "AAD", "category": category, "target": "https://" + strings.ReplaceAll(name, "_", "-") + ".example.com/"}}, http.StatusOK)
	}
	r.example("AccountCapabilityHost/createOrUpdate.json", step{})
	r.example("AccountCapabilityHost/get.json", step{})
	r.example("AccountCapabilityHost/list.json", step{})
	r.example("ProjectCapabilityHost/createOrUpdate.json", step{})
	r.example("ProjectCapabilityHost/get.json", step{})
	r.example("ProjectCapabilityHost/list.json", step{})

	// 7. The RAI policy examples, on the account of the deployment examples (accountName, subscription …0000…); the list
	// also holds the two built-in policies, which the comparison by the example's item names leaves aside.
	r.example("PutRaiPolicy.json", step{})
	r.example("GetRaiPolicy.json", step{})
	r.example("ListRaiPolicies.json", step{})

	// 8. Deletes, last: connections, capability hosts (project host first), the deployment, a project, an account and
	// its purge, then the soft-deleted accounts the deleted-account examples read.
	r.example("ProjectConnection/delete.json", step{})
	r.example("ProjectCapabilityHost/delete.json", step{})
	r.example("AccountCapabilityHost/delete.json", step{})
	r.example("DeleteDeployment.json", step{})
	r.example("DeleteRaiPolicy.json", step{})
	r.example("DeleteProject.json", step{})
	r.example("DeleteAccount.json", step{})
	r.example("PurgeDeletedAccount.json", step{})
	r.setup(http.MethodDelete, myRG+"myAccount", nil, http.StatusAccepted)
	for _, it := range r.items("ListDeletedAccountsBySubscription.json") {
		r.setup(http.MethodDelete, bvt+it["name"].(string), nil, http.StatusAccepted)
	}
	r.example("GetDeletedAccount.json", step{})
	r.example("ListDeletedAccountsBySubscription.json", step{})

	// Coverage: every example file replayed.
	all, err := fs.Glob(armspec.Examples(), "*.json")
	if err != nil {
		t.Fatal(err)
	}
	sub2, _ := fs.Glob(armspec.Examples(), "*/*.json")
	all = append(all, sub2...)
	var missing []string
	for _, f := range all {
		if !r.done[path.Clean(f)] {
			missing = append(missing, f)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("examples not replayed: %v", missing)
	}
	if len(all) != 52 || len(r.done) != 52 {
		t.Errorf("%d example files, %d replayed: want 52 of 52", len(all), len(r.done))
	}
	t.Logf("replayed %d of %d examples in one sequence; adaptations:", len(r.done), len(all))
	for _, f := range slices.Sorted(func(yield func(string) bool) {
		for k := range r.adapted {
			if !yield(k) {
				return
			}
		}
	}) {
		t.Logf("  %s: %s", f, r.adapted[f])
	}
	for _, f := range slices.Sorted(func(yield func(string) bool) {
		for k := range connectionNameContradictions {
			if !yield(k) {
				return
			}
		}
	}) {
		if !r.done[f] {
			t.Errorf("%s is listed as contradicted but was not replayed", f)
		}
		t.Logf("  %s (connection-name rule): %s", f, connectionNameContradictions[f])
	}
	t.Logf("sequence:\n%s", strings.Join(r.sequence, "\n"))
}
