// Package capabilityhost manages capability hosts, where the Foundry Agent Service runs, at account and project scope
// (Microsoft.CognitiveServices/accounts/capabilityHosts and accounts/projects/capabilityHosts).
package capabilityhost

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/poll"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/agentsubnet"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/lookups"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/waits"
)

const (
	accountObject      = "account capability host"
	accountImportShape = accountExample + "/capabilityHosts/{name}"
)

// accountIdentity is the resource identity: the pieces of the ID.
var accountIdentity = resourceidentity.New("account capability host", resourceidentity.Account+"/capabilityHosts/{name}")

var (
	_ resource.ResourceWithConfigure   = (*accountHostResource)(nil)
	_ resource.ResourceWithImportState = (*accountHostResource)(nil)
	_ resource.ResourceWithIdentity    = (*accountHostResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*accountHostResource)(nil)
)

type accountHostResource struct{ providerdata.ResourceBase }

// NewAccountResource returns the foundry_account_capability_host resource.
func NewAccountResource() resource.Resource { return &accountHostResource{} }

func (r *accountHostResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_capability_host"
}

func (r *accountHostResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = accountSchema(ctx)
}

func (r *accountHostResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	accountIdentity.Schema(ctx, req, resp)
}

// ModifyPlan refuses, for a create, a second capability host in an account (one Azure has under another name, or one
// more in this plan), connection names that name no connection of the account, and a customer subnet that is not the
// account's agent subnet (or, for an account without network injection, not a subnet the Agent Service can use).
func (r *accountHostResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() || r.Data.PlanChecksOff() {
		return
	}
	var plan accountHostModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	if plan.AccountID.IsUnknown() || plan.Name.IsUnknown() {
		return
	}
	account, err := client.ParseAccountID(plan.AccountID.ValueString())
	if err != nil {
		return // the attribute validator reports it
	}
	claimScope(r.Data, "account", account.String(), plan.Name.ValueString(), &resp.Diagnostics)
	checkConnections(ctx, r.Data, account, nil, plan.connectionsModel, &resp.Diagnostics)
	if !plan.CustomerSubnetID.IsNull() && !plan.CustomerSubnetID.IsUnknown() {
		r.checkCustomerSubnet(ctx, account, plan.CustomerSubnetID.ValueString(), &resp.Diagnostics)
	}
	hosts, err := r.Data.Client.ListAccountCapabilityHosts(ctx, account)
	if client.IsNotFound(err) {
		return // the account is created in the same apply
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("account's capability hosts", "account", account.String(), err))
		return
	}
	body, _ := expandAccountHost(ctx, plan)
	existing := make([]existingHost, 0, len(hosts))
	for _, h := range hosts {
		existing = append(existing, existingHost{name: framework.Deref(h.Name), sameSettings: sameAccountHost(body, h)})
	}
	checkScopeFree(ctx, "account", account.String(), plan.Name.ValueString(), existing, &resp.Diagnostics)
}

// checkCustomerSubnet checks customer_subnet_id against the account, in Azure or in this plan. A network-injected
// account has its agent subnet (and a capability host the service made for it): another subnet is a mistake. An
// account without injection gets its agent subnet through the host (the samples' createCapHost.sh, the spec's
// AccountCapabilityHost example), so the subnet must meet the Agent Service's rules, as network_injection's does.
func (r *accountHostResource) checkCustomerSubnet(ctx context.Context, account client.AccountID, subnet string, diags *diag.Diagnostics) {
	p := path.Root("customer_subnet_id")
	var location, injected string
	isInjected := false
	acc, err := lookups.Account(ctx, r.Data, account)
	switch {
	case client.IsNotFound(err):
		planned, ok := r.Data.Planned.Account(account.String())
		if !ok {
			return
		}
		location, isInjected, injected = planned.Location, planned.Injected, planned.InjectionSubnet
	case err != nil:
		diags.Append(diagnostics.CheckSkipped("customer subnet", "account", account.String(), err))
		return
	default:
		location = framework.Deref(acc.Location)
		if acc.Properties != nil {
			for _, n := range acc.Properties.NetworkInjections {
				if n.Scenario != nil && strings.EqualFold(string(*n.Scenario), string(client.ScenarioTypeAgent)) {
					isInjected, injected = true, framework.Deref(n.SubnetArmID)
				}
			}
		}
	}
	if isInjected {
		if !strings.EqualFold(strings.TrimSuffix(injected, "/"), strings.TrimSuffix(subnet, "/")) {
			diags.Append(diagnostics.InvalidAttribute(p, "Not the account's agent subnet",
				fmt.Sprintf("Account %q injects its agents into %q (network_injection), and its capability host can only use that subnet; %q is another. "+
					"Set customer_subnet_id = foundry_account.<name>.network_injection.subnet_id, or leave it out.", account.Name, injected, subnet)))
		}
		return
	}
	agentsubnet.Check(ctx, r.Data.Client, subnet, location, account.String(), p, diags)
}

func (r *accountHostResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer accountIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan accountHostModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, DefaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	account, err := client.ParseAccountID(plan.AccountID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewAccountCapabilityHostID(account, plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	body, d := expandAccountHost(ctx, plan)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	unlock, ok := crud.Lock(ctx, account.String(), diagnostics.Creating, accountObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()

	hosts, err := r.Data.Client.ListAccountCapabilityHosts(ctx, account)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, accountObject, id.String(), err, hostConflict))
		return
	}
	var existing *client.CapabilityHost
	for _, h := range hosts {
		if name := framework.Deref(h.Name); !strings.EqualFold(name, id.Name) {
			resp.Diagnostics.Append(taken(path.Root("name"), "account", account.String(), account.String()+"/capabilityHosts/"+name))
			return
		}
		existing = &h
	}
	if existing != nil && implicitHost(account, id.Name) && sameAccountHost(body, *existing) {
		// The service made it for the account's network injection: it comes with the account, not from anybody else.
		tflog.Warn(ctx, "The account's network injection made this capability host with the configured settings; taking it into state",
			map[string]any{"provisioning_state": framework.Deref(existing.Properties.ProvisioningState)})
		flattenAccountHost(id, *existing, &plan)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	// The list above is the read that refuses taking over a host somebody else made.
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_account_capability_host", Object: accountObject, ID: id.String(),
		Read: func(context.Context) (crud.Origin, error) {
			if existing == nil {
				return crud.Origin{}, crud.ErrAbsent
			}
			return crud.OriginOf(existing.SystemData), nil
		}}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	if existing != nil {
		if !sameAccountHost(body, *existing) {
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("name"), "Capability host exists with other settings",
				fmt.Sprintf("Account capability host %q exists, and its kind, subnet or connections differ from the configuration. Azure cannot "+
					"update a capability host: delete it, then apply again.", id.String())))
			return
		}
		flattenAccountHost(id, *existing, &plan)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}

	poller, err := r.Data.Client.BeginCreateOrUpdateAccountCapabilityHost(ctx, id, body)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, accountObject, id.String(), err, hostConflict))
		return
	}
	// Track the host before the long wait: a failed or interrupted create leaves it tainted, not leaked.
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "account_id", plan.AccountID, id.Name)...)
	got, err := client.Wait(ctx, r.Data.Client, poller)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Creating, accountObject, id.String(), err, hostConflict))
		return
	}
	flattenAccountHost(id, got, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *accountHostResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer accountIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state accountHostModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseAccountCapabilityHostID, accountObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.ReadAccountCapabilityHost(ctx, id) // from the account's list in a refresh
	if crud.RemoveIfGone(ctx, err, &resp.State, "Account capability host") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, accountObject, id.String(), err))
		return
	}
	flattenAccountHost(id, got, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update only records new timeouts: every argument forces replacement.
func (r *accountHostResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer accountIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	recordTimeouts[accountHostModel](ctx, req, resp)
}

func (r *accountHostResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state accountHostModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, DefaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseAccountCapabilityHostID, accountObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	// The order project hosts → account host is the provider's to keep, not the configuration's depends_on.
	if err := r.waitForProjectHosts(ctx, id.AccountID); err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, accountObject, id.String(), err))
		return
	}
	unlock, ok := crud.Lock(ctx, id.AccountID.String(), diagnostics.Deleting, accountObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	if err := crud.Delete(ctx, r.Data.Client, id, r.Data.Client.BeginDeleteAccountCapabilityHost, r.Data.Client.GetAccountCapabilityHostByID, accountObject); err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, accountObject, id.String(), err))
	}
}

// waitForProjectHosts polls the account's projects until none has a capability host. Each host that goes restarts
// the bound, waits.delete_ordering: hosts that nobody is deleting (not in this configuration) fail the delete with
// their IDs instead of holding it until the delete timeout.
func (r *accountHostResource) waitForProjectHosts(ctx context.Context, account client.AccountID) error {
	run := waits.Stall(ctx, waits.DeleteOrdering, r.Data.Waits.DeleteOrdering,
		"the capability hosts of the account's projects to be deleted before the account's capability host")
	seen := -1
	err := poll.Until(ctx, func(ctx context.Context) (bool, error) {
		remaining, err := projectHostsOf(ctx, r.Data.Client, account)
		if client.IsNotFound(err) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		if len(remaining) == 0 {
			return true, nil
		}
		if seen >= 0 && len(remaining) < seen {
			run.Progressed()
		}
		seen = len(remaining)
		run.Pending(strings.Join(remaining, ", "))
		if run.Stalled() {
			return false, run.Exceeded(nil)
		}
		return false, nil
	}, run.OnWait)
	var te *poll.TimeoutError
	if errors.As(err, &te) {
		return run.Exceeded(nil)
	}
	return err
}

// projectHostsOf returns the IDs of the capability hosts of every project of account.
func projectHostsOf(ctx context.Context, api *client.Client, account client.AccountID) ([]string, error) {
	projects, err := api.ListProjects(ctx, account)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range projects {
		pid, err := client.ParseProjectID(framework.Deref(p.ID))
		if err != nil {
			continue
		}
		hosts, err := api.ListProjectCapabilityHosts(ctx, pid)
		if client.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, h := range hosts {
			out = append(out, framework.Deref(h.ID))
		}
	}
	return out, nil
}

func (r *accountHostResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := accountIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer accountIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseAccountCapabilityHostID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, accountImportShape, err))
		return
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "account_id", id.AccountID.String(), id.Name)...)
}

// implicitHost reports whether name is the capability host the service makes for a network-injected account.
func implicitHost(account client.AccountID, name string) bool {
	return strings.EqualFold(name, account.Name+"@aml_aiagentservice")
}
