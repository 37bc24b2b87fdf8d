// Package raicheck answers, at plan time, whether an account has a RAI (content filter) policy or blocklist of a
// name, or whether the plan being made creates it: foundry_deployment checks its rai_policy_name with it,
// foundry_rai_policy its base policy and blocklists. Terraform plans a resource after the resources it references,
// so a foundry_rai_policy or foundry_rai_blocklist that a plan creates records its name (Planned) before the
// resources that reference it ask (Check). A name typed as a literal, without the reference, may be asked for first:
// then Terraform could also create the referencing resource first, and the check's error says to reference it.
package raicheck

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/locks"
	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

// Kind is what is looked up: RAI policies or RAI blocklists.
type Kind string

// Kinds.
const (
	Policy    Kind = "RAI policy"
	Blocklist Kind = "RAI blocklist"
)

const (
	// listTTL bounds how long the provider's memo keeps an account's policy or blocklist names: one plan of many
	// deployments lists each account once.
	listTTL = time.Minute
)

// BuiltinPolicies are the policies every account has (client.RAIPolicyNameDefault and …V2).
var BuiltinPolicies = []string{client.RAIPolicyNameDefault, client.RAIPolicyNameDefaultV2}

// Planned records, in the plan's record of what it creates (providerdata.Planned), that the plan being made creates
// or keeps the policy or blocklist name of account.
func Planned(data *providerdata.Data, kind Kind, account client.AccountID, name string) {
	data.Planned.Claim(string(kind), account.String(), name)
}

func isPlanned(data *providerdata.Data, kind Kind, account client.AccountID, name string) bool {
	return slices.ContainsFunc(data.Planned.Claimed(string(kind), account.String()), func(n string) bool { return strings.EqualFold(n, name) })
}

// Result is the answer of Check.
type Result struct {
	// Found: the account has the name (a built-in policy counts), or the plan creates it.
	Found bool
	// AccountMissing: the account does not exist yet, so nothing was checked (the service checks at apply).
	AccountMissing bool
	// Err: the names could not be read; the check was skipped.
	Err error
	// Names are the account's names of kind, for the error message (built-in policies first).
	Names []string
}

// Check tells whether account has the policy or blocklist name (names compare case-insensitively).
func Check(ctx context.Context, data *providerdata.Data, kind Kind, account client.AccountID, name string) Result {
	if kind == Policy && slices.ContainsFunc(BuiltinPolicies, func(b string) bool { return strings.EqualFold(b, name) }) {
		return Result{Found: true}
	}
	if isPlanned(data, kind, account, name) {
		return Result{Found: true}
	}
	names, err := providerdata.Remember(ctx, data.Memo, "rai-names|"+string(kind)+"|"+account.String(), listTTL, func(ctx context.Context) ([]string, error) {
		return list(ctx, data.Client, kind, account)
	})
	switch {
	case client.IsNotFound(err):
		return Result{AccountMissing: true}
	case err != nil:
		return Result{Err: err}
	}
	return Result{Found: slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, name) }), Names: names}
}

// list reads the names of an account's policies (the built-in ones first, whether the service lists them or not)
// or blocklists.
func list(ctx context.Context, api *client.Client, kind Kind, account client.AccountID) ([]string, error) {
	var names []string
	if kind == Policy {
		names = slices.Clone(BuiltinPolicies)
		policies, err := api.ListRAIPolicies(ctx, account)
		if err != nil {
			return nil, err
		}
		for _, p := range policies {
			if n := deref(p.Name); n != "" && !slices.ContainsFunc(names, func(b string) bool { return strings.EqualFold(b, n) }) {
				names = append(names, n)
			}
		}
		return names, nil
	}
	lists, err := api.ListRAIBlocklists(ctx, account)
	if err != nil {
		return nil, err
	}
	for _, b := range lists {
		if n := deref(b.Name); n != "" {
			names = append(names, n)
		}
	}
	return names, nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Message is the detail of a name not found: what the account has, and how to use one the configuration creates.
func Message(kind Kind, account client.AccountID, name string, r Result, resourceType string) string {
	have := "none"
	if len(r.Names) > 0 {
		have = strings.Join(r.Names, ", ")
	}
	return "Account " + quote(account.Name) + " has no " + string(kind) + " named " + quote(name) + ". Valid names: " + have + ". " +
		"To use one this configuration creates, reference it (" + resourceType + ".<label>.name) rather than typing its name, " +
		"so that Terraform creates it first."
}

func quote(s string) string { return "\"" + s + "\"" }

// inUseCodes are the error codes of a 409 refusing to delete a policy that deployments use, or a blocklist that
// policies use (the emulator's codes: Azure's are not established).
var inUseCodes = map[string]bool{"raipolicyinuse": true, "raiblocklistinuse": true}

// InUse reports whether err refuses a delete because the object is still in use.
func InUse(err error) bool {
	return client.IsConflict(err) && inUseCodes[strings.ToLower(client.ErrorCode(err))]
}

// DeleteWhenUnused runs del under the account's write lock. While the service refuses because deployments (or
// policies) still use the object, it waits for them to go, without the lock, until ctx ends: Terraform deletes the
// users first when they reference the object, but deletes both at once when a configuration only types its name.
func DeleteWhenUnused(ctx context.Context, account client.AccountID, del func(context.Context) error) error {
	var refused error
	err := poll.Until(ctx, func(ctx context.Context) (bool, error) {
		unlock, err := locks.Hold(ctx, account.String())
		if err != nil {
			return false, err
		}
		err = del(ctx)
		unlock()
		if InUse(err) {
			refused = err
			tflog.Debug(ctx, "Still in use; waiting for its users to be deleted", map[string]any{"error_code": client.ErrorCode(err)})
			return false, nil
		}
		return true, err
	}, nil)
	var te *poll.TimeoutError
	if errors.As(err, &te) && refused != nil {
		return refused
	}
	return err
}
