package deployment

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/lookups"
)

var (
	pathFormat   = path.Root("model").AtName("format")
	pathModel    = path.Root("model").AtName("name")
	pathVersion  = path.Root("model").AtName("version")
	pathSKU      = path.Root("sku").AtName("name")
	pathCapacity = path.Root("sku").AtName("capacity")
)

// planValues are the attributes the plan-time checks read; they may be unknown.
type planValues struct {
	accountID, format, model, version, sku types.String
	capacity                               types.Int64
}

func readValues(ctx context.Context, s tfsdk.State) (planValues, bool) {
	var v planValues
	d := s.GetAttribute(ctx, path.Root("account_id"), &v.accountID)
	d.Append(s.GetAttribute(ctx, pathFormat, &v.format)...)
	d.Append(s.GetAttribute(ctx, pathModel, &v.model)...)
	d.Append(s.GetAttribute(ctx, pathVersion, &v.version)...)
	d.Append(s.GetAttribute(ctx, pathSKU, &v.sku)...)
	d.Append(s.GetAttribute(ctx, pathCapacity, &v.capacity)...)
	return v, !d.HasError()
}

// ModifyPlan checks, before anything changes, what only Azure knows: whether the account has the RAI policy, whether
// the account's catalog offers the model, version and SKU, whether the capacity fits the SKU's range, and whether the
// subscription has the quota. For an account this plan creates, the catalog of its location stands in for the
// account's, so a model the new account cannot deploy is refused before the account is created (issue 13), not after.
// Unchanged deployments are not checked again: a model that has left the catalog must not block other changes.
func (r *deploymentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Data.PlanChecksOff() {
		return
	}
	if req.State.Raw.IsNull() {
		// First, before the checks that read Azure: other resources planned at the same time (an agent naming this
		// deployment as its model) look for it, and a deployment of a model from another account is not checked further.
		r.claimName(ctx, req, resp)
		// The checks below ran in this command's plan for this very configuration: the apply-time plan does not read
		// the catalog and quota again (issue 18; providerdata.Data.PlanChecked says why that is sound).
		key, keyed := r.Data.CheckKey("foundry_deployment", req.Config.Raw)
		if keyed && r.Data.PlanChecked(key) {
			return
		}
		if keyed {
			defer func() {
				if len(resp.Diagnostics) == 0 {
					r.Data.MarkPlanChecked(key)
				}
			}()
		}
	}
	r.checkRAIPolicy(ctx, req, resp) // rai.go
	plan, ok := readValues(ctx, tfsdk.State(req.Plan))
	if !ok || framework.AnyNullOrUnknown(plan.accountID, plan.format, plan.model, plan.sku) {
		return
	}
	// A model from another account (a fine-tuned model trained there) is in neither this account's catalog nor its
	// location's: Azure checks it at apply.
	var sourceAccount types.String
	if resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("model").AtName("source_account"), &sourceAccount)...); !sourceAccount.IsNull() {
		tflog.Debug(ctx, "The model comes from another account; its catalog and quota are checked at apply")
		return
	}
	var state planValues
	create := req.State.Raw.IsNull()
	if !create {
		if state, ok = readValues(ctx, req.State); !ok {
			return
		}
	}
	versionChanged := create || !plan.version.Equal(state.version)
	capacityChanged := create || !plan.capacity.Equal(state.capacity)
	if !versionChanged && !capacityChanged {
		return
	}
	account, err := client.ParseAccountID(plan.accountID.ValueString())
	if err != nil {
		return // the attribute validator reports it
	}
	ctx = tflog.SetField(ctx, "account_id", account.String())
	location, models, ok := r.catalog(ctx, account, resp)
	if !ok {
		return
	}
	c := check{api: r, account: account, location: location, models: models, plan: plan, state: state, create: create}
	entry, ok := c.model(resp)
	if !ok {
		return
	}
	sku, ok := c.sku(resp, entry, versionChanged)
	if !ok {
		return
	}
	capacity, ok := c.capacity(resp, entry, sku)
	if !ok || !capacityChanged {
		return
	}
	c.quota(ctx, resp, sku, capacity)
}

// claimName records in the plan-time memo that this plan creates a deployment of this name in its account.
func (r *deploymentResource) claimName(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var accountID, name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("account_id"), &accountID)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	if framework.AnyNullOrUnknown(accountID, name) {
		return
	}
	if account, err := client.ParseAccountID(accountID.ValueString()); err == nil {
		r.Data.Planned.Claim("deployment", account.String(), name.ValueString())
	}
}

// catalog returns the account's location and model catalog: the account's own, or, for an account this plan creates,
// its location's catalog of models offered to AIServices accounts. ok is false when neither is known.
func (r *deploymentResource) catalog(ctx context.Context, account client.AccountID, resp *resource.ModifyPlanResponse) (string, []client.AccountModel, bool) {
	// An account this plan creates is not read: it cannot exist yet (its create refuses one that does, crud.Claim);
	// its location's catalog answers (issue 18: no read that can only answer 404).
	planned, found := r.Data.Planned.Account(account.String())
	var acc client.Account
	var err error
	if !found {
		acc, err = lookups.Account(ctx, r.Data, account)
	}
	if found || client.IsNotFound(err) {
		if !found {
			tflog.Debug(ctx, "Account neither exists nor is planned; the catalog and quota are checked at apply")
			return "", nil, false
		}
		models, err := r.locationModels(ctx, account.SubscriptionID, planned.Location)
		if err != nil {
			resp.Diagnostics.Append(diagnostics.CheckSkipped("model and quota", "model catalog of location", planned.Location, err))
			return "", nil, false
		}
		return planned.Location, models, true
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("model and quota", "account", account.String(), err))
		return "", nil, false
	}
	models, err := r.accountModels(ctx, account)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("model and quota", "model catalog of account", account.String(), err))
		return "", nil, false
	}
	return framework.NormalizeLocation(framework.Deref(acc.Location)), models, true
}

// check is one deployment's plan-time check against one account's catalog.
type check struct {
	api         *deploymentResource
	account     client.AccountID
	location    string
	models      []client.AccountModel
	plan, state planValues
	create      bool
}

// model finds the catalog entry of the planned format, name and version (the default version when the version is
// left to the service).
func (c check) model(resp *resource.ModifyPlanResponse) (client.AccountModel, bool) {
	format, name := c.plan.format.ValueString(), c.plan.model.ValueString()
	var sameFormat []string
	var versions []client.AccountModel
	for _, m := range c.models {
		if strings.EqualFold(framework.Deref(m.Format), format) {
			sameFormat = appendUnique(sameFormat, framework.Deref(m.Name))
			if strings.EqualFold(framework.Deref(m.Name), name) {
				versions = append(versions, m)
			}
		}
	}
	if len(versions) == 0 {
		if len(sameFormat) == 0 {
			var formats []string
			for _, m := range c.models {
				formats = appendUnique(formats, framework.Deref(m.Format))
			}
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(pathFormat, "Model format not offered",
				fmt.Sprintf("Account %q in %s offers no models of format %q. Offered formats: %s.", c.account.Name, c.location, format, list(formats))))
			return client.AccountModel{}, false
		}
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(pathModel, "Model not offered",
			fmt.Sprintf("Model %q (format %s) is not offered to account %q in %s. Offered %s models: %s. The foundry_models data source lists them with their versions and SKUs.",
				name, format, c.account.Name, c.location, format, list(sameFormat))))
		return client.AccountModel{}, false
	}
	if c.plan.version.IsUnknown() || c.plan.version.IsNull() {
		return defaultVersion(versions), true
	}
	for _, m := range versions {
		if strings.EqualFold(framework.Deref(m.Version), c.plan.version.ValueString()) {
			return m, true
		}
	}
	resp.Diagnostics.Append(diagnostics.InvalidAttribute(pathVersion, "Model version not offered",
		fmt.Sprintf("%s version %s is not offered to account %q in %s. Offered versions: %s. Leave version out to get the default version.",
			name, c.plan.version.ValueString(), c.account.Name, c.location, versionList(versions))))
	return client.AccountModel{}, false
}

// sku finds the planned SKU among the model version's; it is only an error when the model or version is new.
func (c check) sku(resp *resource.ModifyPlanResponse, m client.AccountModel, report bool) (client.ModelSKU, bool) {
	want := c.plan.sku.ValueString()
	var offered []string
	for _, s := range m.SKUs {
		if strings.EqualFold(framework.Deref(s.Name), want) {
			return s, true
		}
		offered = append(offered, framework.Deref(s.Name))
	}
	if report {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(pathSKU, "SKU not offered for this model",
			fmt.Sprintf("%s version %s is not offered with SKU %s in %s. Offered SKUs for this version: %s.",
				framework.Deref(m.Name), framework.Deref(m.Version), want, c.location, list(offered))))
	}
	return client.ModelSKU{}, false
}

// capacity checks the planned capacity against the SKU's range and returns the capacity the deployment will have
// (the catalog's default when it is left to the service).
func (c check) capacity(resp *resource.ModifyPlanResponse, m client.AccountModel, s client.ModelSKU) (int64, bool) {
	cfg := framework.Deref(s.Capacity)
	lo, hi, step := int64(max(framework.Deref(cfg.Minimum), 1)), int64(framework.Deref(cfg.Maximum)), int64(max(framework.Deref(cfg.Step), 1))
	if c.plan.capacity.IsUnknown() || c.plan.capacity.IsNull() {
		return int64(max(framework.Deref(cfg.Default), 1)), true
	}
	got := c.plan.capacity.ValueInt64()
	if got < lo || (hi > 0 && got > hi) || (got-lo)%step != 0 {
		upper := "no maximum"
		if hi > 0 {
			upper = fmt.Sprintf("at most %d", hi)
		}
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(pathCapacity, "Capacity out of range",
			fmt.Sprintf("Capacity %d is not allowed for %s version %s with SKU %s: it must be at least %d, %s, in steps of %d (%d, %d, ...).",
				got, framework.Deref(m.Name), framework.Deref(m.Version), framework.Deref(s.Name), lo, upper, step, lo, lo+step)))
		return 0, false
	}
	return got, true
}

// quota checks that the subscription's quota for the SKU's usage name in the account's region has room.
func (c check) quota(ctx context.Context, resp *resource.ModifyPlanResponse, s client.ModelSKU, capacity int64) {
	usageName := framework.Deref(s.UsageName)
	if usageName == "" {
		return
	}
	usages, err := c.api.usages(ctx, c.account.SubscriptionID, c.location)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("quota", "usages of location", c.location, err))
		return
	}
	i := slices.IndexFunc(usages, func(u client.Usage) bool {
		return u.Name != nil && strings.EqualFold(framework.Deref(u.Name.Value), usageName)
	})
	if i < 0 {
		tflog.Debug(ctx, "No usage reported for the SKU's quota; not checking it", map[string]any{"usage_name": usageName})
		return
	}
	limit, used := framework.Deref(usages[i].Limit), framework.Deref(usages[i].CurrentValue)
	free := limit - used
	mine := ""
	if !c.create && strings.EqualFold(c.state.model.ValueString(), c.plan.model.ValueString()) &&
		strings.EqualFold(c.state.sku.ValueString(), c.plan.sku.ValueString()) && !c.state.capacity.IsNull() {
		free += float64(c.state.capacity.ValueInt64()) // this deployment's own capacity is given back
		mine = fmt.Sprintf(", %d of them by this deployment", c.state.capacity.ValueInt64())
	}
	if float64(capacity) <= free {
		return
	}
	name := usageName
	if usages[i].Name.LocalizedValue != nil && *usages[i].Name.LocalizedValue != "" {
		name = fmt.Sprintf("%s (%s)", usageName, *usages[i].Name.LocalizedValue)
	}
	resp.Diagnostics.Append(diagnostics.InvalidAttribute(pathCapacity, "Not enough quota",
		fmt.Sprintf("Capacity %d needs quota %s in %s, which has %s free: the limit is %s and %s is in use%s. "+
			"Lower sku.capacity, shrink or delete other deployments that use this quota (apply that first), or request more quota for the subscription. "+
			"The foundry_usages data source shows the usage.",
			capacity, name, c.location, num(math.Max(free, 0)), num(limit), num(used), mine)))
}

// defaultVersion is the version the service picks when none is given: the catalog's default, else the newest.
func defaultVersion(versions []client.AccountModel) client.AccountModel {
	best := versions[0]
	for _, m := range versions {
		if framework.Deref(m.IsDefaultVersion) {
			return m
		}
		if framework.Deref(m.Version) > framework.Deref(best.Version) {
			best = m
		}
	}
	return best
}

func versionList(versions []client.AccountModel) string {
	var out []string
	for _, m := range versions {
		v := framework.Deref(m.Version)
		if framework.Deref(m.IsDefaultVersion) {
			v += " (default)"
		}
		out = append(out, v)
	}
	return list(out)
}

func appendUnique(s []string, v string) []string {
	if v == "" || slices.ContainsFunc(s, func(x string) bool { return strings.EqualFold(x, v) }) {
		return s
	}
	return append(s, v)
}

func list(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	sorted := slices.Clone(s)
	slices.Sort(sorted)
	return strings.Join(sorted, ", ")
}

func num(v float64) string { return fmt.Sprintf("%g", v) }
