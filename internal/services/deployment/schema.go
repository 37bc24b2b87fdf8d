package deployment

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/diagnostics"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	defaultCreateTimeout = 30 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 30 * time.Minute
	defaultDeleteTimeout = 30 * time.Minute

	accountType    = "Microsoft.CognitiveServices/accounts"
	accountExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}"
)

// SKUNames are the deployment types (deployment `sku.name`) the service documents. The spec leaves the SKU name
// open, so a new deployment type needs a provider release; the account's own SKU (S0) is a different thing.
var SKUNames = []string{
	"Standard", "GlobalStandard", "DataZoneStandard",
	"ProvisionedManaged", "GlobalProvisionedManaged", "DataZoneProvisionedManaged",
	"GlobalBatch", "DataZoneBatch", "DeveloperTier",
}

// VersionUpgradeOptions are the values of properties.versionUpgradeOption.
var VersionUpgradeOptions = []string{"OnceNewDefaultVersionAvailable", "OnceCurrentVersionExpired", "NoAutoUpgrade"}

// DeploymentStates are the values of properties.deploymentState.
var DeploymentStates = []string{string(client.DeploymentStateRunning), string(client.DeploymentStatePaused)}

// PausableSKUs are the deployment types whose deployments can be paused (the spec's Deployments_Pause).
var PausableSKUs = []string{"Standard", "DataZoneStandard", "GlobalStandard"}

// ServiceTiers are the values of properties.serviceTier.
var ServiceTiers = []string{"Default", "Priority"}

// Deployment names: 2 to 64 letters, digits, '_', '.' and '-', starting with a letter or digit.
var namePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)

func nameValidators() []validator.String {
	return []validator.String{framework.Name(2, 64, namePattern, "letters, digits, underscores, periods and hyphens, starting with a letter or digit")}
}

func accountIDValidators() []validator.String {
	return []validator.String{framework.ARMID(accountType, accountExample)}
}

// skuNameValidator explains the deployment types instead of only listing them.
type skuNameValidator struct{}

func (skuNameValidator) Description(context.Context) string {
	return "one of " + strings.Join(SKUNames, ", ")
}

func (v skuNameValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (skuNameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	got := req.ConfigValue.ValueString()
	for _, s := range SKUNames {
		if s == got {
			return
		}
	}
	hint := ""
	for _, s := range SKUNames {
		if strings.EqualFold(s, got) {
			hint = fmt.Sprintf(" Did you mean %q? Names are case-sensitive here.", s)
		}
	}
	resp.Diagnostics.Append(diagnostics.InvalidAttribute(req.Path, "Invalid sku.name",
		fmt.Sprintf("%q is not a deployment type. sku.name is the deployment type (where and how requests are processed), one of %s; "+
			"the account's pricing tier (S0) belongs on foundry_account.%s The foundry_models data source lists the SKUs each model offers.",
			got, strings.Join(SKUNames, ", "), hint)))
}

func resourceSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "A model deployment (`Microsoft.CognitiveServices/accounts/deployments`, API version 2026-09-01) in a Foundry resource " +
			"(`foundry_account`). Writes are serialised with the other children of the same account. When the account already exists, " +
			"the plan checks the model, version, SKU and capacity against the account's model catalog and the subscription's quota.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "ARM ID of the deployment, `<account ID>/deployments/{name}`.",
			},
			"account_id": schema.StringAttribute{
				Required: true, Validators: accountIDValidators(), PlanModifiers: replace,
				MarkdownDescription: "ARM ID of the Foundry resource (`foundry_account.id`) that holds the deployment. Changing it replaces the deployment.",
			},
			"name": schema.StringAttribute{
				Required: true, Validators: nameValidators(), PlanModifiers: replace,
				MarkdownDescription: "Name of the deployment, used by clients as the `model` of inference requests: 2 to 64 letters, digits, `_`, `.` and `-`, " +
					"starting with a letter or digit. Changing it replaces the deployment.",
			},
			"model": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "The deployed model (`properties.model`).",
				Attributes: map[string]schema.Attribute{
					"format": schema.StringAttribute{
						Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
						MarkdownDescription: "Model format (`properties.model.format`), e.g. `OpenAI`, `Microsoft`, `Meta`, `DeepSeek`. Changing it replaces the deployment.",
					},
					"name": schema.StringAttribute{
						Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
						MarkdownDescription: "Model name (`properties.model.name`), e.g. `gpt-4.1`. Azure cannot change the model of a deployment, so changing it replaces the deployment.",
					},
					"version": schema.StringAttribute{
						Optional: true, Computed: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						PlanModifiers: []planmodifier.String{sameModel()},
						MarkdownDescription: "Model version (`properties.model.version`). Omit it to let the service pick the model's default version; " +
							"with `version_upgrade_option` the service may later move the deployment to a newer one, which is not drift while this is unset. " +
							"Updated in place.",
					},
					"publisher": schema.StringAttribute{
						Optional: true, Computed: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						PlanModifiers:       []planmodifier.String{sameModel()},
						MarkdownDescription: "Model publisher (`properties.model.publisher`), the model provider data of non-OpenAI models. Updated in place.",
					},
					"source": schema.StringAttribute{
						Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						MarkdownDescription: "ARM ID of the model's source (`properties.model.source`), e.g. a fine-tuned model's project. Updated in place.",
					},
					"source_account": schema.StringAttribute{
						Optional: true, Validators: accountIDValidators(), PlanModifiers: replace,
						MarkdownDescription: "ARM ID of the Foundry resource (or Azure OpenAI account) the model comes from when it is not this account's " +
							"(`properties.model.sourceAccount`): a fine-tuned model trained in another account, possibly in another region. The plan " +
							"does not check such a model against this account's catalog and quota (they do not list it); Azure checks it at apply. " +
							"Changing it replaces the deployment.",
					},
				},
			},
			"sku": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "Deployment type and capacity (`sku`).",
				Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						Required: true, Validators: []validator.String{skuNameValidator{}}, PlanModifiers: replace,
						MarkdownDescription: "Deployment type (`sku.name`): one of `" + strings.Join(SKUNames, "`, `") + "`. Which types a model offers " +
							"depends on the model version and region (see the `foundry_models` data source). Azure cannot change it, so changing it replaces the deployment.",
					},
					"capacity": schema.Int64Attribute{
						Optional: true, Computed: true, Validators: []validator.Int64{int64validator.AtLeast(1)},
						PlanModifiers: []planmodifier.Int64{sameSKU()},
						MarkdownDescription: "Capacity (`sku.capacity`): thousands of tokens per minute for Standard types, provisioned throughput units " +
							"for provisioned ones. Defaults to the catalog's default for the model and SKU. It must lie within the catalog's minimum, maximum and step " +
							"and within the subscription's free quota, which the plan checks. Updated in place.",
					},
				},
			},
			"rai_policy_name": schema.StringAttribute{
				Optional: true, Computed: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: keep,
				MarkdownDescription: "Content filter (RAI policy) of the deployment (`properties.raiPolicyName`). The service sets `Microsoft.DefaultV2` when it is omitted; " +
					"removing it from the configuration keeps the current policy. Updated in place.",
			},
			"version_upgrade_option": schema.StringAttribute{
				Optional: true, Computed: true, Validators: []validator.String{stringvalidator.OneOf(VersionUpgradeOptions...)}, PlanModifiers: keep,
				MarkdownDescription: "When the service moves the deployment to a newer model version (`properties.versionUpgradeOption`): " +
					"`OnceNewDefaultVersionAvailable` (the service's default for OpenAI models), `OnceCurrentVersionExpired` or `NoAutoUpgrade`. Updated in place.",
			},
			"spillover_deployment_name": schema.StringAttribute{
				Optional: true, Validators: nameValidators(),
				MarkdownDescription: "Deployment of the same account that serves the requests this one would throttle (`properties.spilloverDeploymentName`). Updated in place.",
			},
			"service_tier": schema.StringAttribute{
				Optional: true, Computed: true, Validators: []validator.String{stringvalidator.OneOf(ServiceTiers...)}, PlanModifiers: keep,
				MarkdownDescription: "Processing tier of requests (`properties.serviceTier`): `Default` or `Priority`. Left to the service when omitted. Updated in place.",
			},
			"parent_deployment_name": schema.StringAttribute{
				Optional: true, Validators: nameValidators(),
				MarkdownDescription: "Name of the parent deployment (`properties.parentDeploymentName`). Updated in place.",
			},
			"context_cache_container_id": schema.StringAttribute{
				Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Resource ID of the context cache container of the deployment (`properties.contextCacheContainerId`). Updated in place.",
			},
			"capacity_settings": capacitySettingsSchema(),
			"routing":           routingSchema(),
			"deployment_state": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: keep, Validators: []validator.String{stringvalidator.OneOf(DeploymentStates...)},
				MarkdownDescription: "Whether the deployment serves inference requests (`properties.deploymentState`): `Running` or `Paused` " +
					"(requests get HTTP 423 while paused; the configuration is kept). The provider switches it with the deployment's pause " +
					"and resume actions, which Azure offers for the `" + strings.Join(PausableSKUs, "`, `") + "` deployment types only " +
					"(checked at plan). Left to the service (`Running` for a new deployment) when omitted; removing it keeps the current state. " +
					"Updated in place.",
			},
			"tags": schema.MapAttribute{
				Optional: true, ElementType: types.StringType, Validators: []validator.Map{framework.Tags()},
				MarkdownDescription: "Tags of the deployment. At most 50; names up to 512 characters, not starting with `microsoft`, `azure` or `windows`; values up to 256 characters (checked at plan). Updated in place.",
			},
			"current_capacity": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "Capacity the deployment has now (`properties.currentCapacity`); it can lag `sku.capacity` after a change.",
			},
			"provisioning_state": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Provisioning state (`properties.provisioningState`).",
			},
			"dynamic_throttling_enabled": schema.BoolAttribute{
				Computed: true, PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Whether dynamic throttling is on (`properties.dynamicThrottlingEnabled`).",
			},
			"capabilities": schema.MapAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Capabilities of the deployed model (`properties.capabilities`), e.g. `chatCompletion = \"true\"`.",
			},
			"rate_limits": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Rate limits that follow from the capacity (`properties.rateLimits`).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"key":            schema.StringAttribute{Computed: true, MarkdownDescription: "What is limited, e.g. `request` or `token`."},
					"renewal_period": schema.Float64Attribute{Computed: true, MarkdownDescription: "Window of the limit, in seconds."},
					"count":          schema.Float64Attribute{Computed: true, MarkdownDescription: "Number allowed per window."},
				}},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long to wait for the deployment to be created, including waits for other writes to the account (default 30 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for an update (default 30 minutes).",
				DeleteDescription: "How long to wait until the deployment is gone (default 30 minutes)."}),
		},
	}
}
