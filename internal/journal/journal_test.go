package journal_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/journal"
)

func TestBeginLookupForget(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	j := journal.At(t.TempDir(), func() time.Time { return now })
	id := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"
	if _, ok := j.Lookup(id); ok {
		t.Fatal("an empty journal found an entry")
	}
	if err := j.Begin(journal.Entry{ID: id, Type: "foundry_account", Started: now, Deadline: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	e, ok := j.Lookup(id + "") // IDs compare case-insensitively
	if !ok || e.Type != "foundry_account" || !e.Started.Equal(now) {
		t.Fatalf("lookup: %+v %v", e, ok)
	}
	if _, ok := j.Lookup("/SUBSCRIPTIONS/s/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/A"); !ok {
		t.Fatal("the ID in another case was not found")
	}
	if err := j.Forget(id); err != nil {
		t.Fatal(err)
	}
	if _, ok := j.Lookup(id); ok {
		t.Fatal("found after Forget")
	}
	if err := j.Forget(id); err != nil {
		t.Fatalf("forgetting twice: %v", err)
	}
	// Entries older than 30 days are dropped.
	_ = j.Begin(journal.Entry{ID: id, Started: now.Add(-31 * 24 * time.Hour)})
	if _, ok := j.Lookup(id); ok {
		t.Fatal("a 31-day-old entry was found")
	}
}

func TestOpenFollowsDataDirAndWorkspace(t *testing.T) {
	data := t.TempDir()
	if err := os.WriteFile(filepath.Join(data, "environment"), []byte("staging\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"TF_DATA_DIR": data}
	j := journal.Open(func(k string) string { return env[k] }, time.Now)
	if want := filepath.Join(data, journal.Dir, "staging"); j.Path() != want {
		t.Fatalf("path %s, want %s", j.Path(), want)
	}
	env["TF_WORKSPACE"] = "prod"
	if j := journal.Open(func(k string) string { return env[k] }, time.Now); filepath.Base(j.Path()) != "prod" {
		t.Fatalf("TF_WORKSPACE ignored: %s", j.Path())
	}
}

// The note of plan-time checks that passed, read by the apply-time plan of the same command (issue 18).
func TestMarkChecked(t *testing.T) {
	now := time.Now()
	j := journal.At(t.TempDir(), func() time.Time { return now })
	if j.Checked("k") {
		t.Fatal("an empty journal found a note")
	}
	if err := j.MarkChecked("k"); err != nil {
		t.Fatal(err)
	}
	if !j.Checked("k") || j.Checked("other") {
		t.Fatal("the note is not found by its key alone")
	}
	now = now.Add(25 * time.Hour)
	if err := j.MarkChecked("k2"); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(filepath.Join(j.Path(), "checked")); len(entries) != 1 {
		t.Fatalf("%d notes; the one older than a day is not pruned", len(entries))
	}
	if j.Checked("k") {
		t.Fatal("a note older than a day still counts")
	}
	var zero *journal.Journal
	if zero.Checked("k") || zero.MarkChecked("k") == nil {
		t.Fatal("the zero journal notes something")
	}
}
