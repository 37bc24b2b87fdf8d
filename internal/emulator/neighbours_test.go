package emulator_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

const (
	rgPrefix     = "/subscriptions/" + subID + "/resourceGroups/"
	uaiID        = rgPrefix + "rg-foundry/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-foundry"
	cmkVaultID   = rgPrefix + "rg-foundry/providers/Microsoft.KeyVault/vaults/kv-foundry-cmk"
	noPurgeVault = rgPrefix + "rg-foundry/providers/Microsoft.KeyVault/vaults/kv-no-purge"
	westVaultID  = rgPrefix + "rg-other/providers/Microsoft.KeyVault/vaults/kv-westus"
	hsmID        = rgPrefix + "rg-foundry/providers/Microsoft.KeyVault/managedHSMs/hsm-foundry"
	vnetID       = rgPrefix + "rg-foundry/providers/Microsoft.Network/virtualNetworks/vnet-foundry"
	westVnetID   = rgPrefix + "rg-other/providers/Microsoft.Network/virtualNetworks/vnet-westus"
	kvAPI        = "2022-07-01"
	netAPI       = "2024-05-01"
	msiAPI       = "2023-01-31"
)

var hex32Version = regexp.MustCompile(`^[0-9a-f]{32}$`)

func withAPI(path, version string) string { return path + "?api-version=" + version }

func list(r result) []any { v, _ := r.body["value"].([]any); return v }

func obj(v any, keys ...string) map[string]any {
	m, _ := v.(map[string]any)
	for _, k := range keys {
		m, _ = m[k].(map[string]any)
	}
	return m
}

func TestNeighbours_SeededShapes(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	principal := emulator.UserAssignedPrincipalID(uaiID)

	u := must(t, c.do(http.MethodGet, withAPI(uaiID, msiAPI), nil), http.StatusOK)
	if u.body["type"] != "Microsoft.ManagedIdentity/userAssignedIdentities" || u.body["location"] != "eastus" || u.props()["principalId"] != principal ||
		u.props()["clientId"] != emulator.UserAssignedClientID(uaiID) || u.props()["tenantId"] != emulator.DefaultTenantID {
		t.Fatalf("identity: %s", u.raw)
	}
	if l := list(must(t, c.do(http.MethodGet, withAPI(rgPrefix+"rg-foundry/providers/Microsoft.ManagedIdentity/userAssignedIdentities", "2026-05-31"), nil), http.StatusOK)); len(l) != 1 {
		t.Fatalf("identities: %v", l)
	}

	v := must(t, c.do(http.MethodGet, withAPI(cmkVaultID, kvAPI), nil), http.StatusOK)
	p := v.props()
	pol := obj(p["accessPolicies"].([]any)[0])
	if v.body["type"] != "Microsoft.KeyVault/vaults" || p["vaultUri"] != "https://kv-foundry-cmk.vault.azure.net/" || p["enableSoftDelete"] != true ||
		p["enablePurgeProtection"] != true || p["softDeleteRetentionInDays"] != float64(90) || obj(p["sku"])["name"] != "standard" ||
		pol["objectId"] != principal || strings.Join(toStrings(obj(pol, "permissions")["keys"]), ",") != "get,wrapKey,unwrapKey" {
		t.Fatalf("vault: %s", v.raw)
	}
	if np := must(t, c.do(http.MethodGet, withAPI(noPurgeVault, "2026-02-01"), nil), http.StatusOK).props(); np["enablePurgeProtection"] != nil || np["enableSoftDelete"] != true {
		t.Fatalf("kv-no-purge: %v", np)
	}
	if l := list(must(t, c.do(http.MethodGet, withAPI("/subscriptions/"+subID+"/providers/Microsoft.KeyVault/vaults", kvAPI), nil), http.StatusOK)); len(l) != 3 {
		t.Fatalf("vaults of the subscription: %d", len(l))
	}

	k := must(t, c.do(http.MethodGet, withAPI(cmkVaultID+"/keys/foundry-cmk", kvAPI), nil), http.StatusOK)
	kp := k.props()
	versions := list(must(t, c.do(http.MethodGet, withAPI(cmkVaultID+"/keys/foundry-cmk/versions", kvAPI), nil), http.StatusOK))
	if len(versions) != 2 {
		t.Fatalf("versions: %v", versions)
	}
	current := obj(versions[1])["name"].(string)
	if k.body["type"] != "Microsoft.KeyVault/vaults/keys" || kp["kty"] != "RSA" || kp["keySize"] != float64(2048) ||
		kp["keyUri"] != "https://kv-foundry-cmk.vault.azure.net/keys/foundry-cmk" || !hex32Version.MatchString(current) ||
		kp["keyUriWithVersion"] != "https://kv-foundry-cmk.vault.azure.net/keys/foundry-cmk/"+current || obj(kp, "attributes")["recoveryLevel"] != "Recoverable" {
		t.Fatalf("key: %s", k.raw)
	}
	kv := must(t, c.do(http.MethodGet, withAPI(cmkVaultID+"/keys/foundry-cmk/versions/"+current, kvAPI), nil), http.StatusOK)
	if kv.body["type"] != "Microsoft.KeyVault/vaults/keys/versions" || kv.props()["keyUriWithVersion"] != kp["keyUriWithVersion"] {
		t.Fatalf("key version: %s", kv.raw)
	}
	if ec := must(t, c.do(http.MethodGet, withAPI(cmkVaultID+"/keys/key-ec", kvAPI), nil), http.StatusOK).props(); ec["kty"] != "EC" || ec["curveName"] != "P-256" || ec["keySize"] != nil {
		t.Fatalf("EC key: %v", ec)
	}
	hk := must(t, c.do(http.MethodGet, withAPI(hsmID+"/keys/foundry-cmk", "2024-11-01"), nil), http.StatusOK)
	if hk.body["type"] != "Microsoft.KeyVault/managedHSMs/keys" || hk.props()["kty"] != "RSA-HSM" || hk.props()["keyUri"] != "https://hsm-foundry.managedhsm.azure.net/keys/foundry-cmk" {
		t.Fatalf("HSM key: %s", hk.raw)
	}

	vn := must(t, c.do(http.MethodGet, withAPI(vnetID, netAPI), nil), http.StatusOK)
	if vn.body["type"] != "Microsoft.Network/virtualNetworks" || len(vn.props()["subnets"].([]any)) != 5 ||
		strings.Join(toStrings(obj(vn.props()["addressSpace"])["addressPrefixes"]), ",") != "192.168.0.0/16,172.30.0.0/24,20.0.0.0/24" {
		t.Fatalf("vnet: %s", vn.raw)
	}
	sn := must(t, c.do(http.MethodGet, withAPI(vnetID+"/subnets/snet-agents", "2025-09-01"), nil), http.StatusOK)
	d := obj(sn.props()["delegations"].([]any)[0])
	if sn.body["type"] != "Microsoft.Network/virtualNetworks/subnets" || sn.props()["addressPrefix"] != "192.168.0.0/24" || sn.body["etag"] == nil ||
		obj(d, "properties")["serviceName"] != "Microsoft.App/environments" || sn.props()["serviceAssociationLinks"] != nil {
		t.Fatalf("subnet: %s", sn.raw)
	}
	if plain := must(t, c.do(http.MethodGet, withAPI(vnetID+"/subnets/snet-plain", netAPI), nil), http.StatusOK); len(plain.props()["delegations"].([]any)) != 0 {
		t.Fatalf("snet-plain: %s", plain.raw)
	}
	if l := list(must(t, c.do(http.MethodGet, withAPI(westVnetID+"/subnets", netAPI), nil), http.StatusOK)); len(l) != 1 {
		t.Fatalf("westus subnets: %v", l)
	}
}

func TestNeighbours_StrictRoutes(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	mustErr(t, c.do(http.MethodGet, withAPI(cmkVaultID, apiVersion), nil), http.StatusBadRequest, "NoRegisteredProviderFound")
	mustErr(t, c.do(http.MethodGet, withAPI(vnetID, "2019-01-01"), nil), http.StatusBadRequest, "NoRegisteredProviderFound")
	mustErr(t, c.do(http.MethodGet, withAPI(uaiID, kvAPI), nil), http.StatusBadRequest, "NoRegisteredProviderFound")
	mustErr(t, c.do(http.MethodGet, srv.URL()+cmkVaultID, nil), http.StatusBadRequest, "MissingApiVersionParameter")
	mustErr(t, c.do(http.MethodGet, withAPI(rgPrefix+"rg-foundry/providers/Microsoft.KeyVault/vaults/nope", kvAPI), nil), http.StatusNotFound, "ResourceNotFound")
	mustErr(t, c.do(http.MethodGet, withAPI(rgPrefix+"rg-foundry/providers/Microsoft.KeyVault/vaults/nope/keys/k", kvAPI), nil), http.StatusNotFound, "ParentResourceNotFound")
	mustErr(t, c.do(http.MethodGet, withAPI(cmkVaultID+"/keys/nope", kvAPI), nil), http.StatusNotFound, "ResourceNotFound")
	mustErr(t, c.do(http.MethodGet, withAPI(rgPrefix+"rg-missing/providers/Microsoft.Network/virtualNetworks/x", netAPI), nil), http.StatusNotFound, "ResourceGroupNotFound")
	mustErr(t, c.do(http.MethodPut, withAPI(cmkVaultID, kvAPI), map[string]any{"location": "eastus"}), http.StatusMethodNotAllowed, "MethodNotAllowed")
	mustErr(t, c.do(http.MethodDelete, withAPI(vnetID, netAPI), nil), http.StatusMethodNotAllowed, "MethodNotAllowed")
	mustErr(t, c.do(http.MethodGet, withAPI(rgPrefix+"rg-foundry/providers/Microsoft.Network/networkSecurityGroups/x", netAPI), nil), http.StatusNotFound, "InvalidResourceType")
	// A subnet without a link can be deleted; a missing one answers 204.
	must(t, c.do(http.MethodDelete, withAPI(vnetID+"/subnets/snet-plain", netAPI), nil), http.StatusOK)
	mustErr(t, c.do(http.MethodGet, withAPI(vnetID+"/subnets/snet-plain", netAPI), nil), http.StatusNotFound, "ResourceNotFound")
	must(t, c.do(http.MethodDelete, withAPI(vnetID+"/subnets/snet-plain", netAPI), nil), http.StatusNoContent)
	// Reset brings the seed back.
	srv.Reset()
	must(t, c.do(http.MethodGet, withAPI(vnetID+"/subnets/snet-plain", netAPI), nil), http.StatusOK)
}

func TestNeighbours_ControlAPI(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	c := newRaw(t, srv, armAud)
	r := must(t, c.do(http.MethodPost, "/_emulator/keyvaults", map[string]any{"resourceGroup": "rg-foundry", "name": "kv-extra", "location": "eastus",
		"softDelete": true, "purgeProtection": true, "keys": []any{map[string]any{"name": "k1", "versions": 3}}}), http.StatusCreated)
	id := r.body["id"].(string)
	if id != rgPrefix+"rg-foundry/providers/Microsoft.KeyVault/vaults/kv-extra" {
		t.Fatalf("id: %s", r.raw)
	}
	if l := list(must(t, c.do(http.MethodGet, withAPI(id+"/keys/k1/versions", kvAPI), nil), http.StatusOK)); len(l) != 3 {
		t.Fatalf("versions: %v", l)
	}
	mustErr(t, c.do(http.MethodPost, "/_emulator/keyvaults", map[string]any{"resourceGroup": "rg-foundry", "name": "kv-extra", "location": "eastus"}), http.StatusBadRequest, "BadRequest")
	mustErr(t, c.do(http.MethodPost, "/_emulator/keyvaults", map[string]any{"resourceGroup": "rg-nope", "name": "kv-x", "location": "eastus"}), http.StatusBadRequest, "BadRequest")

	// Rotation is visible on the key.
	rot := must(t, c.do(http.MethodPost, "/_emulator/keys/rotate", map[string]any{"vaultId": id, "keyName": "k1"}), http.StatusOK)
	ver := rot.body["version"].(string)
	k := must(t, c.do(http.MethodGet, withAPI(id+"/keys/k1", kvAPI), nil), http.StatusOK)
	if k.props()["keyUriWithVersion"] != "https://kv-extra.vault.azure.net/keys/k1/"+ver || rot.body["keyUriWithVersion"] != k.props()["keyUriWithVersion"] {
		t.Fatalf("after rotation: %s / %s", k.raw, rot.raw)
	}
	must(t, c.do(http.MethodPost, "/_emulator/keys/rotate", map[string]any{"vaultId": id, "keyName": "nope"}), http.StatusNotFound)

	// Access grants merge into one policy per object ID.
	must(t, c.do(http.MethodPost, "/_emulator/keyvault/access", map[string]any{"vaultId": id, "objectId": "44444444-4444-4444-4444-444444444444", "permissions": []string{"get"}}), http.StatusNoContent)
	must(t, c.do(http.MethodPost, "/_emulator/keyvault/access", map[string]any{"vaultId": id, "objectId": "44444444-4444-4444-4444-444444444444", "permissions": []string{"wrapKey", "get"}}), http.StatusNoContent)
	mustErr(t, c.do(http.MethodPost, "/_emulator/keyvault/access", map[string]any{"vaultId": id, "objectId": "x", "permissions": []string{"fly"}}), http.StatusBadRequest, "BadRequest")
	pols := must(t, c.do(http.MethodGet, withAPI(id, kvAPI), nil), http.StatusOK).props()["accessPolicies"].([]any)
	if len(pols) != 1 || strings.Join(toStrings(obj(pols[0], "permissions")["keys"]), ",") != "get,wrapKey" {
		t.Fatalf("policies: %v", pols)
	}

	// Identities and networks.
	u := must(t, c.do(http.MethodPost, "/_emulator/identities", map[string]any{"resourceGroup": "rg-other", "name": "id-two", "location": "westus"}), http.StatusCreated)
	must(t, c.do(http.MethodGet, withAPI(u.body["id"].(string), msiAPI), nil), http.StatusOK)
	n := must(t, c.do(http.MethodPost, "/_emulator/virtualnetworks", map[string]any{"resourceGroup": "rg-foundry", "name": "vnet-two", "location": "eastus",
		"addressSpace": []string{"10.1.0.0/16"}, "subnets": []any{map[string]any{"name": "a", "addressPrefixes": []string{"10.1.0.0/24", "10.1.1.0/24"}, "delegations": []string{"Microsoft.App/environments"}}}}), http.StatusCreated)
	sn := must(t, c.do(http.MethodGet, withAPI(n.body["id"].(string)+"/subnets/a", netAPI), nil), http.StatusOK)
	if len(sn.props()["addressPrefixes"].([]any)) != 2 || sn.props()["addressPrefix"] != nil {
		t.Fatalf("subnet with prefixes: %s", sn.raw)
	}
	mustErr(t, c.do(http.MethodPost, "/_emulator/virtualnetworks", map[string]any{"resourceGroup": "rg-foundry", "name": "vnet-bad", "location": "eastus",
		"addressSpace": []string{"10.1.0.0/16"}, "subnets": []any{map[string]any{"name": "a", "addressPrefix": "10.2.0.0/24"}}}), http.StatusBadRequest, "BadRequest")
	h := must(t, c.do(http.MethodPost, "/_emulator/managedhsms", map[string]any{"resourceGroup": "rg-foundry", "name": "hsm-two", "location": "eastus",
		"softDelete": true, "keys": []any{map[string]any{"name": "k", "kty": "RSA-HSM"}}}), http.StatusCreated)
	must(t, c.do(http.MethodGet, withAPI(h.body["id"].(string)+"/keys/k", kvAPI), nil), http.StatusOK)

	// linkReleaseMs in the config; the state dump lists neighbours.
	cfg := must(t, c.do(http.MethodPut, "/_emulator/config", map[string]any{"linkReleaseMs": 90000}), http.StatusOK)
	if cfg.body["linkReleaseMs"] != float64(90000) {
		t.Fatalf("config: %s", cfg.raw)
	}
	st := must(t, c.do(http.MethodGet, "/_emulator/state", nil), http.StatusOK)
	if nb := obj(st.body["neighbours"]); len(nb["keyVaults"].([]any)) != 4 || len(nb["virtualNetworks"].([]any)) != 3 {
		t.Fatalf("state neighbours: %v", nb)
	}
}

func TestNeighbours_SeedValidation(t *testing.T) {
	t.Parallel()
	for name, mutate := range map[string]func(s *emulator.Seed){
		"subnet outside the address space": func(s *emulator.Seed) { s.VirtualNetworks[0].Subnets[0].AddressPrefix = "10.0.0.0/24" },
		"overlapping subnets":              func(s *emulator.Seed) { s.VirtualNetworks[0].Subnets[1].AddressPrefix = "192.168.0.0/25" },
		"unknown resource group":           func(s *emulator.Seed) { s.KeyVaults[0].ResourceGroup = "rg-missing" },
		"duplicate vault name":             func(s *emulator.Seed) { s.KeyVaults[1].Name = "kv-foundry-cmk" },
		"RSA key with a curve":             func(s *emulator.Seed) { s.KeyVaults[0].Keys[0].CurveName = "P-256" },
		"purge protection without soft delete": func(s *emulator.Seed) {
			s.KeyVaults[0].SoftDelete = false
		},
		"unknown location": func(s *emulator.Seed) { s.UserAssignedIdentities[0].Location = "mars" },
	} {
		seed := emulator.DefaultSeed()
		mutate(seed)
		if srv, err := emulator.Start(emulator.Options{Seed: seed, PlainHTTP: true}); err == nil {
			_ = srv.Close()
			t.Errorf("%s: the seed was accepted", name)
		}
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}
