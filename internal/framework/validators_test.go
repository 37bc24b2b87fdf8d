package framework_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/framework"
)

func check(v validator.String, value string) string {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("attr"), ConfigValue: types.StringValue(value)}, resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	return resp.Diagnostics.Errors()[0].Detail()
}

func TestValidators(t *testing.T) {
	name := framework.Name(2, 64, regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`), "lower-case letters, digits and hyphens")
	subnet := framework.ARMID("Microsoft.Network/virtualNetworks/subnets", "/subscriptions/{s}/.../subnets/{n}")
	anyID := framework.AnyARMID("a thing", "/subscriptions/{s}/...")
	cases := []struct {
		v       validator.String
		value   string
		wantErr string // "" = valid
	}{
		{name, "ok-name", ""},
		{name, "a", "must be 2 to 64 characters"},
		{name, "Bad_Name", "is not allowed: lower-case letters"},
		{name, "ends-", "is not allowed"},
		{subnet, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a", ""},
		{subnet, "/SUBSCRIPTIONS/s/resourcegroups/rg/providers/microsoft.network/VIRTUALNETWORKS/v/subnets/a", ""},
		{subnet, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v", "is not the ARM ID of a Microsoft.Network/virtualNetworks/subnets"},
		{subnet, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a/", "is not the ARM ID"},
		{subnet, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/v/subnets/a", "is not the ARM ID"},
		{subnet, "not-an-id", "Expected the form"},
		{anyID, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kusto/clusters/c/databases/d", ""},
		{anyID, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kusto/clusters/c", ""},
		{anyID, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kusto/clusters", "is not the ARM ID of a thing"},
		{anyID, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kusto/clusters/c/", "is not the ARM ID"},
		{anyID, "/subscriptions/s/resourceGroups/rg", "Expected the form"},
		{framework.IPRule(), "203.0.113.7", ""},
		{framework.IPRule(), "203.0.113.0/24", ""},
		{framework.IPRule(), "2001:db8::1", "is not an IPv4 address"},
		{framework.IPRule(), "300.1.1.1", "is not an IPv4 address"},
		{framework.FQDN(), "api.contoso.com", ""},
		{framework.FQDN(), "*.contoso.com", ""},
		{framework.FQDN(), "contoso", "is not a fully qualified domain name"},
		{framework.FQDN(), "https://contoso.com", "is not a fully qualified domain name"},
	}
	for _, tc := range cases {
		got := check(tc.v, tc.value)
		if (tc.wantErr == "") != (got == "") || !strings.Contains(got, tc.wantErr) {
			t.Errorf("%s(%q) = %q, want error containing %q", tc.v.Description(context.Background()), tc.value, got, tc.wantErr)
		}
	}
}

func TestLocationSemanticEquality(t *testing.T) {
	ctx := context.Background()
	a, b := framework.NewLocationValue("West Europe"), framework.NewLocationValue("westeurope")
	if eq, _ := a.StringSemanticEquals(ctx, b); !eq {
		t.Error(`"West Europe" and "westeurope" are the same region`)
	}
	if eq, _ := a.StringSemanticEquals(ctx, framework.NewLocationValue("westus")); eq {
		t.Error("different regions compared equal")
	}
	if a.Equal(b) {
		t.Error("Equal must compare spelling exactly; only semantic equality folds it")
	}
}

// An invalid element of a set of IP rules is named by its attribute. Seen in a plan before issue 11: the name was cut
// from the path's text at its last ".", which for the element 10.1.1/33 gave the summary `Invalid 1/33")`. Since
// issue 13 the summary names the attribute's whole path: Terraform 1.8 does not place diagnostics inside nested
// attribute objects.
func TestValidatorSummaryNamesTheAttribute(t *testing.T) {
	cases := []struct {
		path path.Path
		want string
	}{
		{path.Root("name"), "Invalid name"},
		{path.Root("network_acls").AtName("ip_rules").AtSetValue(types.StringValue("10.1.1/33")), "Invalid network_acls.ip_rules"},
		{path.Root("network_acls").AtName("virtual_network_rules").AtListIndex(0).AtName("subnet_id"), "Invalid network_acls.virtual_network_rules[0].subnet_id"},
		{path.Root("tags").AtMapKey("a.b"), "Invalid tags"},
	}
	for _, tc := range cases {
		resp := &validator.StringResponse{}
		framework.IPRule().ValidateString(context.Background(), validator.StringRequest{Path: tc.path, ConfigValue: types.StringValue("10.1.1/33")}, resp)
		if !resp.Diagnostics.HasError() {
			t.Fatalf("%s: want an error", tc.path)
		}
		if got := resp.Diagnostics.Errors()[0].Summary(); got != tc.want {
			t.Errorf("%s: summary = %q, want %q", tc.path, got, tc.want)
		}
	}
}

// Issue 13: ARM's tag limits are checked at plan: 50 tags, names of 512 characters, values of 256, reserved prefixes.
func TestTags(t *testing.T) {
	tags := func(kv map[string]string) types.Map {
		m, _ := types.MapValueFrom(context.Background(), types.StringType, kv)
		return m
	}
	many := map[string]string{}
	for i := range 51 {
		many[fmt.Sprintf("t%d", i)] = "v"
	}
	cases := []struct {
		tags map[string]string
		want string
	}{
		{map[string]string{"env": "prod"}, ""},
		{many, "Too many tags"},
		{map[string]string{strings.Repeat("k", 513): "v"}, "Tag name too long"},
		{map[string]string{"k": strings.Repeat("v", 257)}, "Tag value too long"},
		{map[string]string{"Microsoft.Owner": "v"}, "Reserved tag name"},
		{map[string]string{"azure-env": "v"}, "Reserved tag name"},
		{map[string]string{"a/b": "v"}, "Invalid tag name"},
	}
	for _, c := range cases {
		resp := &validator.MapResponse{}
		framework.Tags().ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: tags(c.tags)}, resp)
		got := ""
		if resp.Diagnostics.HasError() {
			got = resp.Diagnostics.Errors()[0].Summary()
		}
		if got != c.want {
			t.Errorf("%d tags: got %q, want %q", len(c.tags), got, c.want)
		}
	}
}
