package provider

import (
	"context"
	"crypto"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/foundrytf/terraform-provider-foundry/internal/client"
)

// newCredential builds the azidentity credential for the chosen method.
func newCredential(s settings, transport policy.Transporter) (azcore.TokenCredential, error) {
	// Token requests are retried like every other call of the provider: transient answers (throttling, 5xx) until the
	// deadline of the call that needs the token, honouring Retry-After (azidentity's default gives up after 4 tries).
	opts := azcore.ClientOptions{Cloud: s.Cloud, Transport: transport, Retry: client.RetryOptions()}
	// Instance discovery asks login.microsoftonline.com about the authority; a custom authority (another
	// cloud, the emulator) must not depend on that host.
	noDiscovery := s.CustomAuthority
	switch s.Method {
	case authSecret:
		return azidentity.NewClientSecretCredential(s.TenantID, s.ClientID, s.ClientSecret,
			&azidentity.ClientSecretCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: noDiscovery})
	case authCertificate:
		certs, key, err := loadCertificate(s.ClientCertificatePath, s.ClientCertificatePassword)
		if err != nil {
			return nil, err
		}
		return azidentity.NewClientCertificateCredential(s.TenantID, s.ClientID, certs, key,
			&azidentity.ClientCertificateCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: noDiscovery})
	case authOIDC:
		return azidentity.NewClientAssertionCredential(s.TenantID, s.ClientID, oidcAssertion(s, transport),
			&azidentity.ClientAssertionCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: noDiscovery})
	case authMSI:
		o := &azidentity.ManagedIdentityCredentialOptions{ClientOptions: opts}
		if s.ClientID != "" {
			o.ID = azidentity.ClientID(s.ClientID)
		}
		return azidentity.NewManagedIdentityCredential(o)
	default:
		return azidentity.NewAzureCLICredential(&azidentity.AzureCLICredentialOptions{TenantID: s.TenantID})
	}
}

func loadCertificate(path, password string) ([]*x509.Certificate, crypto.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("reading client_certificate_path: %w", err)
	}
	var pw []byte
	if password != "" {
		pw = []byte(password)
	}
	certs, key, err := azidentity.ParseCertificates(data, pw)
	if err != nil {
		return nil, nil, fmt.Errorf("parsing %s (PKCS#12 or PEM with certificate and private key): %w", path, err)
	}
	return certs, key, nil
}

// oidcAssertion returns the callback that supplies the federated token: the token itself, a file re-read on
// every call (tokens there are rotated), or a request to the CI system's token endpoint.
func oidcAssertion(s settings, transport policy.Transporter) func(context.Context) (string, error) {
	return func(ctx context.Context) (string, error) {
		switch {
		case s.OIDCToken != "":
			return s.OIDCToken, nil
		case s.OIDCTokenFilePath != "":
			b, err := os.ReadFile(s.OIDCTokenFilePath)
			if err != nil {
				return "", fmt.Errorf("reading oidc_token_file_path: %w", err)
			}
			return strings.TrimSpace(string(b)), nil
		default:
			return requestOIDCToken(ctx, s.OIDCRequestURL, s.OIDCRequestToken, transport)
		}
	}
}

// requestOIDCToken asks a GitHub-Actions-style endpoint for an ID token with the Entra token-exchange audience.
func requestOIDCToken(ctx context.Context, rawURL, bearer string, transport policy.Transporter) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("oidc_request_url: %w", err)
	}
	q := u.Query()
	q.Set("audience", "api://AzureADTokenExchange")
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+bearer)
	req.Header.Set("Accept", "application/json")
	do := http.DefaultClient.Do
	if transport != nil {
		do = transport.Do
	}
	resp, err := do(req)
	if err != nil {
		return "", fmt.Errorf("requesting an OIDC token: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("requesting an OIDC token: HTTP %d", resp.StatusCode)
	}
	var out struct {
		Value string `json:"value"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.Value == "" {
		return "", fmt.Errorf("the OIDC token endpoint returned no token")
	}
	return out.Value, nil
}

// credentialAdvice says which settings to check when the credential cannot get a token: the Microsoft Entra ID error
// code in the message points at one setting (AADSTS7000215 the secret, AADSTS700016 the client, AADSTS90002 the
// tenant); otherwise every setting the chosen method reads is named.
func credentialAdvice(s settings) func(error) string {
	return func(err error) string {
		msg := err.Error()
		has := func(codes ...string) bool {
			for _, c := range codes {
				if strings.Contains(msg, "AADSTS"+c+":") || strings.Contains(msg, "AADSTS"+c+" ") {
					return true
				}
			}
			return false
		}
		switch {
		case has("7000215", "7000222"):
			return "The client secret is wrong or expired: check client_secret (ARM_CLIENT_SECRET), a secret of application " + s.ClientID + "."
		case has("700016"):
			return fmt.Sprintf("No application with client ID %s exists in tenant %s: check client_id (ARM_CLIENT_ID) and tenant_id (ARM_TENANT_ID).",
				s.ClientID, s.TenantID)
		case has("90002", "900023", "90072"):
			return fmt.Sprintf("Tenant %s was not found: check tenant_id (ARM_TENANT_ID), and environment or endpoints.authority_host "+
				"(ARM_ENVIRONMENT, ARM_AUTHORITY_HOST) if the tenant is in another cloud.", s.TenantID)
		case has("700027", "700024", "50027", "700211"):
			if s.Method == authCertificate {
				return "The client assertion was refused: check client_certificate_path (ARM_CLIENT_CERTIFICATE_PATH) and client_id (ARM_CLIENT_ID)."
			}
			return "The federated token was refused: check the OIDC settings (oidc_token, oidc_token_file_path, oidc_request_url) and the " +
				"application's federated credential."
		}
		switch s.Method {
		case authSecret:
			return "Check tenant_id, client_id and client_secret (ARM_TENANT_ID, ARM_CLIENT_ID, ARM_CLIENT_SECRET)."
		case authCertificate:
			return "Check tenant_id, client_id and client_certificate_path (ARM_TENANT_ID, ARM_CLIENT_ID, ARM_CLIENT_CERTIFICATE_PATH)."
		case authOIDC:
			return "Check tenant_id, client_id and the OIDC token settings (ARM_TENANT_ID, ARM_CLIENT_ID, ARM_OIDC_TOKEN, ARM_OIDC_TOKEN_FILE_PATH, ARM_OIDC_REQUEST_URL)."
		case authMSI:
			return "Check use_msi (ARM_USE_MSI) and client_id (ARM_CLIENT_ID, for a user-assigned identity): no managed identity endpoint answered for it."
		}
		return "The Azure CLI could not provide a token: run az login (and az account set), or configure another method (client_secret, use_oidc, use_msi)."
	}
}
