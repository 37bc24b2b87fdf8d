// Package providerdata is what the configured provider hands to every resource and data source: the API client, the
// subscription, the opt-in features and the plan-time memo, all created in Configure and gone with it.
package providerdata

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/journal"
)

// Features are the provider's opt-in behaviours (the features block).
type Features struct {
	PurgeSoftDeleteOnDestroy bool
	RecoverSoftDeleted       bool
}

// Waits bound the provider's waits on Azure's eventual consistency (the provider's waits block); each is far below the
// resource timeouts where Azure is known to be quick.
type Waits struct {
	// PrincipalReplication: a new principal becoming known to role assignments (400 PrincipalNotFound).
	PrincipalReplication time.Duration
	// RolePropagation: a new role assignment readable in ARM and effective on the project data plane.
	RolePropagation time.Duration
	// CapabilityHostReady: the project identity's new roles effective on Cosmos DB, Storage and AI Search, so that
	// the standard setup's capability host provisions.
	CapabilityHostReady time.Duration
	// SubnetLinkRelease: the agent subnet's service association link released after the account is purged.
	SubnetLinkRelease time.Duration
	// DeleteOrdering: without progress, the objects that must be deleted first going away (the account's other
	// projects before its default project; the projects' capability hosts before the account's).
	DeleteOrdering time.Duration
}

// DefaultWaits are the bounds when the waits block does not set them. Principal replication takes seconds to a few
// minutes; Azure documents up to 10 minutes for role assignments to take effect; the subnet link is usually released
// within 20 minutes of the purge (foundry-samples, network-secured agent setup).
func DefaultWaits() Waits {
	return Waits{
		PrincipalReplication: 5 * time.Minute,
		RolePropagation:      15 * time.Minute,
		CapabilityHostReady:  15 * time.Minute,
		SubnetLinkRelease:    30 * time.Minute,
		DeleteOrdering:       5 * time.Minute,
	}
}

// Data is what Configure hands to every resource and data source.
type Data struct {
	Client         *client.Client
	SubscriptionID string
	Features       Features
	Waits          Waits
	// Memo keeps what plan-time checks read from Azure for a short while, for this configured provider only.
	Memo *Memo
	// Planned records what this plan creates, for the checks of the resources planned after it.
	Planned *Planned
	// Journal records the creates this provider starts in the Terraform working directory, until Terraform holds
	// the object: an interrupted create of its own is told apart from an object somebody else made.
	Journal *journal.Journal
	// Created records what this provider created in this run, so that children of a new parent skip the read that
	// refuses a takeover.
	Created *Created
	// ClientID is the client (application) ID the provider signs in with, when a setting names it: an object whose
	// systemData names another creator is not an interrupted create of this configuration.
	ClientID string
	// Run names the Terraform command that started the provider (framework.CLIRun; "" when it cannot be named), so
	// that the apply-time plan knows the checks the plan of the same command ran (PlanChecked).
	Run string
	// Destroying is set when the Terraform command destroys (terraform destroy, apply or plan -destroy): its plans
	// only delete, and the normal plan Terraform runs before them is discarded, so ModifyPlan checks nothing.
	Destroying bool
}

// PlanChecksOff reports whether ModifyPlan should leave the plan alone: the provider is not configured yet, or the
// command destroys. A check that exists to stop a bad create or update must not block a destroy (issue 13).
func (d *Data) PlanChecksOff() bool {
	return d == nil || d.Destroying
}

// New returns the data of a freshly configured provider, with an empty memo.
func New(c *client.Client, subscriptionID string, features Features, waits Waits) *Data {
	return &Data{Client: c, SubscriptionID: subscriptionID, Features: features, Waits: waits, Memo: NewMemo(time.Now), Planned: NewPlanned(),
		Created: NewCreated()}
}

// Unpack is the one type assertion of provider data, for a resource's or data source's Configure; nil means "not
// configured yet" (Terraform calls Configure before the provider is configured, e.g. at validate).
func Unpack(data any, diags *diag.Diagnostics) *Data {
	if data == nil {
		return nil
	}
	d, ok := data.(*Data)
	if !ok {
		diags.Append(diagnostics.Bug(fmt.Sprintf("Expected *providerdata.Data as provider data, got %T.", data)))
		return nil
	}
	return d
}
