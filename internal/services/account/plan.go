package account

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/identity"
)

// ValidateConfig checks rules that involve several attributes; it runs at validate and plan time, without the API.
func (r *accountResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m accountModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	projects := m.ProjectManagementEnabled.IsNull() || m.ProjectManagementEnabled.ValueBool()
	if projects && !m.ProjectManagementEnabled.IsUnknown() && m.Identity == nil {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("identity"), "Project management needs a managed identity",
			"project_management_enabled is true (the default), and Foundry projects need the account to have a managed identity. "+
				`Add identity { type = "SystemAssigned" } (or a user-assigned identity), or set project_management_enabled = false.`))
	}
	identity.Validate(m.Identity, &resp.Diagnostics)
	validateNetworkInjection(m.NetworkInjection, &resp.Diagnostics)
	if !m.AllowedFQDNs.IsNull() && !m.OutboundNetworkAccessRestricted.IsUnknown() && !m.OutboundNetworkAccessRestricted.ValueBool() {
		resp.Diagnostics.Append(diagnostics.AttributeWarning(path.Root("allowed_fqdns"), "allowed_fqdns has no effect",
			"allowed_fqdns only limits outbound calls when outbound_network_access_restricted = true."))
	}
}

// ModifyPlan checks, before anything is created, what only Azure knows: the location, the resource group (planNew),
// and the trap users hit most, a name or subdomain held by a soft-deleted account. It needs the API, so it runs at
// plan time only for creates with known values.
func (r *accountResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Data.PlanChecksOff() {
		return
	}
	if !req.State.Raw.IsNull() && r.planPendingPurge(ctx, req, resp) {
		return
	}
	r.planKeyAndNetwork(ctx, req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	if !req.State.Raw.IsNull() {
		r.checkReplacement(ctx, req, resp)
		return
	}
	var plan accountModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	// The checks that read Azure ran in this command's plan for this very configuration: the apply-time plan does not
	// read the same listings again (issue 18; providerdata.Data.PlanChecked says why that is sound).
	key, keyed := r.Data.CheckKey(typeName, req.Config.Raw)
	checked := keyed && r.Data.PlanChecked(key)
	if keyed && !checked {
		defer func() {
			if len(resp.Diagnostics) == 0 { // a warning (a recovery announced, a check skipped) is shown again
				r.Data.MarkPlanChecked(key)
			}
		}()
	}
	if r.planNew(ctx, &plan, !checked, resp); resp.Diagnostics.HasError() || checked {
		return
	}
	if framework.AnyNullOrUnknown(plan.Name, plan.ResourceGroupName, plan.Location.StringValue, plan.CustomSubdomainName) {
		return
	}
	id := client.NewAccountID(r.Data.SubscriptionID, plan.ResourceGroupName.ValueString(), plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	deleted, err := r.Data.Client.ListDeletedAccounts(ctx, r.Data.SubscriptionID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("soft-deleted accounts", "soft-deleted accounts of subscription", r.Data.SubscriptionID, err))
		return
	}
	subdomain := plan.CustomSubdomainName.ValueString()
	// The create half of replacing an account whose earlier destroy did not finish its purge: the soft-deleted account
	// holding the name and subdomain is the one this plan purges first.
	purging := len(r.Data.Planned.Claimed(purgingKind, id.String())) > 0
	for _, a := range deleted {
		did, err := client.ParseDeletedAccountID(framework.Deref(a.ID))
		if err != nil || purging && strings.EqualFold(did.Name, id.Name) && strings.EqualFold(did.ResourceGroupName, id.ResourceGroupName) &&
			r.Data.Features.PurgeSoftDeleteOnDestroy {
			continue
		}
		sameName := strings.EqualFold(did.Name, id.Name) && strings.EqualFold(did.ResourceGroupName, id.ResourceGroupName)
		sameSubdomain := a.Properties != nil && strings.EqualFold(framework.Deref(a.Properties.CustomSubDomainName), subdomain)
		switch {
		case sameName && r.Data.Features.RecoverSoftDeleted:
			tflog.Warn(ctx, "A soft-deleted account holds this name; apply will recover it")
			resp.Diagnostics.Append(diagnostics.AttributeWarning(path.Root("name"), "Soft-deleted account will be recovered",
				fmt.Sprintf("Account %q was deleted on %s and is soft-deleted. Because features.account.recover_soft_deleted is true, "+
					"apply recovers it (with its keys, deployments and data) and then applies this configuration.", id.Name, deletionDate(a))))
			if !sameSubdomain && a.Properties != nil && a.Properties.CustomSubDomainName != nil {
				resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("custom_subdomain_name"), "Recovered account has another subdomain",
					fmt.Sprintf("The soft-deleted account %q has custom subdomain %q, which cannot change. Set custom_subdomain_name = %q, or purge the soft-deleted account instead of recovering it.",
						id.Name, *a.Properties.CustomSubDomainName, *a.Properties.CustomSubDomainName)))
			}
			return
		case sameName:
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("name"), "Name held by a soft-deleted account", softDeletedDetail(id.Name, did, a)))
			return
		case sameSubdomain:
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("custom_subdomain_name"), "Subdomain held by a soft-deleted account",
				fmt.Sprintf("Custom subdomain %q belongs to the soft-deleted account %q. %s", subdomain, did.String(), purgeAdvice(did, a))))
			return
		}
	}
	if purging && r.Data.Features.PurgeSoftDeleteOnDestroy {
		return // the subdomain is this account's own, freed by the purge
	}
	avail, err := r.Data.Client.CheckDomainAvailability(ctx, r.Data.SubscriptionID, subdomain, kindAIServices)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("custom subdomain", "availability of custom subdomain", subdomain, err))
		return
	}
	if avail.IsSubdomainAvailable != nil && !*avail.IsSubdomainAvailable && !r.holdsSubdomain(ctx, id, subdomain) {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("custom_subdomain_name"), "Custom subdomain is not available",
			fmt.Sprintf("Custom subdomain %q is taken: %s. Subdomains are unique across Azure; choose another custom_subdomain_name.", subdomain, framework.Deref(avail.Reason))))
	}
}

// holdsSubdomain reports whether account id exists with this subdomain: Terraform plans the create half of a
// replacement without prior state, while the account being replaced still holds its subdomain (and destroy,
// which runs first, frees it).
func (r *accountResource) holdsSubdomain(ctx context.Context, id client.AccountID, subdomain string) bool {
	got, err := r.Data.Client.GetAccount(ctx, id)
	return err == nil && got.Properties != nil && strings.EqualFold(framework.Deref(got.Properties.CustomSubDomainName), subdomain)
}

// checkReplacement refuses a replacement that would collide with the account it replaces: the old one is
// soft-deleted by destroy and keeps its name and subdomain, so the create that follows would fail.
func (r *accountResource) checkReplacement(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.Data.Features.PurgeSoftDeleteOnDestroy {
		return
	}
	var plan, state accountModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	replacedBy, replacing := replacement(&plan, &state)
	if !replacing {
		return
	}
	sameName := !changed(plan.Name, state.Name) && !changed(plan.ResourceGroupName, state.ResourceGroupName)
	sameSubdomain := !changed(plan.CustomSubdomainName, state.CustomSubdomainName)
	if !sameName && !sameSubdomain {
		return
	}
	held := "name"
	if !sameName {
		held = "custom subdomain"
	}
	resp.Diagnostics.Append(diagnostics.InvalidAttribute(replacedBy, "Replacement would collide with the soft-deleted account",
		fmt.Sprintf("This change replaces account %q. Destroy only soft-deletes the old account, which keeps its %s for 48 hours, so Azure would refuse the new one. "+
			"Set features { account { purge_soft_delete_on_destroy = true } } in the provider block so the old account is purged, "+
			"or give the new account a different name and custom_subdomain_name.", state.ID.ValueString(), held)))
}

// replacement returns the first attribute whose change replaces the account. The resource-level ModifyPlan does not
// see the attribute modifiers' replace decisions, so it looks at the create-only attributes directly (an unknown
// value may force replacement too, but is not known to collide).
func replacement(plan, state *accountModel) (path.Path, bool) {
	switch {
	case changed(plan.CustomSubdomainName, state.CustomSubdomainName):
		return path.Root("custom_subdomain_name"), true
	case changed(plan.ResourceGroupName, state.ResourceGroupName):
		return path.Root("resource_group_name"), true
	case !plan.Location.IsUnknown() && framework.NormalizeLocation(plan.Location.ValueString()) != framework.NormalizeLocation(state.Location.ValueString()):
		return path.Root("location"), true
	case changed(plan.Name, state.Name):
		return path.Root("name"), true
	case injectionChanged(plan.NetworkInjection, state.NetworkInjection):
		return injectionPath, true
	}
	return path.Path{}, false
}

func changed(p, s types.String) bool {
	return !p.IsUnknown() && !strings.EqualFold(p.ValueString(), s.ValueString())
}

func injectionChanged(p, s *networkInjectionModel) bool {
	if p == nil || s == nil {
		return (p == nil) != (s == nil)
	}
	return changed(p.Scenario, s.Scenario) || changed(p.SubnetID, s.SubnetID) ||
		(!p.UseMicrosoftManagedNetwork.IsUnknown() && p.UseMicrosoftManagedNetwork.ValueBool() != s.UseMicrosoftManagedNetwork.ValueBool())
}

// planKeyAndNetwork runs the customer-managed key and agent subnet plan steps for creates, updates and replacements.
func (r *accountResource) planKeyAndNetwork(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var plan accountModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	var state *accountModel
	replacing := false
	if !req.State.Raw.IsNull() {
		state = &accountModel{}
		if resp.Diagnostics.Append(req.State.Get(ctx, state)...); resp.Diagnostics.HasError() {
			return
		}
		_, replacing = replacement(&plan, state)
		ctx = tflog.SetField(ctx, "resource_id", state.ID.ValueString())
	}
	r.planCustomerManagedKey(ctx, &plan, state, replacing, resp)
	r.planNetworkInjection(ctx, &plan, state, resp)
}

func softDeletedDetail(name string, did client.DeletedAccountID, a client.Account) string {
	return fmt.Sprintf("Account %q in resource group %q was deleted on %s and is soft-deleted (%s), so Azure refuses to create a new one with its name. Either:\n"+
		"  - recover it: set features { account { recover_soft_deleted = true } } in the provider block and apply again; or\n"+
		"  - %s",
		name, did.ResourceGroupName, deletionDate(a), did.String(), purgeAdvice(did, a))
}

func purgeAdvice(did client.DeletedAccountID, a client.Account) string {
	when := "after 48 hours"
	if a.Properties != nil && a.Properties.ScheduledPurgeDate != nil {
		when = "on " + *a.Properties.ScheduledPurgeDate
	}
	return fmt.Sprintf("purge it (az cognitiveservices account purge --location %s --resource-group %s --name %s) and apply again; Azure purges it by itself %s.",
		did.Location, did.ResourceGroupName, did.Name, when)
}

func deletionDate(a client.Account) string {
	if a.Properties != nil && a.Properties.DeletionDate != nil {
		return *a.Properties.DeletionDate
	}
	return "an unknown date"
}

// purgingKind records, in the plan's memo of what it creates, an account replaced to finish an earlier destroy's purge.
const purgingKind = "account purge"

// planPendingPurge plans the account that an earlier destroy deleted and could not purge (Read keeps it in state while
// it is soft-deleted, issue 14): a replacement, whose delete resumes the purge (or, with recover_soft_deleted, whose
// create recovers it). It reports whether it planned the account.
func (r *accountResource) planPendingPurge(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) bool {
	pending, d := purgePending(ctx, req.Private)
	if resp.Diagnostics.Append(d...); !pending {
		return false
	}
	var state accountModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return true
	}
	f := r.Data.Features
	if !f.PurgeSoftDeleteOnDestroy && !f.RecoverSoftDeleted {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("name"), "Account deleted by an unfinished destroy",
			fmt.Sprintf("An earlier destroy deleted account %q and could not purge it, so it is soft-deleted and holds its name. Set "+
				"features { account { purge_soft_delete_on_destroy = true } } to purge it and create it again, or recover_soft_deleted = true "+
				"to bring it back; or finish the destroy with terraform destroy.", state.ID.ValueString())))
		return true
	}
	tflog.Warn(ctx, "The account is soft-deleted by an earlier destroy whose purge failed; planning its replacement", map[string]any{"resource_id": state.ID.ValueString()})
	r.Data.Planned.Claim(purgingKind, state.ID.ValueString(), state.Name.ValueString())
	// Terraform replaces only for an attribute whose planned value differs from the state's: the account's ID is the
	// one that changes (a new account will have it).
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringUnknown())...)
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("id"))
	return true
}
