// Package crud holds the steps that every resource's CRUD methods repeat: parsing the ID kept in state, recording the
// ID before a long create, taking the account's write lock, dropping a resource that a read no longer finds, and
// deleting an object then waiting until reads no longer find it. Each is a plain function: a resource still reads
// top to bottom, and calls them where its own order needs them.
package crud

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/locks"
	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
)

// ParseStateID parses the ID a resource keeps in state with parse (e.g. client.ParseProjectID). The provider wrote
// that ID, so a malformed one is a provider bug, reported on diags; what names the object ("project").
func ParseStateID[T any](s string, parse func(string) (T, error), what string, diags *diag.Diagnostics) (T, bool) {
	id, err := parse(s)
	if err != nil {
		diags.Append(diagnostics.Bug("The " + what + " ID in state is malformed: " + err.Error()))
		return id, false
	}
	return id, true
}

// SetIDs records what identifies an object in state: its ID, its parent's ID (the attribute parentAttr) and its
// name (the Terraform resource identity is saved next to it by the resource, with package resourceidentity). Create calls it before a long wait, so that an interrupted or failed create leaves the resource tainted
// rather than leaked; ImportState calls it with the parts of the imported ID.
func SetIDs(ctx context.Context, state *tfsdk.State, id, parentAttr string, parentID any, name string) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(state.SetAttribute(ctx, path.Root("id"), id)...)
	diags.Append(state.SetAttribute(ctx, path.Root(parentAttr), parentID)...)
	diags.Append(state.SetAttribute(ctx, path.Root("name"), name)...)
	return diags
}

// RemoveIfGone reports whether a read's err is a 404: the object no longer exists (deleted out of band), so the
// resource is removed from state, with a warning, and the next plan creates it again. what names the object in the
// log ("Project").
func RemoveIfGone(ctx context.Context, err error, state *tfsdk.State, what string) bool {
	if !client.IsNotFound(err) {
		return false
	}
	tflog.Warn(ctx, what+" no longer exists; removing it from state")
	state.RemoveResource(ctx)
	return true
}

// Delete runs the delete begin(id) and waits for it, a 404 counting as done, so that what depends on the object (its
// parent's delete, a replacement under the same name, freed quota) can go next. A long-running delete whose operation
// reported success is done: the service says the object is gone, and no read confirms it (issue 18). A delete the
// service answered at once (200 or 204, no operation) is only accepted, and some types linger briefly after it: then
// Delete waits until get(id) answers 404. Callers hold whatever lock the write needs. what names the object in the log
// ("deployment").
func Delete[ID, T, G any](ctx context.Context, api *client.Client, id ID, begin func(context.Context, ID) (*runtime.Poller[T], error),
	get func(context.Context, ID) (G, error), what string) error {
	lro, err := Begin(ctx, api, id, begin)
	switch {
	case client.IsNotFound(err):
		return nil
	case err != nil:
		return err
	case lro:
		return nil
	}
	return WaitGone(ctx, Exists(id, get, what))
}

// Begin runs the delete begin(id) and waits for its operation; lro reports whether there was one (the service did
// not answer at once), in which case its success means the object is gone.
func Begin[ID, T any](ctx context.Context, api *client.Client, id ID, begin func(context.Context, ID) (*runtime.Poller[T], error)) (lro bool, err error) {
	poller, err := begin(ctx, id)
	if err != nil {
		return false, err
	}
	lro = !poller.Done()
	_, err = client.Wait(ctx, api, poller)
	return lro, err
}

// Exists turns the read get(id) into the question WaitGone asks: a 404 means gone, success means still there.
func Exists[ID, G any](id ID, get func(context.Context, ID) (G, error), what string) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		_, err := get(ctx, id)
		if client.IsNotFound(err) {
			return false, nil
		}
		tflog.Debug(ctx, "Waiting for the deleted "+what+" to disappear")
		return err == nil, err
	}
}

// WaitGone calls exists until it reports false, on the provider's one polling schedule (poll.NextDelay), until ctx
// ends: the resource's timeout bounds the wait, never a fixed sleep.
func WaitGone(ctx context.Context, exists func(context.Context) (bool, error)) error {
	err := poll.Until(ctx, func(ctx context.Context) (bool, error) {
		present, err := exists(ctx)
		return !present, err
	}, nil)
	var te *poll.TimeoutError
	if errors.As(err, &te) {
		return fmt.Errorf("still present when the timeout ended (waited %s)", te.Waited.Round(time.Second))
	}
	return err
}

// Lock takes the write lock of key (an account's ID: the service runs one write at a time per account) for the
// operation op on the object id. When the resource's timeout ends while another write holds it, Lock reports that
// on diags and returns false.
func Lock(ctx context.Context, key string, op diagnostics.Operation, object, id string, diags *diag.Diagnostics) (unlock func(), ok bool) {
	unlock, err := locks.Hold(ctx, key)
	if err != nil {
		diags.Append(diagnostics.APIError(op, object, id, err))
		return nil, false
	}
	return unlock, true
}
