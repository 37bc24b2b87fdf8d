package crud

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/journal"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

// clockSkew is how far the service's clock (systemData.createdAt) may be from this machine's.
const clockSkew = 5 * time.Minute

// Creation is what a create tells Claim about the object it is about to write.
type Creation struct {
	// Type is the Terraform resource type (foundry_project), for the import advice.
	Type string
	// Object names the object in diagnostics (project).
	Object string
	// ID is the object's ID, as import takes it.
	ID string
	// Parent is the ID of the object it belongs to ("" for an account): a child of a parent this provider has just
	// created is not read first (providerdata.Created says why that is safe).
	Parent string
	// Read reads the object: ErrAbsent, or an error for which client.IsNotFound holds, means there is none;
	// otherwise what the service says of its creation.
	Read func(context.Context) (Origin, error)
	// Advice, when set, is added to the refusal (what else may have made the object).
	Advice string
	// ReadError, when set, reports a failed Read (default: diagnostics.APIError of the create).
	ReadError func(error) diag.Diagnostic
}

// ErrAbsent is what a Creation's Read returns when it found no object without a 404 (it listed them).
var ErrAbsent = errors.New("no such object")

// Origin is what the service says of an object's creation (ARM's systemData); zero values when it says nothing.
type Origin struct {
	CreatedAt time.Time
	CreatedBy string
}

// OriginOf reads ARM's systemData.
func OriginOf(sd *client.SystemData) Origin {
	var o Origin
	if sd == nil {
		return o
	}
	if sd.CreatedAt != nil {
		o.CreatedAt, _ = time.Parse(time.RFC3339Nano, *sd.CreatedAt)
	}
	if sd.CreatedBy != nil {
		o.CreatedBy = *sd.CreatedBy
	}
	return o
}

// Claimed is a create that Claim let go ahead.
type Claimed struct {
	d  *providerdata.Data
	id string
	// Adopted: the object exists, made by this working directory's own interrupted create; the create writes it
	// again (or takes it as it is) instead of refusing it.
	Adopted bool
	// New: the object did not exist (or its parent is new): the create makes it.
	New bool
}

// Claim runs before a create's first write, after the write lock: it refuses to take over an object somebody else
// made (issue 14). It reads the object (not under a parent this provider has just created, which is new and so has
// no children but this run's):
//
//   - none: the create goes ahead, recorded in the working directory's journal first, so that if Terraform is
//     killed before it saves the object, the next apply knows the object is its own;
//   - one this working directory's journal says it started creating, made within that create's time (systemData),
//     and, when the service names the creator, by this provider's client: the create resumes it (Adopted);
//   - any other: the create fails with the import block and command that take it over explicitly.
//
// ok is false when the create must stop (the reason is on diags). The create defers Done.
func Claim(ctx context.Context, d *providerdata.Data, c Creation, diags *diag.Diagnostics) (*Claimed, bool) {
	cl := &Claimed{d: d, id: c.ID}
	switch {
	case c.Parent != "" && d.Created.Has(c.Parent):
		tflog.Debug(ctx, "Not reading before the create: the parent was created by this run", map[string]any{"parent_id": c.Parent})
		cl.New = true
	default:
		origin, err := c.Read(ctx)
		switch {
		case errors.Is(err, ErrAbsent) || client.IsNotFound(err):
			cl.New = true
		case err != nil && c.ReadError != nil:
			diags.Append(c.ReadError(err))
			return nil, false
		case err != nil:
			diags.Append(diagnostics.APIError(diagnostics.Creating, c.Object, c.ID, err))
			return nil, false
		default:
			entry, found := d.Journal.Lookup(c.ID)
			why := ""
			switch {
			case !found, entry.Held:
			case !within(origin.CreatedAt, entry):
				why = "It was created at " + origin.CreatedAt.Format(time.RFC3339) + ", outside the create this working directory started at " +
					entry.Started.Format(time.RFC3339) + "."
				found = false
			case !sameCreator(origin.CreatedBy, d.ClientID):
				why = "It was created by " + origin.CreatedBy + ", not by this provider's client " + d.ClientID + "."
				found = false
			}
			if !found {
				diags.Append(diagnostics.AlreadyExists(c.Type, c.Object, c.ID, strings.TrimSpace(why+" "+c.Advice)))
				return nil, false
			}
			tflog.Warn(ctx, "Resuming an interrupted create of this working directory: the object exists and Terraform never saved it",
				map[string]any{"started": entry.Started.Format(time.RFC3339)})
			diags.Append(diagnostics.ResumedCreate(c.Object, c.ID))
			cl.Adopted = true
		}
	}
	now := time.Now()
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = now.Add(time.Hour)
	}
	if err := d.Journal.Begin(journal.Entry{ID: c.ID, Type: c.Type, Started: now, Deadline: deadline}); err != nil {
		tflog.Warn(ctx, "Could not record the create in the working directory's journal; if Terraform is killed before it saves the "+
			"object, the next apply will refuse it and ask for an import", map[string]any{"error": err.Error(), "journal": d.Journal.Path()})
	}
	return cl, true
}

// Done ends a claimed create (deferred by Create after its timeout's cancel, so that it runs first): once the object is in the state
// Create returns (done or tainted), Terraform holds it and the journal entry goes; a new object is recorded for its
// children's creates. When the create was interrupted (Terraform stopped the provider, or went away), or failed
// without saving the object, the entry stays: the object may exist, and the next apply resumes it.
func (c *Claimed) Done(ctx context.Context, state *tfsdk.State, diags *diag.Diagnostics) {
	if c == nil {
		return
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return
	}
	var id types.String
	if state == nil || state.Raw.IsNull() || state.GetAttribute(ctx, path.Root("id"), &id).HasError() || id.ValueString() == "" {
		return
	}
	if err := c.d.Journal.Forget(c.id); err != nil {
		tflog.Warn(ctx, "Could not remove the create from the working directory's journal", map[string]any{"error": err.Error()})
	}
	if c.New && !diags.HasError() {
		c.d.Created.Add(c.id)
	}
}

// RemovePartial removes from state a composite object that a read found partly missing (apply re-creates it), and
// records in the working directory's journal that what is left of it is this configuration's: the re-create's Claim
// then resumes it instead of refusing its remaining parts.
func RemovePartial(ctx context.Context, d *providerdata.Data, state *tfsdk.State, tfType, id string) {
	state.RemoveResource(ctx)
	if d == nil {
		return
	}
	now := time.Now()
	if err := d.Journal.Begin(journal.Entry{ID: id, Type: tfType, Started: now, Deadline: now, Held: true}); err != nil {
		tflog.Warn(ctx, "Could not record the partly missing object in the working directory's journal; the next apply will refuse "+
			"what is left of it and ask for an import", map[string]any{"error": err.Error()})
	}
}

// Resumable reports whether the working directory's journal holds a create of id that Terraform may not have saved:
// a plan-time check that refuses an existing object lets this one through, and the create decides (Claim).
func Resumable(d *providerdata.Data, id string) bool {
	if d == nil {
		return false
	}
	_, ok := d.Journal.Lookup(id)
	return ok
}

// within reports whether an object created at createdAt (zero: the service does not say) can be the one the create
// of entry made: after it started and before its timeout ended, give or take the clocks' skew.
func within(createdAt time.Time, e journal.Entry) bool {
	if createdAt.IsZero() {
		return true
	}
	return !createdAt.Before(e.Started.Add(-clockSkew)) && !createdAt.After(e.Deadline.Add(clockSkew))
}

// sameCreator reports whether the creator the service names can be this provider's client: unknown on either side
// counts as the same; ARM names an application by its client ID.
func sameCreator(createdBy, clientID string) bool {
	return createdBy == "" || clientID == "" || strings.EqualFold(createdBy, clientID)
}
