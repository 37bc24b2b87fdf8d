package raipolicy

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

const (
	defaultCreateTimeout = 10 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 10 * time.Minute
	defaultDeleteTimeout = 30 * time.Minute

	accountType    = "Microsoft.CognitiveServices/accounts"
	accountExample = "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}"
)

// The spec's pattern of raiPolicyName and raiBlocklistName.
var namePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)

const nameRule = "letters, digits, underscores, periods and hyphens, starting with a letter or digit"

func nameValidators() []validator.String {
	return []validator.String{framework.Name(1, 255, namePattern, nameRule)}
}

func accountIDValidators() []validator.String {
	return []validator.String{framework.ARMID(accountType, accountExample)}
}

// Enumerations of the 2026-09-01 spec (the service refuses other values).
var (
	modes   = strs(client.RAIPolicyModeDefault, client.RAIPolicyModeDeferred, client.RAIPolicyModeBlocking, client.RAIPolicyModeAsynchronousFilter)
	sources = strs(client.RAIPolicyContentSourcePrompt, client.RAIPolicyContentSourceCompletion, client.RAIPolicyContentSourcePreToolCall,
		client.RAIPolicyContentSourcePostToolCall, client.RAIPolicyContentSourcePreRun, client.RAIPolicyContentSourcePostRun)
	levels         = strs(client.RAIContentLevelLow, client.RAIContentLevelMedium, client.RAIContentLevelHigh)
	actions        = strs(client.RAIActionTypeNone, client.RAIActionTypeBlocking, client.RAIActionTypeAnnotating, client.RAIActionTypeHITL, client.RAIActionTypeRetry)
	egressModes    = strs(client.RAIEgressModeEnforced, client.RAIEgressModeAudit)
	egressDefaults = strs(client.RAIEgressDefaultActionAllow, client.RAIEgressDefaultActionDeny)
	ruleTypes      = strs(client.RAIEgressRuleTypeFqdn)
	ruleActions    = strs(client.RAIEgressRuleActionTypeAllow, client.RAIEgressRuleActionTypeDeny, client.RAIEgressRuleActionTypeTransform,
		client.RAIEgressRuleActionTypeRewrite)
	operations = strs(client.RAIEgressHeaderOperationSet, client.RAIEgressHeaderOperationInsert, client.RAIEgressHeaderOperationRemove)
	schemes    = strs(client.RAIEgressSchemeHTTP, client.RAIEgressSchemeHTTPS)
)

func strs[T ~string](vs ...T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func oneOf(values []string) []validator.String {
	return []validator.String{stringvalidator.OneOf(values...)}
}

func code(values []string) string { return "`" + strings.Join(values, "`, `") + "`" }

func resourceSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "A content filter (responsible AI) policy of a Foundry resource (`Microsoft.CognitiveServices/accounts/raiPolicies`, " +
			"API version 2026-09-01), which deployments name in `rai_policy_name`. It starts from a built-in policy (`base_policy_name`) and " +
			"overrides its content filters, adds custom blocklists, safety providers and an egress policy for agents. Updated in place. When the account " +
			"exists, the plan checks the base policy, the content filters (against those of the account's region) and the blocklists. A policy that " +
			"deployments use cannot be deleted before them: reference it (`rai_policy_name = foundry_rai_policy.<label>.name`) so that Terraform " +
			"deletes the deployments first.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "ARM ID of the policy, `<account ID>/raiPolicies/{name}`.",
			},
			"account_id": schema.StringAttribute{
				Required: true, Validators: accountIDValidators(), PlanModifiers: replace,
				MarkdownDescription: "ARM ID of the Foundry resource (`foundry_account.id`) that holds the policy. Changing it replaces the policy.",
			},
			"name": schema.StringAttribute{
				Required: true, Validators: append(nameValidators(), notBuiltin{}), PlanModifiers: replace,
				MarkdownDescription: "Name of the policy, which deployments give as `rai_policy_name`: " + nameRule + "; not `Microsoft.Default` or " +
					"`Microsoft.DefaultV2`, the built-in policies. Changing it replaces the policy (deployments that use it must move to the new name " +
					"first: see the resource's notes).",
			},
			"base_policy_name": schema.StringAttribute{
				Required: true, Validators: nameValidators(),
				MarkdownDescription: "The policy this one starts from (`properties.basePolicyName`): `Microsoft.DefaultV2` (the current default), " +
					"`Microsoft.Default`, or another policy of the account. Updated in place.",
			},
			"mode": schema.StringAttribute{
				Optional: true, Computed: true, Validators: oneOf(modes), PlanModifiers: keep,
				MarkdownDescription: "When filtering happens relative to streaming (`properties.mode`): " + code(modes) + ". `Deferred` is the old name of " +
					"`Asynchronous_filter`. Left to the service when omitted. Updated in place.",
			},
			"content_filters": schema.ListNestedAttribute{
				Optional: true, Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				MarkdownDescription: "Content filters that override the base policy's (`properties.contentFilters`), each identified by `name` and " +
					"`source`. The `foundry_rai_content_filters` data source lists the filters of a region, which ones take a severity threshold and " +
					"which sources they apply to. Updated in place.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						MarkdownDescription: "Name of the content filter as policies give it, e.g. `Hate`, `Sexual`, `Violence`, `Selfharm`, `Jailbreak`, " +
							"`Indirect Attack`, `Protected Material Text`, `Protected Material Code`, `Profanity` (the `name` of `foundry_rai_content_filters`).",
					},
					"source": schema.StringAttribute{
						Required: true, Validators: oneOf(sources),
						MarkdownDescription: "What the filter applies to: " + code(sources) + ". `Jailbreak` and `Indirect Attack` apply to `Prompt` " +
							"only, the protected material filters to `Completion` only.",
					},
					"enabled": schema.BoolAttribute{
						Optional: true, Computed: true, Default: booldefault.StaticBool(true),
						MarkdownDescription: "Whether the filter runs (default `true`). Turning filters off may need approval of modified content filtering.",
					},
					"blocking": schema.BoolAttribute{
						Optional: true, Computed: true, Default: booldefault.StaticBool(true),
						MarkdownDescription: "Whether the filter blocks what it detects (default `true`); `false` only annotates.",
					},
					"severity_threshold": schema.StringAttribute{
						Optional: true, Validators: oneOf(levels),
						MarkdownDescription: "Lowest severity the filter acts on: " + code(levels) + " (`Low` is the strictest). Required for the " +
							"multi-level filters (`Hate`, `Sexual`, `Violence`, `Selfharm`) and not allowed for the others.",
					},
					"action": schema.StringAttribute{
						Optional: true, Validators: oneOf(actions),
						MarkdownDescription: "What the filter does when it matches (`action`): " + code(actions) + ".",
					},
				}},
			},
			"custom_blocklists": schema.ListNestedAttribute{
				Optional: true, Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				MarkdownDescription: "Blocklists of the account the policy applies (`properties.customBlocklists`), each once per source. Reference " +
					"`foundry_rai_blocklist.<label>.name` so that Terraform creates the blocklist first and deletes it last. Updated in place.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"blocklist_name": schema.StringAttribute{
						Required: true, Validators: nameValidators(),
						MarkdownDescription: "Name of a blocklist of the same account (`foundry_rai_blocklist`).",
					},
					"source": schema.StringAttribute{
						Required: true, Validators: oneOf(sources),
						MarkdownDescription: "What the blocklist applies to: " + code(sources) + ".",
					},
					"blocking": schema.BoolAttribute{
						Optional: true, Computed: true, Default: booldefault.StaticBool(true),
						MarkdownDescription: "Whether a match is blocked (default `true`).",
					},
				}},
			},
			"safety_providers": schema.ListNestedAttribute{
				Optional: true, Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				MarkdownDescription: "External safety providers the policy calls (`properties.safetyProviders`), each once per source. The providers " +
					"themselves are subscription-level resources this provider does not manage. Updated in place.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"safety_provider_name": schema.StringAttribute{
						Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
						MarkdownDescription: "Name of the external safety provider.",
					},
					"source": schema.StringAttribute{
						Optional: true, Validators: oneOf(sources),
						MarkdownDescription: "What the provider applies to: " + code(sources) + ".",
					},
					"blocking": schema.BoolAttribute{
						Optional: true, Computed: true, Default: booldefault.StaticBool(true),
						MarkdownDescription: "Whether a match is blocked (default `true`).",
					},
				}},
			},
			"egress_policy": egressSchema(),
			"tags": schema.MapAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Tags of the policy. Updated in place.",
			},
			"type": schema.StringAttribute{
				Computed: true, PlanModifiers: keep,
				MarkdownDescription: "Who manages the policy (`properties.type`): `UserManaged` for policies made with this resource.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true,
				CreateDescription: "How long to wait for the policy to be created, including waits for other writes to the account (default 10 minutes).",
				ReadDescription:   "How long to wait for a read (default 5 minutes).",
				UpdateDescription: "How long to wait for an update (default 10 minutes).",
				DeleteDescription: "How long to wait until the policy is gone, including until deployments deleted in the same run stop using it (default 30 minutes)."}),
		},
	}
}

// egressSchema is the egress_policy attribute: the outbound network policy of sandboxed agents.
func egressSchema() schema.SingleNestedAttribute {
	optional := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, MarkdownDescription: desc}
	}
	format := optional("How the resolved value is written, `{value}` being the placeholder, e.g. `Bearer {value}`.")
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Which external endpoints sandboxed agents can reach, and what is done to their traffic (`properties.egressPolicy`). " +
			"Rules are evaluated in order; the first that matches decides. Updated in place.",
		Attributes: map[string]schema.Attribute{
			"mode": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(string(client.RAIEgressModeEnforced)), Validators: oneOf(egressModes),
				MarkdownDescription: "`Enforced` (default) applies the rules; `Audit` only logs what would be denied.",
			},
			"default_action": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(string(client.RAIEgressDefaultActionDeny)), Validators: oneOf(egressDefaults),
				MarkdownDescription: "What happens to traffic no rule matches: `Deny` (default) or `Allow`.",
			},
			"description": optional("Description of the egress policy."),
			"rules": schema.ListNestedAttribute{
				Optional: true, Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				MarkdownDescription: "The rules, in order; names are unique within the policy.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":        schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, MarkdownDescription: "Name of the rule."},
					"description": optional("Description of the rule."),
					"rule_type": schema.StringAttribute{
						Optional: true, Computed: true, Default: stringdefault.StaticString(string(client.RAIEgressRuleTypeFqdn)), Validators: oneOf(ruleTypes),
						MarkdownDescription: "How the rule matches (`ruleType`): " + code(ruleTypes) + " (the default, and the only one of API version 2026-09-01).",
					},
					"match": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "What traffic the rule matches; without it (or with neither field) the rule matches everything.",
						Attributes: map[string]schema.Attribute{
							"host": optional("Host pattern in DNS wildcard syntax, e.g. `*.openai.com`."),
							"path": optional("Path prefix, `*` matching one segment, e.g. `/v1/*`."),
						},
					},
					"action": schema.SingleNestedAttribute{
						Required:            true,
						MarkdownDescription: "What the rule does with matching traffic.",
						Attributes: map[string]schema.Attribute{
							"action_type": schema.StringAttribute{
								Required: true, Validators: oneOf(ruleActions),
								MarkdownDescription: "`Allow` or `Deny` (no headers, no rewrite); `Transform` (at least one header, no rewrite); `Rewrite` " +
									"(a rewrite target, optional headers).",
							},
							"headers": schema.ListNestedAttribute{
								Optional: true, Validators: []validator.List{listvalidator.SizeAtLeast(1)},
								MarkdownDescription: "Header transforms applied to matching traffic.",
								NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
									"operation": schema.StringAttribute{
										Required: true, Validators: oneOf(operations),
										MarkdownDescription: "`Set` (overwrite or create), `Insert` (only if absent) or `Remove`.",
									},
									"name": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
										MarkdownDescription: "Header name, e.g. `Authorization`."},
									"value": schema.StringAttribute{
										Optional: true, Sensitive: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
										MarkdownDescription: "A static value, for `Set` and `Insert` (exactly one of `value` and `value_ref`). The service never " +
											"returns it, so a change made outside Terraform is not seen; it is stored in state, marked sensitive. For credentials " +
											"prefer `value_ref`.",
									},
									"value_ref": schema.SingleNestedAttribute{
										Optional:            true,
										MarkdownDescription: "A value resolved at request time, for `Set` and `Insert`: exactly one of `secret_ref` and `managed_identity_ref`.",
										Attributes: map[string]schema.Attribute{
											"secret_ref": schema.SingleNestedAttribute{
												Optional: true, MarkdownDescription: "A stored secret.",
												Attributes: map[string]schema.Attribute{
													"secret_id": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
														MarkdownDescription: "Identifier of the secret."},
													"secret_key": schema.StringAttribute{Optional: true, Sensitive: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
														MarkdownDescription: "Key within the secret. Secret in the API: never returned, stored in state marked sensitive."},
													"format": format,
												},
											},
											"managed_identity_ref": schema.SingleNestedAttribute{
												Optional: true, MarkdownDescription: "A managed identity token.",
												Attributes: map[string]schema.Attribute{
													"resource": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
														MarkdownDescription: "Audience of the token, e.g. `https://cognitiveservices.azure.com`."},
													"format": format,
												},
											},
										},
									},
								}},
							},
							"rewrite": schema.SingleNestedAttribute{
								Optional:            true,
								MarkdownDescription: "Where a `Rewrite` sends the traffic; at least one field, the others keep the request's values.",
								Attributes: map[string]schema.Attribute{
									"scheme": schema.StringAttribute{Optional: true, Validators: oneOf(schemes), MarkdownDescription: "`http` or `https`."},
									"host":   optional("Target host."),
									"path":   optional("Target path (literal)."),
								},
							},
						},
					},
				}},
			},
		},
	}
}
