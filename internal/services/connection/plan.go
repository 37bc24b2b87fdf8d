package connection

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/lookups"
)

// ValidateConfig checks that exactly one credentials block is set and that each secret in it is given in exactly one
// of its two forms (at most one for optional secrets).
func (r *connectionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	_, m, d := r.sc.load(ctx, req.Config.Get)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	checkTarget(m.Category, m.Target, &resp.Diagnostics)
	set := m.setBlocks()
	switch {
	case len(set) == 0:
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("name"), "Missing credentials block",
			fmt.Sprintf("Set exactly one credentials block; it decides the connection's auth type: %s. Use aad {} for Microsoft Entra ID "+
				"with the account's or project's managed identity, or none {} for no authentication.", quoteList(blockNames()))))
		return
	case len(set) > 1:
		names := make([]string, len(set))
		for i, b := range set {
			names[i] = b.name
		}
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root(set[1].name), "Conflicting credentials blocks",
			fmt.Sprintf("Only one credentials block may be set, because a connection has one auth type; found %s. Remove all but one.", quoteList(names))))
		return
	}
	b := set[0]
	vals := values(*m.block(b.name))
	if vals == nil {
		return // unknown (a dynamic block): checked once known
	}
	for _, s := range b.secrets {
		wo, fb := vals[s.writeOnly()], vals[s.name]
		p := path.Root(b.name).AtName(s.name)
		switch {
		case !isNull(wo) && !isNull(fb):
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(p, "Secret set twice",
				fmt.Sprintf("%s.%s and %s.%s are two forms of the same secret; set only one. Prefer %s (write-only, never stored in state) "+
					"on Terraform or OpenTofu 1.11 or later; %s is for older versions and is stored in state.",
					b.name, s.writeOnly(), b.name, s.name, s.writeOnly(), s.name)))
		case s.required && isNull(wo) && isNull(fb):
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(p, "Missing secret",
				fmt.Sprintf("A %s block needs %s: set %s (write-only, Terraform or OpenTofu 1.11 or later) or %s (stored in state, sensitive).",
					b.name, s.name, s.writeOnly(), s.name)))
		}
	}
	for _, f := range b.fields {
		if f.required && isNull(vals[f.name]) {
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root(b.name).AtName(f.name), "Missing "+f.name,
				fmt.Sprintf("A %s block needs %s.", b.name, f.name)))
		}
	}
}

func isNull(v attr.Value) bool { return v == nil || v.IsNull() }

// checkTarget refuses, for a category whose target is a URL, a target that is not an absolute http(s) URL: the
// service stores any string and the mistake shows only when an agent uses the connection. While the CLI destroys it
// reports nothing (framework.Destroying): a connection refused for its target must not block the destroy of others.
func checkTarget(category, target types.String, diags *diag.Diagnostics) {
	if category.IsNull() || category.IsUnknown() || target.IsNull() || target.IsUnknown() || !urlTargets[category.ValueString()] {
		return
	}
	t := target.ValueString()
	u, err := url.Parse(t)
	if err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" || framework.Destroying(os.Getenv) {
		return
	}
	example := "https://contoso.search.windows.net"
	if !strings.Contains(t, "://") && strings.Contains(t, ".") {
		example = "https://" + strings.TrimPrefix(t, "//")
	}
	diags.Append(diagnostics.InvalidAttribute(path.Root("target"), "Target is not a URL",
		fmt.Sprintf("A %s connection's target is the service's endpoint URL, but %q is not an absolute http(s) URL. Write it like %q.",
			category.ValueString(), t, example)))
}

// ModifyPlan shows auth_type at plan time, keeps group while the category stays, and on create checks that no
// connection of the account or of any of its projects already has the name (names are account-wide), in Azure or
// in this plan.
func (r *connectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Data.PlanChecksOff() {
		return
	}
	parent, plan, d := r.sc.load(ctx, req.Plan.Get)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	if set := plan.setBlocks(); len(set) == 1 {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("auth_type"), string(set[0].authType))...)
	}
	if !req.State.Raw.IsNull() {
		_, state, d := r.sc.load(ctx, req.State.Get)
		if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
			return
		}
		if plan.Category.Equal(state.Category) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("group"), state.Group)...)
		}
		return
	}
	if r.Data == nil || parent.IsUnknown() || plan.Name.IsUnknown() {
		return
	}
	id, err := r.sc.newID(parent.ValueString(), plan.Name.ValueString())
	if err != nil {
		return // the attribute validator reports it
	}
	r.checkNameFree(ctx, id, resp)
}

// checkNameFree refuses a name that is already taken in the account: by a connection Azure has (of the account or of
// any of its projects: names are account-wide), or by another connection this plan creates. The second case is
// found at plan, whether or not the account and its projects exist yet, instead of by a 409 halfway through apply.
func (r *connectionResource) checkNameFree(ctx context.Context, id client.ConnectionID, resp *resource.ModifyPlanResponse) {
	account := id.Account()
	ctx = tflog.SetField(ctx, "account_id", account.String())
	if before := r.Data.Planned.Claim("connection", account.String(), id.ConnectionName()); containsFold(before, id.ConnectionName()) {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("name"), "Connection name used twice in this configuration",
			fmt.Sprintf("Another connection in this configuration also creates a connection named %q in account %q. Connection names are unique "+
				"across the account and all its projects, so the second create would fail with 409 Conflict. Give one of them another name "+
				"(for example prefixed with its project's name).", id.ConnectionName(), account.Name)))
		return
	}
	taken, err := lookups.ConnectionNames(ctx, r.Data, account)
	if client.IsNotFound(err) {
		tflog.Debug(ctx, "Account does not exist yet; no connection can hold the name")
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.CheckSkipped("connection name", "connections of account", account.String(), err))
		return
	}
	other, ok := taken[strings.ToLower(id.ConnectionName())]
	if !ok || strings.EqualFold(other, id.String()) && crud.Resumable(r.Data, id.String()) {
		return // free, or this working directory's own interrupted create, which apply resumes
	}
	what := "Import it (terraform import) to manage it here, or choose another name."
	if !strings.EqualFold(other, id.String()) {
		what = "Connection names are unique across the account and all its projects, so choose another name, or remove that connection first. " +
			"A plan that moves a connection between scopes under the same name must be applied in two steps: remove, then add."
	}
	resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("name"), "Connection name already used in the account",
		fmt.Sprintf("Account %q already has a connection named %q: %s. %s", account.Name, id.ConnectionName(), other, what)))
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
