package clitest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/clitest"
	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// leftovers is what the emulator holds that a finished destroy must have removed: Foundry objects, soft-deleted
// accounts, role assignments and Cosmos DB SQL role assignments (the seeded storage, Cosmos DB and search resources
// stay; they are not in the configuration).
func leftovers(t *testing.T, srv *emulator.Server) []string {
	t.Helper()
	type object struct {
		ID string `json:"id"`
	}
	var st struct {
		Resources       []object `json:"resources"`
		DeletedAccounts []object `json:"deletedAccounts"`
		RoleAssignments []object `json:"roleAssignments"`
		DataServices    struct {
			CosmosDBAccounts []struct {
				SQLRoleAssignments []object `json:"sqlRoleAssignments"`
			} `json:"cosmosDbAccounts"`
		} `json:"dataServices"`
	}
	b, _ := json.Marshal(srv.State())
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, list := range [][]object{st.Resources, st.DeletedAccounts, st.RoleAssignments} {
		for _, o := range list {
			ids = append(ids, o.ID)
		}
	}
	for _, c := range st.DataServices.CosmosDBAccounts {
		for _, o := range c.SQLRoleAssignments {
			ids = append(ids, o.ID)
		}
	}
	return ids
}

// deleteAndWait deletes an object out of band (as a destroy killed after its request would have) and waits until it
// is gone.
func deleteAndWait(t *testing.T, srv *emulator.Server, path string) {
	t.Helper()
	if status := armDo(t, srv, emulator.DefaultClientID, http.MethodDelete, path, ""); status >= 300 {
		t.Fatalf("DELETE %s: HTTP %d", path, status)
	}
	deadline := time.Now().Add(30 * time.Second)
	for armGet(t, srv, path) != http.StatusNotFound {
		if time.Now().After(deadline) {
			t.Fatalf("%s is still there", path)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Issue 14: a destroy killed after the account's delete and before its purge leaves a soft-deleted account that the
// state still holds (Terraform saved nothing). The next destroy reads a 404 for the account; it must not drop it from
// the state and leave the name, subdomain and quota held: it finishes the purge.
func TestDestroyKilledBeforePurgeIsFinished(t *testing.T) {
	srv := startEmulator(t, emulator.Options{})
	ctx := context.Background()
	w := clitest.NewWorkspace(t, srv, nil)
	w.Write(t, threeObjects("clitest-purge", "me"))
	if out, err := w.Apply(ctx); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	deleteAndWait(t, srv, accountID("clitest-purge"))
	if n := len(leftovers(t, srv)); n != 1 {
		t.Fatalf("after the account's delete: %v; want only the soft-deleted account", leftovers(t, srv))
	}
	if out, err := w.Destroy(ctx); err != nil {
		t.Fatalf("destroy: %v\n%s", err, out)
	}
	if left := leftovers(t, srv); len(left) != 0 || len(w.StateIDs(t)) != 0 {
		t.Fatalf("the destroy did not finish what the killed one started: left %v, state %v", left, w.StateIDs(t))
	}
}

// Issue 14: a destroy killed after the agent standard setup's capability host was deleted, and before its role
// assignments were: the next destroy's refresh finds the setup partly gone. It must keep the setup in the state, so
// that its delete removes the role assignments on the storage, Cosmos DB and search resources (which outlive the
// project), instead of dropping it and leaving them behind.
func TestDestroyKilledInStandardSetupIsFinished(t *testing.T) {
	srv := startEmulator(t, emulator.Options{})
	ctx := context.Background()
	w := clitest.NewWorkspace(t, srv, nil)
	_, self, _, _ := runtime.Caller(0)
	example, err := os.ReadFile(filepath.Join(filepath.Dir(self), "..", "..", "examples", "standard-setup", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	w.Write(t, clitest.ProviderBlock+string(example))
	if out, err := w.Apply(ctx); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	hosts := 0
	for _, id := range leftovers(t, srv) {
		if strings.Contains(strings.ToLower(id), "/projects/") && strings.Contains(strings.ToLower(id), "/capabilityhosts/") {
			deleteAndWait(t, srv, id)
			hosts++
		}
	}
	if hosts != 1 {
		t.Fatalf("found %d project capability hosts; want 1", hosts)
	}
	if out, err := w.Destroy(ctx); err != nil {
		t.Fatalf("destroy: %v\n%s", err, out)
	}
	if left := leftovers(t, srv); len(left) != 0 || len(w.StateIDs(t)) != 0 {
		t.Fatalf("the destroy did not finish what the killed one started: left %v, state %v", left, w.StateIDs(t))
	}
}
