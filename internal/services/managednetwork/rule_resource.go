package managednetwork

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/crud"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/resourceidentity"
)

const (
	ruleObject      = "outbound rule"
	ruleImportShape = networkImportShape + "/outboundRules/{rule}"
)

// ruleIdentity is the resource identity: the pieces of the ID.
var ruleIdentity = resourceidentity.New("outbound rule", resourceidentity.Account+"/managedNetworks/default/outboundRules/{name}")

var (
	_ resource.ResourceWithConfigure        = (*ruleResource)(nil)
	_ resource.ResourceWithImportState      = (*ruleResource)(nil)
	_ resource.ResourceWithIdentity         = (*ruleResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*ruleResource)(nil)
	_ resource.ResourceWithConfigValidators = (*ruleResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*ruleResource)(nil)
)

type ruleResource struct{ providerdata.ResourceBase }

// NewOutboundRuleResource returns the foundry_account_outbound_rule resource.
func NewOutboundRuleResource() resource.Resource { return &ruleResource{} }

func (r *ruleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_outbound_rule"
	// The rule follows its managed network: when managed_network_id was unknown at plan and turns out to be another
	// network's, Update moves the rule there, and its ID and identity change with it.
	resp.ResourceBehavior.MutableIdentity = true
}

func (r *ruleResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ruleSchema(ctx)
}

func (r *ruleResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	ruleIdentity.Schema(ctx, req, resp)
}

func (r *ruleResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.ExactlyOneOf(path.MatchRoot("fqdn"), path.MatchRoot("private_endpoint"), path.MatchRoot("service_tag"))}
}

// ValidateConfig: a TCP or UDP service tag rule needs its ports.
func (r *ruleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m ruleModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() || m.ServiceTag == nil {
		return
	}
	st := m.ServiceTag
	if st.PortRanges.IsNull() && !st.Protocol.IsUnknown() && st.Protocol.ValueString() != "ICMP" {
		resp.Diagnostics.Append(diagnostics.InvalidAttribute(pathServiceTag.AtName("port_ranges"), "Missing port_ranges",
			fmt.Sprintf("A %s service tag rule needs port_ranges: \"*\", a port, a range such as \"8000-8080\", or a list such as \"80,443\".", st.Protocol.ValueString())))
	}
}

func (r *ruleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer ruleIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan ruleModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Create, defaultRuleTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	network, err := client.ParseManagedNetworkID(plan.ManagedNetworkID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("managed_network_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewOutboundRuleID(network, plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	body, d := expandRule(ctx, plan)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	unlock, ok := crud.Lock(ctx, network.AccountID.String(), diagnostics.Creating, ruleObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// The rule is read even under a network created in this apply: the network's inline rules may hold the name.
	var serviceRule *client.OutboundRule
	claim, ok := crud.Claim(ctx, r.Data, crud.Creation{Type: "foundry_account_outbound_rule", Object: ruleObject, ID: id.String(),
		Read: func(ctx context.Context) (crud.Origin, error) {
			existing, err := r.Data.Client.GetOutboundRule(ctx, id)
			if err == nil && microsoftManaged(existing.Properties) {
				serviceRule = &existing
				return crud.Origin{}, errServiceRule
			}
			return crud.OriginOf(existing.SystemData), err
		},
		Advice: "It may be written inline on its foundry_account_managed_network (remove it there before importing it here), by another configuration, or made outside Terraform.",
		ReadError: func(err error) diag.Diagnostic {
			if serviceRule != nil {
				return diagnostics.InvalidAttribute(path.Root("name"), "Outbound rule already exists", takenDetail(id, *serviceRule))
			}
			return diagnostics.APIError(diagnostics.Creating, ruleObject, id.String(), err, hints)
		},
	}, &resp.Diagnostics)
	if !ok {
		return
	}
	defer claim.Done(ctx, &resp.State, &resp.Diagnostics)
	got, ok := r.create(ctx, id, body, &resp.Diagnostics, func() {
		resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "managed_network_id", plan.ManagedNetworkID, id.Name)...)
	})
	if !ok {
		return
	}
	prior := plan
	if resp.Diagnostics.Append(flattenRule(ctx, id, got, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	keepConfigured(&prior, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// create writes a new rule under the account's lock, after Create's claim (which refuses a rule that exists already:
// another owner, the network's inline map, another configuration, the service): it PUTs and waits; tracked runs
// before the wait.
func (r *ruleResource) create(ctx context.Context, id client.OutboundRuleID, body client.OutboundRule, diags *diag.Diagnostics, tracked func()) (client.OutboundRule, bool) {
	poller, err := r.Data.Client.BeginCreateOrUpdateOutboundRule(ctx, id, body)
	if err != nil {
		diags.Append(diagnostics.APIError(diagnostics.Creating, ruleObject, id.String(), err, hints))
		return client.OutboundRule{}, false
	}
	tracked()
	got, err := client.Wait(ctx, r.Data.Client, poller)
	if err != nil {
		diags.Append(diagnostics.APIError(diagnostics.Creating, ruleObject, id.String(), err, hints))
		return client.OutboundRule{}, false
	}
	return got, true
}

// errServiceRule is what the create's claim reads when the service itself holds the rule's name.
var errServiceRule = errors.New("the service holds this outbound rule name")

// takenDetail says who holds a rule name already and what to do.
func takenDetail(id client.OutboundRuleID, existing client.OutboundRule) string {
	if microsoftManaged(existing.Properties) {
		return fmt.Sprintf("The managed network already has a rule named %q, which the service added itself (category %s). "+
			"Choose another name; the foundry_account_outbound_rules data source lists the service's rules.",
			id.Name, framework.Deref(existing.Properties.Common().Category))
	}
	return fmt.Sprintf("The managed network already has a rule named %q, written outside this resource (inline on the managed network, "+
		"by another configuration or tool). Import it (terraform import <address> %s) so that one owner manages it, or choose another name.", id.Name, id.String())
}

func (r *ruleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer ruleIdentity.Save(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	var state ruleModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseOutboundRuleID, ruleObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	got, err := r.Data.Client.GetOutboundRule(ctx, id)
	if crud.RemoveIfGone(ctx, err, &resp.State, "Outbound rule") {
		return
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Reading, ruleObject, id.String(), err, hints))
		return
	}
	prior := state
	resp.Diagnostics.Append(flattenRule(ctx, id, got, &state)...)
	keepConfigured(&prior, &state)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *ruleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer ruleIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, state ruleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, plan.Timeouts.Update, defaultRuleTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	old, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseOutboundRuleID, ruleObject, &resp.Diagnostics)
	if !ok {
		return
	}
	network, err := client.ParseManagedNetworkID(plan.ManagedNetworkID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(diagnostics.Bug("managed_network_id passed validation but does not parse: " + err.Error()))
		return
	}
	id := client.NewOutboundRuleID(network, plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	body, d := expandRule(ctx, plan)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	unlock, ok := crud.Lock(ctx, network.AccountID.String(), diagnostics.Updating, ruleObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// A PUT: it also writes the rule again when its managed network was replaced in this apply (the rule went with
	// the old network, and managed_network_id was unknown at plan).
	poller, err := r.Data.Client.BeginCreateOrUpdateOutboundRule(ctx, id, body)
	var got client.OutboundRule
	if err == nil {
		got, err = client.Wait(ctx, r.Data.Client, poller)
	}
	if err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Updating, ruleObject, id.String(), err, hints))
		return
	}
	if !sameID(old.String(), id.String()) {
		// The network ID was unknown at plan and turned out to be another network's: the rule moved.
		tflog.Debug(ctx, "The rule moved to another managed network; deleting it from the old one")
		if err := crud.Delete(ctx, r.Data.Client, old, r.Data.Client.BeginDeleteOutboundRule, r.Data.Client.GetOutboundRule, ruleObject); err != nil {
			resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, ruleObject, old.String(), err, hints))
			return
		}
	}
	prior := plan
	if resp.Diagnostics.Append(flattenRule(ctx, id, got, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	keepConfigured(&prior, &plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *ruleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ruleModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := framework.WithTimeout(ctx, state.Timeouts.Delete, defaultRuleTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	id, ok := crud.ParseStateID(state.ID.ValueString(), client.ParseOutboundRuleID, ruleObject, &resp.Diagnostics)
	if !ok {
		return
	}
	ctx = tflog.SetField(ctx, "resource_id", id.String())
	unlock, ok := crud.Lock(ctx, id.Account().String(), diagnostics.Deleting, ruleObject, id.String(), &resp.Diagnostics)
	if !ok {
		return
	}
	defer unlock()
	// A missing network or account is a success: the rule went with it, whatever order the destroy took.
	if err := crud.Delete(ctx, r.Data.Client, id, r.Data.Client.BeginDeleteOutboundRule, r.Data.Client.GetOutboundRule, ruleObject); err != nil {
		resp.Diagnostics.Append(diagnostics.APIError(diagnostics.Deleting, ruleObject, id.String(), err, hints))
	}
}

// ImportState takes the rules written outside Terraform (inline on the network, by another tool), not those the
// service adds itself.
func (r *ruleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID, ok := ruleIdentity.ImportID(ctx, req, r.Data, &resp.Diagnostics)
	if !ok {
		return
	}
	defer ruleIdentity.Save(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	id, err := client.ParseOutboundRuleID(importID)
	if err != nil {
		resp.Diagnostics.Append(diagnostics.InvalidImportID(importID, ruleImportShape, err))
		return
	}
	if r.Data != nil {
		got, err := r.Data.Client.GetOutboundRule(ctx, id)
		if err == nil && microsoftManaged(got.Properties) {
			resp.Diagnostics.Append(diagnostics.InvalidAttribute(path.Root("name"), "Cannot import a rule of the service",
				fmt.Sprintf("Outbound rule %q was added by the service (category %s) and stays under its control; it cannot be managed here. "+
					"The foundry_account_outbound_rules data source reads it.", id.String(), framework.Deref(got.Properties.Common().Category))))
			return
		}
	}
	resp.Diagnostics.Append(crud.SetIDs(ctx, &resp.State, id.String(), "managed_network_id", id.ManagedNetworkID.String(), id.Name)...)
}
