package managednetwork

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	defaultRuleTimeout = 30 * time.Minute

	networkType    = "Microsoft.CognitiveServices/accounts/managedNetworks"
	networkExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}/managedNetworks/default"
)

// Protocols are the protocols of service tag rules.
var Protocols = []string{"TCP", "UDP", "ICMP", "*"}

// Actions are the actions of service tag rules.
var Actions = []string{string(client.OutboundRuleActionAllow), string(client.OutboundRuleActionDeny)}

var (
	pathNetworkID  = path.Root("managed_network_id")
	pathFQDN       = path.Root("fqdn")
	pathServiceTag = path.Root("service_tag")
)

func ruleSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	kindChange := []planmodifier.Object{objectplanmodifier.RequiresReplaceIf(kindAdded,
		"Replaces the rule when it becomes a rule of another kind.", "Replaces the rule when it becomes a rule of another kind.")}
	return schema.Schema{
		MarkdownDescription: "One outbound rule of a Foundry resource's managed network (`Microsoft.CognitiveServices/accounts/managedNetworks/outboundRules`, " +
			"API version 2026-09-01): a destination the network's agents and compute may reach. Exactly one of `fqdn`, `private_endpoint` and " +
			"`service_tag` sets the kind. Writes are serialised with the other children of the same account.\n\n" +
			"Rules need isolation mode `AllowInternetOutbound` (private endpoints only) or `AllowOnlyApprovedOutbound` (all kinds); the plan says so " +
			"when the managed network already exists. Rules are only managed this way, never inline on `foundry_account_managed_network`: a rule " +
			"that already exists (written by another tool or inline) must be imported, and the names of the rules the service adds itself are refused.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "ARM ID of the rule, `<managed network ID>/outboundRules/{name}`.",
			},
			"managed_network_id": schema.StringAttribute{
				Required: true, Validators: []validator.String{framework.ARMID(networkType, networkExample)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(otherNetwork,
					"Replaces the rule when it moves to another managed network.", "Replaces the rule when it moves to another managed network.")},
				MarkdownDescription: "ARM ID of the managed network (`foundry_account_managed_network.id`). Moving the rule to another managed network replaces it.",
			},
			"name": schema.StringAttribute{
				Required: true, Validators: []validator.String{ruleNameValidator()}, PlanModifiers: replace,
				MarkdownDescription: "Name of the rule: 3 to 33 letters, digits, `_` and `-`, starting with a letter or digit; unique in the managed network. " +
					"Changing it replaces the rule.",
			},
			"fqdn": schema.SingleNestedAttribute{
				Optional: true, PlanModifiers: kindChange,
				MarkdownDescription: "An FQDN rule (type `FQDN`): the network's Azure Firewall lets traffic through to a domain. Needs `AllowOnlyApprovedOutbound`.",
				Attributes: map[string]schema.Attribute{
					"destination": schema.StringAttribute{
						Required: true, Validators: []validator.String{fqdnValidator()},
						MarkdownDescription: "The domain (`properties.destination`), e.g. `pypi.org` or `*.blob.core.windows.net`: a name without scheme, port or path; " +
							"a wildcard only as the whole leftmost label. Updated in place.",
					},
				},
			},
			"private_endpoint": schema.SingleNestedAttribute{
				Optional: true, PlanModifiers: kindChange,
				MarkdownDescription: "A private endpoint rule (type `PrivateEndpoint`): the service creates a private endpoint from the managed network to an Azure resource.",
				Attributes: map[string]schema.Attribute{
					"service_resource_id": schema.StringAttribute{
						Required: true, Validators: []validator.String{resourceIDValidator()}, PlanModifiers: replace,
						MarkdownDescription: "ARM ID of the target resource (`properties.destination.serviceResourceId`), e.g. a storage account. Changing it replaces the rule.",
					},
					"subresource_target": schema.StringAttribute{
						Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
						MarkdownDescription: "Private link sub-resource of the target (`properties.destination.subresourceTarget`), e.g. `blob`, `Sql`, `searchService` or `account`. Changing it replaces the rule.",
					},
					"fqdns": schema.ListAttribute{
						Optional: true, ElementType: types.StringType,
						Validators:          []validator.List{listvalidator.ValueStringsAre(fqdnValidator())},
						MarkdownDescription: "Domain names that resolve to the private endpoint (`properties.fqdns`). Updated in place.",
					},
				},
			},
			"service_tag": schema.SingleNestedAttribute{
				Optional: true, PlanModifiers: kindChange,
				MarkdownDescription: "A service tag rule (type `ServiceTag`): traffic to an Azure service tag, or to address prefixes. Needs `AllowOnlyApprovedOutbound`.",
				Attributes: map[string]schema.Attribute{
					"service_tag": schema.StringAttribute{
						Optional: true,
						Validators: []validator.String{serviceTagValidator(),
							stringvalidator.ExactlyOneOf(path.MatchRelative().AtParent().AtName("address_prefixes"))},
						MarkdownDescription: "Azure service tag (`properties.destination.serviceTag`), e.g. `Storage`, `AzureActiveDirectory` or `Storage.EastUS`. " +
							"Exactly one of `service_tag` and `address_prefixes` (the service ignores the tag when prefixes are set). Updated in place.",
					},
					"address_prefixes": schema.ListAttribute{
						Optional: true, ElementType: types.StringType,
						Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(addressPrefixValidator())},
						MarkdownDescription: "IP addresses or CIDR ranges (`properties.destination.addressPrefixes`), instead of `service_tag`. Updated in place.",
					},
					"protocol": schema.StringAttribute{
						Required: true, Validators: []validator.String{stringvalidator.OneOf(Protocols...)},
						MarkdownDescription: "Protocol (`properties.destination.protocol`): `TCP`, `UDP`, `ICMP` or `*`. Updated in place.",
					},
					"port_ranges": schema.StringAttribute{
						Optional: true, Computed: true, Validators: []validator.String{portRangesValidator()}, PlanModifiers: keep,
						MarkdownDescription: "Destination ports (`properties.destination.portRanges`): `*`, a port, a range such as `8000-8080`, or a comma-separated " +
							"list of them (`80,443`). Required except with `ICMP`. Updated in place.",
					},
					"action": schema.StringAttribute{
						Optional: true, Computed: true, Default: stringdefault.StaticString(string(client.OutboundRuleActionAllow)),
						Validators:          []validator.String{stringvalidator.OneOf(Actions...)},
						MarkdownDescription: "`Allow` (default) or `Deny` (`properties.destination.action`). Updated in place.",
					},
				},
			},
			"category": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Category of the rule (`properties.category`): `UserDefined` for every rule of this resource.",
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Status of the rule (`properties.status`): `Inactive` until the managed network is provisioned, then `Active`; `Failed` when the service could not apply it.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long to wait for the rule to be created, including waits for other writes to the account (default 30 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for an update (default 30 minutes).",
				DeleteDescription: "How long to wait until the rule is gone (default 30 minutes)."}),
		},
	}
}

// kindAdded: the rule existed with another kind (this kind's object was null in state).
func kindAdded(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.State.Raw.IsNull() && req.StateValue.IsNull() && !req.PlanValue.IsNull()
}

// otherNetwork: a known managed network ID other than the state's. An unknown one is the same network whose
// isolation mode changes (see the network's ModifyPlan) or a network being replaced, whose rules the update writes
// again.
func otherNetwork(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.PlanValue.IsUnknown() && !req.StateValue.IsNull() && !sameID(req.PlanValue.ValueString(), req.StateValue.ValueString())
}
