package provider

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/foundrytf/terraform-provider-foundry/internal/providerdata"
)

// durationValidator refuses a waits value that is not a positive duration, at validate time.
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return "a positive duration, e.g. 90s or 5m"
}
func (v durationValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseWait(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), err.Error())
	}
}

func lookupEnv(name string) string { return os.Getenv(name) }

// authMethod is the credential the provider uses, chosen in the documented order.
type authMethod string

const (
	authCertificate authMethod = "client certificate"
	authSecret      authMethod = "client secret"
	authOIDC        authMethod = "OIDC"
	authMSI         authMethod = "managed identity"
	authCLI         authMethod = "Azure CLI"
)

// settings is the provider configuration after environment fallbacks and checks.
type settings struct {
	SubscriptionID            string
	TenantID                  string
	ClientID                  string
	ClientSecret              string
	ClientCertificatePath     string
	ClientCertificatePassword string
	OIDCToken                 string
	OIDCTokenFilePath         string
	OIDCRequestURL            string
	OIDCRequestToken          string
	Method                    authMethod
	Cloud                     cloud.Configuration
	ProjectAudience           string
	CustomAuthority           bool
	SkipProviderRegistration  bool
	PurgeSoftDeleteOnDestroy  bool
	RecoverSoftDeleted        bool
	Waits                     providerdata.Waits
}

// problem is one configuration error, attached to the attribute it concerns.
type problem struct {
	Path   path.Path
	Detail string
}

type envReader struct {
	getenv func(string) string
	probs  []problem
}

// str returns the configured value, else the first non-empty environment variable.
func (e *envReader) str(v types.String, names ...string) string {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString()
	}
	for _, n := range names {
		if s := e.getenv(n); s != "" {
			return s
		}
	}
	return ""
}

// boolean returns the configured value, else the environment variable, else def.
func (e *envReader) boolean(p path.Path, v types.Bool, name string, def bool) bool {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueBool()
	}
	s := e.getenv(name)
	if s == "" {
		return def
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		e.probs = append(e.probs, problem{p, fmt.Sprintf("Environment variable %s=%q is not a boolean; use true or false.", name, s)})
		return def
	}
	return b
}

type cloudDefaults struct {
	cloud           cloud.Configuration
	projectAudience string
}

var clouds = map[string]cloudDefaults{
	"public":       {cloud.AzurePublic, "https://ai.azure.com"},
	"usgovernment": {cloud.AzureGovernment, "https://ai.azure.us"},
	"china":        {cloud.AzureChina, "https://ai.azure.cn"},
}

// resolveSettings applies environment fallbacks and checks the configuration; it reads no files and calls nothing.
func resolveSettings(m providerModel, getenv func(string) string) (settings, []problem) {
	e := &envReader{getenv: getenv}
	s := settings{
		SubscriptionID:            e.str(m.SubscriptionID, "ARM_SUBSCRIPTION_ID"),
		TenantID:                  e.str(m.TenantID, "ARM_TENANT_ID"),
		ClientID:                  e.str(m.ClientID, "ARM_CLIENT_ID"),
		ClientSecret:              e.str(m.ClientSecret, "ARM_CLIENT_SECRET"),
		ClientCertificatePath:     e.str(m.ClientCertificatePath, "ARM_CLIENT_CERTIFICATE_PATH"),
		ClientCertificatePassword: e.str(m.ClientCertificatePassword, "ARM_CLIENT_CERTIFICATE_PASSWORD"),
		OIDCToken:                 e.str(m.OIDCToken, "ARM_OIDC_TOKEN"),
		OIDCTokenFilePath:         e.str(m.OIDCTokenFilePath, "ARM_OIDC_TOKEN_FILE_PATH", "AZURE_FEDERATED_TOKEN_FILE"),
		OIDCRequestURL:            e.str(m.OIDCRequestURL, "ARM_OIDC_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_URL"),
		OIDCRequestToken:          e.str(m.OIDCRequestToken, "ARM_OIDC_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"),
	}
	useOIDC := e.boolean(path.Root("use_oidc"), m.UseOIDC, "ARM_USE_OIDC", false)
	useMSI := e.boolean(path.Root("use_msi"), m.UseMSI, "ARM_USE_MSI", false)
	useCLI := e.boolean(path.Root("use_cli"), m.UseCLI, "ARM_USE_CLI", true)
	s.SkipProviderRegistration = e.boolean(path.Root("skip_provider_registration"), m.SkipProviderRegistration, "ARM_SKIP_PROVIDER_REGISTRATION", false)
	if m.Features != nil && m.Features.Account != nil {
		s.PurgeSoftDeleteOnDestroy = m.Features.Account.PurgeSoftDeleteOnDestroy.ValueBool()
		s.RecoverSoftDeleted = m.Features.Account.RecoverSoftDeleted.ValueBool()
	}

	s.Waits = providerdata.DefaultWaits()
	if w := m.Waits; w != nil {
		e.duration(path.Root("waits").AtName("principal_replication"), w.PrincipalReplication, &s.Waits.PrincipalReplication)
		e.duration(path.Root("waits").AtName("role_propagation"), w.RolePropagation, &s.Waits.RolePropagation)
		e.duration(path.Root("waits").AtName("capability_host_ready"), w.CapabilityHostReady, &s.Waits.CapabilityHostReady)
		e.duration(path.Root("waits").AtName("subnet_link_release"), w.SubnetLinkRelease, &s.Waits.SubnetLinkRelease)
		e.duration(path.Root("waits").AtName("delete_ordering"), w.DeleteOrdering, &s.Waits.DeleteOrdering)
	}

	if s.SubscriptionID == "" {
		e.probs = append(e.probs, problem{path.Root("subscription_id"), "Set subscription_id in the provider block or the ARM_SUBSCRIPTION_ID environment variable to the subscription that holds your Foundry resources."})
	}

	// Credential choice, in the documented order; two explicit methods at once are a contradiction.
	var explicit []string
	if s.ClientCertificatePath != "" {
		explicit = append(explicit, "client_certificate_path (ARM_CLIENT_CERTIFICATE_PATH)")
	}
	if s.ClientSecret != "" {
		explicit = append(explicit, "client_secret (ARM_CLIENT_SECRET)")
	}
	if useOIDC {
		explicit = append(explicit, "use_oidc (ARM_USE_OIDC)")
	}
	if useMSI {
		explicit = append(explicit, "use_msi (ARM_USE_MSI)")
	}
	switch {
	case len(explicit) > 1:
		e.probs = append(e.probs, problem{path.Root("client_secret"), fmt.Sprintf("Several authentication methods are configured: %s. Configure exactly one (unset the others, including their environment variables).", strings.Join(explicit, ", "))})
	case s.ClientCertificatePath != "":
		s.Method = authCertificate
	case s.ClientSecret != "":
		s.Method = authSecret
	case useOIDC:
		s.Method = authOIDC
		if s.OIDCToken == "" && s.OIDCTokenFilePath == "" && (s.OIDCRequestURL == "" || s.OIDCRequestToken == "") {
			e.probs = append(e.probs, problem{path.Root("use_oidc"), "use_oidc is true but no token source is set: set oidc_token (ARM_OIDC_TOKEN), oidc_token_file_path (ARM_OIDC_TOKEN_FILE_PATH), or both oidc_request_url and oidc_request_token (ARM_OIDC_REQUEST_URL, ARM_OIDC_REQUEST_TOKEN)."})
		}
	case useMSI:
		s.Method = authMSI
	case useCLI:
		s.Method = authCLI
	default:
		e.probs = append(e.probs, problem{path.Root("use_cli"), "No authentication method is configured and use_cli is false: set client_secret, client_certificate_path, use_oidc or use_msi (or their ARM_* environment variables), or allow the Azure CLI with use_cli = true."})
	}
	if s.Method == authSecret || s.Method == authCertificate || s.Method == authOIDC {
		if s.TenantID == "" {
			e.probs = append(e.probs, problem{path.Root("tenant_id"), fmt.Sprintf("%s authentication needs the tenant: set tenant_id or ARM_TENANT_ID.", s.Method)})
		}
		if s.ClientID == "" {
			e.probs = append(e.probs, problem{path.Root("client_id"), fmt.Sprintf("%s authentication needs the application's client ID: set client_id or ARM_CLIENT_ID.", s.Method)})
		}
	}

	envName := strings.ToLower(e.str(m.Environment, "ARM_ENVIRONMENT"))
	if envName == "" {
		envName = "public"
	}
	def, ok := clouds[envName]
	if !ok {
		e.probs = append(e.probs, problem{path.Root("environment"), fmt.Sprintf("Unknown environment %q: use public, usgovernment or china, or the endpoints block for any other cloud.", envName)})
		def = clouds["public"]
	}
	s.Cloud = cloneCloud(def.cloud)
	s.ProjectAudience = def.projectAudience
	var ep endpointsModel
	if m.Endpoints != nil {
		ep = *m.Endpoints
	}
	rm := s.Cloud.Services[cloud.ResourceManager]
	if v := e.str(ep.ResourceManagerEndpoint, "ARM_RESOURCE_MANAGER_ENDPOINT"); v != "" {
		rm.Endpoint = strings.TrimSuffix(v, "/")
		e.checkURL(path.Root("endpoints").AtName("resource_manager_endpoint"), v, false)
	}
	if v := e.str(ep.ResourceManagerAudience, "ARM_RESOURCE_MANAGER_AUDIENCE"); v != "" {
		rm.Audience = v
	}
	s.Cloud.Services[cloud.ResourceManager] = rm
	if v := e.str(ep.AuthorityHost, "ARM_AUTHORITY_HOST"); v != "" {
		if !strings.HasSuffix(v, "/") {
			v += "/"
		}
		e.checkURL(path.Root("endpoints").AtName("authority_host"), v, true)
		s.CustomAuthority = v != s.Cloud.ActiveDirectoryAuthorityHost
		s.Cloud.ActiveDirectoryAuthorityHost = v
	}
	if v := e.str(ep.ProjectAudience, "ARM_PROJECT_AUDIENCE"); v != "" {
		s.ProjectAudience = strings.TrimSuffix(v, "/")
	}
	return s, e.probs
}

// duration sets *out from a configured duration, leaving the default when it is not set.
func (e *envReader) duration(p path.Path, v types.String, out *time.Duration) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	d, err := parseWait(v.ValueString())
	if err != nil {
		e.probs = append(e.probs, problem{p, err.Error()})
		return
	}
	*out = d
}

// parseWait reads a wait's bound: a positive Go duration.
func parseWait(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a positive duration: write it like \"90s\", \"5m\" or \"1h30m\"", s)
	}
	return d, nil
}

func (e *envReader) checkURL(p path.Path, v string, httpsOnly bool) {
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		e.probs = append(e.probs, problem{p, fmt.Sprintf("%q is not an absolute http(s) URL.", v)})
		return
	}
	if httpsOnly && u.Scheme != "https" {
		e.probs = append(e.probs, problem{p, fmt.Sprintf("%q must use https: Microsoft Entra authority hosts are only reached over TLS.", v)})
	}
}

// cloneCloud copies c so that edits never reach azcore's shared cloud.AzurePublic map.
func cloneCloud(c cloud.Configuration) cloud.Configuration {
	out := cloud.Configuration{ActiveDirectoryAuthorityHost: c.ActiveDirectoryAuthorityHost, Services: map[cloud.ServiceName]cloud.ServiceConfiguration{}}
	for k, v := range c.Services {
		out.Services[k] = v
	}
	return out
}
