package raipolicy

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/raicheck"
)

// contentFilter is what the plan knows of a content filter: its name as policies give it, whether it takes a
// severity threshold and the one source it applies to ("" for any).
type contentFilter struct {
	name       string
	multiLevel bool
	source     string
}

// knownFilters are the content filters every region offered when API version 2026-09-01 was published (the spec's
// ListRaiContentFilters example). The configuration is checked against them without asking Azure; a filter not in
// this list is checked at plan against the region's own list once the account exists.
var knownFilters = []contentFilter{
	{"Hate", true, ""}, {"Sexual", true, ""}, {"Violence", true, ""}, {"Selfharm", true, ""},
	{"Jailbreak", false, "Prompt"}, {"Indirect Attack", false, "Prompt"},
	{"Protected Material Text", false, "Completion"}, {"Protected Material Code", false, "Completion"},
	{"Profanity", false, ""},
}

// notBuiltin refuses the names of the built-in policies, which cannot be written.
type notBuiltin struct{}

func (notBuiltin) Description(context.Context) string {
	return "not the name of a built-in policy (Microsoft.Default, Microsoft.DefaultV2)"
}

func (v notBuiltin) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (notBuiltin) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for _, b := range raicheck.BuiltinPolicies {
		if strings.EqualFold(b, req.ConfigValue.ValueString()) {
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(req.Path, "Built-in policy name",
				fmt.Sprintf("%q is a built-in policy: it exists in every account and cannot be created or changed. Deployments can name it directly "+
					"(rai_policy_name = %q); to adjust it, create a policy of another name with base_policy_name = %q.", b, b, b)))
		}
	}
}

// configValues reads the attributes the checks need from a configuration or plan; a list or object that is unknown
// as a whole is left out (nil), to be checked once known.
type configValues struct {
	name, base, mode types.String
	filters          []contentFilterModel
	blocklists       []blocklistRefModel
	providers        []safetyProviderModel
	egress           *egressPolicyModel
}

func readValues(ctx context.Context, s tfsdk.State) (configValues, diag.Diagnostics) {
	var v configValues
	var diags diag.Diagnostics
	diags.Append(s.GetAttribute(ctx, path.Root("name"), &v.name)...)
	diags.Append(s.GetAttribute(ctx, path.Root("base_policy_name"), &v.base)...)
	diags.Append(s.GetAttribute(ctx, path.Root("mode"), &v.mode)...)
	readList(ctx, s, "content_filters", &v.filters, &diags)
	readList(ctx, s, "custom_blocklists", &v.blocklists, &diags)
	readList(ctx, s, "safety_providers", &v.providers, &diags)
	var egress types.Object
	diags.Append(s.GetAttribute(ctx, path.Root("egress_policy"), &egress)...)
	if !egress.IsNull() && !egress.IsUnknown() {
		var m egressPolicyModel
		if d := egress.As(ctx, &m, objectOptions); !d.HasError() {
			v.egress = &m
		}
	}
	return v, diags
}

func readList[T any](ctx context.Context, s tfsdk.State, attr string, out *[]T, diags *diag.Diagnostics) {
	var l types.List
	diags.Append(s.GetAttribute(ctx, path.Root(attr), &l)...)
	if l.IsNull() || l.IsUnknown() {
		return
	}
	// Elements with unknown nested lists or objects cannot be decoded yet; they are checked once known.
	if l.ElementsAs(ctx, out, false).HasError() {
		*out = nil
	}
}

var objectOptions = basetypes.ObjectAsOptions{}

// ValidateConfig runs the checks that need no Azure: names against the built-in policies, each content filter,
// blocklist and safety provider once per source, content filters against the ones every region has, and the
// egress policy's rules.
func (r *policyResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	v, d := readValues(ctx, tfsdk.State(req.Config))
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(checkValues(v)...)
}

func checkValues(v configValues) diag.Diagnostics {
	var diags diag.Diagnostics
	if known(v.name) != nil && known(v.base) != nil && strings.EqualFold(v.name.ValueString(), v.base.ValueString()) {
		diags.Append(diagnostics.InvalidAttribute(path.Root("base_policy_name"), "Policy based on itself",
			fmt.Sprintf("base_policy_name must name another policy than %q: %s, %s or another policy of the account.",
				v.name.ValueString(), client.RAIPolicyNameDefaultV2, client.RAIPolicyNameDefault)))
	}
	if v.mode.ValueString() == string(client.RAIPolicyModeDeferred) {
		diags.Append(diagnostics.AttributeWarning(path.Root("mode"), "Deprecated mode",
			"Deferred is the name API versions before 2025-06-01 gave to Asynchronous_filter; use mode = \"Asynchronous_filter\"."))
	}
	duplicates(v.filters, "content_filters", "content filter", func(f contentFilterModel) (types.String, types.String) { return f.Name, f.Source }, &diags)
	duplicates(v.blocklists, "custom_blocklists", "blocklist", func(b blocklistRefModel) (types.String, types.String) { return b.BlocklistName, b.Source }, &diags)
	duplicates(v.providers, "safety_providers", "safety provider", func(s safetyProviderModel) (types.String, types.String) {
		return s.SafetyProviderName, s.Source
	}, &diags)
	for i, f := range v.filters {
		checkFilter(i, f, knownFilters, false, "", &diags)
	}
	checkEgress(v.egress, &diags)
	return diags
}

// duplicates reports an entry whose name and source another entry already has.
func duplicates[T any](items []T, attr, what string, nameSource func(T) (types.String, types.String), diags *diag.Diagnostics) {
	seen := map[string]int{}
	for i, it := range items {
		n, s := nameSource(it)
		if n.IsUnknown() || s.IsUnknown() || n.IsNull() {
			continue
		}
		k := key(n, s)
		if j, ok := seen[k]; ok {
			src := s.ValueString()
			if s.IsNull() {
				src = "(no source)"
			}
			diags.Append(diagnostics.InvalidAttribute(path.Root(attr).AtListIndex(i), "Duplicate "+what,
				fmt.Sprintf("%s[%d] and %s[%d] both configure %s %q for source %s; a policy has each once per source. Merge them.",
					attr, j, attr, i, what, n.ValueString(), src)))
			continue
		}
		seen[k] = i
	}
}

// checkFilter checks one content filter against filters (the known ones, or a region's). With complete, a name not
// in filters is an error; otherwise it is left for the plan-time check against the region.
func checkFilter(i int, f contentFilterModel, filters []contentFilter, complete bool, region string, diags *diag.Diagnostics) {
	if f.Name.IsUnknown() || f.Name.IsNull() {
		return
	}
	p := path.Root("content_filters").AtListIndex(i)
	name := f.Name.ValueString()
	var def *contentFilter
	for j := range filters {
		if strings.EqualFold(filters[j].name, name) {
			def = &filters[j]
		}
	}
	switch {
	case def == nil && complete:
		var names []string
		for _, k := range filters {
			names = append(names, fmt.Sprintf("%q", k.name))
		}
		diags.Append(diagnostics.InvalidAttribute(p.AtName("name"), "Unknown content filter",
			fmt.Sprintf("%q is not a content filter of %s. Its content filters: %s (the foundry_rai_content_filters data source lists them).",
				name, region, strings.Join(names, ", "))))
		return
	case def == nil:
		return
	case def.name != name:
		diags.Append(diagnostics.InvalidAttribute(p.AtName("name"), "Content filter name spelled differently",
			fmt.Sprintf("The content filter is named %q, not %q: the service stores the canonical spelling.", def.name, name)))
		return
	}
	src := f.Source.ValueString()
	switch {
	case def.source != "" && !f.Source.IsUnknown() && !f.Source.IsNull() && src != def.source:
		diags.Append(diagnostics.InvalidAttribute(p.AtName("source"), "Source not supported by this filter",
			fmt.Sprintf("%s applies to the source %s only, not %s.", def.name, def.source, src)))
	case def.multiLevel && f.SeverityThreshold.IsNull():
		diags.Append(diagnostics.InvalidAttribute(p.AtName("severity_threshold"), "Missing severity threshold",
			fmt.Sprintf("%s has severity levels: set severity_threshold to Low (strictest), Medium or High.", def.name)))
	case !def.multiLevel && !f.SeverityThreshold.IsNull() && !f.SeverityThreshold.IsUnknown():
		diags.Append(diagnostics.InvalidAttribute(p.AtName("severity_threshold"), "Severity threshold not supported by this filter",
			fmt.Sprintf("%s detects or not; it has no severity levels. Remove severity_threshold.", def.name)))
	}
}

// checkEgress checks the egress policy's rules as the service does: unique names, the fields each action type takes,
// and exactly one value of each header that sets one.
func checkEgress(e *egressPolicyModel, diags *diag.Diagnostics) {
	if e == nil {
		return
	}
	seen := map[string]int{}
	for i, r := range e.Rules {
		p := path.Root("egress_policy").AtName("rules").AtListIndex(i)
		if n := known(r.Name); n != nil {
			if j, ok := seen[strings.ToLower(*n)]; ok {
				diags.Append(diagnostics.InvalidAttribute(p.AtName("name"), "Duplicate egress rule",
					fmt.Sprintf("rules[%d] and rules[%d] are both named %q; rule names are unique within the policy.", j, i, *n)))
			}
			seen[strings.ToLower(*n)] = i
		}
		if r.Action != nil {
			checkEgressAction(p.AtName("action"), *r.Action, diags)
		}
	}
}

func checkEgressAction(p path.Path, a egressActionModel, diags *diag.Diagnostics) {
	t := a.ActionType.ValueString()
	hasHeaders, hasRewrite := len(a.Headers) > 0, a.Rewrite != nil
	bad := func(attr, detail string) {
		diags.Append(diagnostics.InvalidAttribute(p.AtName(attr), "Invalid egress action", detail))
	}
	switch {
	case a.ActionType.IsUnknown():
	case (t == "Allow" || t == "Deny") && (hasHeaders || hasRewrite):
		bad("action_type", t+" takes neither headers nor rewrite; use Transform to change headers or Rewrite to redirect.")
	case t == "Transform" && !hasHeaders:
		bad("headers", "Transform needs at least one header.")
	case t == "Transform" && hasRewrite:
		bad("rewrite", "Transform takes no rewrite; use action_type = \"Rewrite\" to redirect (it may also change headers).")
	case t == "Rewrite" && !hasRewrite:
		bad("rewrite", "Rewrite needs a rewrite target.")
	}
	if rw := a.Rewrite; rw != nil && rw.Scheme.IsNull() && rw.Host.IsNull() && rw.Path.IsNull() {
		bad("rewrite", "A rewrite target needs at least one of scheme, host and path.")
	}
	for i, h := range a.Headers {
		hp := p.AtName("headers").AtListIndex(i)
		hasValue, hasRef := !h.Value.IsNull(), h.ValueRef != nil
		op := h.Operation.ValueString()
		switch {
		case h.Operation.IsUnknown() || h.Value.IsUnknown():
		case op == "Remove" && (hasValue || hasRef):
			diags.Append(diagnostics.InvalidAttribute(hp, "Invalid header transform", "A header that is removed takes neither value nor value_ref."))
		case op != "Remove" && hasValue == hasRef:
			diags.Append(diagnostics.InvalidAttribute(hp, "Invalid header transform",
				fmt.Sprintf("%s needs exactly one of value and value_ref.", op)))
		}
		if r := h.ValueRef; r != nil && (r.SecretRef == nil) == (r.ManagedIdentityRef == nil) {
			diags.Append(diagnostics.InvalidAttribute(hp.AtName("value_ref"), "Invalid header value reference",
				"value_ref needs exactly one of secret_ref and managed_identity_ref."))
		}
	}
}
