package client

import (
	"math"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/fake"
)

func TestIsLoopback(t *testing.T) {
	for endpoint, want := range map[string]bool{
		"http://127.0.0.1:8443":                   true,
		"http://localhost:1234/api/projects/p":    true,
		"http://LOCALHOST":                        true,
		"http://[::1]:80":                         true,
		"https://127.0.0.2":                       true,
		"https://management.azure.com":            false,
		"http://example.test":                     false,
		"http://127.0.0.1.example.test":           false,
		"http://localhost.example.test":           false,
		"http://10.0.0.1":                         false,
		"://bad":                                  false,
		"https://mysub.services.ai.azure.com/api": false,
	} {
		if got := isLoopback(endpoint); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", endpoint, got, want)
		}
	}
}

func TestNew_validatesOptions(t *testing.T) {
	if _, err := New(Options{Cloud: cloud.AzurePublic}); err == nil {
		t.Error("no credential accepted")
	}
	if _, err := New(Options{Credential: &fake.TokenCredential{}, Cloud: cloud.Configuration{}}); err == nil {
		t.Error("a cloud without Resource Manager accepted")
	}
	c, err := New(Options{Credential: &fake.TokenCredential{}, Cloud: cloud.AzurePublic})
	if err != nil {
		t.Fatal(err)
	}
	if c.opts.ProjectAudience != DefaultProjectAudience || c.opts.PollFrequency != defaultPollFrequency ||
		c.opts.ConflictRetry.MaxAttempts != math.MaxInt || c.opts.CallTimeout != DefaultCallTimeout || len(c.opts.CorrelationID) != 36 {
		t.Errorf("defaults not applied: %+v", c.opts)
	}
}
