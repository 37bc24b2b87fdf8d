package armspec_test

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
)

// The repository carries the whole specification and all 52 examples, and every example is an x-ms-examples file
// the specification refers to.
func TestSpecAndExamples(t *testing.T) {
	var spec struct {
		Info struct {
			Version string `json:"version"`
		} `json:"info"`
		Paths map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(armspec.Spec(), &spec); err != nil {
		t.Fatalf("the specification does not parse: %v", err)
	}
	if spec.Info.Version != armspec.APIVersion || len(spec.Paths) == 0 {
		t.Fatalf("specification version %q with %d paths, want %s with paths", spec.Info.Version, len(spec.Paths), armspec.APIVersion)
	}
	var n int
	err := fs.WalkDir(armspec.Examples(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		if !strings.Contains(string(armspec.Spec()), `"./examples/`+p+`"`) {
			t.Errorf("example %s is not referenced by the specification", p)
		}
		raw, err := fs.ReadFile(armspec.Examples(), p)
		if err != nil {
			return err
		}
		var ex struct {
			OperationID string `json:"operationId"`
		}
		if err := json.Unmarshal(raw, &ex); err != nil || ex.OperationID == "" {
			t.Errorf("example %s has no operationId (%v)", p, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 52 {
		t.Errorf("%d example files, want 52", n)
	}
}
