package raipolicy

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

func str(s string) types.String { return types.StringValue(s) }

// A policy round-trips: what is sent comes back in the configuration's order even when the service reorders it, and
// the egress secrets the service never returns stay as configured.
func TestExpandFlattenPolicy(t *testing.T) {
	ctx := context.Background()
	id := client.NewRAIPolicyID(client.NewAccountID("s", "g", "a"), "p")
	m := policyModel{
		AccountID: str(id.AccountID.String()), Name: str("p"), BasePolicyName: str("Microsoft.DefaultV2"), Mode: types.StringUnknown(),
		ContentFilters: []contentFilterModel{
			{Name: str("Hate"), Source: str("Completion"), Enabled: types.BoolValue(true), Blocking: types.BoolValue(true), SeverityThreshold: str("Low"), Action: types.StringNull()},
			{Name: str("Hate"), Source: str("Prompt"), Enabled: types.BoolValue(true), Blocking: types.BoolValue(false), SeverityThreshold: str("High"), Action: types.StringNull()},
		},
		EgressPolicy: &egressPolicyModel{Mode: str("Enforced"), DefaultAction: str("Deny"), Description: types.StringNull(), Rules: []egressRuleModel{{
			Name: str("r"), Description: types.StringNull(), RuleType: str("Fqdn"),
			Action: &egressActionModel{ActionType: str("Transform"), Headers: []egressHeaderModel{
				{Operation: str("Set"), Name: str("Authorization"), Value: str("Bearer s3cret")},
				{Operation: str("Insert"), Name: str("X-Key"), Value: types.StringNull(), ValueRef: &egressValueRefModel{
					SecretRef: &egressSecretRefModel{SecretID: str("kv"), SecretKey: str("k3y"), Format: types.StringNull()}}},
			}},
		}}},
		Tags: types.MapNull(types.StringType),
	}
	body, d := expandPolicy(ctx, m)
	if d.HasError() {
		t.Fatal(d)
	}
	p := body.Properties
	if p.Mode != nil || len(p.ContentFilters) != 2 || *p.ContentFilters[1].Blocking || p.EgressPolicy.Rules[0].Action.Headers[0].Value == nil {
		t.Fatalf("body = %+v", p)
	}
	// The service answers in another order, without the secrets, with its mode and the read-only type.
	answer := body
	props := *p
	props.ContentFilters = []client.RAIPolicyContentFilter{p.ContentFilters[1], p.ContentFilters[0]}
	egress := *p.EgressPolicy
	egress.Rules = []client.RAIEgressRule{egress.Rules[0]}
	egress.Rules[0].Action.Headers = []client.RAIEgressHeaderTransform{
		{Operation: "Set", Name: "Authorization"},
		{Operation: "Insert", Name: "X-Key", ValueRef: &client.RAIEgressHeaderValueRef{SecretRef: &client.RAIEgressSecretRef{SecretID: "kv"}}},
	}
	props.EgressPolicy = &egress
	props.Mode = framework.Ptr(client.RAIPolicyModeDefault)
	props.Type = framework.Ptr(client.RAIPolicyTypeUserManaged)
	answer.Properties = &props
	if d := flattenPolicy(id, answer, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.ContentFilters[0].Source.ValueString() != "Completion" || m.Mode.ValueString() != "Default" || m.Type.ValueString() != "UserManaged" {
		t.Fatalf("flattened = %+v", m)
	}
	h := m.EgressPolicy.Rules[0].Action.Headers
	if h[0].Value.ValueString() != "Bearer s3cret" || h[1].ValueRef.SecretRef.SecretKey.ValueString() != "k3y" {
		t.Fatalf("secrets lost: %+v %+v", h[0], h[1].ValueRef.SecretRef)
	}
	if m.CustomBlocklists != nil || m.SafetyProviders != nil {
		t.Fatal("absent lists must stay null")
	}
}

func TestWithBuiltins(t *testing.T) {
	account := client.NewAccountID("s", "g", "a")
	got := withBuiltins(account, []client.RAIPolicy{{Name: framework.Ptr("zeta")}, {Name: framework.Ptr("Microsoft.DefaultV2")}, {Name: framework.Ptr("alpha")}})
	var names []string
	for _, p := range got {
		names = append(names, *p.Name)
	}
	if want := "Microsoft.Default Microsoft.DefaultV2 alpha zeta"; strings.Join(names, " ") != want {
		t.Fatalf("names = %v, want %s", names, want)
	}
}
