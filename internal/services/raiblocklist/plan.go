package raiblocklist

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/raicheck"
)

// ModifyPlan records the blocklist as planned, so that policies planned after it (they reference it) may name it.
// When the account exists it refuses, on create, a blocklist that already exists (import it instead), and on update,
// items to add whose names the blocklist already has: another resource (foundry_rai_blocklist_item) or someone
// outside Terraform manages them, and adding them here would make two owners fight over one item.
func (r *blocklistResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.Data.PlanChecksOff() || req.Plan.Raw.IsNull() {
		return
	}
	var accountID, name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("account_id"), &accountID)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() || framework.AnyNullOrUnknown(accountID, name) {
		return
	}
	account, err := client.ParseAccountID(accountID.ValueString())
	if err != nil {
		return // the attribute validator reports it
	}
	id := client.NewRAIBlocklistID(account, name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	raicheck.Planned(r.Data, raicheck.Blocklist, account, id.Name)
	if req.State.Raw.IsNull() {
		_, err := r.Data.Client.GetRAIBlocklist(ctx, id)
		switch {
		case err == nil:
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("name"), "RAI blocklist already exists",
				fmt.Sprintf("Account %q already has a blocklist named %q (%s). Import it (terraform import) to manage it here, or choose another name.",
					account.Name, id.Name, id.String())))
		case !client.IsNotFound(err):
			resp.Diagnostics.Append(diagnostics.CheckSkipped("blocklist name", object, id.String(), err))
		}
		return
	}
	planned, known := itemNames(ctx, tfsdk.State(req.Plan), &resp.Diagnostics)
	owned, _ := itemNames(ctx, req.State, &resp.Diagnostics)
	if !known || resp.Diagnostics.HasError() {
		return
	}
	var added []string
	for k, spelled := range planned {
		if _, ok := owned[k]; !ok {
			added = append(added, spelled)
		}
	}
	if len(added) == 0 {
		return
	}
	existing, err := r.Data.Client.ListRAIBlocklistItems(ctx, id)
	if client.IsNotFound(err) {
		return // deleted out of band: the plan creates it again
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("blocklist items", object, id.String(), err))
		return
	}
	there := map[string]bool{}
	for _, it := range existing {
		there[strings.ToLower(framework.Deref(it.Name))] = true
	}
	var taken []string
	for _, k := range added {
		if there[strings.ToLower(k)] {
			taken = append(taken, k)
		}
	}
	if len(taken) == 0 {
		return
	}
	sort.Strings(taken)
	shown := taken
	if len(shown) > 10 {
		shown = append(shown[:10:10], fmt.Sprintf("and %d more", len(taken)-10))
	}
	resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("items"), "Blocklist items already exist",
		fmt.Sprintf("Blocklist %q already has items named %s, which this resource does not manage: a foundry_rai_blocklist_item, another "+
			"configuration or someone outside Terraform made them. Give these items other names, or remove the existing items first "+
			"(terraform state rm and delete, or remove their foundry_rai_blocklist_item resources in an earlier apply).",
			id.Name, strings.Join(shown, ", "))))
}

// itemNames are the item names of items and regex_items (lower case, to their spelling); known is false when either
// map is unknown.
func itemNames(ctx context.Context, s tfsdk.State, diags *diag.Diagnostics) (names map[string]string, known bool) {
	names = map[string]string{}
	for _, attr := range []string{"items", "regex_items"} {
		var m types.Map
		diags.Append(s.GetAttribute(ctx, path.Root(attr), &m)...)
		if m.IsUnknown() {
			return names, false
		}
		for k := range m.Elements() {
			names[strings.ToLower(k)] = k
		}
	}
	return names, true
}

// ValidateConfig refuses an item name in both items and regex_items: an item is a term or an expression.
func (r *blocklistResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var terms, regexes types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("items"), &terms)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("regex_items"), &regexes)...)
	if resp.Diagnostics.HasError() || terms.IsUnknown() || regexes.IsUnknown() {
		return
	}
	seen := map[string]string{}
	for k := range terms.Elements() {
		seen[strings.ToLower(k)] = k
	}
	for k := range regexes.Elements() {
		if other, ok := seen[strings.ToLower(k)]; ok {
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("regex_items").AtMapKey(k), "Item name used twice",
				fmt.Sprintf("%q is in items (as %q) and in regex_items; item names are unique within the blocklist (compared case-insensitively). "+
					"Keep it in one of them: items for a literal term, regex_items for a regular expression.", k, other)))
		}
	}
}
