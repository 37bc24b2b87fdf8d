package client_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// TestModelsCoverSpec checks that each typed model has a JSON field for every property of its spec definition
// (allOf included; the common-types ProxyResource stands for id, name, type and systemData), and no other.
func TestModelsCoverSpec(t *testing.T) {
	raw := armspec.Spec()
	var spec struct {
		Definitions map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
			AllOf      []struct {
				Ref string `json:"$ref"`
			} `json:"allOf"`
		} `json:"definitions"`
	}
	mustUnmarshal(t, string(raw), &spec)
	var props func(name string) []string
	props = func(name string) []string {
		def, ok := spec.Definitions[name]
		if !ok {
			t.Fatalf("no definition %s in the spec", name)
		}
		var out []string
		for p := range def.Properties {
			out = append(out, p)
		}
		for _, a := range def.AllOf {
			switch {
			case strings.HasPrefix(a.Ref, "#/definitions/"):
				out = append(out, props(strings.TrimPrefix(a.Ref, "#/definitions/"))...)
			case strings.HasSuffix(a.Ref, "/ProxyResource"):
				out = append(out, "id", "name", "type", "systemData")
			default:
				t.Fatalf("%s: unexpected allOf %s", name, a.Ref)
			}
		}
		slices.Sort(out)
		return out
	}
	for def, v := range map[string]any{
		"Deployment":                 client.Deployment{},
		"DeploymentProperties":       client.DeploymentProperties{},
		"DeploymentModel":            client.DeploymentModel{},
		"DeploymentScaleSettings":    client.DeploymentScaleSettings{},
		"DeploymentCapacitySettings": client.DeploymentCapacitySettings{},
		"DeploymentRouting":          client.DeploymentRouting{},
		"CallRateLimit":              client.CallRateLimit{},
		"ThrottlingRule":             client.ThrottlingRule{},
		"RequestMatchPattern":        client.RequestMatchPattern{},
		"PatchResourceTagsAndSku":    client.DeploymentUpdate{},
		"Sku":                        client.SKU{},
		"Project":                    client.Project{},
		// Accounts and what their properties hold.
		"Account":                         client.Account{},
		"AccountProperties":               client.AccountProperties{},
		"UserOwnedStorage":                client.UserOwnedStorage{},
		"UserOwnedAmlWorkspace":           client.AMLWorkspace{},
		"MultiRegionSettings":             client.MultiRegionSettings{},
		"RegionSetting":                   client.RegionSetting{},
		"RaiMonitorConfig":                client.RAIMonitorConfig{},
		"CapabilityHost":                  client.CapabilityHost{},
		"CapabilityHostProperties":        client.CapabilityHostProperties{},
		"ProjectCapabilityHost":           client.ProjectCapabilityHost{},
		"ProjectCapabilityHostProperties": client.ProjectCapabilityHostProperties{},
		"Model":                           client.Model{},
		"AccountModel":                    client.AccountModel{},
		"ModelSku":                        client.ModelSKU{},
		"CapacityConfig":                  client.CapacityConfig{},
		"BillingMeterInfo":                client.BillingMeterInfo{},
		"ModelDeprecationInfo":            client.ModelDeprecationInfo{},
		"ReplacementConfig":               client.ReplacementConfig{},
		"Usage":                           client.Usage{},
		"MetricName":                      client.MetricName{},
		// Managed network and outbound rules. ManagedNetworkSettingsEx is ManagedNetworkSettings plus the read-only
		// changeableIsolationModes; OutboundRule is the discriminated base, each kind repeats its fields.
		"ManagedNetworkSettingsPropertiesBasicResource": client.ManagedNetwork{},
		"ManagedNetworkSettingsProperties":              client.ManagedNetworkProperties{},
		"ManagedNetworkSettingsEx":                      client.ManagedNetworkSettings{},
		"ManagedNetworkProvisionStatus":                 client.ManagedNetworkProvisionStatus{},
		"OutboundRuleBasicResource":                     client.OutboundRule{},
		"OutboundRule":                                  client.OutboundRuleCommon{},
		"FqdnOutboundRule":                              client.FQDNOutboundRule{},
		"PrivateEndpointOutboundRule":                   client.PrivateEndpointOutboundRule{},
		"PrivateEndpointOutboundRuleDestination":        client.PrivateEndpointOutboundRuleDestination{},
		"ServiceTagOutboundRule":                        client.ServiceTagOutboundRule{},
		"ServiceTagOutboundRuleDestination":             client.ServiceTagOutboundRuleDestination{},
		// RAI policies, blocklists and content filters.
		"RaiPolicy":                   client.RAIPolicy{},
		"RaiPolicyProperties":         client.RAIPolicyProperties{},
		"RaiPolicyContentFilter":      client.RAIPolicyContentFilter{},
		"CustomBlocklistConfig":       client.RAICustomBlocklistConfig{},
		"SafetyProviderConfig":        client.RAISafetyProviderConfig{},
		"RaiEgressPolicyConfig":       client.RAIEgressPolicy{},
		"RaiEgressRule":               client.RAIEgressRule{},
		"RaiEgressRuleMatch":          client.RAIEgressRuleMatch{},
		"RaiEgressRuleAction":         client.RAIEgressRuleAction{},
		"RaiEgressHeaderTransform":    client.RAIEgressHeaderTransform{},
		"RaiEgressHeaderValueRef":     client.RAIEgressHeaderValueRef{},
		"RaiEgressSecretRef":          client.RAIEgressSecretRef{},
		"RaiEgressManagedIdentityRef": client.RAIEgressManagedIdentityRef{},
		"RaiEgressRewriteTarget":      client.RAIEgressRewriteTarget{},
		"RaiBlocklist":                client.RAIBlocklist{},
		"RaiBlocklistProperties":      client.RAIBlocklistProperties{},
		"RaiBlocklistItem":            client.RAIBlocklistItem{},
		"RaiBlocklistItemProperties":  client.RAIBlocklistItemProperties{},
		"RaiBlocklistItemBulkRequest": client.RAIBlocklistItemBulkRequest{},
		"RaiContentFilter":            client.RAIContentFilter{},
		"RaiContentFilterProperties":  client.RAIContentFilterProperties{},
	} {
		t.Run(def, func(t *testing.T) {
			want := props(def)
			got := jsonFields(reflect.TypeOf(v))
			if !slices.Equal(got, want) {
				t.Errorf("JSON fields %v\nspec        %v", got, want)
			}
		})
	}
	// ProjectProperties has one field the service returns beyond the spec.
	got := jsonFields(reflect.TypeOf(client.ProjectProperties{}))
	want := append(props("ProjectProperties"), "internalId")
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("ProjectProperties JSON fields %v\nwant %v", got, want)
	}
}

func jsonFields(typ reflect.Type) []string {
	var out []string
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
