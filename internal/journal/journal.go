// Package journal records, in the Terraform working directory, the creates the provider has started and Terraform may
// not know about yet: Terraform saves an object in its state only when the create returns, so a Terraform killed
// between the create request and the state save leaves an object that no state holds. The next create of the same ID
// from the same working directory and workspace finds the entry and knows the object is its own, interrupted create,
// not somebody else's.
//
// An entry is one small file per object, written before the create request and removed once Terraform holds the
// object (the create returned with the object in its state, a later read or delete of it); no locking is needed
// between the provider processes of one run (aliases), since each object has its own file and files are written
// whole (a temporary file, then a rename).
package journal

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Dir is the journal's folder below the Terraform data directory.
const Dir = "foundry-creates"

// maxAge is how long an entry is kept at most: one that old can no longer match an object's creation time.
const maxAge = 30 * 24 * time.Hour

// Entry is one create started from this working directory and workspace.
type Entry struct {
	// ID is the object's ID, as import takes it.
	ID string `json:"id"`
	// Type is the Terraform resource type.
	Type string `json:"type"`
	// Started is when the create began, before its first request.
	Started time.Time `json:"started"`
	// Deadline is when the create's timeout ends: the object, if the create made it, was created before.
	Deadline time.Time `json:"deadline"`
	// Held: Terraform held the object until a read dropped it from the state because part of it was missing (a
	// composite such as the agent standard setup); what is left of it was made by this working directory.
	Held bool `json:"held,omitempty"`
}

// Journal is the folder of one working directory's and workspace's entries; the zero Journal (no folder) records
// nothing and finds nothing.
type Journal struct {
	dir string
	now func() time.Time
}

// Open returns the journal of the Terraform working directory the provider runs in: the provider process starts in
// Terraform's working directory, whose data directory is TF_DATA_DIR or .terraform, and the workspace is TF_WORKSPACE
// or the one the data directory's environment file names ("default" without one). getenv reads the environment.
func Open(getenv func(string) string, now func() time.Time) *Journal {
	data := getenv("TF_DATA_DIR")
	if data == "" {
		data = ".terraform"
	}
	workspace := getenv("TF_WORKSPACE")
	if workspace == "" {
		if b, err := os.ReadFile(filepath.Join(data, "environment")); err == nil {
			workspace = strings.TrimSpace(string(b))
		}
	}
	if workspace == "" {
		workspace = "default"
	}
	abs, err := filepath.Abs(filepath.Join(data, Dir, safe(workspace)))
	if err != nil {
		return &Journal{now: now}
	}
	return &Journal{dir: abs, now: now}
}

// At returns the journal kept in folder dir (tests).
func At(dir string, now func() time.Time) *Journal { return &Journal{dir: dir, now: now} }

// Path is the journal's folder ("" for the zero Journal).
func (j *Journal) Path() string {
	if j == nil {
		return ""
	}
	return j.dir
}

// Begin records that a create of e.ID starts now. An error means nothing was recorded: an interrupted create of this
// object will then be refused like anybody else's object, with the import advice.
func (j *Journal) Begin(e Entry) error {
	if j == nil || j.dir == "" {
		return errors.New("no journal folder")
	}
	if err := os.MkdirAll(j.dir, 0o700); err != nil {
		return err
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(j.dir, ".entry-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), j.file(e.ID))
}

// Lookup returns the entry of id, if a create of it was started here and Terraform may not hold it yet. Entries older
// than maxAge are dropped.
func (j *Journal) Lookup(id string) (Entry, bool) {
	if j == nil || j.dir == "" {
		return Entry{}, false
	}
	b, err := os.ReadFile(j.file(id))
	if err != nil {
		return Entry{}, false
	}
	var e Entry
	if json.Unmarshal(b, &e) != nil || !strings.EqualFold(e.ID, id) {
		return Entry{}, false
	}
	if j.now().Sub(e.Started) > maxAge {
		_ = j.Forget(id)
		return Entry{}, false
	}
	return e, true
}

// Forget removes the entry of id: Terraform holds the object now (or it is gone).
func (j *Journal) Forget(id string) error {
	if j == nil || j.dir == "" {
		return nil
	}
	if err := os.Remove(j.file(id)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// file is the entry's file: the hash of the lower-cased ID (IDs compare case-insensitively, like ARM's).
func (j *Journal) file(id string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(id)))
	return filepath.Join(j.dir, hex.EncodeToString(sum[:16])+".json")
}

// safe turns a workspace name into a folder name.
func safe(name string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, name)
}

// checkedDir holds the notes of plan-time checks that passed (MarkChecked), below the journal's folder.
const checkedDir = "checked"

// checkedMaxAge bounds how long a note counts: the apply of a plan follows it within the same command, after the
// user's confirmation at most.
const checkedMaxAge = 24 * time.Hour

// MarkChecked notes that the plan-time checks named key passed (key names the Terraform command and the checked
// values; see providerdata.Data.PlanChecked). An error means nothing was noted: the checks run again at apply.
func (j *Journal) MarkChecked(key string) error {
	if j == nil || j.dir == "" {
		return errors.New("no journal folder")
	}
	dir := filepath.Join(j.dir, checkedDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	// Notes of earlier commands are of no use to this one: drop those past their age, so the folder stays small.
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if fi, err := e.Info(); err == nil && j.now().Sub(fi.ModTime()) > checkedMaxAge {
				_ = os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	return os.WriteFile(j.checkedFile(key), nil, 0o600)
}

// Checked reports whether MarkChecked noted key less than checkedMaxAge ago; older notes are removed.
func (j *Journal) Checked(key string) bool {
	if j == nil || j.dir == "" {
		return false
	}
	fi, err := os.Stat(j.checkedFile(key))
	if err != nil {
		return false
	}
	if j.now().Sub(fi.ModTime()) > checkedMaxAge {
		_ = os.Remove(j.checkedFile(key))
		return false
	}
	return true
}

func (j *Journal) checkedFile(key string) string {
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(j.dir, checkedDir, hex.EncodeToString(sum[:16]))
}
