package specvalidate

import (
	"net/url"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/armspec"
)

// accountPut is a full account PUT as the provider sends it.
const accountPut = `{
  "location": "westus",
  "kind": "AIServices",
  "sku": {"name": "S0"},
  "identity": {"type": "SystemAssigned"},
  "tags": {"env": "test", "owner": "team"},
  "properties": {
    "customSubDomainName": "acct-test-1",
    "publicNetworkAccess": "Enabled",
    "disableLocalAuth": true,
    "allowProjectManagement": true,
    "restrictOutboundNetworkAccess": false,
    "networkAcls": {"defaultAction": "Allow", "ipRules": [{"value": "10.0.0.0/24"}], "virtualNetworkRules": []},
    "encryption": {"keySource": "Microsoft.CognitiveServices"},
    "userOwnedStorage": [{"resourceId": "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"}]
  }
}`

// BenchmarkValidateAccountPut: match, path parameters, query and body of an account PUT, as the emulator calls it
// for every write.
func BenchmarkValidateAccountPut(b *testing.B) {
	v := Default()
	path := rgPrefix + "/accounts/acct-test-1"
	query := url.Values{"api-version": {"2026-09-01"}}
	body := []byte(accountPut)
	if _, vs := v.Validate("PUT", path, query, body); len(vs) > 0 {
		b.Fatal(vs)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		_, _ = v.Validate("PUT", path, query, body)
	}
}

// BenchmarkStripReadOnlyAccount: the read-only stripping of a decoded account body.
func BenchmarkStripReadOnlyAccount(b *testing.B) {
	op := Default().Operation("Accounts_Create")
	body, err := Decode([]byte(accountPut))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		_ = op.StripReadOnly(body)
	}
}

// BenchmarkCompile: compiling the specification (what the first request pays once).
func BenchmarkCompile(b *testing.B) {
	spec := armspec.Spec()
	for range b.N {
		if _, err := New(spec); err != nil {
			b.Fatal(err)
		}
	}
}
