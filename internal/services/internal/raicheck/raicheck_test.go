package raicheck_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/raicheck"
)

var account = client.NewAccountID("s", "g", "a")

// A delete refused because the object is in use is tried again, and its last refusal is the error when the time runs
// out; any other error ends it at once.
func TestDeleteWhenUnused(t *testing.T) {
	inUse := &azcore.ResponseError{StatusCode: 409, ErrorCode: "RaiPolicyInUse"}
	calls := 0
	err := raicheck.DeleteWhenUnused(t.Context(), account, func(context.Context) error {
		if calls++; calls < 3 {
			return inUse
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Fatalf("err = %v after %d calls, want nil after 3", err, calls)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 1500*time.Millisecond)
	defer cancel()
	if err := raicheck.DeleteWhenUnused(ctx, account, func(context.Context) error { return inUse }); !errors.Is(err, inUse) {
		t.Fatalf("err = %v, want the refusal", err)
	}
	other := &azcore.ResponseError{StatusCode: 409, ErrorCode: "RequestConflict"}
	calls = 0
	if err := raicheck.DeleteWhenUnused(t.Context(), account, func(context.Context) error { calls++; return other }); !errors.Is(err, other) || calls != 1 {
		t.Fatalf("err = %v after %d calls, want the other error at once", err, calls)
	}
}

// A name planned earlier in the same plan counts; built-in policies always do; nothing else without asking Azure.
func TestPlanned(t *testing.T) {
	data := providerdata.New(nil, "s", providerdata.Features{}, providerdata.DefaultWaits())
	raicheck.Planned(data, raicheck.Policy, account, "Strict")
	for _, tc := range []struct {
		kind raicheck.Kind
		name string
	}{{raicheck.Policy, "strict"}, {raicheck.Policy, "microsoft.defaultv2"}} {
		if r := raicheck.Check(t.Context(), data, tc.kind, account, tc.name); !r.Found {
			t.Errorf("%s %q not found", tc.kind, tc.name)
		}
	}
	if raicheck.InUse(&azcore.ResponseError{StatusCode: 400, ErrorCode: "RaiPolicyInUse"}) {
		t.Error("only a 409 refuses for being in use")
	}
}
