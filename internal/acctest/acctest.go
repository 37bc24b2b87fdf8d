// Package acctest runs the provider against a fresh local Foundry emulator in each acceptance test.
package acctest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
	"github.com/foundrytf/terraform-provider-foundry/internal/provider"
)

// ARMAudience is the Azure Resource Manager token audience the tests configure.
const ARMAudience = emulator.ARMAudience

var (
	caOnce sync.Once
	ca     *emulator.CA
	caErr  error
)

// sharedCA is one certificate authority for every emulator in the test binary, so TLS trust is set up once.
func sharedCA(t testing.TB) *emulator.CA {
	caOnce.Do(func() { ca, caErr = emulator.NewCA() })
	if caErr != nil {
		t.Fatalf("creating the emulator CA: %v", caErr)
	}
	return ca
}

// Env is one running emulator and the identity the provider signs in with.
type Env struct {
	Server         *emulator.Server
	SubscriptionID string
	TenantID       string
	ClientID       string
	ClientSecret   string
	// DataDir stands for the Terraform working directory's data directory of the provider served in-process (its
	// journal of creates); FactoriesIn serves another one, as a second working directory would.
	DataDir string
}

// NewEnv starts a fresh emulator for t and stops it when t ends. opts adjust the emulator's options.
func NewEnv(t testing.TB, opts ...func(*emulator.Options)) *Env {
	t.Helper()
	seed := emulator.DefaultSeed()
	o := emulator.Options{CA: sharedCA(t), Seed: seed}
	for _, f := range opts {
		f(&o)
	}
	srv, err := emulator.Start(o)
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return &Env{
		Server:         srv,
		SubscriptionID: seed.Subscriptions[0].ID,
		TenantID:       seed.TenantID,
		ClientID:       seed.Clients[0].ClientID,
		ClientSecret:   seed.Clients[0].ClientSecret,
		DataDir:        t.TempDir(),
	}
}

// Factories serves the provider in-process; it reaches the emulator over HTTPS with a transport that trusts the
// emulator's CA, and signs in through the emulator's Entra ID endpoints with a client secret.
func (e *Env) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return e.FactoriesIn(e.DataDir)
}

// FactoriesIn is Factories for another working directory, whose data directory is dataDir: a second configuration
// (its own state and journal of creates) against the same emulator.
func (e *Env) FactoriesIn(dataDir string) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"foundry": providerserver.NewProtocol6WithError(provider.NewForTest("test", e.Server.HTTPClient(), dataDir)()),
	}
}

// ProviderBlock is a provider "foundry" block for this emulator; body is added inside it (e.g. a features block).
func (e *Env) ProviderBlock(body string) string {
	return e.ProviderBlockWithAudience(ARMAudience, body)
}

// ProviderBlockWithAudience is ProviderBlock with another Resource Manager token audience.
func (e *Env) ProviderBlockWithAudience(audience, body string) string {
	return fmt.Sprintf(`
provider "foundry" {
  subscription_id = %[1]q
  tenant_id       = %[2]q
  client_id       = %[3]q
  client_secret   = %[4]q
  use_cli         = false

  endpoints {
    resource_manager_endpoint = %[5]q
    resource_manager_audience = %[6]q
    authority_host            = %[7]q
  }
%[8]s
}
`, e.SubscriptionID, e.TenantID, e.ClientID, e.ClientSecret, e.Server.URL(), audience, e.Server.URL()+"/", body)
}

// ExampleConfig is the configuration of the example folder examples/<folder> for this emulator: ProviderBlock(body)
// followed by every .tf file of the folder but providers.tf (which configures the provider from the environment).
func (e *Env) ExampleConfig(t testing.TB, folder, body string) string {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(self), "..", "..", "examples", folder)
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	files = slices.DeleteFunc(files, func(f string) bool { return filepath.Base(f) == "providers.tf" })
	if err != nil || len(files) == 0 {
		t.Fatalf("no .tf files in %s: %v", dir, err)
	}
	config := e.ProviderBlock(body)
	for _, f := range files { // Glob returns them sorted
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		config += "\n" + string(b)
	}
	return config
}

// AccountID is the ARM ID of an account in the default resource group's subscription.
func (e *Env) AccountID(resourceGroup, name string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.CognitiveServices/accounts/%s", e.SubscriptionID, resourceGroup, name)
}

// RandomName returns prefix plus a random lower-case suffix, for names that must be unique (subdomains are global).
func RandomName(prefix string) string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return strings.ToLower(prefix + hex.EncodeToString(b))
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
