package raipolicy

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

type egressPolicyModel struct {
	Mode          types.String      `tfsdk:"mode"`
	DefaultAction types.String      `tfsdk:"default_action"`
	Description   types.String      `tfsdk:"description"`
	Rules         []egressRuleModel `tfsdk:"rules"`
}

type egressRuleModel struct {
	Name        types.String       `tfsdk:"name"`
	Description types.String       `tfsdk:"description"`
	RuleType    types.String       `tfsdk:"rule_type"`
	Match       *egressMatchModel  `tfsdk:"match"`
	Action      *egressActionModel `tfsdk:"action"`
}

type egressMatchModel struct {
	Host types.String `tfsdk:"host"`
	Path types.String `tfsdk:"path"`
}

type egressActionModel struct {
	ActionType types.String        `tfsdk:"action_type"`
	Headers    []egressHeaderModel `tfsdk:"headers"`
	Rewrite    *egressRewriteModel `tfsdk:"rewrite"`
}

type egressHeaderModel struct {
	Operation types.String         `tfsdk:"operation"`
	Name      types.String         `tfsdk:"name"`
	Value     types.String         `tfsdk:"value"`
	ValueRef  *egressValueRefModel `tfsdk:"value_ref"`
}

type egressValueRefModel struct {
	SecretRef          *egressSecretRefModel   `tfsdk:"secret_ref"`
	ManagedIdentityRef *egressIdentityRefModel `tfsdk:"managed_identity_ref"`
}

type egressSecretRefModel struct {
	SecretID  types.String `tfsdk:"secret_id"`
	SecretKey types.String `tfsdk:"secret_key"`
	Format    types.String `tfsdk:"format"`
}

type egressIdentityRefModel struct {
	Resource types.String `tfsdk:"resource"`
	Format   types.String `tfsdk:"format"`
}

type egressRewriteModel struct {
	Scheme types.String `tfsdk:"scheme"`
	Host   types.String `tfsdk:"host"`
	Path   types.String `tfsdk:"path"`
}

func expandEgress(m *egressPolicyModel) *client.RAIEgressPolicy {
	if m == nil {
		return nil
	}
	out := &client.RAIEgressPolicy{
		Mode:          enum[client.RAIEgressMode](m.Mode),
		DefaultAction: enum[client.RAIEgressDefaultAction](m.DefaultAction),
		Description:   known(m.Description),
	}
	for _, r := range m.Rules {
		rule := client.RAIEgressRule{Name: r.Name.ValueString(), Description: known(r.Description), RuleType: client.RAIEgressRuleType(r.RuleType.ValueString())}
		if r.Match != nil {
			rule.Match = &client.RAIEgressRuleMatch{Host: known(r.Match.Host), Path: known(r.Match.Path)}
		}
		if a := r.Action; a != nil {
			rule.Action.ActionType = client.RAIEgressRuleActionType(a.ActionType.ValueString())
			for _, h := range a.Headers {
				rule.Action.Headers = append(rule.Action.Headers, expandHeader(h))
			}
			if a.Rewrite != nil {
				rule.Action.Rewrite = &client.RAIEgressRewriteTarget{Scheme: enum[client.RAIEgressScheme](a.Rewrite.Scheme), Host: known(a.Rewrite.Host),
					Path: known(a.Rewrite.Path)}
			}
		}
		out.Rules = append(out.Rules, rule)
	}
	return out
}

func expandHeader(h egressHeaderModel) client.RAIEgressHeaderTransform {
	out := client.RAIEgressHeaderTransform{Operation: client.RAIEgressHeaderOperation(h.Operation.ValueString()), Name: h.Name.ValueString(), Value: known(h.Value)}
	if r := h.ValueRef; r != nil {
		out.ValueRef = &client.RAIEgressHeaderValueRef{}
		if s := r.SecretRef; s != nil {
			out.ValueRef.SecretRef = &client.RAIEgressSecretRef{SecretID: s.SecretID.ValueString(), SecretKey: known(s.SecretKey), Format: known(s.Format)}
		}
		if i := r.ManagedIdentityRef; i != nil {
			out.ValueRef.ManagedIdentityRef = &client.RAIEgressManagedIdentityRef{Resource: i.Resource.ValueString(), Format: known(i.Format)}
		}
	}
	return out
}

// flattenEgress reads the egress policy back; the secrets (a header's value, a secret reference's secret_key),
// which the API never returns, come from prior, matched by rule and header name.
func flattenEgress(e *client.RAIEgressPolicy, prior *egressPolicyModel) *egressPolicyModel {
	if e == nil {
		return nil
	}
	secrets := map[string]egressHeaderModel{}
	var priorRules []egressRuleModel
	if prior != nil {
		priorRules = prior.Rules
		for _, r := range prior.Rules {
			if r.Action == nil {
				continue
			}
			for _, h := range r.Action.Headers {
				secrets[headerKey(r.Name.ValueString(), h.Name.ValueString())] = h
			}
		}
	}
	out := &egressPolicyModel{Mode: enumValue(e.Mode), DefaultAction: enumValue(e.DefaultAction), Description: types.StringPointerValue(framework.NilIfEmpty(e.Description))}
	for _, r := range e.Rules {
		rule := egressRuleModel{Name: types.StringValue(r.Name), Description: types.StringPointerValue(framework.NilIfEmpty(r.Description)),
			RuleType: enumValue(&r.RuleType)}
		if r.Match != nil {
			rule.Match = &egressMatchModel{Host: types.StringPointerValue(framework.NilIfEmpty(r.Match.Host)), Path: types.StringPointerValue(framework.NilIfEmpty(r.Match.Path))}
		}
		a := &egressActionModel{ActionType: types.StringValue(string(r.Action.ActionType))}
		for _, h := range r.Action.Headers {
			a.Headers = append(a.Headers, flattenHeader(h, secrets[headerKey(r.Name, h.Name)]))
		}
		if rw := r.Action.Rewrite; rw != nil {
			a.Rewrite = &egressRewriteModel{Scheme: enumValue(rw.Scheme), Host: types.StringPointerValue(framework.NilIfEmpty(rw.Host)),
				Path: types.StringPointerValue(framework.NilIfEmpty(rw.Path))}
		}
		rule.Action = a
		out.Rules = append(out.Rules, rule)
	}
	out.Rules = inPriorOrder(out.Rules, priorRules, func(r egressRuleModel) string { return strings.ToLower(r.Name.ValueString()) })
	return out
}

func flattenHeader(h client.RAIEgressHeaderTransform, prior egressHeaderModel) egressHeaderModel {
	out := egressHeaderModel{Operation: types.StringValue(string(h.Operation)), Name: types.StringValue(h.Name), Value: types.StringNull()}
	if h.Value != nil && *h.Value != "" {
		out.Value = types.StringValue(*h.Value)
	} else if h.ValueRef == nil && h.Operation != client.RAIEgressHeaderOperationRemove {
		out.Value = prior.Value // write-only in the API: never returned
	}
	if r := h.ValueRef; r != nil {
		out.ValueRef = &egressValueRefModel{}
		if s := r.SecretRef; s != nil {
			sr := &egressSecretRefModel{SecretID: types.StringValue(s.SecretID), SecretKey: types.StringNull(), Format: types.StringPointerValue(framework.NilIfEmpty(s.Format))}
			if s.SecretKey != nil && *s.SecretKey != "" {
				sr.SecretKey = types.StringValue(*s.SecretKey)
			} else if prior.ValueRef != nil && prior.ValueRef.SecretRef != nil && strings.EqualFold(prior.ValueRef.SecretRef.SecretID.ValueString(), s.SecretID) {
				sr.SecretKey = prior.ValueRef.SecretRef.SecretKey // secret in the API: never returned
			}
			out.ValueRef.SecretRef = sr
		}
		if i := r.ManagedIdentityRef; i != nil {
			out.ValueRef.ManagedIdentityRef = &egressIdentityRefModel{Resource: types.StringValue(i.Resource), Format: types.StringPointerValue(framework.NilIfEmpty(i.Format))}
		}
	}
	return out
}

func headerKey(rule, header string) string {
	return strings.ToLower(rule) + "|" + strings.ToLower(header)
}
