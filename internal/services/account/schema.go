package account

import (
	"context"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/identity"
)

// Default timeouts; account operations can take minutes, and network-injected accounts much longer.
const (
	defaultCreateTimeout = 30 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
	defaultDeleteTimeout = 30 * time.Minute
)

var (
	// Learn's naming rules (stricter than the spec, which also allows "_" and "."): start and end alphanumeric.
	namePattern      = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$`)
	subdomainPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)
	rgPattern        = regexp.MustCompile(`^[-\w.()]*[-\w()]$`)
	// The spec's projectName rule.
	projectNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)
)

func nameValidators() []validator.String {
	return []validator.String{framework.Name(2, 64, namePattern, "letters, digits and hyphens, starting and ending with a letter or digit")}
}

// projectNameValidators are the spec's projectName rule: 2 to 64 characters.
func projectNameValidators() []validator.String {
	return []validator.String{framework.Name(2, 64, projectNamePattern, "letters, digits, underscores, periods and hyphens, starting with a letter or digit")}
}

func resourceGroupValidators() []validator.String {
	return []validator.String{framework.Name(1, 90, rgPattern, "letters, digits, underscores, hyphens, periods and parentheses, not ending with a period")}
}

func resourceSchema(ctx context.Context) schema.Schema {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "A Foundry resource: a `Microsoft.CognitiveServices/accounts` account of kind `AIServices` (API version 2026-09-01) " +
			"that holds projects, model deployments, connections and agents.\n\n" +
			"Deleting an account soft-deletes it for 48 hours, during which its name and subdomain stay taken. " +
			"At plan, a new account's `location` must be offered to the subscription, and its resource group must exist (a name close to an " +
			"existing group is an error; another missing group a warning, since another provider may create it in the same run). " +
			"Destroying a network-injected account with `purge_soft_delete_on_destroy` waits for the agent subnet's release for at most the " +
			"provider's `waits.subnet_link_release` (default 30 minutes). " +
			"See the provider's `features.account` block to purge on destroy or recover on create.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "ARM ID of the account, `/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{name}`.",
			},
			"name": schema.StringAttribute{
				Required: true, PlanModifiers: replace, Validators: nameValidators(),
				MarkdownDescription: "Name of the account: 2 to 64 letters, digits and hyphens, starting and ending with a letter or digit. Changing it replaces the account.",
			},
			"resource_group_name": schema.StringAttribute{
				Required: true, PlanModifiers: replace, Validators: resourceGroupValidators(),
				MarkdownDescription: "Resource group that holds the account; it must exist. Changing it replaces the account.",
			},
			"location": schema.StringAttribute{
				Required: true, CustomType: framework.LocationType{},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Azure region, e.g. `eastus` or `East US` (both spellings are the same region). Changing it replaces the account.",
			},
			"sku_name": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("S0"),
				Validators:          []validator.String{stringvalidator.OneOf("S0", "F0")},
				MarkdownDescription: "Pricing tier (`sku.name`): `S0` (standard, the default) or `F0` (free, where offered).",
			},
			"custom_subdomain_name": schema.StringAttribute{
				Required: true, PlanModifiers: replace,
				Validators: []validator.String{framework.Name(2, 64, subdomainPattern,
					"lower-case letters, digits and hyphens, starting and ending with a letter or digit")},
				MarkdownDescription: "DNS label of the account's endpoints (`properties.customSubDomainName`), globally unique across Azure. " +
					"Soft-deleted accounts keep theirs for 48 hours. It cannot change once set: changing it replaces the account.",
			},
			"project_management_enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the account can hold Foundry projects (`properties.allowProjectManagement`). Needs an `identity`. Defaults to `true`.",
			},
			"public_network_access": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("Enabled"),
				Validators:          []validator.String{stringvalidator.OneOf("Enabled", "Disabled")},
				MarkdownDescription: "Whether the endpoints are reachable from public networks (`properties.publicNetworkAccess`): `Enabled` (default) or `Disabled`.",
			},
			"local_auth_enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether API keys are accepted (`properties.disableLocalAuth` inverted). With `false` only Microsoft Entra ID tokens work. Defaults to `true`.",
			},
			"outbound_network_access_restricted": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether outbound calls are limited to `allowed_fqdns` (`properties.restrictOutboundNetworkAccess`). Defaults to `false`.",
			},
			"allowed_fqdns": schema.SetAttribute{
				Optional: true, ElementType: types.StringType,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(framework.FQDN())},
				MarkdownDescription: "Host names the account may call when `outbound_network_access_restricted` is `true` (`properties.allowedFqdnList`).",
			},
			"identity":                   identity.Schema("account. Projects, customer-managed keys and the agent service act as this identity"),
			"network_acls":               networkACLsSchema(),
			"user_owned_storage":         userOwnedStorageSchema(),
			"customer_managed_key":       customerManagedKeySchema(),
			"network_injection":          networkInjectionSchema(),
			"agent_capability_host_name": agentCapabilityHostSchema(),
			"tags": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, Validators: []validator.Map{framework.Tags()},
				MarkdownDescription: "Tags of the account. At most 50; names up to 512 characters, not starting with `microsoft`, `azure` or `windows`; values up to 256 characters (checked at plan).",
			},
			"endpoint": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Primary endpoint of the account (`properties.endpoint`).",
			},
			"endpoints": schema.MapAttribute{
				Computed: true, ElementType: types.StringType, PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Endpoints of the account by service name (`properties.endpoints`), e.g. `AI Foundry API`.",
			},
			"default_project": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: keep, Validators: projectNameValidators(),
				MarkdownDescription: "Name of the account's default project (`properties.defaultProject`): the project the data plane uses when a " +
					"request names none, and the one Azure deletes last. Azure makes the first project the default; set this to choose another. " +
					"It may name a project this configuration creates after the account: until that project exists, the account's oldest project " +
					"serves as the default. Removing it from the configuration keeps the current default. Updated in place. When not configured it stays " +
					"null (after an import, the default as imported): a project created after the account would otherwise show as a change made outside " +
					"of Terraform at every refresh; `foundry_project`'s `is_default` and the `foundry_account` data source say which project is the default.",
			},
			"associated_projects": schema.SetAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Names of the account's projects (`properties.associatedProjects`), as of the account's last create, update or " +
					"import (projects created after the account would otherwise show as a change made outside of Terraform at every refresh); the " +
					"`foundry_account` data source lists them as they are now.",
			},
			"dynamic_throttling_enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether the account may exceed its rate limits while the service has spare capacity " +
					"(`properties.dynamicThrottlingEnabled`). Defaults to `false`. Updated in place.",
			},
			"stored_completions_enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the account keeps stored completions, the chat completions saved with `store: true` for evaluation and " +
					"distillation (`properties.storedCompletionsDisabled` inverted). Defaults to `true`, the service's default. Updated in place.",
			},
			"a365_logging_enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether A365 logging is on (`properties.a365LoggingEnabled`). Defaults to `true`, the service's default; " +
					"set `false` to opt out. Updated in place.",
			},
			"aml_workspace":      amlWorkspaceSchema(),
			"rai_monitor_config": raiMonitorConfigSchema(),
			"locations":          locationsSchema(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long to wait for the account to be created (default 30 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for an update (default 30 minutes).",
				DeleteDescription: "How long to wait for the delete, the purge when it is on, and then the release of a network-injected account's agent subnet (default 30 minutes)."}),
		},
	}
}
