package crud_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/foundrytf/terraform-provider-foundry/internal/journal"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
)

const (
	id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a/projects/p"
	parent = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a"
	us     = "22222222-2222-2222-2222-222222222222"
)

func newData(t *testing.T) *providerdata.Data {
	d := providerdata.New(nil, "s", providerdata.Features{}, providerdata.DefaultWaits())
	d.Journal, d.ClientID = journal.At(t.TempDir(), time.Now), us
	return d
}

func creation(read func(context.Context) (crud.Origin, error)) crud.Creation {
	return crud.Creation{Type: "foundry_project", Object: "project", ID: id, Parent: parent, Read: read}
}

func absent(context.Context) (crud.Origin, error) { return crud.Origin{}, crud.ErrAbsent }

// stateWithID is a resource state holding only an ID, as a create leaves it once the object is saved.
func stateWithID(t *testing.T, v string) *tfsdk.State {
	s := tfsdk.State{Schema: schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}}}}
	s.Raw = tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}},
		map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, v)})
	return &s
}

// Issue 14: an absent object is created (and journaled until Terraform holds it), an existing one refused with the
// import advice, this working directory's interrupted create resumed, and a child of a parent this run created is not
// read at all.
func TestClaim(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	d := newData(t)

	var diags diag.Diagnostics
	cl, ok := crud.Claim(ctx, d, creation(absent), &diags)
	if !ok || !cl.New || cl.Adopted || !crud.Resumable(d, id) {
		t.Fatalf("absent: %+v %v %v", cl, ok, diags)
	}
	// The object was made now, by this client: resumed while the entry is there.
	made := func(context.Context) (crud.Origin, error) {
		return crud.Origin{CreatedAt: time.Now(), CreatedBy: us}, nil
	}
	if cl, ok := crud.Claim(ctx, d, creation(made), &diags); !ok || !cl.Adopted {
		t.Fatalf("resume: %+v %v %v", cl, ok, diags)
	}
	for name, read := range map[string]func(context.Context) (crud.Origin, error){
		"before the create": func(context.Context) (crud.Origin, error) {
			return crud.Origin{CreatedAt: time.Now().Add(-time.Hour)}, nil
		},
		"another client": func(context.Context) (crud.Origin, error) {
			return crud.Origin{CreatedAt: time.Now(), CreatedBy: "44444444-4444-4444-4444-444444444444"}, nil
		},
	} {
		var diags diag.Diagnostics
		if _, ok := crud.Claim(ctx, d, creation(read), &diags); ok || !strings.Contains(diags[0].Detail(), "import {") {
			t.Errorf("%s: not refused: %v", name, diags)
		}
	}
	// Done with the object in state: the entry goes, and the object counts as this run's for its children.
	cl.Done(ctx, stateWithID(t, id), &diag.Diagnostics{})
	if crud.Resumable(d, id) || !d.Created.Has(id) {
		t.Fatal("Done did not forget the entry or record the new object")
	}
	diags = nil
	if _, ok := crud.Claim(ctx, d, creation(made), &diags); ok {
		t.Fatal("an existing object was resumed without a journal entry")
	}
	// Under a parent this run created, nothing is read.
	d.Created.Add(parent)
	read := func(context.Context) (crud.Origin, error) {
		t.Fatal("read under a new parent")
		return crud.Origin{}, nil
	}
	if cl, ok := crud.Claim(ctx, d, creation(read), &diags); !ok || !cl.New {
		t.Fatalf("under a new parent: %+v %v", cl, ok)
	}
}

// A create that Terraform stopped (its context canceled) keeps its entry: the object may exist, unsaved.
func TestDoneKeepsEntryWhenInterrupted(t *testing.T) {
	d := newData(t)
	ctx, cancel := context.WithCancel(context.Background())
	var diags diag.Diagnostics
	cl, _ := crud.Claim(ctx, d, creation(absent), &diags)
	cancel()
	cl.Done(ctx, stateWithID(t, id), &diags)
	if !crud.Resumable(d, id) {
		t.Fatal("the entry of an interrupted create was removed")
	}
}
