package connection_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/connection"
)

// The category list was generated from the spec once; this keeps the two from drifting apart.
func TestCategoriesMatchSpec(t *testing.T) {
	raw := armspec.Spec()
	var spec struct {
		Definitions struct {
			ConnectionCategory struct {
				Enum []string `json:"enum"`
			} `json:"ConnectionCategory"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	want := spec.Definitions.ConnectionCategory.Enum
	if len(want) == 0 {
		t.Fatal("the spec has no ConnectionCategory enum")
	}
	if !slices.Equal(connection.Categories, want) {
		t.Errorf("categories.go has %d categories, the spec %d; regenerate categories.go from the spec.\ngot  %v\nwant %v",
			len(connection.Categories), len(want), connection.Categories, want)
	}
}
