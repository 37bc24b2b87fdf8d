package specvalidate

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
)

// example is one x-ms-examples file turned into a request.
type example struct {
	file  string
	op    *Operation
	path  string
	query url.Values
	body  any // decoded with Decode, nil when the operation has no body or the example gives none
	raw   []byte
}

// loadExamples reads every example carried in internal/armspec and builds its request: the path from the
// operation's template and the example's parameters, the query from the parameters that are not in the path or the
// body, the body from the body parameter.
func loadExamples(t testing.TB) []example {
	t.Helper()
	v := Default()
	var out []example
	err := fs.WalkDir(armspec.Examples(), ".", func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(file, ".json") {
			return err
		}
		b, err := fs.ReadFile(armspec.Examples(), file)
		if err != nil {
			return err
		}
		var doc struct {
			OperationID string                     `json:"operationId"`
			Parameters  map[string]json.RawMessage `json:"parameters"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		op := v.Operation(doc.OperationID)
		if op == nil {
			return fmt.Errorf("%s: operation %q is not in the specification", file, doc.OperationID)
		}
		ex := example{file: file, op: op, query: url.Values{}}
		used := map[string]bool{}
		var segs []string
		for _, s := range op.segments {
			if s.literal != "" {
				segs = append(segs, s.literal)
				continue
			}
			raw, ok := doc.Parameters[s.param]
			if !ok {
				return fmt.Errorf("%s: no value for path parameter %s", file, s.param)
			}
			var val string
			if err := json.Unmarshal(raw, &val); err != nil {
				return fmt.Errorf("%s: path parameter %s: %w", file, s.param, err)
			}
			segs = append(segs, val)
			used[s.param] = true
		}
		ex.path = "/" + strings.Join(segs, "/")
		for name, raw := range doc.Parameters {
			if used[name] {
				continue
			}
			if op.body != nil && name == op.body.name {
				ex.raw = raw
				body, err := Decode(raw)
				if err != nil {
					return fmt.Errorf("%s: body: %w", file, err)
				}
				ex.body = body
				continue
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				s = string(raw) // numbers and booleans go on the query as written
			}
			ex.query.Set(name, s)
		}
		out = append(out, ex)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

// TestExamplesValidate: every example's request (path parameters, query, body) is valid, and the matcher finds
// the example's operation from the concrete path.
func TestExamplesValidate(t *testing.T) {
	v := Default()
	exs := loadExamples(t)
	if len(exs) != 52 {
		t.Errorf("%d examples, want 52", len(exs))
	}
	bodies := 0
	for _, ex := range exs {
		t.Run(ex.file, func(t *testing.T) {
			op, values, ok := v.Match(ex.op.Method, ex.path)
			if !ok || op != ex.op {
				t.Fatalf("Match(%s %s) = %v, want %s", ex.op.Method, ex.path, op, ex.op.ID)
			}
			if vs := op.ValidateParams(values, ex.query); len(vs) > 0 {
				t.Errorf("parameters: %v", vs)
			}
			if ex.raw != nil {
				bodies++
				if vs := op.ValidateBody(ex.raw); len(vs) > 0 {
					t.Errorf("body: %v", vs)
				}
			}
			// The whole request through the one entry point as well.
			if _, vs := v.Validate(ex.op.Method, ex.path, ex.query, ex.raw); len(vs) > 0 {
				t.Errorf("Validate: %v", vs)
			}
		})
	}
	t.Logf("%d examples, %d with a body, all valid", len(exs), bodies)
}
