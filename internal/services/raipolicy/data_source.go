package raipolicy

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

const dataSourceReadTimeout = 5 * time.Minute

var (
	_ datasource.DataSourceWithConfigure = (*policyDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*policiesDataSource)(nil)
)

// policyAttributes are what the data sources show of a policy (the egress policy is left out: its secrets are
// never returned).
type policyAttributes struct {
	ID               types.String          `tfsdk:"id"`
	Name             types.String          `tfsdk:"name"`
	Type             types.String          `tfsdk:"type"`
	BasePolicyName   types.String          `tfsdk:"base_policy_name"`
	Mode             types.String          `tfsdk:"mode"`
	ContentFilters   []contentFilterModel  `tfsdk:"content_filters"`
	CustomBlocklists []blocklistRefModel   `tfsdk:"custom_blocklists"`
	SafetyProviders  []safetyProviderModel `tfsdk:"safety_providers"`
	Tags             types.Map             `tfsdk:"tags"`
}

// policyDataAttributes are the computed attributes of policyAttributes but id and name.
func policyDataAttributes() map[string]schema.Attribute {
	str := framework.ComputedString
	list := func(desc string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
		return schema.ListNestedAttribute{Computed: true, MarkdownDescription: desc, NestedObject: schema.NestedAttributeObject{Attributes: attrs}}
	}
	return map[string]schema.Attribute{
		"type":             str("`SystemManaged` for the built-in policies, `UserManaged` for the others (`properties.type`)."),
		"base_policy_name": str("The policy this one starts from (`properties.basePolicyName`); null for the built-in policies."),
		"mode":             str("When filtering happens relative to streaming (`properties.mode`)."),
		"content_filters": list("Content filters (`properties.contentFilters`).", map[string]schema.Attribute{
			"name":               str("Name of the content filter."),
			"source":             str("What it applies to: `Prompt`, `Completion`, ...."),
			"enabled":            framework.ComputedBool("Whether it runs."),
			"blocking":           framework.ComputedBool("Whether it blocks what it detects."),
			"severity_threshold": str("Lowest severity it acts on, for multi-level filters."),
			"action":             str("What it does when it matches."),
		}),
		"custom_blocklists": list("Blocklists the policy applies (`properties.customBlocklists`).", map[string]schema.Attribute{
			"blocklist_name": str("Name of the blocklist."),
			"source":         str("What it applies to."),
			"blocking":       framework.ComputedBool("Whether a match is blocked."),
		}),
		"safety_providers": list("External safety providers (`properties.safetyProviders`).", map[string]schema.Attribute{
			"safety_provider_name": str("Name of the safety provider."),
			"source":               str("What it applies to."),
			"blocking":             framework.ComputedBool("Whether a match is blocked."),
		}),
		"tags": schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags of the policy."},
	}
}

func flattenPolicyAttributes(account client.AccountID, p client.RAIPolicy, out *policyAttributes) diag.Diagnostics {
	m := policyModel{AccountID: types.StringValue(account.String()), Tags: types.MapNull(types.StringType)}
	diags := flattenPolicy(client.NewRAIPolicyID(account, framework.Deref(p.Name)), p, &m)
	*out = policyAttributes{ID: m.ID, Name: m.Name, Type: m.Type, BasePolicyName: m.BasePolicyName, Mode: m.Mode,
		ContentFilters: m.ContentFilters, CustomBlocklists: m.CustomBlocklists, SafetyProviders: m.SafetyProviders, Tags: m.Tags}
	if p.ID != nil {
		out.ID = types.StringValue(*p.ID)
	}
	return diags
}

type policyDataSource struct{ providerdata.DataSourceBase }

type policyDataModel struct {
	policyAttributes
	AccountID types.String   `tfsdk:"account_id"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

// NewDataSource returns the foundry_rai_policy data source.
func NewDataSource() datasource.DataSource { return &policyDataSource{} }

func (d *policyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_rai_policy"
}

func (d *policyDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := policyDataAttributes()
	attrs["id"] = framework.ComputedString("ARM ID of the policy.")
	attrs["account_id"] = schema.StringAttribute{Required: true, Validators: accountIDValidators(),
		MarkdownDescription: "ARM ID of the Foundry resource that holds the policy."}
	attrs["name"] = schema.StringAttribute{Required: true, Validators: nameValidators(),
		MarkdownDescription: "Name of the policy; `Microsoft.Default` and `Microsoft.DefaultV2` read the built-in ones."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a content filter (RAI) policy of a Foundry resource (`Microsoft.CognitiveServices/accounts/raiPolicies`), " +
			"a built-in one or one created in it. The egress policy is not shown.",
		Attributes: attrs,
		Blocks:     map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *policyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m policyDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, dataSourceReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	account, err := client.ParseAccountID(m.AccountID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewRAIPolicyID(account, m.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := d.Data.Client.GetRAIPolicy(ctx, id)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, object, id.String(), err, policyHints))
		return
	}
	if got.Name == nil {
		got.Name = &id.Name
	}
	resp.Diagnostics.Append(flattenPolicyAttributes(account, got, &m.policyAttributes)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

type policiesDataSource struct{ providerdata.DataSourceBase }

type policiesDataModel struct {
	AccountID types.String       `tfsdk:"account_id"`
	Names     types.List         `tfsdk:"names"`
	Policies  []policyAttributes `tfsdk:"policies"`
	Timeouts  timeouts.Value     `tfsdk:"timeouts"`
}

// NewListDataSource returns the foundry_rai_policies data source.
func NewListDataSource() datasource.DataSource { return &policiesDataSource{} }

func (d *policiesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_rai_policies"
}

func (d *policiesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := policyDataAttributes()
	attrs["id"] = framework.ComputedString("ARM ID of the policy.")
	attrs["name"] = framework.ComputedString("Name of the policy, as deployments give it in `rai_policy_name`.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the content filter (RAI) policies of a Foundry resource (`Microsoft.CognitiveServices/accounts/raiPolicies`): " +
			"the built-in `Microsoft.Default` and `Microsoft.DefaultV2` and those created in it, which are the names a deployment's `rai_policy_name` can take.",
		Attributes: map[string]schema.Attribute{
			"account_id": schema.StringAttribute{Required: true, Validators: accountIDValidators(),
				MarkdownDescription: "ARM ID of the Foundry resource."},
			"names": schema.ListAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Names of the policies: the built-in ones first, then the others by name."},
			"policies": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The policies, in the order of `names`.",
				NestedObject: schema.NestedAttributeObject{Attributes: attrs}},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *policiesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m policiesDataModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, m.Timeouts.Read, dataSourceReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	account, err := client.ParseAccountID(m.AccountID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("account_id passed validation but does not parse: " + err.Error()))
		return
	}
	ctx = tflog.SetField(ctx, "account_id", account.String())
	list, err := d.Data.Client.ListRAIPolicies(ctx, account)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, "RAI policies of account", account.String(), err, policyHints))
		return
	}
	list = withBuiltins(account, list)
	m.Policies = make([]policyAttributes, len(list))
	names := make([]string, len(list))
	for i, p := range list {
		resp.Diagnostics.Append(flattenPolicyAttributes(account, p, &m.Policies[i])...)
		names[i] = framework.Deref(p.Name)
	}
	l, diags := types.ListValueFrom(ctx, types.StringType, names)
	resp.Diagnostics.Append(diags...)
	m.Names = l
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// withBuiltins orders a policy list (the built-in policies first, then the others by name) and adds the built-in
// policies if the service left them out.
func withBuiltins(account client.AccountID, list []client.RAIPolicy) []client.RAIPolicy {
	builtin := func(p client.RAIPolicy) int {
		for i, b := range []string{client.RAIPolicyNameDefault, client.RAIPolicyNameDefaultV2} {
			if strings.EqualFold(framework.Deref(p.Name), b) {
				return i
			}
		}
		return -1
	}
	for _, b := range []string{client.RAIPolicyNameDefault, client.RAIPolicyNameDefaultV2} {
		if !slices.ContainsFunc(list, func(p client.RAIPolicy) bool { return strings.EqualFold(framework.Deref(p.Name), b) }) {
			id := client.NewRAIPolicyID(account, b).String()
			system := client.RAIPolicyTypeSystemManaged
			list = append(list, client.RAIPolicy{ID: &id, Name: framework.Ptr(b), Properties: &client.RAIPolicyProperties{Type: &system}})
		}
	}
	slices.SortStableFunc(list, func(a, b client.RAIPolicy) int {
		ba, bb := builtin(a), builtin(b)
		switch {
		case ba >= 0 && bb >= 0:
			return ba - bb
		case ba >= 0:
			return -1
		case bb >= 0:
			return 1
		}
		return strings.Compare(strings.ToLower(framework.Deref(a.Name)), strings.ToLower(framework.Deref(b.Name)))
	})
	return list
}
