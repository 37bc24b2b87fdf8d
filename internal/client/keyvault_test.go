package client_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// wantRequest checks method, path and api-version of a recorded request to another resource provider.
func wantRequest(t *testing.T, got request, method, path, apiVersion string) {
	t.Helper()
	u, err := url.Parse(got.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got.Method != method || u.EscapedPath() != path {
		t.Errorf("request = %s %s, want %s %s", got.Method, got.URL, method, path)
	}
	if v := u.Query().Get("api-version"); v != apiVersion {
		t.Errorf("api-version = %q, want %q", v, apiVersion)
	}
}

const (
	vaultPath = "/subscriptions/" + sub + "/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv1"
	keyBody   = `{"id":"` + vaultPath + `/keys/k1","name":"k1","type":"Microsoft.KeyVault/vaults/keys","location":"eastus",
	  "properties":{"kty":"RSA","keySize":2048,"keyOps":["wrapKey","unwrapKey"],"keyUri":"https://kv1.vault.azure.net/keys/k1",
	  "keyUriWithVersion":"https://kv1.vault.azure.net/keys/k1/0123456789abcdef0123456789abcdef","attributes":{"enabled":true,"created":1700000000}}}`
	vaultBody = `{"id":"` + vaultPath + `","name":"kv1","location":"eastus","properties":{"tenantId":"t","vaultUri":"https://kv1.vault.azure.net/",
	  "enableSoftDelete":true,"enablePurgeProtection":true,"enableRbacAuthorization":false,
	  "accessPolicies":[{"tenantId":"t","objectId":"o","permissions":{"keys":["get","wrapKey","unwrapKey"]}}]}}`
)

func TestParseKeyID(t *testing.T) {
	for in, want := range map[string]client.KeyID{
		vaultPath + "/keys/k1": {Vault: client.VaultID{SubscriptionID: sub, ResourceGroupName: "rg-kv", Name: "kv1"}, Name: "k1"},
		strings.ToLower(vaultPath) + "/KEYS/k1/Versions/abc": {
			Vault: client.VaultID{SubscriptionID: sub, ResourceGroupName: "rg-kv", Name: "kv1"}, Name: "k1", Version: "abc"},
		"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/managedHSMs/h1/keys/k2": {
			Vault: client.VaultID{SubscriptionID: "s", ResourceGroupName: "rg", Name: "h1", ManagedHSM: true}, Name: "k2"},
	} {
		got, err := client.ParseKeyID(in)
		if err != nil || got != want {
			t.Errorf("ParseKeyID(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	id, _ := client.ParseKeyID(vaultPath + "/keys/k1/versions/v1")
	if id.String() != vaultPath+"/keys/k1/versions/v1" || id.Versionless().String() != vaultPath+"/keys/k1" {
		t.Errorf("String() = %q, Versionless() = %q", id.String(), id.Versionless().String())
	}
	for _, bad := range []string{
		"", "https://kv1.vault.azure.net/keys/k1", vaultPath, vaultPath + "/keys/", vaultPath + "/secrets/k1",
		vaultPath + "/keys/k1/versions", vaultPath + "/keys/k1/versions/", vaultPath + "/keys/k1/other/v1",
		"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/vaults/kv1/keys/k1",
		"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/safes/kv1/keys/k1",
	} {
		if _, err := client.ParseKeyID(bad); err == nil || !strings.Contains(err.Error(), "managedHSMs") {
			t.Errorf("ParseKeyID(%q) = %v, want an error naming the expected shapes", bad, err)
		}
	}
}

func TestGetKey(t *testing.T) {
	tr := newTransport(t, reply(200, keyBody), reply(200, keyBody))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	id, _ := client.ParseKeyID(vaultPath + "/keys/k1")
	got, err := c.GetKey(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if *got.Properties.Kty != "RSA" || *got.Properties.KeySize != 2048 || got.CurrentVersion() != "0123456789abcdef0123456789abcdef" {
		t.Errorf("decoded key is wrong: %s", mustJSON(t, got))
	}
	id.Version = "v2"
	if _, err := c.GetKey(ctx, id); err != nil {
		t.Fatal(err)
	}
	reqs := tr.requests()
	wantRequest(t, reqs[0], http.MethodGet, vaultPath+"/keys/k1", client.KeyVaultAPIVersion)
	wantRequest(t, reqs[1], http.MethodGet, vaultPath+"/keys/k1/versions/v2", client.KeyVaultAPIVersion)
	if (client.Key{}).CurrentVersion() != "" {
		t.Error("a key without keyUriWithVersion has no current version")
	}
}

func TestGetVault(t *testing.T) {
	tr := newTransport(t, reply(200, vaultBody), reply(404, `{"error":{"code":"ResourceNotFound","message":"no"}}`))
	c, _ := newClient(t, tr)
	ctx := ctxTimeout(t, 10*time.Second)
	got, err := c.GetVault(ctx, client.VaultID{SubscriptionID: sub, ResourceGroupName: "rg-kv", Name: "kv1"})
	if err != nil {
		t.Fatal(err)
	}
	p := got.Properties
	if !*p.EnableSoftDelete || !*p.EnablePurgeProtection || *p.EnableRbacAuthorization || *p.VaultURI != "https://kv1.vault.azure.net/" ||
		len(p.AccessPolicies) != 1 || p.AccessPolicies[0].Permissions.Keys[2] != "unwrapKey" {
		t.Errorf("decoded vault is wrong: %s", mustJSON(t, got))
	}
	_, err = c.GetVault(ctx, client.VaultID{SubscriptionID: sub, ResourceGroupName: "rg-kv", Name: "h1", ManagedHSM: true})
	if !client.IsNotFound(err) {
		t.Errorf("err = %v, want a 404", err)
	}
	reqs := tr.requests()
	wantRequest(t, reqs[0], http.MethodGet, vaultPath, client.KeyVaultAPIVersion)
	wantRequest(t, reqs[1], http.MethodGet, "/subscriptions/"+sub+"/resourceGroups/rg-kv/providers/Microsoft.KeyVault/managedHSMs/h1", client.KeyVaultAPIVersion)
}
