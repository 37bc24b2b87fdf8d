package encryption_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
	"github.com/foundrytf/terraform-provider-foundry/internal/services/internal/encryption"
)

const keyBase = "/subscriptions/s/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv1/keys/k1"

func TestEncryptionRoundTrip(t *testing.T) {
	for _, in := range []string{keyBase, keyBase + "/versions/abc"} {
		id, err := client.ParseKeyID(in)
		if err != nil {
			t.Fatal(err)
		}
		e := encryption.Properties(id, encryption.Resolved{VaultURI: "https://kv1.vault.azure.net/"}, "cid")
		if *e.KeySource != client.KeySourceMicrosoftKeyVault || *e.KeyVaultProperties.KeyVersion != id.Version || *e.KeyVaultProperties.IdentityClientID != "cid" {
			t.Errorf("Encryption(%s) = %+v", in, e.KeyVaultProperties)
		}
		back, ok := encryption.KeyID(e, client.KeyID{Vault: id.Vault, Name: id.Name}) // the configured key ID, without the version
		if !ok || back.String() != in {
			t.Errorf("KeyID = %s, want %s", back.String(), in)
		}
		if !encryption.HasCustomerManagedKey(client.Account{Properties: &client.AccountProperties{Encryption: e}}) {
			t.Error("an account with keySource Microsoft.KeyVault has a customer-managed key")
		}
	}
	if encryption.HasCustomerManagedKey(client.Account{}) {
		t.Error("an account without encryption has no customer-managed key")
	}
}

func TestPlanKeyVersion(t *testing.T) {
	s := types.StringValue
	cases := []struct {
		name                  string
		plan, state, stateVer types.String
		want                  types.String
	}{
		{"pinned", s(keyBase + "/versions/v2"), s(keyBase + "/versions/v1"), s("v1"), s("v2")},
		{"versionless unchanged keeps state", s(keyBase), s(keyBase), s("v7"), s("v7")},
		{"versionless new", s(keyBase), types.StringNull(), types.StringNull(), types.StringUnknown()},
		{"versionless after pinned", s(keyBase), s(keyBase + "/versions/v1"), s("v1"), types.StringUnknown()},
		{"unknown", types.StringUnknown(), s(keyBase), s("v1"), types.StringUnknown()},
	}
	for _, tc := range cases {
		if got := encryption.PlanKeyVersion(tc.plan, tc.state, tc.stateVer); !got.Equal(tc.want) {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestTargetFromAccount(t *testing.T) {
	typ := client.IdentityTypeSystemAssignedUserAssigned
	a := client.Account{Location: ptr("eastus"), Identity: &client.Identity{Type: &typ, PrincipalID: ptr("sp"), TenantID: ptr("t"),
		UserAssignedIdentities: map[string]*client.UserAssignedIdentity{"/x/uai": {ClientID: ptr("ABC"), PrincipalID: ptr("up")}}}}
	got := encryption.TargetFromAccount("acc", a)
	if !got.SystemAssigned || got.System.PrincipalID != "sp" || got.UserAssigned["abc"].PrincipalID != "up" || got.UserAssigned["abc"].TenantID != "t" {
		t.Errorf("TargetFromAccount = %+v", got)
	}
}

func ptr[T any](v T) *T { return &v }
