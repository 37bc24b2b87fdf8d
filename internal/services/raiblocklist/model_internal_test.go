package raiblocklist

import (
	"fmt"
	"slices"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

func TestDiffItems(t *testing.T) {
	state := map[string]item{"a": {"alpha", false}, "B": {"beta", false}, "c": {"gamma", false}}
	plan := map[string]item{"a": {"alpha", false}, "b": {"beta+", true}, "d": {"delta", false}}
	c := diffItems(state, plan)
	if !slices.Equal(c.remove, []string{"c"}) || len(c.add) != 1 || *c.add[0].Name != "d" || len(c.change) != 1 || c.change["b"] != (item{"beta+", true}) {
		t.Fatalf("diff = %+v", c)
	}
	if c := diffItems(nil, plan); len(c.add) != 3 || len(c.remove) != 0 {
		t.Fatalf("from nothing: %+v", c)
	}
}

func TestBatches(t *testing.T) {
	names := make([]string, 250)
	for i := range names {
		names[i] = fmt.Sprint(i)
	}
	got := batches(names, itemBatchSize)
	if len(got) != 3 || len(got[0]) != 100 || len(got[2]) != 50 {
		t.Fatalf("batches of %d: %d", len(names), len(got))
	}
	got[0] = append(got[0], "x") // a batch never writes into the next one
	if got[1][0] != "100" {
		t.Fatal("batches share their backing array")
	}
	if batches([]string{}, 100) != nil {
		t.Fatal("no items, no batch")
	}
}

// A read keeps only the items the resource manages (names compared case-insensitively, spelled as in state), unless
// it follows an import.
func TestFlattenItems(t *testing.T) {
	list := []client.RAIBlocklistItem{
		{Name: framework.Ptr("A"), Properties: &client.RAIBlocklistItemProperties{Pattern: framework.Ptr("alpha"), IsRegex: framework.Ptr(false)}},
		{Name: framework.Ptr("other"), Properties: &client.RAIBlocklistItemProperties{Pattern: framework.Ptr("o+"), IsRegex: framework.Ptr(true)}},
	}
	managed := flattenItems(list, map[string]item{"a": {"alpha", false}, "gone": {"x", false}}, false)
	if len(managed) != 1 || managed["a"] != (item{"alpha", false}) {
		t.Fatalf("managed = %v", managed)
	}
	if all := flattenItems(list, nil, true); len(all) != 2 || all["other"] != (item{"o+", true}) {
		t.Fatalf("imported = %v", all)
	}
}
