package emulator_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/golang-jwt/jwt/v5"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

func authorityOptions(srv *emulator.Server) azcore.ClientOptions {
	return azcore.ClientOptions{Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: srv.URL() + "/"}, Transport: srv.HTTPClient()}
}

func TestEntra_ClientAssertionStandIn(t *testing.T) {
	t.Parallel()
	srv := start(t, emulator.Options{})
	assertion := func(sub string) func(context.Context) (string, error) {
		return func(context.Context) (string, error) {
			tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
				"sub": sub, "iss": "https://token.actions.githubusercontent.com", "aud": "api://AzureADTokenExchange",
				"exp": time.Now().Add(10 * time.Minute).Unix(),
			})
			return tok.SignedString([]byte("any-key"))
		}
	}
	opts := &azidentity.ClientAssertionCredentialOptions{ClientOptions: authorityOptions(srv), DisableInstanceDiscovery: true}
	good, err := azidentity.NewClientAssertionCredential(srv.TenantID(), emulator.DefaultClientID, assertion(emulator.DefaultClientID), opts)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := good.GetToken(context.Background(), policy.TokenRequestOptions{Scopes: []string{"https://ai.azure.com/.default"}})
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(tok.Token, claims); err != nil || claims["aud"] != "https://ai.azure.com" || claims["appid"] != emulator.DefaultClientID {
		t.Fatalf("claims %v (%v)", claims, err)
	}
	bad, _ := azidentity.NewClientAssertionCredential(srv.TenantID(), emulator.DefaultClientID, assertion("someone-else"), opts)
	if _, err := bad.GetToken(context.Background(), policy.TokenRequestOptions{Scopes: []string{"https://ai.azure.com/.default"}}); err == nil {
		t.Fatal("an assertion for another subject was accepted")
	}
}

func TestEntra_ClientCertificateAndSeedFile(t *testing.T) {
	t.Parallel()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ci"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	seed := emulator.DefaultSeed()
	seed.Clients = append(seed.Clients, emulator.SeedClient{ClientID: "44444444-4444-4444-4444-444444444444", ObjectID: "55555555-5555-5555-5555-555555555555", CertificatePEM: string(certPEM)})
	data := `{"tenantId":"` + seed.TenantID + `","subscriptions":[{"id":"` + subID + `","resourceGroups":[{"name":"rg","location":"eastus"}]}],"clients":[` +
		`{"clientId":"44444444-4444-4444-4444-444444444444","objectId":"55555555-5555-5555-5555-555555555555","certificatePem":` + jsonString(string(certPEM)) + `}]}`
	path := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	loaded, err := emulator.LoadSeed(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := start(t, emulator.Options{Seed: loaded})
	opts := &azidentity.ClientCertificateCredentialOptions{ClientOptions: authorityOptions(srv), DisableInstanceDiscovery: true}
	cred, err := azidentity.NewClientCertificateCredential(srv.TenantID(), "44444444-4444-4444-4444-444444444444", []*x509.Certificate{mustParse(t, der)}, key, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cred.GetToken(context.Background(), policy.TokenRequestOptions{Scopes: []string{armAud + "/.default"}}); err != nil {
		t.Fatal(err)
	}
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	otherDER, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &other.PublicKey, other)
	wrong, err := azidentity.NewClientCertificateCredential(srv.TenantID(), "44444444-4444-4444-4444-444444444444", []*x509.Certificate{mustParse(t, otherDER)}, other, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wrong.GetToken(context.Background(), policy.TokenRequestOptions{Scopes: []string{armAud + "/.default"}}); err == nil {
		t.Fatal("an assertion signed by another key was accepted")
	}
	if _, err := emulator.LoadSeed(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Fatal("LoadSeed of a missing file succeeded")
	}
}

func mustParse(t *testing.T, der []byte) *x509.Certificate {
	t.Helper()
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func jsonString(s string) string {
	out := []byte{'"'}
	for _, r := range s {
		switch r {
		case '\n':
			out = append(out, '\\', 'n')
		case '"', '\\':
			out = append(out, '\\', byte(r))
		default:
			out = append(out, string(r)...)
		}
	}
	return string(append(out, '"'))
}
