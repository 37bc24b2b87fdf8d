package provider

import (
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestResolveSettings(t *testing.T) {
	secretEnv := map[string]string{
		"ARM_SUBSCRIPTION_ID": "sub", "ARM_TENANT_ID": "tenant", "ARM_CLIENT_ID": "client", "ARM_CLIENT_SECRET": "secret",
	}
	cases := map[string]struct {
		model      providerModel
		env        map[string]string
		wantMethod authMethod
		wantErrs   []string // substrings, one per expected problem
	}{
		"secret from environment": {env: secretEnv, wantMethod: authSecret},
		"configuration beats environment": {
			model: providerModel{SubscriptionID: types.StringValue("from-config")}, env: secretEnv, wantMethod: authSecret,
		},
		"nothing set falls back to the CLI": {env: map[string]string{"ARM_SUBSCRIPTION_ID": "sub"}, wantMethod: authCLI},
		"missing subscription names the variable": {
			env: map[string]string{}, wantMethod: authCLI, wantErrs: []string{"ARM_SUBSCRIPTION_ID"},
		},
		"secret without tenant": {
			env:        map[string]string{"ARM_SUBSCRIPTION_ID": "s", "ARM_CLIENT_ID": "c", "ARM_CLIENT_SECRET": "x"},
			wantMethod: authSecret, wantErrs: []string{"ARM_TENANT_ID"},
		},
		"two methods contradict": {
			env:      map[string]string{"ARM_SUBSCRIPTION_ID": "s", "ARM_TENANT_ID": "t", "ARM_CLIENT_ID": "c", "ARM_CLIENT_SECRET": "x", "ARM_USE_OIDC": "true"},
			wantErrs: []string{"Several authentication methods are configured: client_secret (ARM_CLIENT_SECRET), use_oidc (ARM_USE_OIDC)"},
		},
		"oidc without a token source": {
			env:        map[string]string{"ARM_SUBSCRIPTION_ID": "s", "ARM_TENANT_ID": "t", "ARM_CLIENT_ID": "c", "ARM_USE_OIDC": "1"},
			wantMethod: authOIDC, wantErrs: []string{"no token source"},
		},
		"oidc with GitHub Actions variables": {
			env: map[string]string{"ARM_SUBSCRIPTION_ID": "s", "ARM_TENANT_ID": "t", "ARM_CLIENT_ID": "c", "ARM_USE_OIDC": "true",
				"ACTIONS_ID_TOKEN_REQUEST_URL": "https://token.example", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "abc"},
			wantMethod: authOIDC,
		},
		"bad boolean": {
			env:        map[string]string{"ARM_SUBSCRIPTION_ID": "s", "ARM_USE_MSI": "yes please"},
			wantMethod: authCLI, wantErrs: []string{"ARM_USE_MSI=\"yes please\" is not a boolean"},
		},
		"cli disabled and nothing else": {
			env: map[string]string{"ARM_SUBSCRIPTION_ID": "s", "ARM_USE_CLI": "false"}, wantErrs: []string{"No authentication method is configured"},
		},
		"unknown environment": {
			env: map[string]string{"ARM_SUBSCRIPTION_ID": "s", "ARM_ENVIRONMENT": "mars"}, wantMethod: authCLI, wantErrs: []string{`Unknown environment "mars"`},
		},
		"plain-http authority refused": {
			model:      providerModel{Endpoints: &endpointsModel{AuthorityHost: types.StringValue("http://127.0.0.1:1/")}},
			env:        map[string]string{"ARM_SUBSCRIPTION_ID": "s"},
			wantMethod: authCLI, wantErrs: []string{"must use https"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s, probs := resolveSettings(tc.model, env(tc.env))
			if len(probs) != len(tc.wantErrs) {
				t.Fatalf("got %d problems %+v, want %d", len(probs), probs, len(tc.wantErrs))
			}
			for i, want := range tc.wantErrs {
				if !strings.Contains(probs[i].Detail, want) {
					t.Errorf("problem %d = %q, want it to contain %q", i, probs[i].Detail, want)
				}
			}
			if tc.wantMethod != "" && s.Method != tc.wantMethod {
				t.Errorf("method = %q, want %q", s.Method, tc.wantMethod)
			}
			if tc.model.SubscriptionID.ValueString() == "from-config" && s.SubscriptionID != "from-config" {
				t.Errorf("subscription = %q, want the configured value", s.SubscriptionID)
			}
		})
	}
}

func TestResolveSettingsEndpoints(t *testing.T) {
	s, probs := resolveSettings(providerModel{
		Environment: types.StringValue("usgovernment"),
		Endpoints: &endpointsModel{
			ResourceManagerEndpoint: types.StringValue("https://127.0.0.1:8443/"),
			AuthorityHost:           types.StringValue("https://127.0.0.1:8443"),
		},
	}, env(map[string]string{"ARM_SUBSCRIPTION_ID": "s", "ARM_RESOURCE_MANAGER_AUDIENCE": "https://management.core.windows.net/"}))
	if len(probs) != 0 {
		t.Fatalf("unexpected problems: %+v", probs)
	}
	rm := s.Cloud.Services[cloud.ResourceManager]
	if rm.Endpoint != "https://127.0.0.1:8443" || rm.Audience != "https://management.core.windows.net/" {
		t.Errorf("resource manager = %+v", rm)
	}
	if s.Cloud.ActiveDirectoryAuthorityHost != "https://127.0.0.1:8443/" || !s.CustomAuthority {
		t.Errorf("authority = %q custom=%v", s.Cloud.ActiveDirectoryAuthorityHost, s.CustomAuthority)
	}
	if s.ProjectAudience != "https://ai.azure.us" {
		t.Errorf("project audience = %q, want the US Government default", s.ProjectAudience)
	}
	// The shared azcore cloud definitions must not have been edited.
	if cloud.AzureGovernment.Services[cloud.ResourceManager].Endpoint != "https://management.usgovcloudapi.net" {
		t.Errorf("cloud.AzureGovernment was modified: %+v", cloud.AzureGovernment.Services[cloud.ResourceManager])
	}
}
