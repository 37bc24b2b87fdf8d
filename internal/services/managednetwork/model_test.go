package managednetwork

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

var testNetwork = client.NewManagedNetworkID(client.NewAccountID("sub", "rg", "acc"), "default")

// The body of the network never carries outboundRules (rules are their own resources) nor status (the service's),
// and leaves what is unknown to the service.
func TestExpandNetwork(t *testing.T) {
	m := networkModel{networkAttributes: networkAttributes{IsolationMode: types.StringValue("AllowOnlyApprovedOutbound"),
		FirewallSKU: types.StringUnknown(), ManagedNetworkKind: types.StringNull(), Status: types.StringValue("Inactive")}}
	got, _ := json.Marshal(expandNetwork(m))
	if want := `{"properties":{"managedNetwork":{"isolationMode":"AllowOnlyApprovedOutbound"}}}`; string(got) != want {
		t.Errorf("body\n got %s\nwant %s", got, want)
	}
	m.FirewallSKU, m.ManagedNetworkKind = types.StringValue("Basic"), types.StringValue("V2")
	got, _ = json.Marshal(expandNetwork(m))
	if want := `{"properties":{"managedNetwork":{"isolationMode":"AllowOnlyApprovedOutbound","firewallSku":"Basic","managedNetworkKind":"V2"}}}`; string(got) != want {
		t.Errorf("body\n got %s\nwant %s", got, want)
	}
}

func TestFlattenNetwork(t *testing.T) {
	var got client.ManagedNetwork
	if err := json.Unmarshal([]byte(`{"id":"x","name":"default","properties":{"provisioningState":"Succeeded","managedNetwork":{
		"isolationMode":"AllowOnlyApprovedOutbound","firewallSku":"Standard","managedNetworkKind":"V2","networkId":"n-1",
		"status":{"status":"Active"},"firewallPublicIpAddress":"20.1.2.3","changeableIsolationModes":[],
		"outboundRules":{"r":{"type":"FQDN","category":"UserDefined","destination":"pypi.org"}}}}}`), &got); err != nil {
		t.Fatal(err)
	}
	var m networkAttributes
	m.AccountID = types.StringValue("/SUBSCRIPTIONS/sub/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acc")
	if d := flattenNetwork(context.Background(), testNetwork, got, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.ID.ValueString() != testNetwork.String() || m.Name.ValueString() != "default" || m.IsolationMode.ValueString() != "AllowOnlyApprovedOutbound" ||
		m.FirewallSKU.ValueString() != "Standard" || m.ManagedNetworkKind.ValueString() != "V2" || m.Status.ValueString() != "Active" ||
		m.NetworkID.ValueString() != "n-1" || m.FirewallPublicIPAddress.ValueString() != "20.1.2.3" || m.ProvisioningState.ValueString() != "Succeeded" ||
		len(m.ChangeableIsolationModes.Elements()) != 0 || !strings.HasPrefix(m.AccountID.ValueString(), "/SUBSCRIPTIONS") {
		t.Errorf("flattened: %+v", m)
	}
	// A network the service describes with nothing: Disabled, Inactive, empty computed strings.
	m = networkAttributes{AccountID: types.StringNull()}
	if d := flattenNetwork(context.Background(), testNetwork, client.ManagedNetwork{}, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.IsolationMode.ValueString() != "Disabled" || m.Status.ValueString() != "Inactive" || m.NetworkID.ValueString() != "" ||
		!m.FirewallSKU.IsNull() || m.AccountID.ValueString() != testNetwork.AccountID.String() {
		t.Errorf("flattened empty network: %+v", m)
	}
}

func TestExpandRule(t *testing.T) {
	ctx := context.Background()
	strs := func(v ...string) types.List {
		l, _ := types.ListValueFrom(ctx, types.StringType, v)
		return l
	}
	for name, tc := range map[string]struct {
		m    ruleModel
		want string
	}{
		"fqdn": {ruleModel{FQDN: &fqdnModel{Destination: types.StringValue("pypi.org")}},
			`{"properties":{"type":"FQDN","category":"UserDefined","destination":"pypi.org"}}`},
		"private endpoint": {ruleModel{PrivateEndpoint: &privateEndpointModel{ServiceResourceID: types.StringValue("/subscriptions/s/x"),
			SubresourceTarget: types.StringValue("blob"), FQDNs: strs("a.blob.core.windows.net")}},
			`{"properties":{"type":"PrivateEndpoint","category":"UserDefined","destination":{"serviceResourceId":"/subscriptions/s/x","subresourceTarget":"blob"},"fqdns":["a.blob.core.windows.net"]}}`},
		"private endpoint without fqdns": {ruleModel{PrivateEndpoint: &privateEndpointModel{ServiceResourceID: types.StringValue("/subscriptions/s/x"),
			SubresourceTarget: types.StringValue("blob"), FQDNs: types.ListNull(types.StringType)}},
			`{"properties":{"type":"PrivateEndpoint","category":"UserDefined","destination":{"serviceResourceId":"/subscriptions/s/x","subresourceTarget":"blob"}}}`},
		"service tag": {ruleModel{ServiceTag: &serviceTagModel{ServiceTag: types.StringValue("Storage"), AddressPrefixes: types.ListNull(types.StringType),
			Protocol: types.StringValue("TCP"), PortRanges: types.StringValue("443"), Action: types.StringValue("Allow")}},
			`{"properties":{"type":"ServiceTag","category":"UserDefined","destination":{"serviceTag":"Storage","protocol":"TCP","portRanges":"443","action":"Allow"}}}`},
		"address prefixes, ports left to the service": {ruleModel{ServiceTag: &serviceTagModel{ServiceTag: types.StringNull(), AddressPrefixes: strs("10.0.0.0/8"),
			Protocol: types.StringValue("ICMP"), PortRanges: types.StringUnknown(), Action: types.StringValue("Deny")}},
			`{"properties":{"type":"ServiceTag","category":"UserDefined","destination":{"protocol":"ICMP","action":"Deny","addressPrefixes":["10.0.0.0/8"]}}}`},
	} {
		t.Run(name, func(t *testing.T) {
			tc.m.Status = types.StringValue("Active") // never sent
			body, d := expandRule(ctx, tc.m)
			if d.HasError() {
				t.Fatal(d)
			}
			got, _ := json.Marshal(body)
			if string(got) != tc.want {
				t.Errorf("body\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestFlattenRuleList(t *testing.T) {
	var list struct{ Value []client.OutboundRule }
	if err := json.Unmarshal([]byte(`{"value":[
		{"id":"/x/outboundRules/zeta","name":"zeta","properties":{"type":"FQDN","category":"UserDefined","status":"Active","destination":"pypi.org"}},
		{"id":"/x/outboundRules/alpha","name":"alpha","properties":{"type":"ServiceTag","category":"Required","status":"Inactive",
			"destination":{"serviceTag":"AzureActiveDirectory","protocol":"TCP","portRanges":"443","action":"Allow"}}},
		{"id":"/x/outboundRules/mid","name":"mid","properties":{"type":"PrivateEndpoint","category":"Dependency",
			"destination":{"serviceResourceId":"/subscriptions/s/y","subresourceTarget":"account"},"fqdns":["a.b.c"]}},
		{"id":"/x/outboundRules/new","name":"new","properties":{"type":"Mystery","category":"UserDefined"}}]}`), &list); err != nil {
		t.Fatal(err)
	}
	items, d := flattenRuleList(context.Background(), testNetwork, list.Value)
	if d.HasError() {
		t.Fatal(d)
	}
	var names []string
	for _, it := range items {
		names = append(names, it.Name.ValueString())
	}
	if strings.Join(names, ",") != "alpha,mid,new,zeta" {
		t.Fatalf("order: %v", names)
	}
	a, m, n, z := items[0], items[1], items[2], items[3]
	if !a.MicrosoftManaged.ValueBool() || a.ServiceTag.ValueString() != "AzureActiveDirectory" || !a.Destination.IsNull() {
		t.Errorf("required rule: %+v", a)
	}
	if !m.MicrosoftManaged.ValueBool() || m.SubresourceTarget.ValueString() != "account" || len(m.FQDNs.Elements()) != 1 {
		t.Errorf("dependency rule: %+v", m)
	}
	if n.MicrosoftManaged.ValueBool() || n.Type.ValueString() != "Mystery" {
		t.Errorf("unknown kind: %+v", n)
	}
	if z.MicrosoftManaged.ValueBool() || z.Destination.ValueString() != "pypi.org" || z.Status.ValueString() != "Active" || !z.Protocol.IsNull() {
		t.Errorf("user rule: %+v", z)
	}
}

func TestValidators(t *testing.T) {
	for _, tc := range []struct {
		check func(string) string
		in    string
		want  string // "" = valid; otherwise a fragment of the message
	}{
		{fqdnProblem, "pypi.org", ""},
		{fqdnProblem, "*.blob.core.windows.net", ""},
		{fqdnProblem, "xn--bcher-kva.example", ""},
		{fqdnProblem, "https://pypi.org/simple", `Give the domain name only, e.g. "pypi.org".`},
		{fqdnProblem, "pypi.org:443", "has a port or path"},
		{fqdnProblem, "*", "would allow every domain"},
		{fqdnProblem, "*.*.example.com", "wildcard in the wrong place"},
		{fqdnProblem, "api*.example.com", "wildcard in the wrong place"},
		{fqdnProblem, "example", "not a fully qualified domain name"},
		{fqdnProblem, "-bad.example.com", "not a fully qualified domain name"},
		{fqdnProblem, "example.123", "not a fully qualified domain name"},
		{portRangesProblem, "*", ""},
		{portRangesProblem, "443", ""},
		{portRangesProblem, "80,443,8000-8080", ""},
		{portRangesProblem, "1-65535", ""},
		{portRangesProblem, "0", "ports run from 1 to 65535"},
		{portRangesProblem, "443-80", "runs backwards"},
		{portRangesProblem, "80;443", "is not a port or a range"},
		{portRangesProblem, "", "is not a port or a range"},
		{portRangesProblem, "80,", "is not a port or a range"},
	} {
		got := tc.check(tc.in)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
	for s, ok := range map[string]bool{"Storage": true, "Storage.EastUS": true, "AzureFrontDoor.Frontend": true, "Azure Storage": false, "storage-east": false, ".Storage": false} {
		if serviceTagPattern.MatchString(s) != ok {
			t.Errorf("service tag %q: want valid=%v", s, ok)
		}
	}
	for s, ok := range map[string]bool{
		"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st":                    true,
		"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateLinkServices/pls/connections/c": true,
		"/subscriptions/s/resourceGroups/rg":                 false,
		"stfoundryagents":                                    false,
		"/subscriptions/s/resourceGroups/rg/providers/X/y/z": false,
	} {
		if resourceIDPattern.MatchString(s) != ok {
			t.Errorf("resource ID %q: want valid=%v", s, ok)
		}
	}
}
